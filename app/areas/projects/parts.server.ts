import { eq, sql } from "drizzle-orm";
import { projects } from "../../../db/schema";
import { type AuditInput, writeAudit } from "../../utils/audit.server";
import { type Tx, transaction } from "../../utils/db.server";
import { assertCan } from "../../utils/permissions";
import { type Tenant, scoped } from "../../utils/tenant.server";
import { recomputeProjectClassification } from "../assessment/assessment.server";
import { type ProjectEditor, requireEditableProject } from "./access.server";

/**
 * Milestones, dependencies and risks count as edits of the project: they bump its version, and
 * the classification is recomputed (overdue milestones are part of it).
 */
function touchProject(tx: Tx, t: Tenant, projectId: number): void {
  tx.update(projects)
    .set({ version: sql`${projects.version} + 1`, updatedAt: new Date().toISOString() })
    .where(scoped(projects, t, eq(projects.id, projectId)))
    .run();
  recomputeProjectClassification(tx, t, projectId);
}

/** What one change of a project part did, for its audit entry. */
export interface PartChange {
  entityId: number;
  action: AuditInput["action"];
  changes: NonNullable<AuditInput["changes"]>;
}

/**
 * The one sequence every change of a milestone, dependency or risk runs through: the permission,
 * one transaction, the project editable by this caller (in this Kommune, not archived, the lead's
 * own), the change itself, the project touched, and the audit entry with the project as parent.
 * Returns the changed part's id (the new one on create).
 */
export function changeProjectPart(
  editor: ProjectEditor,
  projectId: number,
  entity: "milestone" | "projectDependency" | "risk",
  change: (tx: Tx, project: typeof projects.$inferSelect) => PartChange,
): number {
  assertCan(editor, "project.edit");
  return transaction((tx) => {
    const project = requireEditableProject(tx, editor, projectId);
    const { entityId, action, changes } = change(tx, project);
    touchProject(tx, editor, projectId);
    writeAudit(tx, { actor: editor.actor, municipalityId: editor.municipalityId, entity, entityId, action, changes, parent: { entity: "project", id: projectId } });
    return entityId;
  });
}
