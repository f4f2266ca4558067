import { type LedgerInput, budgetYearInput, computeLedger } from "../../areas/funding/money";
import { formatDate, formatEuro } from "../../utils/format";
import { buildFinancialStatement, drawdownRows, overrideRows, receiptRows } from "./financial-statement";
import type { AmendmentLine, FinalReportData, GrantContact, GrantCover, InterimReportData, ReportMunicipality } from "./types";

export interface GrantReportMeta {
  municipality: ReportMunicipality;
  generatedAt: string;
  generatedBy: string;
  /** The report date (ISO day): draft status and reclaim interest are reckoned to it. */
  asOf: string;
  cover: GrantCover;
  contact: GrantContact;
  narrative: string;
  amendments: AmendmentLine[];
  /** Issued as vorzeitiger Verwendungsnachweis before the end of the funding period, with this reason. */
  earlyReason?: string | null;
}

/**
 * Whether a grant report of this date is a draft: its period (the funding period for a VN, the
 * budget year within it for a ZN) has not ended yet, and it is not issued early with a reason.
 */
export function isDraftReport(periodEnd: string, asOf: string, earlyReason?: string | null): boolean {
  return asOf <= periodEnd && !earlyReason?.trim();
}

/** Whether a VN of this date is a draft: before the end of the funding period and not issued early. */
export function isDraftFinalReport(fundingPeriodEnd: string, asOf: string, earlyReason: string | null | undefined): boolean {
  return isDraftReport(fundingPeriodEnd, asOf, earlyReason);
}

/**
 * The one draft mark of VN and ZN: the watermark the renderer prints on every page ("ENTWURF" in
 * the header, "Entwurf – nicht zur Einreichung bestimmt" above the footer) and the heading label
 * naming the date from which the report is final.
 */
function draftMark(
  label: { final: string; draft: string; period: string },
  periodEnd: string,
  asOf: string,
  earlyReason?: string | null,
): { watermark?: string; documentLabel: string } {
  return isDraftReport(periodEnd, asOf, earlyReason)
    ? { watermark: "Entwurf", documentLabel: `${label.draft} (Entwurf – ${label.period} endet am ${formatDate(periodEnd)})` }
    : { documentLabel: label.final };
}

function lastReceiptOfFunds(input: LedgerInput): string | null {
  const dates = input.drawdowns.map((d) => d.receivedOn).filter((d): d is string => d !== null);
  return dates.length ? dates.sort().at(-1)! : null;
}

function assemble(input: LedgerInput, meta: GrantReportMeta, grantShareBp?: number) {
  const ledger = computeLedger(input, { grantShareBp });
  const receipts = receiptRows(ledger.lines);
  return {
    municipality: meta.municipality,
    generatedAt: meta.generatedAt,
    generatedBy: meta.generatedBy,
    cover: meta.cover,
    contact: meta.contact,
    narrative: meta.narrative,
    financialStatement: buildFinancialStatement(ledger, {
      programme: input.programme,
      inputTaxDeductible: input.application.inputTaxDeductible,
      overpaidSince: lastReceiptOfFunds(input),
      asOf: meta.asOf,
    }),
    drawdowns: drawdownRows(input.drawdowns),
    overrides: overrideRows(input.drawdowns),
    amendments: meta.amendments,
    receipts,
    ineligibleReceipts: receipts.filter((r) => r.ineligibleReason !== ""),
    receiptTotalCents: ledger.grossCents,
  };
}

/**
 * The ZN's overrun list. The finance plan binds the whole funding period: a cost category spent in a
 * budget year the plan puts it in another year is a shift between years, not an unplanned expense
 * needing an amendment, so it is named as such (with the overall plan amount).
 */
function interimOverruns(
  input: LedgerInput,
  statement: FinalReportData["financialStatement"],
  budgetYear: number,
): { message: string }[] {
  const shifted = statement.expenditure.filter(
    (e) => e.plannedCents === 0 && e.actualCents > 0 && input.planItems.some((i) => i.costCategory === e.costCategory && i.plannedCents > 0),
  );
  const shiftedLabels = new Set(shifted.map((e) => `${e.costCategoryLabel}: `));
  return [
    ...statement.overruns.filter((o) => ![...shiftedLabels].some((l) => o.message.startsWith(l) && o.message.includes("nicht im Finanzierungsplan"))),
    ...shifted.map((e) => {
      const overall = input.planItems.filter((i) => i.costCategory === e.costCategory).reduce((sum, i) => sum + i.plannedCents, 0);
      const years = [...new Set(input.planItems.filter((i) => i.costCategory === e.costCategory && i.plannedCents > 0).map((i) => i.budgetYear))].sort();
      return {
        message: `${e.costCategoryLabel}: im Finanzierungsplan nicht für ${budgetYear}, sondern für ${years.join(", ")} vorgesehen (insgesamt ${formatEuro(overall)}); Ausgaben von ${formatEuro(e.actualCents)} in ${budgetYear} verschieben die Verteilung auf die Haushaltsjahre – dem Zuwendungsgeber mitteilen, solange der Gesamtplan eingehalten ist`,
      };
    }),
  ];
}

/** Verwendungsnachweis data from the application's ledger input (pure). */
export function finalReportData(input: LedgerInput, meta: GrantReportMeta): FinalReportData {
  const earlyReason = meta.earlyReason?.trim() ?? "";
  const draft = isDraftFinalReport(meta.cover.fundingPeriodEnd, meta.asOf, earlyReason);
  const mark = draftMark(
    { final: "Verwendungsnachweis", draft: "Verwendungsnachweis", period: "der Bewilligungszeitraum" },
    meta.cover.fundingPeriodEnd, meta.asOf, earlyReason);
  return {
    ...assemble(input, meta),
    ...mark,
    ...(!draft && earlyReason ? { documentLabel: "Vorzeitiger Verwendungsnachweis" } : {}),
    earlyNote:
      draft || !earlyReason
        ? ""
        : `Vorzeitig vorgelegt vor Ende des Bewilligungszeitraums (${formatDate(meta.cover.fundingPeriodEnd)}). Begründung: ${earlyReason}`,
  };
}

/**
 * Zwischennachweis data for one budget year (pure): the ledger of that year's rows with the
 * application's grant share, so the same eligibility rule applies as in the Verwendungsnachweis.
 */
export function interimReportData(
  input: LedgerInput,
  meta: GrantReportMeta,
  period: { budgetYear: number; from: string; to: string },
): InterimReportData {
  const share = computeLedger(input).grantShareBp;
  const year = assemble(budgetYearInput(input, period.budgetYear, share), meta, share);
  return {
    ...year,
    financialStatement: { ...year.financialStatement, overruns: interimOverruns(input, year.financialStatement, period.budgetYear) },
    ...draftMark(
      { final: `Zwischennachweis für das Haushaltsjahr ${period.budgetYear}`, draft: `Zwischennachweis ${period.budgetYear}`, period: "der Nachweiszeitraum" },
      period.to,
      meta.asOf,
    ),
    earlyNote: "",
    budgetYear: period.budgetYear,
    periodStart: period.from,
    periodEnd: period.to,
  };
}
