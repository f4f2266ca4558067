import type { CostCategory } from "../../../db/schema/funding";
import { addMonthsIso } from "../../utils/calendar";
import { formatDate, formatEuro } from "../../utils/format";
import { reclaimInterest, type InterestPeriod } from "./base-rates";
import { type Comparison, applyRate, comparePlanActual, isCategoryEligible } from "./calc";
import { COST_CATEGORY_LABELS } from "./labels";
import type { ReceiptRow } from "./receipt-row";

/**
 * The funding ledger: every money figure of one application, computed once from its rows in
 * integer cents. Pages, PDFs, CSV/JSON and dashboards read these figures instead of summing rows
 * themselves, so two renderings can never disagree.
 */
export interface LedgerApplication {
  grantedCents: number | null;
  decisionDate: string | null;
  fundingPeriodStart: string | null;
  fundingPeriodEnd: string | null;
  thirdPartyFundsCents: number;
  /** Vorsteuerabzug: the Kommune can deduct input tax, so only net amounts count. */
  inputTaxDeductible: boolean;
}

export interface LedgerProgramme {
  eligibleCostCategories: readonly CostCategory[];
  permittedDeviationBp: number;
  totalOverrunToleranceBp: number;
  drawdownWindowMonths: number;
}

export interface LedgerPlanItem {
  costCategory: CostCategory;
  plannedCents: number;
  eligible: boolean;
  /** Haushaltsjahr of the item (the Zwischennachweis reads one year). */
  budgetYear?: number;
}

export interface LedgerDrawdown {
  id: number;
  requestedOn: string;
  requestedCents: number;
  receivedOn: string | null;
  receivedCents: number | null;
  /** Written reason when the drawdown was made despite the spending-window check. */
  overrideReason?: string | null;
}

/** A stored receipt as the ledger reads it: the receipt row plus its id and eligibility mark. */
export interface LedgerReceipt extends ReceiptRow {
  id: number;
  /** Set when a clerk marked this single receipt as not eligible. */
  notEligibleReason?: string | null;
}

export interface LedgerInput {
  application: LedgerApplication;
  programme: LedgerProgramme;
  planItems: readonly LedgerPlanItem[];
  drawdowns: readonly LedgerDrawdown[];
  receipts: readonly LedgerReceipt[];
}

export interface ReceiptLine extends LedgerReceipt {
  runningNumber: number;
  netCents: number;
  vatCents: number;
  /** The amount that counts (net with Vorsteuerabzug, else gross). */
  countedCents: number;
  eligibleCents: number;
  /** German reason when the receipt counts as not eligible; null when eligible. */
  ineligibleReason: string | null;
}

/**
 * Why a receipt is not eligible, or null. One rule for every report: the programme's cost
 * categories, the clerk's mark, and the funding period (by receipt date).
 */
export function receiptIneligibleReason(
  receipt: Pick<LedgerReceipt, "costCategory" | "receiptDate" | "notEligibleReason">,
  application: Pick<LedgerApplication, "fundingPeriodStart" | "fundingPeriodEnd">,
  programme: Pick<LedgerProgramme, "eligibleCostCategories">,
): string | null {
  if (receipt.notEligibleReason?.trim()) return receipt.notEligibleReason.trim();
  if (!isCategoryEligible(programme, receipt.costCategory)) {
    return `Kostenart „${COST_CATEGORY_LABELS[receipt.costCategory]}“ ist im Programm nicht zuwendungsfähig.`;
  }
  const { fundingPeriodStart: start, fundingPeriodEnd: end } = application;
  if ((start && receipt.receiptDate < start) || (end && receipt.receiptDate > end)) {
    return `Belegdatum ${formatDate(receipt.receiptDate)} liegt außerhalb des Bewilligungszeitraums ${formatDate(start)} – ${formatDate(end)}.`;
  }
  return null;
}

/** Net and VAT of a receipt; without a split the whole gross amount counts as net. */
function split(r: LedgerReceipt): { netCents: number; vatCents: number } {
  if (r.netCents !== null && r.vatCents !== null) return { netCents: r.netCents, vatCents: r.vatCents };
  if (r.netCents !== null) return { netCents: r.netCents, vatCents: r.amountCents - r.netCents };
  if (r.vatCents !== null) return { netCents: r.amountCents - r.vatCents, vatCents: r.vatCents };
  return { netCents: r.amountCents, vatCents: 0 };
}

/** Belegliste in time order (receipt date, then payment date, then number) with running numbers. */
export function receiptLines(input: Pick<LedgerInput, "application" | "programme" | "receipts">): ReceiptLine[] {
  const sorted = [...input.receipts].sort(
    (a, b) =>
      a.receiptDate.localeCompare(b.receiptDate) ||
      (a.paidOn ?? "9999").localeCompare(b.paidOn ?? "9999") ||
      a.receiptNumber.localeCompare(b.receiptNumber, "de") ||
      a.id - b.id,
  );
  return sorted.map((r, index) => {
    const { netCents, vatCents } = split(r);
    const countedCents = input.application.inputTaxDeductible ? netCents : r.amountCents;
    const ineligibleReason = receiptIneligibleReason(r, input.application, input.programme);
    return { ...r, runningNumber: index + 1, netCents, vatCents, countedCents, eligibleCents: ineligibleReason ? 0 : countedCents, ineligibleReason };
  });
}

export interface Ledger {
  grantCents: number;
  plannedTotalCents: number;
  plannedEligibleCents: number;
  /** Share of eligible costs the grant covers, in basis points (at most 100 %). */
  grantShareBp: number;
  requestedCents: number;
  receivedCents: number;
  /** Requested but not (yet) received. */
  pendingDrawdownCents: number;
  pendingDrawdowns: LedgerDrawdown[];
  grossCents: number;
  netCents: number;
  vatCents: number;
  countedCents: number;
  eligibleCents: number;
  ineligibleCents: number;
  /** Grant share of the eligible expenditure, capped at the grant ("zuwendungsfähig verwendet"). */
  grantUsedCents: number;
  thirdPartyFundsCents: number;
  /** Actual own funds: counted expenditure less received grant and third-party funds. */
  ownFundsCents: number;
  /** Plan: total planned costs less grant and third-party funds. */
  ownFundsPlannedCents: number;
  /** Explanation shown whenever own funds are negative (never a bare negative figure). */
  ownFundsNote: string | null;
  lines: ReceiptLine[];
  planActual: Comparison;
  /** Eligible amount per cost category (the categories of planActual). */
  eligibleByCategory: Partial<Record<CostCategory, number>>;
}

/**
 * `grantShareBp` fixes the grant share instead of deriving it from this input's plan: a
 * Zwischennachweis applies the whole application's share to one budget year.
 */
export function computeLedger(input: LedgerInput, options: { grantShareBp?: number } = {}): Ledger {
  const { application, programme } = input;
  const grantCents = application.grantedCents ?? 0;
  const plannedTotalCents = input.planItems.reduce((s, i) => s + i.plannedCents, 0);
  const plannedEligibleCents = input.planItems
    .filter((i) => i.eligible && isCategoryEligible(programme, i.costCategory))
    .reduce((s, i) => s + i.plannedCents, 0);
  const grantShareBp =
    options.grantShareBp ?? (plannedEligibleCents <= 0 ? 0 : Math.min(10000, Math.floor((grantCents * 10000) / plannedEligibleCents)));
  const requestedCents = input.drawdowns.reduce((s, d) => s + d.requestedCents, 0);
  const receivedCents = input.drawdowns.reduce((s, d) => s + (d.receivedCents ?? 0), 0);
  const pendingDrawdowns = input.drawdowns.filter((d) => d.receivedCents === null);
  const pendingDrawdownCents = pendingDrawdowns.reduce((s, d) => s + d.requestedCents, 0);
  const lines = receiptLines(input);
  const sum = (f: (l: ReceiptLine) => number) => lines.reduce((s, l) => s + f(l), 0);
  const countedCents = sum((l) => l.countedCents);
  const eligibleCents = sum((l) => l.eligibleCents);
  const grantUsedCents = Math.min(grantCents, applyRate(eligibleCents, grantShareBp));
  const thirdPartyFundsCents = application.thirdPartyFundsCents;
  const ownFundsCents = countedCents - receivedCents - thirdPartyFundsCents;
  const ownFundsPlannedCents = plannedTotalCents - grantCents - thirdPartyFundsCents;
  let ownFundsNote: string | null = null;
  if (ownFundsCents < 0) {
    ownFundsNote = `Eigenmittel negativ: Die erhaltene Zuwendung (${formatEuro(receivedCents)}) und die Drittmittel (${formatEuro(thirdPartyFundsCents)}) übersteigen die Ausgaben (${formatEuro(countedCents)}) um ${formatEuro(-ownFundsCents)}; dieser Betrag ist noch nicht verausgabt.`;
  } else if (ownFundsPlannedCents < 0) {
    ownFundsNote = `Eigenmittel im Plan negativ: Zuwendung und Drittmittel übersteigen die geplanten Gesamtkosten um ${formatEuro(-ownFundsPlannedCents)}.`;
  }
  const planned = new Map<CostCategory, number>();
  for (const i of input.planItems) planned.set(i.costCategory, (planned.get(i.costCategory) ?? 0) + i.plannedCents);
  const actual = new Map<CostCategory, number>();
  const eligibleByCategory: Partial<Record<CostCategory, number>> = {};
  for (const l of lines) {
    actual.set(l.costCategory, (actual.get(l.costCategory) ?? 0) + l.countedCents);
    eligibleByCategory[l.costCategory] = (eligibleByCategory[l.costCategory] ?? 0) + l.eligibleCents;
  }
  return {
    grantCents,
    plannedTotalCents,
    plannedEligibleCents,
    grantShareBp,
    requestedCents,
    receivedCents,
    pendingDrawdownCents,
    pendingDrawdowns,
    grossCents: sum((l) => l.amountCents),
    netCents: sum((l) => l.netCents),
    vatCents: sum((l) => l.vatCents),
    countedCents,
    eligibleCents,
    ineligibleCents: countedCents - eligibleCents,
    grantUsedCents,
    thirdPartyFundsCents,
    ownFundsCents,
    ownFundsPlannedCents,
    ownFundsNote,
    lines,
    planActual: comparePlanActual(planned, actual, programme),
    eligibleByCategory,
  };
}

/**
 * The ledger input of one budget year (Zwischennachweis): that year's plan items, the receipts
 * dated in that calendar year (the funding-period rule still marks those outside the period as
 * not eligible), the drawdowns received in it (or, not yet received, requested in it). The year's
 * planned grant is the application's grant share of the year's eligible plan, and third-party
 * funds count pro rata to the year's planned costs, so one year never carries the whole grant.
 */
export function budgetYearInput(input: LedgerInput, budgetYear: number, grantShareBp: number): LedgerInput {
  const year = String(budgetYear);
  const planItems = input.planItems.filter((i) => i.budgetYear === budgetYear);
  const plannedTotal = input.planItems.reduce((s, i) => s + i.plannedCents, 0);
  const yearPlanned = planItems.reduce((s, i) => s + i.plannedCents, 0);
  const yearEligible = planItems
    .filter((i) => i.eligible && isCategoryEligible(input.programme, i.costCategory))
    .reduce((s, i) => s + i.plannedCents, 0);
  const thirdPartyFundsCents =
    plannedTotal <= 0 ? 0 : Number((BigInt(input.application.thirdPartyFundsCents) * BigInt(yearPlanned)) / BigInt(plannedTotal));
  return {
    ...input,
    application: {
      ...input.application,
      grantedCents: Math.min(input.application.grantedCents ?? 0, applyRate(yearEligible, grantShareBp)),
      thirdPartyFundsCents,
    },
    planItems,
    drawdowns: input.drawdowns.filter((d) => (d.receivedOn ?? d.requestedOn).startsWith(year)),
    receipts: input.receipts.filter((r) => r.receiptDate.startsWith(year)),
  };
}

export type BalanceStatement =
  | { kind: "overpaid"; label: string; amountCents: number; interest: { since: string; until: string; totalCents: number; periods: InterestPeriod[] } | null; text: string }
  | { kind: "toDraw"; label: string; amountCents: number; text: string }
  | { kind: "balanced"; label: string; amountCents: 0; text: string };

/**
 * What the difference between received and used grant is: an overpayment the funder reclaims
 * (with § 49a VwVfG interest from the last receipt of funds), or grant still to be drawn.
 */
export function balanceStatement(ledger: Pick<Ledger, "receivedCents" | "grantUsedCents">, options: { overpaidSince: string | null; asOf: string }): BalanceStatement {
  const diff = ledger.receivedCents - ledger.grantUsedCents;
  if (diff > 0) {
    const interest = options.overpaidSince && options.overpaidSince < options.asOf
      ? { since: options.overpaidSince, until: options.asOf, ...reclaimInterest(diff, options.overpaidSince, options.asOf) }
      : null;
    return {
      kind: "overpaid",
      label: "Überzahlung (Rückforderung)",
      amountCents: diff,
      interest,
      text:
        `Erhalten ${formatEuro(ledger.receivedCents)}, zuwendungsfähig verwendet ${formatEuro(ledger.grantUsedCents)}: ${formatEuro(diff)} sind zurückzuzahlen` +
        (interest ? `, zuzüglich Zinsen nach § 49a VwVfG (Basiszinssatz + 5 Prozentpunkte) von ${formatEuro(interest.totalCents)} bis ${formatDate(options.asOf)}.` : "."),
    };
  }
  if (diff < 0) {
    return {
      kind: "toDraw",
      label: "Noch abzurufende Zuwendung",
      amountCents: -diff,
      text: `Zuwendungsfähig verwendet ${formatEuro(ledger.grantUsedCents)}, erhalten ${formatEuro(ledger.receivedCents)}: ${formatEuro(-diff)} können noch abgerufen werden.`,
    };
  }
  return { kind: "balanced", label: "Ausgeglichen", amountCents: 0, text: "Erhaltene und zuwendungsfähig verwendete Zuwendung stimmen überein." };
}

export interface Finding {
  code: "itemOverrun" | "unplannedCategory" | "totalOverrun" | "unspentFunds" | "reconciliation";
  message: string;
}

/** Overruns beyond the programme's per-item (P %) and total tolerance, in German. */
export function overrunFindings(ledger: Pick<Ledger, "planActual">): Finding[] {
  const findings: Finding[] = [];
  for (const row of ledger.planActual.rows) {
    const label = COST_CATEGORY_LABELS[row.costCategory];
    if (row.flag === "exceeded") findings.push({ code: "itemOverrun", message: `${label}: ${row.message}` });
    if (row.flag === "unplanned") findings.push({ code: "unplannedCategory", message: `${label}: ${row.message}` });
  }
  if (ledger.planActual.total.flag === "exceeded") findings.push({ code: "totalOverrun", message: ledger.planActual.total.message });
  return findings;
}

/**
 * Received funds not used within the spending window after their receipt (ANBest-Gk 1.2):
 * payments (their grant share, in payment order) use up the oldest receipt of funds first;
 * whatever of a receipt is left once its window has closed by `asOf` counts as unspent.
 */
export function unspentFundsCents(
  ledger: Pick<Ledger, "lines" | "grantShareBp">,
  drawdowns: readonly LedgerDrawdown[],
  windowMonths: number,
  asOf: string,
): { totalCents: number; items: { drawdownId: number; receivedOn: string; windowEnds: string; unspentCents: number }[] } {
  const funds = drawdowns
    .filter((d): d is LedgerDrawdown & { receivedOn: string; receivedCents: number } => d.receivedOn !== null && d.receivedCents !== null)
    .sort((a, b) => a.receivedOn.localeCompare(b.receivedOn) || a.id - b.id)
    .map((d) => ({ d, left: d.receivedCents, windowEnds: addMonthsIso(d.receivedOn, windowMonths) }));
  const payments = ledger.lines
    .filter((l) => l.eligibleCents > 0)
    .map((l) => ({ on: l.paidOn ?? l.receiptDate, cents: applyRate(l.eligibleCents, ledger.grantShareBp) }))
    .sort((a, b) => a.on.localeCompare(b.on));
  for (const p of payments) {
    let rest = p.cents;
    for (const f of funds) {
      if (rest === 0) break;
      if (f.left === 0) continue;
      const used = Math.min(f.left, rest);
      f.left -= used;
      rest -= used;
    }
  }
  const items = funds
    .filter((f) => f.left > 0 && f.windowEnds < asOf)
    .map((f) => ({ drawdownId: f.d.id, receivedOn: f.d.receivedOn, windowEnds: f.windowEnds, unspentCents: f.left }));
  return { totalCents: items.reduce((s, i) => s + i.unspentCents, 0), items };
}

/**
 * Totals that must agree in a zahlenmäßiger Nachweis: Belegliste vs. cost categories, and
 * income (grant received, third-party and own funds) vs. expenditure.
 */
export function reconciliation(ledger: Ledger): Finding[] {
  const findings: Finding[] = [];
  const categoryTotal = ledger.planActual.rows.reduce((s, r) => s + r.actualCents, 0);
  const listTotal = ledger.lines.reduce((s, l) => s + l.countedCents, 0);
  if (categoryTotal !== listTotal) {
    findings.push({ code: "reconciliation", message: `Belegliste (${formatEuro(listTotal)}) und Summe der Kostenarten (${formatEuro(categoryTotal)}) stimmen nicht überein.` });
  }
  const income = ledger.receivedCents + ledger.thirdPartyFundsCents + ledger.ownFundsCents;
  if (income !== ledger.countedCents) {
    findings.push({ code: "reconciliation", message: `Einnahmen (${formatEuro(income)}) und Ausgaben (${formatEuro(ledger.countedCents)}) stimmen nicht überein.` });
  }
  if (ledger.requestedCents > ledger.grantCents) {
    findings.push({ code: "reconciliation", message: `Die Abrufe (${formatEuro(ledger.requestedCents)}) übersteigen die Zuwendung (${formatEuro(ledger.grantCents)}).` });
  }
  return findings;
}

/**
 * Hard limits on a new or corrected drawdown: never before the decision, never above the grant
 * in total. `otherRequestedCents` is the sum of all other drawdowns of the application.
 */
export function checkDrawdownRequest(input: {
  requestedOn: string;
  requestedCents: number;
  decisionDate: string | null;
  grantCents: number;
  otherRequestedCents: number;
}): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);
  if (input.requestedCents <= 0) add("requestedCents", "Bitte einen Betrag über 0 € eingeben.");
  if (!input.decisionDate) add("requestedOn", "Ohne Zuwendungsbescheid ist kein Mittelabruf möglich.");
  else if (input.requestedOn < input.decisionDate) {
    add("requestedOn", `Der Abruf liegt vor dem Zuwendungsbescheid vom ${formatDate(input.decisionDate)}.`);
  }
  const remaining = input.grantCents - input.otherRequestedCents;
  if (input.requestedCents > remaining) {
    add("requestedCents", `Höchstens ${formatEuro(Math.max(0, remaining))} können noch abgerufen werden (Zuwendung ${formatEuro(input.grantCents)}, bereits abgerufen ${formatEuro(input.otherRequestedCents)}).`);
  }
  return errors;
}

/**
 * A receipt dated outside the funding period is refused unless it is kept explicitly as not
 * eligible with a reason.
 */
export function checkReceipt(
  receipt: Pick<LedgerReceipt, "receiptDate" | "paidOn" | "notEligibleReason">,
  application: Pick<LedgerApplication, "fundingPeriodStart" | "fundingPeriodEnd">,
): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const { fundingPeriodStart: start, fundingPeriodEnd: end } = application;
  const outside = (start && receipt.receiptDate < start) || (end && receipt.receiptDate > end);
  if (outside && !receipt.notEligibleReason?.trim()) {
    errors.receiptDate = [
      `Das Belegdatum liegt außerhalb des Bewilligungszeitraums ${formatDate(start)} – ${formatDate(end)}. Der Beleg kann nur als nicht zuwendungsfähig mit Begründung erfasst werden.`,
    ];
  }
  if (receipt.paidOn && receipt.paidOn < receipt.receiptDate) errors.paidOn = ["Das Zahlungsdatum liegt vor dem Belegdatum."];
  return errors;
}
