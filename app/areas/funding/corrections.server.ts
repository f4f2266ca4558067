import { eq } from "drizzle-orm";
import { drawdowns, financePlanItems, fundingApplications } from "../../../db/schema";
import type { CostCategory } from "../../../db/schema/funding";
import { auditUpdate, writeAudit, newValues, oldValues } from "../../utils/audit.server";
import type { AppContext } from "../../utils/context.server";
import { type DbOrTx, transaction } from "../../utils/db.server";
import { ConflictError, ValidationError } from "../../utils/errors";
import { notFound } from "../../utils/http.server";
import { assertCan } from "../../utils/permissions";
import { type Tenant, scoped, tenantRow, updateVersioned } from "../../utils/tenant.server";
import { PLAN_EDITABLE_STATES, applicationState, requireApplication } from "./applications.server";
import { recordContributor } from "./contributors.server";
import { syncDeadlines } from "./deadlines.server";
import { loadLedgerInput } from "./ledger.server";
import { checkDrawdownRequest } from "./money";
import { DRAWDOWNS_LOCKED_MESSAGE, PLAN_LOCKED_MESSAGE, requireUnlocked } from "./locks.server";

/*
 * Corrections of money already on record: drawdowns (corrected or cancelled, never deleted) and
 * finance-plan items. Each checks the caller's right, the record's version and the archive lock,
 * and writes its audit entry in the same transaction.
 */

function requireDrawdown(tx: DbOrTx, tenant: Tenant, applicationId: number, drawdownId: number) {
  const row =
    tx.select().from(drawdowns).where(scoped(drawdowns, tenant, eq(drawdowns.id, drawdownId), eq(drawdowns.applicationId, applicationId))).get() ??
    notFound("Dieser Mittelabruf wurde nicht gefunden.");
  if (row.cancelledOn) throw new ValidationError({ form: ["Dieser Mittelabruf ist storniert und kann nicht mehr geändert werden."] });
  return row;
}

export interface DrawdownCorrection {
  version: number;
  requestedOn: string;
  requestedCents: number;
  receivedOn: string | null;
  receivedCents: number | null;
  reason: string;
}

/**
 * Corrects a drawdown's request and receipt of funds. The same hard limits as for a new request
 * apply, counted against all other (not cancelled) drawdowns of the application.
 */
export function correctDrawdown(ctx: AppContext, applicationId: number, drawdownId: number, input: DrawdownCorrection): void {
  assertCan(ctx, "funding.recordExpenditure");
  transaction((tx) => {
    const { app } = requireApplication(ctx, applicationId, tx);
    requireUnlocked(tx, ctx, applicationId, DRAWDOWNS_LOCKED_MESSAGE);
    const before = requireDrawdown(tx, ctx, applicationId, drawdownId);
    const others = loadLedgerInput(tx, ctx, applicationId)!.drawdowns.filter((d) => d.id !== drawdownId);
    const errors = checkDrawdownRequest({
      requestedOn: input.requestedOn,
      requestedCents: input.requestedCents,
      decisionDate: app.decisionDate,
      grantCents: app.grantedCents ?? 0,
      otherRequestedCents: others.reduce((s, d) => s + d.requestedCents, 0),
    });
    const add = (field: string, message: string) => (errors[field] ??= []).push(message);
    if ((input.receivedOn === null) !== (input.receivedCents === null)) {
      add(input.receivedOn === null ? "receivedOn" : "receivedCents", "Bitte Datum und Betrag des Eingangs zusammen angeben (oder beide leer lassen).");
    }
    if (input.receivedOn && input.receivedOn < input.requestedOn) add("receivedOn", "Der Zahlungseingang liegt vor dem Abruf.");
    if (input.receivedCents !== null && input.receivedCents <= 0) add("receivedCents", "Der Betrag muss größer als 0 sein.");
    if (!input.reason.trim()) add("reason", "Bitte den Grund der Korrektur angeben.");
    if (Object.keys(errors).length) throw new ValidationError(errors);
    const values = {
      requestedOn: input.requestedOn,
      requestedCents: input.requestedCents,
      receivedOn: input.receivedOn,
      receivedCents: input.receivedCents,
    };
    updateVersioned(tx, drawdowns, ctx, drawdownId, input.version, values);
    auditUpdate(tx, {
      actor: ctx.actor,
      municipalityId: ctx.municipalityId,
      entity: "drawdown",
      entityId: drawdownId,
      action: "correct",
      before,
      after: { ...before, ...values, correctionReason: input.reason },
    });
    syncDeadlines(tx, ctx, applicationId);
  });
}

/** Cancels a drawdown: it stays listed (struck through) with date and reason, and no longer counts. */
export function cancelDrawdown(
  ctx: AppContext,
  applicationId: number,
  drawdownId: number,
  input: { version: number; cancelledOn: string; cancelReason: string },
): void {
  assertCan(ctx, "funding.recordExpenditure");
  transaction((tx) => {
    requireApplication(ctx, applicationId, tx);
    requireUnlocked(tx, ctx, applicationId, DRAWDOWNS_LOCKED_MESSAGE);
    const before = requireDrawdown(tx, ctx, applicationId, drawdownId);
    const cancelReason = input.cancelReason.trim();
    if (!cancelReason) throw new ValidationError({ cancelReason: ["Bitte den Grund der Stornierung angeben."] });
    if (input.cancelledOn < before.requestedOn) throw new ValidationError({ cancelledOn: ["Die Stornierung liegt vor dem Abruf."] });
    const values = { cancelledOn: input.cancelledOn, cancelReason };
    updateVersioned(tx, drawdowns, ctx, drawdownId, input.version, values);
    auditUpdate(tx, { actor: ctx.actor, municipalityId: ctx.municipalityId, entity: "drawdown", entityId: drawdownId, action: "cancel", before, after: { ...before, ...values } });
    syncDeadlines(tx, ctx, applicationId);
  });
}

function requirePlanEditable(tx: DbOrTx, tenant: Tenant, applicationId: number): void {
  requireUnlocked(tx, tenant, applicationId, PLAN_LOCKED_MESSAGE);
  if (!PLAN_EDITABLE_STATES.includes(applicationState(tx, tenant, applicationId))) {
    throw new ValidationError({ form: ["Der Finanzierungsplan ist nach der Einreichung nur über einen Änderungsantrag änderbar."] });
  }
}

function requirePlanItem(tx: DbOrTx, tenant: Tenant, applicationId: number, itemId: number) {
  return (
    tx
      .select()
      .from(financePlanItems)
      .where(scoped(financePlanItems, tenant, eq(financePlanItems.id, itemId), eq(financePlanItems.applicationId, applicationId)))
      .get() ?? notFound("Diese Kostenposition wurde nicht gefunden.")
  );
}

/** A changed plan invalidates an earlier confirmation of the own contribution. */
function resetOwnContribution(tx: DbOrTx, tenant: Tenant, applicationId: number): void {
  tx.update(fundingApplications)
    .set({ ownContributionConfirmed: false, ownContributionConfirmedBy: null })
    .where(scoped(fundingApplications, tenant, eq(fundingApplications.id, applicationId)))
    .run();
}

export interface PlanItemInput {
  costCategory: CostCategory;
  description: string;
  budgetYear: number;
  plannedCents: number;
  eligible: boolean;
}

export function addPlanItem(ctx: AppContext, applicationId: number, input: PlanItemInput): void {
  assertCan(ctx, "funding.edit");
  transaction((tx) => {
    requireApplication(ctx, applicationId, tx);
    requirePlanEditable(tx, ctx, applicationId);
    const item = tx
      .insert(financePlanItems)
      .values(tenantRow(ctx, { ...input, applicationId }))
      .returning({ id: financePlanItems.id })
      .get();
    resetOwnContribution(tx, ctx, applicationId);
    recordContributor(tx, ctx, applicationId, ctx.user.id, "financePlan");
    writeAudit(tx, { actor: ctx.actor, municipalityId: ctx.municipalityId, entity: "financePlanItem", entityId: item.id, action: "create", changes: newValues(input), parent: { entity: "fundingApplication", id: applicationId } });
  });
}

/** Corrects a finance-plan item, detecting concurrent edits through its version. */
export function updatePlanItem(ctx: AppContext, applicationId: number, itemId: number, input: PlanItemInput & { version: number }): void {
  assertCan(ctx, "funding.edit");
  transaction((tx) => {
    requireApplication(ctx, applicationId, tx);
    requirePlanEditable(tx, ctx, applicationId);
    const before = requirePlanItem(tx, ctx, applicationId, itemId);
    const { version, ...values } = input;
    updateVersioned(tx, financePlanItems, ctx, itemId, version, values);
    resetOwnContribution(tx, ctx, applicationId);
    recordContributor(tx, ctx, applicationId, ctx.user.id, "financePlan");
    auditUpdate(tx, { actor: ctx.actor, municipalityId: ctx.municipalityId, entity: "financePlanItem", entityId: itemId, before, after: { ...before, ...values } });
  });
}

export function removePlanItem(ctx: AppContext, applicationId: number, itemId: number, expectedVersion: number): void {
  assertCan(ctx, "funding.edit");
  transaction((tx) => {
    requireApplication(ctx, applicationId, tx);
    requirePlanEditable(tx, ctx, applicationId);
    const item = requirePlanItem(tx, ctx, applicationId, itemId);
    if (item.version !== expectedVersion) throw new ConflictError();
    tx.delete(financePlanItems).where(scoped(financePlanItems, ctx, eq(financePlanItems.id, item.id))).run();
    resetOwnContribution(tx, ctx, applicationId);
    recordContributor(tx, ctx, applicationId, ctx.user.id, "financePlan");
    writeAudit(tx, { actor: ctx.actor, municipalityId: ctx.municipalityId, entity: "financePlanItem", entityId: item.id, action: "delete", changes: oldValues({ ...item, applicationId: undefined }), parent: { entity: "fundingApplication", id: applicationId } });
  });
}
