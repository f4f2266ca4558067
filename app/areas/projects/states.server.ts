import type { DbOrTx } from "../../utils/db.server";
import type { Tenant } from "../../utils/tenant.server";
import { subjectTypeStates } from "../../workflow/index.server";
import { type ProjectStateCatalog, stateCatalog } from "./states";

export type { ProjectStateCatalog } from "./states";

/**
 * The project states of the definition versions this Kommune's projects run on (built-in or
 * deployed by the Kommune): every view of projects – list, Übersicht, Roadmap, Portfolio, reports,
 * the assessment's "finished" rule – follows them, so a Kommune's own states and labels show up.
 */
export function projectStateCatalog(db: DbOrTx, tenant: Tenant): ProjectStateCatalog {
  return stateCatalog(subjectTypeStates(db, tenant, "project"));
}
