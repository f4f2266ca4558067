import { asc, eq } from "drizzle-orm";
import { drawdowns, expenditures, financePlanItems, fundingApplications, fundingProgrammes } from "../../../db/schema";
import type { DbOrTx } from "../../utils/db.server";
import { type Tenant, scoped } from "../../utils/tenant.server";
import { type Ledger, type LedgerInput, computeLedger } from "./money";

function group<T extends { applicationId: number }>(rows: T[]): Map<number, Omit<T, "applicationId">[]> {
  const map = new Map<number, Omit<T, "applicationId">[]>();
  for (const { applicationId, ...rest } of rows) {
    const list = map.get(applicationId) ?? [];
    list.push(rest);
    map.set(applicationId, list);
  }
  return map;
}

/**
 * Reads applications' rows into the pure ledger's input: one application, or (without an id)
 * every application of the Kommune in four queries. Every page, report, CSV and dashboard that
 * shows a money figure of an application goes through this and `computeLedger`, so they all
 * count the same rows the same way. Cancelled drawdowns stay on record but do not count.
 */
function readLedgerInputs(db: DbOrTx, tenant: Tenant, applicationId?: number): Map<number, LedgerInput> {
  const only = <T extends typeof financePlanItems | typeof drawdowns | typeof expenditures>(table: T) =>
    applicationId === undefined ? scoped(table, tenant) : scoped(table, tenant, eq(table.applicationId, applicationId));
  const apps = db
    .select({ app: fundingApplications, programme: fundingProgrammes })
    .from(fundingApplications)
    .innerJoin(fundingProgrammes, eq(fundingProgrammes.id, fundingApplications.programmeId))
    .where(scoped(fundingApplications, tenant, applicationId === undefined ? undefined : eq(fundingApplications.id, applicationId)))
    .all();
  if (!apps.length) return new Map();
  const planItems = group(
    db
      .select({
        applicationId: financePlanItems.applicationId,
        costCategory: financePlanItems.costCategory,
        plannedCents: financePlanItems.plannedCents,
        eligible: financePlanItems.eligible,
        budgetYear: financePlanItems.budgetYear,
      })
      .from(financePlanItems)
      .where(only(financePlanItems))
      .orderBy(asc(financePlanItems.id))
      .all(),
  );
  const drawdownRows = group(
    db
      .select({
        applicationId: drawdowns.applicationId,
        id: drawdowns.id,
        requestedOn: drawdowns.requestedOn,
        requestedCents: drawdowns.requestedCents,
        receivedOn: drawdowns.receivedOn,
        receivedCents: drawdowns.receivedCents,
        overrideReason: drawdowns.overrideReason,
        cancelledOn: drawdowns.cancelledOn,
      })
      .from(drawdowns)
      .where(only(drawdowns))
      .orderBy(asc(drawdowns.requestedOn), asc(drawdowns.id))
      .all(),
  );
  const receipts = group(
    db
      .select({
        applicationId: expenditures.applicationId,
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
      })
      .from(expenditures)
      .where(only(expenditures))
      .all(),
  );
  const inputs = new Map<number, LedgerInput>();
  for (const { app, programme } of apps) {
    inputs.set(app.id, {
      application: {
        grantedCents: app.grantedCents,
        decisionDate: app.decisionDate,
        fundingPeriodStart: app.fundingPeriodStart,
        fundingPeriodEnd: app.fundingPeriodEnd,
        thirdPartyFundsCents: app.thirdPartyFundsCents,
        inputTaxDeductible: app.inputTaxDeductible,
      },
      programme: {
        eligibleCostCategories: programme.eligibleCostCategories,
        permittedDeviationBp: programme.permittedDeviationBp,
        totalOverrunToleranceBp: programme.totalOverrunToleranceBp,
        drawdownWindowMonths: programme.drawdownWindowMonths,
      },
      planItems: planItems.get(app.id) ?? [],
      drawdowns: (drawdownRows.get(app.id) ?? []).filter((d) => !d.cancelledOn).map(({ cancelledOn: _c, ...d }) => d),
      receipts: receipts.get(app.id) ?? [],
    });
  }
  return inputs;
}

/** One application's ledger input in the caller's Kommune, or null when not found. */
export function loadLedgerInput(db: DbOrTx, tenant: Tenant, applicationId: number): LedgerInput | null {
  return readLedgerInputs(db, tenant, applicationId).get(applicationId) ?? null;
}

/** The computed ledger of one application in the caller's Kommune, or null when not found. */
export function loadLedger(db: DbOrTx, tenant: Tenant, applicationId: number): Ledger | null {
  const input = loadLedgerInput(db, tenant, applicationId);
  return input ? computeLedger(input) : null;
}

/** The computed ledgers of every application of the Kommune (dashboards, overview). */
export function loadLedgers(db: DbOrTx, tenant: Tenant): Map<number, Ledger> {
  return new Map([...readLedgerInputs(db, tenant)].map(([id, input]) => [id, computeLedger(input)]));
}
