import { projects } from "../../../db/schema";
import type { DbOrTx } from "../../utils/db.server";
import type { Tenant } from "../../utils/tenant.server";
import { subjectInstanceJoin, subjectTypeStates, workflowStates } from "../../workflow/index.server";
import { type ProjectStateCatalog, stateCatalog } from "./states";

export type { ProjectStateCatalog } from "./states";

/** Join condition from a project to its workflow instance (the instance's state is the project's status). */
export const projectInstanceJoin = subjectInstanceJoin(projects, "project");

/**
 * The project states of the definition versions this Kommune's projects run on (built-in or
 * deployed by the Kommune): every view of projects – list, Übersicht, Roadmap, Portfolio, reports,
 * the assessment's "finished" rule – follows them, so a Kommune's own states and labels show up.
 */
export function projectStateCatalog(db: DbOrTx, tenant: Tenant): ProjectStateCatalog {
  return stateCatalog(subjectTypeStates(db, tenant, "project"));
}

/**
 * Each project's workflow state label, from the definition version its instance runs on: a single
 * project is always labelled like this (list, project page, Roadmap, Portfolio, Steckbrief); the
 * catalog's labels serve grouping and filters across versions.
 */
export function projectStateLabels(db: DbOrTx, t: Tenant, projectIds?: number[]): Map<number, string> {
  if (projectIds && projectIds.length === 0) return new Map();
  return new Map([...workflowStates(db, t, "project", projectIds)].map(([id, s]) => [id, s.stateLabel]));
}
