import { type SQL, asc, desc, eq, gte, like, lte, or, sql } from "drizzle-orm";
import { applicationDocuments, drawdowns, expenditures } from "../../../db/schema";
import type { CostCategory } from "../../../db/schema/funding";
import { auditUpdate, newValues, oldValues, writeAudit } from "../../utils/audit.server";
import type { AppContext } from "../../utils/context.server";
import { type DbOrTx, getDb, transaction } from "../../utils/db.server";
import { ConflictError, ValidationError } from "../../utils/errors";
import { notFound } from "../../utils/http.server";
import { assertCan } from "../../utils/permissions";
import { type Tenant, scoped, tenantRow, updateVersioned } from "../../utils/tenant.server";
import { GRANTED_STATES, applicationState, requireApplication } from "./applications.server";
import { type Comparison, type DrawdownCheck, checkDrawdown } from "./calc";
import { syncDeadlines } from "./deadlines.server";
import { loadLedger } from "./ledger.server";
import { DRAWDOWNS_LOCKED_MESSAGE, RECEIPTS_LOCKED_MESSAGE, receiptsLocked, requireUnlocked } from "./locks.server";
import { type Ledger, checkDrawdownRequest, checkReceipt, receiptIneligibleReason } from "./money";
import { type ReceiptEntry, parseReceiptsCsv, receiptsTable } from "./receipts-csv";
import type { ExportTable } from "../../utils/export-table";

export interface MoneySummary {
  grantCents: number;
  totalPlannedCents: number;
  grantShareBp: number;
  requestedCents: number;
  receivedCents: number;
  /** Counted expenditure (net with Vorsteuerabzug, else gross). */
  spentCents: number;
  eligibleCents: number;
  grantUsedCents: number;
  unspentReceivedCents: number;
  ownFundsCents: number;
  ownFundsNote: string | null;
}

/** Drawn, received and spent money of an application, read from the ledger (one source). */
export function moneySummary(db: DbOrTx, tenant: Tenant, app: { id: number }): MoneySummary {
  return summaryOf(loadLedger(db, tenant, app.id) ?? notFound());
}

function summaryOf(ledger: Ledger): MoneySummary {
  return {
    grantCents: ledger.grantCents,
    totalPlannedCents: ledger.plannedTotalCents,
    grantShareBp: ledger.grantShareBp,
    requestedCents: ledger.requestedCents,
    receivedCents: ledger.receivedCents,
    spentCents: ledger.countedCents,
    eligibleCents: ledger.eligibleCents,
    grantUsedCents: ledger.grantUsedCents,
    unspentReceivedCents: Math.max(0, ledger.receivedCents - ledger.grantUsedCents),
    ownFundsCents: ledger.ownFundsCents,
    ownFundsNote: ledger.ownFundsNote,
  };
}

export function listDrawdowns(tenant: Tenant, applicationId: number, db: DbOrTx = getDb()) {
  return db
    .select()
    .from(drawdowns)
    .where(scoped(drawdowns, tenant, eq(drawdowns.applicationId, applicationId)))
    .orderBy(asc(drawdowns.requestedOn), asc(drawdowns.id))
    .all();
}

function requireGranted(db: DbOrTx, tenant: Tenant, applicationId: number): void {
  const state = applicationState(db, tenant, applicationId);
  if (!GRANTED_STATES.includes(state) || state === "closed") {
    throw new ValidationError({ form: ["Mittelabrufe und Ausgaben sind erst nach der Bewilligung und bis zum Abschluss möglich."] });
  }
}

/**
 * Mittelabruf. Returns the programme check; when it warns and the user has not confirmed the
 * request anyway, nothing is saved and the warnings go back to the form. The hard limits (never
 * before the decision, never above the grant) cannot be confirmed away.
 */
export function requestDrawdown(
  ctx: AppContext,
  applicationId: number,
  input: {
    requestedOn: string;
    requestedCents: number;
    plannedPaymentsCents: number;
    note: string | null;
    confirmWarnings: boolean;
    overrideReason?: string | null;
  },
): { saved: boolean; check: DrawdownCheck } {
  assertCan(ctx, "funding.recordExpenditure");
  return transaction((tx) => {
    const { app, programme } = requireApplication(ctx, applicationId, tx);
    requireGranted(tx, ctx, applicationId);
    requireUnlocked(tx, ctx, applicationId, DRAWDOWNS_LOCKED_MESSAGE);
    const summary = moneySummary(tx, ctx, app);
    const hard = checkDrawdownRequest({
      requestedOn: input.requestedOn,
      requestedCents: input.requestedCents,
      decisionDate: app.decisionDate,
      grantCents: summary.grantCents,
      otherRequestedCents: summary.requestedCents,
    });
    if (Object.keys(hard).length) throw new ValidationError(hard);
    const check = checkDrawdown({
      requestedCents: input.requestedCents,
      plannedPaymentsCents: input.plannedPaymentsCents,
      grantShareBp: summary.grantShareBp,
      windowMonths: programme.drawdownWindowMonths,
      grantCents: summary.grantCents,
      alreadyRequestedCents: summary.requestedCents,
      receivedCents: summary.receivedCents,
      spentCents: summary.spentCents,
    });
    if (check.warnings.length && !input.confirmWarnings) return { saved: false, check };
    // The spending window allows an exception, but only with a written reason (stored and audited).
    const overrideReason = check.warnings.length ? input.overrideReason?.trim() || null : null;
    if (check.warnings.length && !overrideReason) {
      throw new ValidationError({ overrideReason: ["Bitte begründen Sie, warum trotz Hinweis abgerufen wird."] });
    }
    const values = {
      requestedOn: input.requestedOn,
      requestedCents: input.requestedCents,
      plannedPaymentsCents: input.plannedPaymentsCents,
      note: input.note,
      overrideReason,
    };
    const row = tx.insert(drawdowns).values(tenantRow(ctx, { ...values, applicationId })).returning({ id: drawdowns.id }).get();
    writeAudit(tx, {
      actor: ctx.actor,
      municipalityId: ctx.municipalityId,
      entity: "drawdown",
      entityId: row.id,
      action: overrideReason ? "create_override" : "create",
      changes: newValues(values),
      details: { warnings: check.warnings },
      parent: { entity: "fundingApplication", id: applicationId },
    });
    return { saved: true, check };
  });
}

export function recordDrawdownReceived(
  ctx: AppContext,
  applicationId: number,
  drawdownId: number,
  input: { version: number; receivedOn: string; receivedCents: number },
): void {
  assertCan(ctx, "funding.recordExpenditure");
  transaction((tx) => {
    const before =
      tx.select().from(drawdowns).where(scoped(drawdowns, ctx, eq(drawdowns.id, drawdownId), eq(drawdowns.applicationId, applicationId))).get() ??
      notFound();
    requireUnlocked(tx, ctx, applicationId, DRAWDOWNS_LOCKED_MESSAGE);
    if (before.cancelledOn) throw new ValidationError({ form: ["Dieser Mittelabruf ist storniert."] });
    if (input.receivedOn < before.requestedOn) throw new ValidationError({ receivedOn: ["Der Zahlungseingang liegt vor dem Abruf."] });
    const { version, ...values } = input;
    updateVersioned(tx, drawdowns, ctx, drawdownId, version, values);
    auditUpdate(tx, { actor: ctx.actor, municipalityId: ctx.municipalityId, entity: "drawdown", entityId: drawdownId, action: "record_receipt", before, after: { ...before, ...values }, parent: { entity: "fundingApplication", id: applicationId } });
    syncDeadlines(tx, ctx, applicationId);
  });
}

/** A receipt dated outside the funding period is refused unless kept as not eligible (German, per field). */
function requireReceiptAllowed(tx: DbOrTx, tenant: Tenant, applicationId: number, row: ReceiptEntry): void {
  const { app } = requireApplication(tenant, applicationId, tx);
  const errors = checkReceipt(row, app);
  if (Object.keys(errors).length) throw new ValidationError(errors);
}

export function addExpenditure(ctx: AppContext, applicationId: number, row: ReceiptEntry & { documentId: number | null }): void {
  assertCan(ctx, "funding.recordExpenditure");
  transaction((tx) => {
    requireApplication(ctx, applicationId, tx);
    requireGranted(tx, ctx, applicationId);
    requireUnlocked(tx, ctx, applicationId, RECEIPTS_LOCKED_MESSAGE);
    requireReceiptAllowed(tx, ctx, applicationId, row);
    const duplicate = tx
      .select({ id: expenditures.id })
      .from(expenditures)
      .where(scoped(expenditures, ctx, eq(expenditures.applicationId, applicationId), eq(expenditures.receiptNumber, row.receiptNumber)))
      .get();
    if (duplicate) throw new ValidationError({ receiptNumber: [`Belegnummer „${row.receiptNumber}“ ist bereits erfasst.`] });
    if (
      row.documentId !== null &&
      !tx
        .select({ id: applicationDocuments.id })
        .from(applicationDocuments)
        .where(scoped(applicationDocuments, ctx, eq(applicationDocuments.id, row.documentId), eq(applicationDocuments.applicationId, applicationId)))
        .get()
    ) {
      throw new ValidationError({ documentId: ["Dieses Dokument gehört nicht zu diesem Antrag."] });
    }
    const inserted = tx.insert(expenditures).values(tenantRow(ctx, { ...row, applicationId })).returning({ id: expenditures.id }).get();
    writeAudit(tx, { actor: ctx.actor, municipalityId: ctx.municipalityId, entity: "expenditure", entityId: inserted.id, action: "create", changes: newValues(row), parent: { entity: "fundingApplication", id: applicationId } });
    syncDeadlines(tx, ctx, applicationId);
  });
}

function requireReceiptEditable(tx: DbOrTx, tenant: Tenant, applicationId: number, expenditureId: number) {
  requireGranted(tx, tenant, applicationId);
  const row =
    tx
      .select()
      .from(expenditures)
      .where(scoped(expenditures, tenant, eq(expenditures.id, expenditureId), eq(expenditures.applicationId, applicationId)))
      .get() ?? notFound("Dieser Beleg wurde nicht gefunden.");
  if (receiptsLocked(tx, tenant, applicationId)) throw new ValidationError({ form: [RECEIPTS_LOCKED_MESSAGE] });
  return row;
}

function requireOwnDocument(tx: DbOrTx, tenant: Tenant, applicationId: number, documentId: number | null): void {
  if (
    documentId !== null &&
    !tx
      .select({ id: applicationDocuments.id })
      .from(applicationDocuments)
      .where(scoped(applicationDocuments, tenant, eq(applicationDocuments.id, documentId), eq(applicationDocuments.applicationId, applicationId)))
      .get()
  ) {
    throw new ValidationError({ documentId: ["Dieses Dokument gehört nicht zu diesem Antrag."] });
  }
}

export function findExpenditure(tenant: Tenant, applicationId: number, expenditureId: number, db: DbOrTx = getDb()) {
  return db
    .select()
    .from(expenditures)
    .where(scoped(expenditures, tenant, eq(expenditures.id, expenditureId), eq(expenditures.applicationId, applicationId)))
    .get();
}

/** Corrects a receipt (all fields), detecting concurrent edits through the version. */
export function updateExpenditure(
  ctx: AppContext,
  applicationId: number,
  expenditureId: number,
  input: ReceiptEntry & { documentId: number | null; version: number },
): void {
  assertCan(ctx, "funding.recordExpenditure");
  transaction((tx) => {
    requireApplication(ctx, applicationId, tx);
    const before = requireReceiptEditable(tx, ctx, applicationId, expenditureId);
    const { version, ...values } = input;
    requireReceiptAllowed(tx, ctx, applicationId, values);
    const duplicate = tx
      .select({ id: expenditures.id })
      .from(expenditures)
      .where(scoped(expenditures, ctx, eq(expenditures.applicationId, applicationId), eq(expenditures.receiptNumber, values.receiptNumber)))
      .get();
    if (duplicate && duplicate.id !== expenditureId) throw new ValidationError({ receiptNumber: [`Belegnummer „${values.receiptNumber}“ ist bereits erfasst.`] });
    requireOwnDocument(tx, ctx, applicationId, values.documentId);
    updateVersioned(tx, expenditures, ctx, expenditureId, version, values);
    auditUpdate(tx, { actor: ctx.actor, municipalityId: ctx.municipalityId, entity: "expenditure", entityId: expenditureId, before, after: { ...before, ...values }, parent: { entity: "fundingApplication", id: applicationId } });
    syncDeadlines(tx, ctx, applicationId);
  });
}

/** Deletes a wrongly entered receipt; the audit entry keeps its values. */
export function deleteExpenditure(ctx: AppContext, applicationId: number, expenditureId: number, expectedVersion: number): void {
  assertCan(ctx, "funding.recordExpenditure");
  transaction((tx) => {
    requireApplication(ctx, applicationId, tx);
    const before = requireReceiptEditable(tx, ctx, applicationId, expenditureId);
    if (before.version !== expectedVersion) throw new ConflictError();
    tx.delete(expenditures).where(scoped(expenditures, ctx, eq(expenditures.id, expenditureId))).run();
    writeAudit(tx, { actor: ctx.actor, municipalityId: ctx.municipalityId, entity: "expenditure", entityId: expenditureId, action: "delete", changes: oldValues({ ...before, applicationId: undefined }), parent: { entity: "fundingApplication", id: applicationId } });
    syncDeadlines(tx, ctx, applicationId);
  });
}

/** CSV import: all rows or none; every row error is returned in German. */
export function importReceipts(ctx: AppContext, applicationId: number, content: string): { imported: number } | { errors: string[] } {
  assertCan(ctx, "funding.recordExpenditure");
  return transaction((tx) => {
    const { app } = requireApplication(ctx, applicationId, tx);
    requireGranted(tx, ctx, applicationId);
    requireUnlocked(tx, ctx, applicationId, RECEIPTS_LOCKED_MESSAGE);
    const existing = new Set(
      tx
        .select({ n: expenditures.receiptNumber })
        .from(expenditures)
        .where(scoped(expenditures, ctx, eq(expenditures.applicationId, applicationId)))
        .all()
        .map((r) => r.n),
    );
    const parsed = parseReceiptsCsv(content, existing);
    if (!parsed.ok) return { errors: parsed.errors };
    // Same rule as a single receipt: outside the funding period only as not eligible with a reason.
    const periodErrors = parsed.rows.flatMap((row, index) =>
      Object.values(checkReceipt(row, app))
        .flat()
        .map((message) => `Zeile ${index + 2}: ${message}`),
    );
    if (periodErrors.length) return { errors: periodErrors };
    for (const row of parsed.rows) tx.insert(expenditures).values(tenantRow(ctx, { ...row, applicationId })).run();
    writeAudit(tx, { actor: ctx.actor, municipalityId: ctx.municipalityId, entity: "expenditure", entityId: null, action: "import", parent: { entity: "fundingApplication", id: applicationId }, details: { rows: parsed.rows.length } });
    syncDeadlines(tx, ctx, applicationId);
    return { imported: parsed.rows.length };
  });
}

export const RECEIPT_SORTS = ["receiptDate", "receiptNumber", "payee", "costCategory", "amountCents", "paidOn"] as const;
export type ReceiptSort = (typeof RECEIPT_SORTS)[number];

export interface ReceiptQuery {
  sort: ReceiptSort;
  dir: "asc" | "desc";
  costCategory: CostCategory | null;
  q: string;
  from: string | null;
  to: string | null;
  page: number;
  pageSize: number;
}

function receiptFilter(tenant: Tenant, applicationId: number, query: Omit<ReceiptQuery, "sort" | "dir" | "page" | "pageSize">): SQL {
  const term = query.q.trim();
  return scoped(
    expenditures,
    tenant,
    eq(expenditures.applicationId, applicationId),
    query.costCategory ? eq(expenditures.costCategory, query.costCategory) : undefined,
    query.from ? gte(expenditures.receiptDate, query.from) : undefined,
    query.to ? lte(expenditures.receiptDate, query.to) : undefined,
    term
      ? or(like(expenditures.receiptNumber, `%${term}%`), like(expenditures.payee, `%${term}%`), like(expenditures.purpose, `%${term}%`))
      : undefined,
  );
}

/**
 * Belegliste: one page, sorted and filtered in SQL, with the filtered count and sum. Each row says
 * why it does not count (cost category, the clerk's mark, funding period), the ledger's rule.
 */
export function listReceipts(tenant: Tenant, applicationId: number, query: ReceiptQuery, db: DbOrTx = getDb()) {
  const { app, programme } = requireApplication(tenant, applicationId, db);
  const where = receiptFilter(tenant, applicationId, query);
  const column = expenditures[query.sort];
  const order = query.dir === "asc" ? asc(column) : desc(column);
  const rows = db
    .select({
      id: expenditures.id,
      receiptNumber: expenditures.receiptNumber,
      receiptDate: expenditures.receiptDate,
      payee: expenditures.payee,
      purpose: expenditures.purpose,
      costCategory: expenditures.costCategory,
      amountCents: expenditures.amountCents,
      netCents: expenditures.netCents,
      vatCents: expenditures.vatCents,
      paidOn: expenditures.paidOn,
      notEligibleReason: expenditures.notEligibleReason,
      documentId: expenditures.documentId,
    })
    .from(expenditures)
    .where(where)
    .orderBy(order, asc(expenditures.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .all()
    .map((r) => ({ ...r, ineligibleReason: receiptIneligibleReason(r, app, programme) }));
  const totals = db
    .select({ count: sql<number>`count(*)`, sum: sql<number>`coalesce(sum(${expenditures.amountCents}), 0)` })
    .from(expenditures)
    .where(where)
    .get()!;
  const ledger = loadLedger(db, tenant, applicationId)!;
  const ineligible = ledger.lines.filter((l) => l.ineligibleReason);
  return {
    rows,
    count: totals.count,
    sumCents: totals.sum,
    ineligible: { count: ineligible.length, cents: ledger.ineligibleCents },
    inputTaxDeductible: app.inputTaxDeductible,
  };
}

/** The Belegliste CSV from the ledger: time order, running number, eligible amount and reason. */
/** The Belegliste of one application as the export table (CSV and XLSX download). */
export function exportReceiptsTable(tenant: Tenant, applicationId: number, db: DbOrTx = getDb()): ExportTable {
  return receiptsTable((loadLedger(db, tenant, applicationId) ?? notFound()).lines.map((l) => ({ ...l, notEligibleReason: l.notEligibleReason ?? null })));
}

/** Soll-Ist-Vergleich per cost category, from the ledger. */
export function planActual(tenant: Tenant, applicationId: number, db: DbOrTx = getDb()): Comparison {
  return (loadLedger(db, tenant, applicationId) ?? notFound()).planActual;
}
