import { desc, eq, sql } from "drizzle-orm";
import {
  financePlanItems,
  fundingApplications,
  fundingProgrammes,
  municipalities,
  projects,
} from "../../../db/schema";
import { type DbOrTx, getDb } from "../../utils/db.server";
import { todayIso } from "../../utils/format";
import { type Tenant, scoped } from "../../utils/tenant.server";
import { listDeadlines, workflowStates } from "../../workflow/index.server";
import { applicationUrl } from "./applications.server";
import { computeFinancing, ownContributionByYear } from "./calc";
import { SUBJECT_TYPE } from "./deadlines.server";
import { loadLedgers } from "./ledger.server";
import { addMonthsIso } from "../../utils/calendar";

const SUBMITTED_OR_LATER = new Set(["submitted", "approved", "inProgress", "amendmentRequested", "interimReport", "finalReportSubmitted", "finalReportReviewed", "reclaim", "closed", "rejected"]);
const ACTIVE_COMMITMENT_EXCLUDED = new Set(["rejected", "withdrawn"]);

export interface ApplicationListRow {
  id: number;
  title: string;
  projectTitle: string;
  programmeName: string;
  state: string;
  stateLabel: string;
  plannedCents: number;
  grantCents: number;
  grantedCents: number | null;
  receivedCents: number;
  spentCents: number;
}

/**
 * Every application of the Kommune with its amounts: received and spent from the funding ledger
 * (the same figures as the application page and the reports), the planned grant from the
 * programme's terms.
 */
export function listApplications(tenant: Tenant, db: DbOrTx = getDb()) {
  const planned = db
    .select({ applicationId: financePlanItems.applicationId, category: financePlanItems.costCategory, eligible: financePlanItems.eligible, year: financePlanItems.budgetYear, cents: sql<number>`sum(${financePlanItems.plannedCents})` })
    .from(financePlanItems)
    .where(scoped(financePlanItems, tenant))
    .groupBy(financePlanItems.applicationId, financePlanItems.costCategory, financePlanItems.eligible, financePlanItems.budgetYear)
    .all();
  const ledgers = loadLedgers(db, tenant);
  const weak = db.select({ weak: municipalities.financiallyWeak }).from(municipalities).where(eq(municipalities.id, tenant.municipalityId)).get()?.weak ?? false;
  const apps = db
    .select({ app: fundingApplications, programme: fundingProgrammes, projectTitle: projects.title })
    .from(fundingApplications)
    .innerJoin(fundingProgrammes, eq(fundingProgrammes.id, fundingApplications.programmeId))
    .innerJoin(projects, eq(projects.id, fundingApplications.projectId))
    .where(scoped(fundingApplications, tenant))
    .orderBy(desc(fundingApplications.id))
    .all();
  const states = workflowStates(db, tenant, SUBJECT_TYPE);
  const itemsByApp = new Map<number, typeof planned>();
  for (const p of planned) {
    const list = itemsByApp.get(p.applicationId) ?? [];
    list.push(p);
    itemsByApp.set(p.applicationId, list);
  }
  return apps.map(({ app, programme, projectTitle }) => {
    const items = (itemsByApp.get(app.id) ?? []).map((i) => ({ costCategory: i.category, eligible: i.eligible, plannedCents: i.cents, budgetYear: i.year }));
    const financing = computeFinancing(programme, items, { thirdPartyFundsCents: app.thirdPartyFundsCents, financiallyWeak: weak });
    const state = states.get(app.id);
    return {
      row: {
        id: app.id,
        title: app.title,
        projectTitle,
        programmeName: programme.name,
        state: state?.state ?? "drafting",
        stateLabel: state?.stateLabel ?? "Antrag in Vorbereitung",
        plannedCents: financing.totalCents,
        grantCents: financing.grantCents,
        grantedCents: app.grantedCents,
        receivedCents: ledgers.get(app.id)?.receivedCents ?? 0,
        spentCents: ledgers.get(app.id)?.countedCents ?? 0,
      } satisfies ApplicationListRow,
      items,
      ownContributionConfirmed: app.ownContributionConfirmed,
      ownContributionCents: app.grantedCents != null ? financing.totalCents - app.grantedCents - financing.thirdPartyFundsCents : financing.ownContributionCents,
    };
  });
}

/** The funding overview: pipeline by stage, amounts, own contribution per budget year, deadlines. */
export function fundingOverview(tenant: Tenant, db: DbOrTx = getDb(), today = todayIso()) {
  const apps = listApplications(tenant, db);
  const pipeline = new Map<string, { state: string; stateLabel: string; count: number; grantCents: number }>();
  let appliedCents = 0;
  let grantedCents = 0;
  let receivedCents = 0;
  let spentCents = 0;
  const ownByYear = new Map<number, number>();
  for (const a of apps) {
    const p = pipeline.get(a.row.state) ?? { state: a.row.state, stateLabel: a.row.stateLabel, count: 0, grantCents: 0 };
    p.count += 1;
    p.grantCents += a.row.grantedCents ?? a.row.grantCents;
    pipeline.set(a.row.state, p);
    if (SUBMITTED_OR_LATER.has(a.row.state)) appliedCents += a.row.grantCents;
    grantedCents += a.row.grantedCents ?? 0;
    receivedCents += a.row.receivedCents;
    spentCents += a.row.spentCents;
    if (a.ownContributionConfirmed && !ACTIVE_COMMITMENT_EXCLUDED.has(a.row.state)) {
      for (const y of ownContributionByYear(a.items, Math.max(0, a.ownContributionCents))) {
        ownByYear.set(y.budgetYear, (ownByYear.get(y.budgetYear) ?? 0) + y.ownContributionCents);
      }
    }
  }
  return {
    applications: apps.map((a) => a.row),
    pipeline: [...pipeline.values()],
    totals: { appliedCents, grantedCents, receivedCents, spentCents },
    ownContributionByYear: [...ownByYear.entries()].sort((a, b) => a[0] - b[0]).map(([budgetYear, cents]) => ({ budgetYear, cents })),
    deadlines: upcomingFundingDeadlines(tenant, db, today, 12),
  };
}

/** Funding deadlines from today on (open, due or overdue), as kept by the workflow engine. */
export function upcomingFundingDeadlines(tenant: Tenant, db: DbOrTx = getDb(), today = todayIso(), months = 12) {
  const overdue = listDeadlines(db, tenant, { subjectType: SUBJECT_TYPE, status: "overdue" });
  const upcoming = listDeadlines(db, tenant, { subjectType: SUBJECT_TYPE, from: today, to: addMonthsIso(today, months), status: ["open", "due"] });
  return [...overdue, ...upcoming].map((d) => ({
    id: d.id,
    label: d.label,
    dueDate: d.dueDate,
    status: d.status,
    link: d.link ?? applicationUrl(d.subjectId),
  }));
}

/**
 * Funding deadlines for a calendar feed (the trainings area builds /kalender/$token.ics): one
 * all-day event per open deadline of the Kommune, leaving out those assigned to someone else.
 */
export function fundingCalendarEvents(tenant: Tenant, userId: number, db: DbOrTx = getDb()) {
  return listDeadlines(db, tenant, { subjectType: SUBJECT_TYPE, status: ["open", "due", "overdue"] })
    .filter((d) => d.assigneeUserId === null || d.assigneeUserId === userId)
    .map((d) => ({
    uid: `fahrplan-funding-deadline-${d.id}`,
    date: d.dueDate,
    summary: `Frist: ${d.label}`,
    url: d.link ?? applicationUrl(d.subjectId),
  }));
}

/** The CDO dashboard's funding section: money in the pipeline and the next five deadlines. */
export function fundingDashboardSection(tenant: Tenant, today = todayIso(), db: DbOrTx = getDb()) {
  const overview = fundingOverview(tenant, db, today);
  const running = overview.pipeline.filter((p) => !["closed", "rejected", "withdrawn"].includes(p.state)).reduce((s, p) => s + p.count, 0);
  return { running, totals: overview.totals, deadlines: overview.deadlines.slice(0, 5) };
}
