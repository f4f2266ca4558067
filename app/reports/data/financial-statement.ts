import type { DeviationFlag } from "../../areas/funding/calc";
import { COST_CATEGORY_LABELS } from "../../areas/funding/labels";
import {
  type Ledger,
  type LedgerDrawdown,
  type ReceiptLine as LedgerLine,
  balanceStatement,
  overrunFindings,
} from "../../areas/funding/money";
import { formatDate, formatPercentBp } from "../../utils/format";
import type { DrawdownLine, FinancialStatement, OverrideLine, PlanActualLine, ReceiptLine } from "./types";

/**
 * zahlenmäßiger Nachweis (ANBest-P/-Gk Nr. 6) from the ledger: every figure is the ledger's, this
 * only arranges them in the structure of the finance plan. No sums of its own but the column
 * totals of rows the ledger already computed.
 */
export function buildFinancialStatement(
  ledger: Ledger,
  options: {
    programme: { permittedDeviationBp: number; totalOverrunToleranceBp: number };
    inputTaxDeductible: boolean;
    /** Last receipt of funds: reclaim interest on an overpayment runs from here. */
    overpaidSince: string | null;
    asOf: string;
  },
): FinancialStatement {
  const p = options.programme;
  const markOf = (flag: DeviationFlag): string =>
    flag === "exceeded"
      ? `über ${formatPercentBp(p.permittedDeviationBp)}`
      : flag === "withinTolerance"
        ? `innerhalb ${formatPercentBp(p.permittedDeviationBp)}`
        : flag === "unplanned"
          ? "nicht im Plan"
          : "";
  const expenditure: PlanActualLine[] = ledger.planActual.rows.map((r) => ({
    costCategory: r.costCategory,
    costCategoryLabel: COST_CATEGORY_LABELS[r.costCategory],
    plannedCents: r.plannedCents,
    actualCents: r.actualCents,
    eligibleCents: ledger.eligibleByCategory[r.costCategory] ?? 0,
    differenceCents: r.deviationCents,
    deviationBp: r.deviationBp,
    mark: markOf(r.flag),
  }));
  const total = ledger.planActual.total;
  const income = [
    { label: "Zuwendung", plannedCents: ledger.grantCents, actualCents: ledger.receivedCents },
    { label: "Eigenmittel", plannedCents: ledger.ownFundsPlannedCents, actualCents: ledger.ownFundsCents },
    { label: "Drittmittel", plannedCents: ledger.thirdPartyFundsCents, actualCents: ledger.thirdPartyFundsCents },
  ];
  const balance = balanceStatement(ledger, { overpaidSince: options.overpaidSince, asOf: options.asOf });
  const signed = balance.kind === "toDraw" ? -balance.amountCents : balance.amountCents;
  return {
    income,
    ownFundsNote: ledger.ownFundsNote ?? "",
    incomeNote: [
      "Zuwendung (Ist): eingegangene Mittel. Eigenmittel (Ist): Ausgaben abzüglich eingegangener Zuwendung und Drittmittel.",
      ledger.ownFundsNote,
    ]
      .filter(Boolean)
      .join(" "),
    countingNote: `${
      options.inputTaxDeductible
        ? "Die Kommune ist zum Vorsteuerabzug berechtigt: es zählen die Nettobeträge."
        : "Die Kommune ist nicht zum Vorsteuerabzug berechtigt: es zählen die Bruttobeträge."
    } „Zuwendungsfähig“ ist der Teil der Ist-Ausgaben in zuwendungsfähigen Kostenarten des Programms mit Belegdatum im Bewilligungszeitraum, ohne einzeln als nicht zuwendungsfähig gekennzeichnete Belege.`,
    expenditure,
    totals: {
      plannedIncomeCents: ledger.grantCents + ledger.ownFundsPlannedCents + ledger.thirdPartyFundsCents,
      actualIncomeCents: ledger.receivedCents + ledger.ownFundsCents + ledger.thirdPartyFundsCents,
      plannedExpenditureCents: total.plannedCents,
      actualExpenditureCents: total.actualCents,
      eligibleExpenditureCents: ledger.eligibleCents,
      deviationBp: total.deviationBp,
      mark: total.flag === "exceeded" ? `über ${formatPercentBp(p.totalOverrunToleranceBp)}` : "",
    },
    limitsNote: `Zulässig sind nach dem Programm Überschreitungen einzelner Kostenarten um bis zu ${formatPercentBp(p.permittedDeviationBp)} (bei Ausgleich durch Einsparungen an anderer Stelle) und der Gesamtausgaben um bis zu ${formatPercentBp(p.totalOverrunToleranceBp)}. ${total.message}.`,
    overruns: overrunFindings(ledger).map((f) => ({ message: f.message })),
    grant: {
      grantedCents: ledger.grantCents,
      grantShareBp: ledger.grantShareBp,
      requestedCents: ledger.requestedCents,
      receivedCents: ledger.receivedCents,
      pendingCents: ledger.pendingDrawdownCents,
      eligibleCents: ledger.eligibleCents,
      ineligibleCents: ledger.ineligibleCents,
      usedCents: ledger.grantUsedCents,
      balanceCents: signed,
      balanceKind: balance.kind,
      balanceLabel: balance.label,
      balanceText: balance.text,
      interestCents: balance.kind === "overpaid" ? (balance.interest?.totalCents ?? 0) : 0,
    },
  };
}

/** The Belegliste rows in the ledger's time order, with the cells the PDF table combines. */
export function receiptRows(lines: readonly LedgerLine[]): ReceiptLine[] {
  return lines.map((l) => ({
    runningNumber: l.runningNumber,
    receiptNumber: l.receiptNumber,
    date: l.receiptDate,
    paidOn: l.paidOn,
    dates: `${formatDate(l.receiptDate)}\n${l.paidOn ? formatDate(l.paidOn) : "unbezahlt"}`,
    payee: l.payee,
    purpose: l.purpose,
    payeePurpose: `${l.payee}\n${l.purpose}`,
    costCategory: l.costCategory,
    costCategoryLabel: COST_CATEGORY_LABELS[l.costCategory],
    netCents: l.netCents,
    vatCents: l.vatCents,
    amountCents: l.amountCents,
    eligibleCents: l.eligibleCents,
    ineligibleReason: l.ineligibleReason ?? "",
  }));
}

/** Every drawdown that counts, requested-but-not-received ones included. */
export function drawdownRows(drawdowns: readonly LedgerDrawdown[]): DrawdownLine[] {
  return drawdowns.map((d) => ({
    requestedOn: d.requestedOn,
    requestedCents: d.requestedCents,
    receivedOn: d.receivedOn,
    receivedCents: d.receivedCents,
    status: d.receivedCents === null ? "abgerufen, noch nicht eingegangen" : d.receivedCents === d.requestedCents ? "eingegangen" : "eingegangen (abweichender Betrag)",
  }));
}

/** Drawdowns made despite the spending-window check, with their written reason. */
export function overrideRows(drawdowns: readonly LedgerDrawdown[]): OverrideLine[] {
  return drawdowns
    .filter((d) => d.overrideReason?.trim())
    .map((d) => ({ requestedOn: d.requestedOn, requestedCents: d.requestedCents, reason: d.overrideReason!.trim() }));
}
