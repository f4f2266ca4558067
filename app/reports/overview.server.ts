import { asc, eq, isNull } from "drizzle-orm";
import { fundingApplications, projects, workflowInstances } from "../../db/schema";
import { GRANTED_STATES } from "../areas/funding/applications.server";
import type { DbOrTx } from "../utils/db.server";
import { type Tenant, scoped } from "../utils/tenant.server";
import { getWorkflow, subjectInstanceJoin } from "../workflow/index.server";

/** Funding applications with a grant decision: the ones Nachweise can be made for. */
export function grantedApplications(db: DbOrTx, tenant: Tenant) {
  return db
    .select({ id: fundingApplications.id, title: fundingApplications.title, fileNumber: fundingApplications.fileNumber, state: workflowInstances.state })
    .from(fundingApplications)
    .innerJoin(workflowInstances, subjectInstanceJoin(fundingApplications, "fundingApplication"))
    .where(scoped(fundingApplications, tenant))
    .orderBy(asc(fundingApplications.title))
    .all()
    .filter((a) => GRANTED_STATES.includes(a.state))
    .map((a) => ({ ...a, stateLabel: getWorkflow(db, tenant, "fundingApplication", a.id)?.stateLabel ?? a.state }));
}

export function reportableProjects(db: DbOrTx, tenant: Tenant) {
  return db
    .select({ id: projects.id, title: projects.title })
    .from(projects)
    .where(scoped(projects, tenant, isNull(projects.archivedAt)))
    .orderBy(asc(projects.title))
    .all();
}

/** The application's title and workflow state for the report page; undefined outside the Kommune. */
export function applicationHeading(db: DbOrTx, tenant: Tenant, applicationId: number) {
  const row = db
    .select({
      id: fundingApplications.id,
      title: fundingApplications.title,
      fundingPeriodStart: fundingApplications.fundingPeriodStart,
      fundingPeriodEnd: fundingApplications.fundingPeriodEnd,
    })
    .from(fundingApplications)
    .where(scoped(fundingApplications, tenant, eq(fundingApplications.id, applicationId)))
    .get();
  if (!row) return undefined;
  const workflow = getWorkflow(db, tenant, "fundingApplication", applicationId);
  return { ...row, state: workflow?.state ?? "drafting", stateLabel: workflow?.stateLabel ?? "Antrag in Vorbereitung", granted: GRANTED_STATES.includes(workflow?.state ?? "") };
}
