import { eq } from "drizzle-orm";
import { projects, teamMembers, teamProjects } from "../../../db/schema";
import type { DbOrTx } from "../../utils/db.server";
import type { AreaCaller } from "../../utils/caller.server";
import { ValidationError } from "../../utils/errors";
import { forbidden } from "../../utils/http.server";
import { type Tenant, scoped } from "../../utils/tenant.server";
import { refuseJointPartner } from "../joint/partner-guard.server";
import { ARCHIVED_PROJECT_MESSAGE, NOT_OWN_PROJECT_MESSAGE, mayChangeAsRole } from "./projects";

/** Who changes projects: a Kommune member (or a job/seed) with an actor for the audit and a role for the workflow. */
export interface ProjectEditor extends AreaCaller {
  /** The editor's employee record in this Kommune: a project lead may change only projects it leads or works on. */
  employeeId?: number | null;
}

/** The employees who lead a project or work on it as members of a team assigned to it. */
function projectPeople(db: DbOrTx, t: Tenant, project: { id: number; projectLeadEmployeeId: number | null }): number[] {
  const members = db
    .select({ id: teamMembers.employeeId })
    .from(teamProjects)
    .innerJoin(teamMembers, eq(teamMembers.teamId, teamProjects.teamId))
    .where(scoped(teamProjects, t, eq(teamProjects.projectId, project.id)))
    .all()
    .map((m) => m.id);
  return project.projectLeadEmployeeId === null ? members : [project.projectLeadEmployeeId, ...members];
}

/** Whether this user may change the project (edit, archive, milestones, risks, dependencies, status); CDO, admin and Roll-in-Service all. */
export function mayChangeProject(db: DbOrTx, editor: ProjectEditor, project: { id: number; projectLeadEmployeeId: number | null }): boolean {
  if (mayChangeAsRole(editor.role, null, [])) return true;
  return mayChangeAsRole(editor.role, editor.employeeId ?? null, projectPeople(db, editor, project));
}

/** Refuses (403) a project lead's change of a project it neither leads nor works on. */
export function assertMayChangeProject(db: DbOrTx, editor: ProjectEditor, project: { id: number; projectLeadEmployeeId: number | null }): void {
  if (!mayChangeProject(db, editor, project)) forbidden(NOT_OWN_PROJECT_MESSAGE);
}

export function getProjectRow(db: DbOrTx, t: Tenant, id: number) {
  return db.select().from(projects).where(scoped(projects, t, eq(projects.id, id))).get();
}

/**
 * The project, if it exists in this Kommune and is not archived. Archived projects are read-only
 * until restored, whatever the UI shows: every edit use case goes through here.
 */
export function requireEditableProject(tx: DbOrTx, editor: ProjectEditor, projectId: number) {
  const project = getProjectRow(tx, editor, projectId);
  if (!project) {
    // A partner Kommune of a joint project sees it read-only: 403, not "not found".
    refuseJointPartner(tx, editor, projectId);
    throw new ValidationError({ form: ["Das Projekt gibt es in dieser Kommune nicht."] });
  }
  assertMayChangeProject(tx, editor, project);
  if (project.archivedAt !== null) throw new ValidationError({ form: [ARCHIVED_PROJECT_MESSAGE] });
  return project;
}
