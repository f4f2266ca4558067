import { type SQL, asc, desc, eq, gte, like, lte, or, sql } from "drizzle-orm";
import { applicationDocuments, archivedReports, drawdowns, expenditures, financePlanItems } from "../../../db/schema";
import type { CostCategory } from "../../../db/schema/funding";
import { auditUpdate, newValues, oldValues, writeAudit } from "../../utils/audit.server";
import type { AppContext } from "../../utils/context.server";
import { type DbOrTx, getDb, transaction } from "../../utils/db.server";
import { ConflictError, ValidationError } from "../../utils/errors";
import { notFound } from "../../utils/http.server";
import { type Tenant, scoped, tenantRow, updateVersioned } from "../../utils/tenant.server";
import { GRANTED_STATES, applicationState, requireApplication } from "./applications.server";
import { type Comparison, type DrawdownCheck, checkDrawdown, comparePlanActual, grantShareBp } from "./calc";
import { syncDeadlines } from "./deadlines.server";
import { checkDrawdownRequest } from "./money";
import { type ReceiptRow, parseReceiptsCsv, receiptsToCsv } from "./receipts-csv";

export interface MoneySummary {
  grantCents: number;
  totalPlannedCents: number;
  grantShareBp: number;
  requestedCents: number;
  receivedCents: number;
  spentCents: number;
  unspentReceivedCents: number;
}

function sumPlanned(db: DbOrTx, tenant: Tenant, applicationId: number): number {
  return (
    db
      .select({ total: sql<number>`coalesce(sum(${financePlanItems.plannedCents}), 0)` })
      .from(financePlanItems)
      .where(scoped(financePlanItems, tenant, eq(financePlanItems.applicationId, applicationId)))
      .get()?.total ?? 0
  );
}

/** Drawn, received and spent money of a granted application, aggregated in SQL. */
export function moneySummary(db: DbOrTx, tenant: Tenant, app: { id: number; grantedCents: number | null }): MoneySummary {
  const totalPlannedCents = sumPlanned(db, tenant, app.id);
  const d = db
    .select({
      requested: sql<number>`coalesce(sum(${drawdowns.requestedCents}), 0)`,
      received: sql<number>`coalesce(sum(${drawdowns.receivedCents}), 0)`,
    })
    .from(drawdowns)
    .where(scoped(drawdowns, tenant, eq(drawdowns.applicationId, app.id)))
    .get()!;
  const spentCents =
    db
      .select({ spent: sql<number>`coalesce(sum(${expenditures.amountCents}), 0)` })
      .from(expenditures)
      .where(scoped(expenditures, tenant, eq(expenditures.applicationId, app.id)))
      .get()?.spent ?? 0;
  const grantCents = app.grantedCents ?? 0;
  const share = grantShareBp(grantCents, totalPlannedCents);
  const check = checkDrawdown({
    requestedCents: 0,
    plannedPaymentsCents: 0,
    grantShareBp: share,
    windowMonths: 0,
    grantCents,
    alreadyRequestedCents: d.requested,
    receivedCents: d.received,
    spentCents,
  });
  return {
    grantCents,
    totalPlannedCents,
    grantShareBp: share,
    requestedCents: d.requested,
    receivedCents: d.received,
    spentCents,
    unspentReceivedCents: check.unspentReceivedCents,
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
 * request anyway, nothing is saved and the warnings go back to the form.
 */
export function requestDrawdown(
  ctx: AppContext,
  applicationId: number,
  input: { requestedOn: string; requestedCents: number; plannedPaymentsCents: number; note: string | null; confirmWarnings: boolean },
): { saved: boolean; check: DrawdownCheck } {
  return transaction((tx) => {
    const { app, programme } = requireApplication(ctx, applicationId, tx);
    requireGranted(tx, ctx, applicationId);
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
    // The spending window allows an exception, but only with a written reason (audited below).
    if (check.warnings.length && !input.note?.trim()) {
      throw new ValidationError({ note: ["Bitte begründen Sie, warum trotz Hinweis abgerufen wird."] });
    }
    const { confirmWarnings: _confirm, ...values } = input;
    const row = tx.insert(drawdowns).values(tenantRow(ctx, { ...values, applicationId })).returning({ id: drawdowns.id }).get();
    writeAudit(tx, {
      actor: ctx.actor,
      municipalityId: ctx.municipalityId,
      entity: "drawdown",
      entityId: row.id,
      action: "create",
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
  transaction((tx) => {
    const before =
      tx.select().from(drawdowns).where(scoped(drawdowns, ctx, eq(drawdowns.id, drawdownId), eq(drawdowns.applicationId, applicationId))).get() ??
      notFound();
    if (input.receivedOn < before.requestedOn) throw new ValidationError({ receivedOn: ["Der Zahlungseingang liegt vor dem Abruf."] });
    const { version, ...values } = input;
    updateVersioned(tx, drawdowns, ctx, drawdownId, version, values);
    auditUpdate(tx, { actor: ctx.actor, municipalityId: ctx.municipalityId, entity: "drawdown", entityId: drawdownId, action: "record_receipt", before, after: { ...before, ...values }, parent: { entity: "fundingApplication", id: applicationId } });
    syncDeadlines(tx, ctx, applicationId);
  });
}

export function addExpenditure(ctx: AppContext, applicationId: number, row: ReceiptRow & { documentId: number | null }): void {
  transaction((tx) => {
    requireApplication(ctx, applicationId, tx);
    requireGranted(tx, ctx, applicationId);
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

/**
 * Once a Verwendungsnachweis of the application is archived, its receipts are part of a filed
 * report and stay as they were filed (the archive is immutable).
 */
export function receiptsLocked(db: DbOrTx, tenant: Tenant, applicationId: number): boolean {
  return (
    db
      .select({ id: archivedReports.id })
      .from(archivedReports)
      .where(
        scoped(
          archivedReports,
          tenant,
          eq(archivedReports.reportType, "verwendungsnachweis"),
          eq(archivedReports.subjectType, "fundingApplication"),
          eq(archivedReports.subjectId, applicationId),
        ),
      )
      .get() !== undefined
  );
}

export const RECEIPTS_LOCKED_MESSAGE =
  "Die Belege sind Teil eines archivierten Verwendungsnachweises und können nicht mehr geändert oder gelöscht werden. Korrekturen bitte mit dem Fördergeber abstimmen und als neuen Beleg erfassen.";

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
  input: ReceiptRow & { documentId: number | null; version: number },
): void {
  transaction((tx) => {
    requireApplication(ctx, applicationId, tx);
    const before = requireReceiptEditable(tx, ctx, applicationId, expenditureId);
    const { version, ...values } = input;
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
  return transaction((tx) => {
    requireApplication(ctx, applicationId, tx);
    requireGranted(tx, ctx, applicationId);
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

/** Belegliste: one page, sorted and filtered in SQL, with the filtered count and sum. */
export function listReceipts(tenant: Tenant, applicationId: number, query: ReceiptQuery, db: DbOrTx = getDb()) {
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
      documentId: expenditures.documentId,
    })
    .from(expenditures)
    .where(where)
    .orderBy(order, asc(expenditures.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .all();
  const totals = db
    .select({ count: sql<number>`count(*)`, sum: sql<number>`coalesce(sum(${expenditures.amountCents}), 0)` })
    .from(expenditures)
    .where(where)
    .get()!;
  return { rows, count: totals.count, sumCents: totals.sum };
}

export function exportReceiptsCsv(tenant: Tenant, applicationId: number, db: DbOrTx = getDb()): string {
  const rows = db
    .select({
      receiptNumber: expenditures.receiptNumber,
      receiptDate: expenditures.receiptDate,
      payee: expenditures.payee,
      purpose: expenditures.purpose,
      costCategory: expenditures.costCategory,
      amountCents: expenditures.amountCents,
      netCents: expenditures.netCents,
      vatCents: expenditures.vatCents,
      paidOn: expenditures.paidOn,
    })
    .from(expenditures)
    .where(scoped(expenditures, tenant, eq(expenditures.applicationId, applicationId)))
    .orderBy(asc(expenditures.receiptDate), asc(expenditures.id))
    .all();
  return receiptsToCsv(rows);
}

/** Soll-Ist-Vergleich: planned and actual amounts per cost category, both summed in SQL. */
export function planActual(
  tenant: Tenant,
  applicationId: number,
  rules: { permittedDeviationBp: number; totalOverrunToleranceBp: number },
  db: DbOrTx = getDb(),
): Comparison {
  const planned = db
    .select({ category: financePlanItems.costCategory, cents: sql<number>`sum(${financePlanItems.plannedCents})` })
    .from(financePlanItems)
    .where(scoped(financePlanItems, tenant, eq(financePlanItems.applicationId, applicationId)))
    .groupBy(financePlanItems.costCategory)
    .all();
  const actual = db
    .select({ category: expenditures.costCategory, cents: sql<number>`sum(${expenditures.amountCents})` })
    .from(expenditures)
    .where(scoped(expenditures, tenant, eq(expenditures.applicationId, applicationId)))
    .groupBy(expenditures.costCategory)
    .all();
  return comparePlanActual(
    new Map(planned.map((r) => [r.category, r.cents])),
    new Map(actual.map((r) => [r.category, r.cents])),
    rules,
  );
}
