import { asc, eq } from "drizzle-orm";
import {
  financePlanItems,
  fieldsOfAction,
  fundingApplications,
  fundingProgrammes,
  municipalities,
  projects,
} from "../../../db/schema";
import type { CostCategory } from "../../../db/schema/funding";
import { auditUpdate, newValues, oldValues, writeAudit } from "../../utils/audit.server";
import type { AppContext } from "../../utils/context.server";
import { type DbOrTx, type Tx, getDb, transaction } from "../../utils/db.server";
import { ValidationError } from "../../utils/errors";
import { todayIso } from "../../utils/format";
import { notFound } from "../../utils/http.server";
import { assertCan } from "../../utils/permissions";
import { type Tenant, scoped, tenantRow, updateVersioned } from "../../utils/tenant.server";
import { recordContributor } from "./contributors.server";
import { finderPlanItems } from "./finder";
import { fireTransition, getWorkflow, refreshSubjectWorkflow, refreshWorkflow, startWorkflow, workflowStates } from "../../workflow/index.server";
import { type Financing, computeFinancing, isCategoryEligible } from "./calc";
import { syncDeadlines } from "./deadlines.server";
import { checkDecisionDates, checkSubmissionDate } from "./decision-rules";
import { SUBJECT_TYPE, applicationUrl } from "./subject";
// Registers the workflow subject wherever applications are used (server, seeds, tests).
import "./workflow.server";
import { findProgramme } from "./programmes.server";
import { PLAN_LOCKED_MESSAGE, receiptsLocked } from "./locks.server";

export type FundingApplication = typeof fundingApplications.$inferSelect;
export type FinancePlanItem = typeof financePlanItems.$inferSelect;

/** States in which the finance plan may still change (afterwards only through an amendment). */
export const PLAN_EDITABLE_STATES = ["drafting", "projectOutline", "amendmentRequested"];
/** A reclaim (Rückforderung) is recorded during the project or after the Verwendungsnachweis was reviewed. */
export const RECLAIM_STATES = ["inProgress", "finalReportReviewed"];
/** States after a positive decision, in which money flows. */
export const GRANTED_STATES = ["approved", "inProgress", "amendmentRequested", "interimReport", "finalReportSubmitted", "finalReportReviewed", "reclaim", "closed"];

export { applicationUrl };

export function findApplication(tenant: Tenant, id: number, db: DbOrTx = getDb()) {
  return db
    .select({
      app: fundingApplications,
      programme: fundingProgrammes,
      project: { id: projects.id, title: projects.title, budgetPlannedCents: projects.budgetPlannedCents },
      fieldOfAction: fieldsOfAction.name,
    })
    .from(fundingApplications)
    .innerJoin(fundingProgrammes, eq(fundingProgrammes.id, fundingApplications.programmeId))
    .innerJoin(projects, eq(projects.id, fundingApplications.projectId))
    .innerJoin(fieldsOfAction, eq(fieldsOfAction.id, projects.fieldOfActionId))
    .where(scoped(fundingApplications, tenant, eq(fundingApplications.id, id)))
    .get();
}

export function requireApplication(tenant: Tenant, id: number, db: DbOrTx = getDb()) {
  return findApplication(tenant, id, db) ?? notFound("Dieser Förderantrag wurde nicht gefunden.");
}

export function applicationState(db: DbOrTx, tenant: Tenant, id: number): string {
  return workflowStates(db, tenant, SUBJECT_TYPE, [id]).get(id)?.state ?? "drafting";
}

export function listPlanItems(tenant: Tenant, applicationId: number, db: DbOrTx = getDb()): FinancePlanItem[] {
  return db
    .select()
    .from(financePlanItems)
    .where(scoped(financePlanItems, tenant, eq(financePlanItems.applicationId, applicationId)))
    .orderBy(asc(financePlanItems.budgetYear), asc(financePlanItems.costCategory), asc(financePlanItems.id))
    .all();
}

function isFinanciallyWeak(db: DbOrTx, tenant: Tenant): boolean {
  return (
    db.select({ weak: municipalities.financiallyWeak }).from(municipalities).where(eq(municipalities.id, tenant.municipalityId)).get()
      ?.weak ?? false
  );
}

/** The application's grant, own contribution and third-party funds from its finance plan. */
export function applicationFinancing(
  db: DbOrTx,
  tenant: Tenant,
  app: Pick<FundingApplication, "id" | "thirdPartyFundsCents">,
  programme: typeof fundingProgrammes.$inferSelect,
  items: FinancePlanItem[] = listPlanItems(tenant, app.id, db),
): Financing {
  return computeFinancing(programme, items, {
    thirdPartyFundsCents: app.thirdPartyFundsCents,
    financiallyWeak: isFinanciallyWeak(db, tenant),
  });
}

/**
 * Starts an application for a project under a programme: the record, a first finance plan line
 * from the project budget, the workflow instance and the programme's deadlines, in one transaction.
 */
export function startApplication(
  ctx: AppContext,
  input: { projectId: number; programmeId: number; plannedCostsCents?: number; costCategories?: readonly CostCategory[] },
): number {
  assertCan(ctx, "funding.edit");
  return transaction((tx) => {
    const project =
      tx.select().from(projects).where(scoped(projects, ctx, eq(projects.id, input.projectId))).get() ??
      notFound("Dieses Projekt wurde nicht gefunden.");
    const programme = findProgramme(ctx, input.programmeId, tx) ?? notFound("Dieses Förderprogramm wurde nicht gefunden.");
    const app = tx
      .insert(fundingApplications)
      .values(
        tenantRow(ctx, {
          projectId: project.id,
          programmeId: programme.id,
          title: `${project.title} – ${programme.name}`,
          description: project.description,
          createdBy: ctx.user.id,
        }),
      )
      .returning()
      .get();
    // What the user entered in the finder wins; without it the project budget is the starting point.
    const fromFinder = input.plannedCostsCents !== undefined;
    const eligibleDefault: CostCategory =
      (["externalServices", "investments", "materials", "personnel", "other"] as const).find((c) => isCategoryEligible(programme, c)) ?? "other";
    const items = finderPlanItems({
      plannedCostsCents: fromFinder ? input.plannedCostsCents! : project.budgetPlannedCents,
      costCategories: fromFinder && input.costCategories?.length ? input.costCategories : [eligibleDefault],
      today: todayIso(),
      projectStart: project.startDate,
    });
    for (const item of items) {
      tx.insert(financePlanItems)
        .values(
          tenantRow(ctx, {
            applicationId: app.id,
            ...item,
            description: fromFinder ? "Geplante Kosten (aus der Fördermittelsuche übernommen)" : "Geplante Projektkosten (aus dem Projekt übernommen)",
            eligible: isCategoryEligible(programme, item.costCategory),
          }),
        )
        .run();
    }
    recordContributor(tx, ctx, app.id, ctx.user.id, "author");
    startWorkflow(tx, ctx, { definitionKey: "fundingApplication", subjectType: SUBJECT_TYPE, subjectId: app.id });
    writeAudit(tx, {
      actor: ctx.actor,
      municipalityId: ctx.municipalityId,
      entity: "fundingApplication",
      entityId: app.id,
      action: "create",
      changes: newValues({ projectId: project.id, programmeId: programme.id, title: app.title }),
      parent: { entity: "project", id: project.id },
    });
    syncDeadlines(tx, ctx, app.id);
    return app.id;
  });
}

function loadForUpdate(tx: Tx, tenant: Tenant, id: number): FundingApplication {
  return (
    tx.select().from(fundingApplications).where(scoped(fundingApplications, tenant, eq(fundingApplications.id, id))).get() ??
    notFound("Dieser Förderantrag wurde nicht gefunden.")
  );
}

function requireState(tx: Tx, tenant: Tenant, id: number, allowed: string[], message: string): string {
  const state = applicationState(tx, tenant, id);
  if (!allowed.includes(state)) throw new ValidationError({ form: [message] });
  return state;
}

export function updateBasics(
  ctx: AppContext,
  id: number,
  input: { version: number; title: string; description: string; thirdPartyFundsCents: number; inputTaxDeductible: boolean },
): void {
  assertCan(ctx, "funding.edit");
  transaction((tx) => {
    const before = loadForUpdate(tx, ctx, id);
    const { version, ...values } = input;
    // Vorsteuerabzug and third-party funds decide the figures of a filed Verwendungsnachweis.
    const moneyChanged = values.inputTaxDeductible !== before.inputTaxDeductible || values.thirdPartyFundsCents !== before.thirdPartyFundsCents;
    if (moneyChanged && receiptsLocked(tx, ctx, id)) throw new ValidationError({ inputTaxDeductible: [PLAN_LOCKED_MESSAGE] });
    updateVersioned(tx, fundingApplications, ctx, id, version, values);
    recordContributor(tx, ctx, id, ctx.user.id, "edit");
    auditUpdate(tx, { actor: ctx.actor, municipalityId: ctx.municipalityId, entity: "fundingApplication", entityId: id, before, after: { ...before, ...values } });
  });
}

/** Kämmerei: the own contribution is secured in the budget (part of the internal review). */
export function confirmOwnContribution(ctx: AppContext, id: number, input: { version: number; budgetRef: string }): void {
  assertCan(ctx, "funding.confirmOwnContribution");
  transaction((tx) => {
    const before = loadForUpdate(tx, ctx, id);
    requireState(tx, ctx, id, ["internalReview"], "Der Eigenanteil kann nur während der internen Prüfung bestätigt werden.");
    const values = { ownContributionConfirmed: true, ownContributionConfirmedBy: ctx.user.id, ownContributionBudgetRef: input.budgetRef };
    updateVersioned(tx, fundingApplications, ctx, id, input.version, values);
    auditUpdate(tx, {
      actor: ctx.actor,
      municipalityId: ctx.municipalityId,
      entity: "fundingApplication",
      entityId: id,
      action: "confirm_own_contribution",
      before,
      after: { ...before, ...values },
    });
    // "Eigenanteil bestätigen" is done when the confirmation is recorded (doneWhen in the definition).
    refreshSubjectWorkflow(tx, ctx, SUBJECT_TYPE, id);
  });
}

export type DecisionInput =
  | {
      outcome: "granted";
      version: number;
      fileNumber: string;
      decisionDate: string;
      grantedCents: number;
      fundingPeriodStart: string;
      fundingPeriodEnd: string;
      decisionProvisions: string | null;
      earmarkingUntil: string | null;
    }
  | { outcome: "rejected"; version: number; decisionDate: string; rejectionReason: string };

/** Records the funder's decision and moves the workflow on (Bewilligt / Abgelehnt) atomically. */
export function recordDecision(ctx: AppContext, id: number, input: DecisionInput): void {
  assertCan(ctx, "funding.approve");
  transaction((tx) => {
    const before = loadForUpdate(tx, ctx, id);
    requireState(tx, ctx, id, ["submitted"], "Eine Entscheidung kann nur zu einem eingereichten Antrag erfasst werden.");
    const dateErrors = checkDecisionDates({
      submittedOn: before.submittedOn,
      decisionDate: input.decisionDate,
      fundingPeriodStart: input.outcome === "granted" ? input.fundingPeriodStart : undefined,
      fundingPeriodEnd: input.outcome === "granted" ? input.fundingPeriodEnd : undefined,
      today: todayIso(),
    });
    if (Object.keys(dateErrors).length) throw new ValidationError(dateErrors);
    const { outcome, version, ...values } = input;
    updateVersioned(tx, fundingApplications, ctx, id, version, values);
    auditUpdate(tx, {
      actor: ctx.actor,
      municipalityId: ctx.municipalityId,
      entity: "fundingApplication",
      entityId: id,
      action: outcome === "granted" ? "record_grant" : "record_rejection",
      before,
      after: { ...before, ...values },
    });
    const instance = getWorkflow(tx, ctx, SUBJECT_TYPE, id)!;
    fireTransition(tx, ctx, {
      instanceId: instance.id,
      transition: outcome === "granted" ? "recordApproval" : "recordRejection",
      expectedVersion: instance.version,
      comment: outcome === "granted" ? `Zuwendungsbescheid ${input.outcome === "granted" ? input.fileNumber : ""}` : input.rejectionReason,
    });
    syncDeadlines(tx, ctx, id);
  });
}

/** Records the submission date (the workflow's submit transition is fired from its panel). */
export function recordSubmissionDate(ctx: AppContext, id: number, input: { version: number; submittedOn: string }): void {
  assertCan(ctx, "funding.approve");
  transaction((tx) => {
    const before = loadForUpdate(tx, ctx, id);
    requireState(tx, ctx, id, ["submitted"], "Das Einreichungsdatum kann erst nach der Freigabe erfasst werden.");
    const submissionErrors = checkSubmissionDate(input.submittedOn, todayIso());
    if (Object.keys(submissionErrors).length) throw new ValidationError(submissionErrors);
    updateVersioned(tx, fundingApplications, ctx, id, input.version, { submittedOn: input.submittedOn });
    auditUpdate(tx, { actor: ctx.actor, municipalityId: ctx.municipalityId, entity: "fundingApplication", entityId: id, before, after: { ...before, submittedOn: input.submittedOn } });
    syncDeadlines(tx, ctx, id);
  });
}

/** Rückforderung: amount and interest start are recorded, the workflow moves to "Rückforderung". */
export function recordReclaim(ctx: AppContext, id: number, input: { version: number; reclaimCents: number; reclaimSince: string; reason: string }): void {
  assertCan(ctx, "funding.approve");
  transaction((tx) => {
    const before = loadForUpdate(tx, ctx, id);
    requireState(tx, ctx, id, RECLAIM_STATES, "Eine Rückforderung kann nur während der Durchführung oder nach Prüfung des Verwendungsnachweises erfasst werden.");
    const values = { reclaimCents: input.reclaimCents, reclaimSince: input.reclaimSince };
    updateVersioned(tx, fundingApplications, ctx, id, input.version, values);
    auditUpdate(tx, { actor: ctx.actor, municipalityId: ctx.municipalityId, entity: "fundingApplication", entityId: id, action: "record_reclaim", before, after: { ...before, ...values } });
    const instance = getWorkflow(tx, ctx, SUBJECT_TYPE, id)!;
    fireTransition(tx, ctx, { instanceId: instance.id, transition: "recordReclaim", expectedVersion: instance.version, comment: input.reason });
  });
}

export type AmendmentInput =
  | {
      outcome: "granted";
      version: number;
      decisionDate: string;
      fundingPeriodStart: string;
      fundingPeriodEnd: string;
      grantedCents: number;
      note: string | null;
    }
  | { outcome: "rejected"; version: number; decisionDate: string; note: string };

/**
 * Records the funder's answer to an Änderungsantrag (Änderungsbescheid): when granted, the amended
 * funding period and grant replace the old ones (the finance plan is edited while the amendment is
 * pending). The workflow returns to "In Durchführung" and every deadline is recomputed, all atomic.
 */
export function recordAmendmentDecision(ctx: AppContext, id: number, input: AmendmentInput): void {
  assertCan(ctx, "funding.approve");
  transaction((tx) => {
    const before = loadForUpdate(tx, ctx, id);
    requireState(tx, ctx, id, ["amendmentRequested"], "Eine Entscheidung zum Änderungsantrag kann nur erfasst werden, solange ein Änderungsantrag gestellt ist.");
    if (input.outcome === "granted" && input.fundingPeriodEnd < input.fundingPeriodStart) {
      throw new ValidationError({ fundingPeriodEnd: ["Das Ende des Bewilligungszeitraums liegt vor seinem Beginn."] });
    }
    const values =
      input.outcome === "granted"
        ? { fundingPeriodStart: input.fundingPeriodStart, fundingPeriodEnd: input.fundingPeriodEnd, grantedCents: input.grantedCents }
        : {};
    updateVersioned(tx, fundingApplications, ctx, id, input.version, values);
    auditUpdate(tx, {
      actor: ctx.actor,
      municipalityId: ctx.municipalityId,
      entity: "fundingApplication",
      entityId: id,
      action: input.outcome === "granted" ? "record_amendment_grant" : "record_amendment_rejection",
      before,
      after: { ...before, ...values },
    });
    const instance = getWorkflow(tx, ctx, SUBJECT_TYPE, id)!;
    const comment = `Änderungsbescheid vom ${input.decisionDate.split("-").reverse().join(".")}: ${
      input.outcome === "granted" ? "Änderung bewilligt" : "Änderung abgelehnt"
    }${input.note ? ` – ${input.note}` : ""}`;
    fireTransition(tx, ctx, { instanceId: instance.id, transition: "recordAmendmentDecision", expectedVersion: instance.version, comment });
    syncDeadlines(tx, ctx, id);
    refreshWorkflow(tx, ctx, instance.id);
  });
}
