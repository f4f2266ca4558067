import { eq } from "drizzle-orm";
import { users } from "../../../db/schema";
import type { CostCategory } from "../../../db/schema/funding";
import type { AppContext } from "../../utils/context.server";
import { getDb } from "../../utils/db.server";
import { renderChartSvg } from "../../utils/charts.server";
import { todayIso } from "../../utils/format";
import { getWorkflowPanelData, listDeadlines } from "../../workflow/index.server";
import { GRANTED_STATES, PLAN_EDITABLE_STATES, RECLAIM_FROM } from "./states";
import {
  applicationFinancing,
  listPlanItems,
  requireApplication,
} from "./applications.server";
import { isCategoryEligible, ownContributionByYear, reclaimInterestCents } from "./calc";
import { SUBJECT_TYPE } from "./deadlines.server";
import { daysBetween } from "../../utils/calendar";
import { listDocuments } from "./documents.server";
import { COST_CATEGORY_KEYS } from "./labels";
import { DRAWDOWNS_LOCKED_MESSAGE, receiptsLocked } from "./locks.server";
import { listDrawdowns, moneySummary, planActual } from "./money.server";
import { loadSubmissionCheck } from "./submission-check.server";
import { env } from "../../utils/env.server";

/**
 * Basiszinssatz (§ 247 BGB) for reclaim interest, in basis points; published half-yearly by the
 * Bundesbank, so operators set it by environment (default: 1,27 % as of 01.07.2025).
 */
export function baseRateBp(): number {
  return env().FUNDING_BASE_RATE_BP;
}

/** Everything the application page shows, read in one place. */
export async function applicationDetail(ctx: AppContext, id: number) {
  const db = getDb();
  const { app, programme, project, fieldOfAction } = requireApplication(ctx, id, db);
  const panel = getWorkflowPanelData(db, ctx, SUBJECT_TYPE, id);
  const state = { name: panel?.workflow.state ?? "drafting", label: panel?.workflow.stateLabel ?? "Antrag in Vorbereitung" };
  const items = listPlanItems(ctx, id, db);
  const financing = applicationFinancing(db, ctx, app, programme, items);
  const granted = GRANTED_STATES.includes(state.name);
  const splitChart = await renderChartSvg(
    {
      width: 320,
      height: 200,
      data: {
        values: [
          { part: "Zuwendung", euro: financing.grantCents / 100 },
          { part: "Eigenanteil", euro: financing.ownContributionCents / 100 },
          { part: "Drittmittel", euro: financing.thirdPartyFundsCents / 100 },
        ],
      },
      mark: { type: "arc", innerRadius: 50 },
      encoding: {
        theta: { field: "euro", type: "quantitative" },
        color: {
          field: "part",
          type: "nominal",
          title: "Anteil",
          scale: { domain: ["Zuwendung", "Eigenanteil", "Drittmittel"], range: ["#184d7d", "#b45309", "#15803d"] },
        },
        tooltip: [{ field: "part" }, { field: "euro", format: ",.2f" }],
      },
    },
    "Aufteilung der Gesamtkosten in Zuwendung, Eigenanteil und Drittmittel",
  );
  const confirmedBy = app.ownContributionConfirmedBy
    ? db.select({ name: users.name }).from(users).where(eq(users.id, app.ownContributionConfirmedBy)).get()?.name ?? null
    : null;
  const today = todayIso();
  const locked = receiptsLocked(db, ctx, id);
  const moneyOpen = granted && state.name !== "closed";
  return {
    app,
    project,
    fieldOfAction,
    programme: {
      id: programme.id,
      name: programme.name,
      funder: programme.funder,
      eligibleCostCategories: programme.eligibleCostCategories,
      drawdownWindowMonths: programme.drawdownWindowMonths,
      permittedDeviationBp: programme.permittedDeviationBp,
      totalOverrunToleranceBp: programme.totalOverrunToleranceBp,
      reclaimInterestBp: programme.reclaimInterestBp,
    },
    state,
    financing,
    splitChart,
    /** Per cost category whether the programme funds it; the others are marked „nicht förderfähig“. */
    categoryEligible: Object.fromEntries(COST_CATEGORY_KEYS.map((k) => [k, isCategoryEligible(programme, k)])) as Record<CostCategory, boolean>,
    planItems: items.map((i) => ({ ...i, categoryEligible: isCategoryEligible(programme, i.costCategory) })),
    ownByYear: ownContributionByYear(items, financing.ownContributionCents),
    ownContributionConfirmedByName: confirmedBy,
    documents: listDocuments(ctx, id, db),
    money: granted ? moneySummary(db, ctx, app) : null,
    drawdowns: granted ? listDrawdowns(ctx, id, db) : [],
    comparison: granted ? planActual(ctx, id, db) : null,
    locked,
    lockedMessage: DRAWDOWNS_LOCKED_MESSAGE,
    submissionCheck: granted ? loadSubmissionCheck(db, ctx, id, today) : null,
    deadlines: listDeadlines(db, ctx, { subjectType: SUBJECT_TYPE, subjectId: id, status: ["open", "due", "overdue"] }),
    baseRateBp: baseRateBp(),
    reclaimInterestCents:
      app.reclaimCents != null && app.reclaimSince
        ? reclaimInterestCents(app.reclaimCents, baseRateBp(), programme.reclaimInterestBp, daysBetween(app.reclaimSince, today))
        : 0,
    /** The Kämmerei still has to confirm the own contribution (four-eyes step of the internal review). */
    awaitingOwnContribution: state.name === "internalReview" && !app.ownContributionConfirmed,
    amendmentPending: state.name === "amendmentRequested",
    workflow: panel,
    permissions: {
      edit: ctx.can("funding.edit"),
      editPlan: ctx.can("funding.edit") && PLAN_EDITABLE_STATES.includes(state.name),
      confirmOwnContribution: ctx.can("funding.confirmOwnContribution"),
      approve: ctx.can("funding.approve"),
      record: ctx.can("funding.recordExpenditure"),
      moneyOpen,
      recordDecision: ctx.can("funding.approve") && state.name === "submitted",
      requestDrawdown: ctx.can("funding.recordExpenditure") && moneyOpen && !locked,
      recordReclaim: ctx.can("funding.approve") && RECLAIM_FROM.includes(state.name),
    },
  };
}

export type ApplicationDetail = Awaited<ReturnType<typeof applicationDetail>>;
