import { asc, eq, isNotNull, sql } from "drizzle-orm";
import { drawdowns, expenditures, financePlanItems, fundingApplications, fundingProgrammes } from "../../../db/schema";
import { applyRate, grantShareBp } from "./calc";
import type { Tx } from "../../utils/db.server";
import { type Tenant, scoped } from "../../utils/tenant.server";
import { cancelDeadlines, listDeadlines, scheduleDeadline, workflowStates } from "../../workflow/index.server";
import { computeDeadlines } from "./deadlines";
import { CLOSED_STATES } from "./states";
import { SUBJECT_TYPE, applicationUrl } from "./subject";

export { SUBJECT_TYPE };
/** Keys of deadlines this area keeps (the engine's own state deadlines use other keys). */
export const DEADLINE_PREFIX = "funding.";

/**
 * Recomputes an application's deadlines from its programme's rules and the decision and keeps
 * them in the workflow engine: upserts by key, cancels keys that no longer apply. Called inside
 * every use case that changes dates, the decision or drawdowns.
 */
export function syncDeadlines(tx: Tx, tenant: Tenant, applicationId: number): void {
  const row = tx
    .select({ app: fundingApplications, programme: fundingProgrammes })
    .from(fundingApplications)
    .innerJoin(fundingProgrammes, eq(fundingProgrammes.id, fundingApplications.programmeId))
    .where(scoped(fundingApplications, tenant, eq(fundingApplications.id, applicationId)))
    .get();
  if (!row) return;
  const { app, programme } = row;
  const state = workflowStates(tx, tenant, SUBJECT_TYPE, [applicationId]).get(applicationId)?.state ?? "drafting";
  const received = tx
    .select({ id: drawdowns.id, receivedOn: drawdowns.receivedOn, receivedCents: drawdowns.receivedCents })
    .from(drawdowns)
    .where(scoped(drawdowns, tenant, eq(drawdowns.applicationId, applicationId), isNotNull(drawdowns.receivedOn)))
    .orderBy(asc(drawdowns.receivedOn), asc(drawdowns.id))
    .all();
  const spent =
    tx
      .select({ cents: sql<number>`coalesce(sum(${expenditures.amountCents}), 0)` })
      .from(expenditures)
      .where(scoped(expenditures, tenant, eq(expenditures.applicationId, applicationId)))
      .get()?.cents ?? 0;
  const planned =
    tx
      .select({ cents: sql<number>`coalesce(sum(${financePlanItems.plannedCents}), 0)` })
      .from(financePlanItems)
      .where(scoped(financePlanItems, tenant, eq(financePlanItems.applicationId, applicationId)))
      .get()?.cents ?? 0;
  const computed =
    state === "rejected" || state === "withdrawn"
      ? []
      : computeDeadlines(programme, {
          granted: app.grantedCents != null && app.decisionDate != null,
          submittedOn: app.submittedOn,
          outlineSubmitted: !["drafting", "projectOutline"].includes(state),
          fundingPeriodStart: app.fundingPeriodStart,
          fundingPeriodEnd: app.fundingPeriodEnd,
          earmarkingUntil: app.earmarkingUntil,
          receivedDrawdowns: received.map((d) => ({ id: d.id, receivedOn: d.receivedOn!, receivedCents: d.receivedCents ?? 0 })),
          usedGrantCents: applyRate(spent, grantShareBp(app.grantedCents ?? 0, planned)),
          closed: CLOSED_STATES.includes(state),
        });
  const link = applicationUrl(applicationId);
  const wanted = new Set<string>();
  for (const d of computed) {
    const key = DEADLINE_PREFIX + d.key;
    wanted.add(key);
    scheduleDeadline(tx, tenant, {
      subjectType: SUBJECT_TYPE,
      subjectId: applicationId,
      key,
      label: `${d.label} – ${app.title}`,
      dueDate: d.dueDate,
      remindDaysBefore: d.remindDaysBefore,
      assigneeRole: d.assigneeRole,
      link,
    });
  }
  for (const existing of listDeadlines(tx, tenant, { subjectType: SUBJECT_TYPE, subjectId: applicationId, status: ["open", "due", "overdue"] })) {
    if (existing.key.startsWith(DEADLINE_PREFIX) && !wanted.has(existing.key)) {
      cancelDeadlines(tx, tenant, SUBJECT_TYPE, applicationId, existing.key);
    }
  }
}
