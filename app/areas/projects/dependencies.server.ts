import { eq } from "drizzle-orm";
import { projectDependencies } from "../../../db/schema";
import { newValues, oldValues } from "../../utils/audit.server";
import { ValidationError } from "../../utils/errors";
import { scoped, tenantRow } from "../../utils/tenant.server";
import { type ProjectEditor, getProjectRow } from "./access.server";
import { changeProjectPart } from "./parts.server";
import { wouldCreateCycle } from "./projects";

/** Records that `projectId` needs `dependsOnProjectId`; refuses self-references and cycles. */
export function addDependency(editor: ProjectEditor, projectId: number, dependsOnProjectId: number): void {
  changeProjectPart(editor, projectId, "projectDependency", (tx, project) => {
    const other = getProjectRow(tx, editor, dependsOnProjectId);
    if (!other) throw new ValidationError({ dependsOnProjectId: ["Bitte wählen Sie ein Projekt dieser Kommune."] });
    if (other.archivedAt !== null) throw new ValidationError({ dependsOnProjectId: [`„${other.title}“ ist archiviert; wählen Sie ein aktives Projekt.`] });
    if (dependsOnProjectId === projectId) throw new ValidationError({ dependsOnProjectId: ["Ein Projekt kann nicht von sich selbst abhängen."] });
    const edges = tx
      .select({ projectId: projectDependencies.projectId, dependsOnProjectId: projectDependencies.dependsOnProjectId })
      .from(projectDependencies)
      .where(scoped(projectDependencies, editor))
      .all();
    if (edges.some((e) => e.projectId === projectId && e.dependsOnProjectId === dependsOnProjectId)) {
      throw new ValidationError({ dependsOnProjectId: ["Diese Abhängigkeit ist bereits erfasst."] });
    }
    if (wouldCreateCycle(edges, projectId, dependsOnProjectId)) {
      throw new ValidationError({
        dependsOnProjectId: [`„${other.title}“ hängt bereits (direkt oder über andere Projekte) von „${project.title}“ ab; die Abhängigkeit würde einen Kreis bilden.`],
      });
    }
    const created = tx.insert(projectDependencies).values(tenantRow(editor, { projectId, dependsOnProjectId })).returning({ id: projectDependencies.id }).get();
    return { entityId: created.id, action: "create", changes: newValues({ dependsOnProjectId }) };
  });
}

export function removeDependency(editor: ProjectEditor, projectId: number, dependencyId: number): void {
  changeProjectPart(editor, projectId, "projectDependency", (tx) => {
    const before = tx
      .select()
      .from(projectDependencies)
      .where(scoped(projectDependencies, editor, eq(projectDependencies.id, dependencyId), eq(projectDependencies.projectId, projectId)))
      .get();
    if (!before) throw new ValidationError({ form: ["Diese Abhängigkeit gibt es nicht mehr."] });
    tx.delete(projectDependencies).where(scoped(projectDependencies, editor, eq(projectDependencies.id, dependencyId))).run();
    return { entityId: dependencyId, action: "delete", changes: oldValues({ dependsOnProjectId: before.dependsOnProjectId }) };
  });
}
