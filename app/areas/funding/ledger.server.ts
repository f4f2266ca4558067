import { asc, eq } from "drizzle-orm";
import { drawdowns, expenditures, financePlanItems, fundingApplications, fundingProgrammes } from "../../../db/schema";
import type { DbOrTx } from "../../utils/db.server";
import { type Tenant, scoped } from "../../utils/tenant.server";
import { type Ledger, type LedgerInput, computeLedger } from "./money";

/**
 * Reads one application's rows into the pure ledger's input. Every page, report, CSV and
 * dashboard that shows a money figure of an application goes through this loader and
 * `computeLedger`, so they all count the same rows the same way. Cancelled drawdowns stay on
 * record but do not count. Null when the application is not in the caller's Kommune.
 */
export function loadLedgerInput(db: DbOrTx, tenant: Tenant, applicationId: number): LedgerInput | null {
  const row = db
    .select({ app: fundingApplications, programme: fundingProgrammes })
    .from(fundingApplications)
    .innerJoin(fundingProgrammes, eq(fundingProgrammes.id, fundingApplications.programmeId))
    .where(scoped(fundingApplications, tenant, eq(fundingApplications.id, applicationId)))
    .get();
  if (!row) return null;
  const { app, programme } = row;
  const planItems = db
    .select({
      costCategory: financePlanItems.costCategory,
      plannedCents: financePlanItems.plannedCents,
      eligible: financePlanItems.eligible,
      budgetYear: financePlanItems.budgetYear,
    })
    .from(financePlanItems)
    .where(scoped(financePlanItems, tenant, eq(financePlanItems.applicationId, applicationId)))
    .orderBy(asc(financePlanItems.id))
    .all();
  const drawdownRows = db
    .select({
      id: drawdowns.id,
      requestedOn: drawdowns.requestedOn,
      requestedCents: drawdowns.requestedCents,
      receivedOn: drawdowns.receivedOn,
      receivedCents: drawdowns.receivedCents,
      overrideReason: drawdowns.overrideReason,
      cancelledOn: drawdowns.cancelledOn,
    })
    .from(drawdowns)
    .where(scoped(drawdowns, tenant, eq(drawdowns.applicationId, applicationId)))
    .orderBy(asc(drawdowns.requestedOn), asc(drawdowns.id))
    .all();
  const receipts = db
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
    })
    .from(expenditures)
    .where(scoped(expenditures, tenant, eq(expenditures.applicationId, applicationId)))
    .all();
  return {
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
    planItems,
    drawdowns: drawdownRows.filter((d) => !d.cancelledOn).map(({ cancelledOn: _c, ...d }) => d),
    receipts,
  };
}

/** The computed ledger of one application in the caller's Kommune, or null when not found. */
export function loadLedger(db: DbOrTx, tenant: Tenant, applicationId: number): Ledger | null {
  const input = loadLedgerInput(db, tenant, applicationId);
  return input ? computeLedger(input) : null;
}
