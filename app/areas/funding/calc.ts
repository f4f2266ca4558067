import type { CostCategory, FundingType, RoundingRule } from "../../../db/schema/funding";
import { formatEuro, formatPercentBp } from "../../utils/format";
import { COST_CATEGORY_LABELS } from "./labels";

/**
 * Funding math in integer cents only. Rates are basis points (6500 = 65 %); products are taken in
 * BigInt so that large budgets never lose a cent to floating point.
 */
export interface ProgrammeTerms {
  fundingType: FundingType;
  rateBp: number;
  weakRateBp?: number | null;
  fixedAmountCents?: number | null;
  minGrantCents?: number | null;
  maxGrantCents?: number | null;
  roundingRule: RoundingRule;
  /** Empty = every category is eligible. */
  eligibleCostCategories: readonly CostCategory[];
}

export interface PlanItem {
  costCategory: CostCategory;
  plannedCents: number;
  eligible: boolean;
}

export interface Financing {
  totalCents: number;
  eligibleCents: number;
  ineligibleCents: number;
  rateBp: number;
  /** Grant before cap and rounding. */
  uncappedGrantCents: number;
  grantCents: number;
  cappedAtMax: boolean;
  belowMin: boolean;
  thirdPartyFundsCents: number;
  ownContributionCents: number;
  /** German notes shown next to the figures. */
  notes: string[];
}

/** rate × amount, rounded down to the cent. */
export function applyRate(amountCents: number, rateBp: number): number {
  return Number((BigInt(amountCents) * BigInt(rateBp)) / 10000n);
}

export function roundGrant(cents: number, rule: RoundingRule): number {
  return rule === "euroDown" ? Math.floor(cents / 100) * 100 : cents;
}

export function isCategoryEligible(terms: Pick<ProgrammeTerms, "eligibleCostCategories">, category: CostCategory): boolean {
  return terms.eligibleCostCategories.length === 0 || terms.eligibleCostCategories.includes(category);
}

export function effectiveRateBp(terms: Pick<ProgrammeTerms, "rateBp" | "weakRateBp">, financiallyWeak: boolean): number {
  return financiallyWeak && terms.weakRateBp ? Math.max(terms.weakRateBp, terms.rateBp) : terms.rateBp;
}

/**
 * Eligible costs, grant, third-party funds and own contribution for a finance plan. The three
 * parts always add up to the total costs (third-party funds are capped at the total).
 */
export function computeFinancing(
  terms: ProgrammeTerms,
  items: readonly PlanItem[],
  options: { thirdPartyFundsCents?: number; financiallyWeak?: boolean } = {},
): Financing {
  const notes: string[] = [];
  const totalCents = items.reduce((sum, i) => sum + i.plannedCents, 0);
  const eligibleCents = items
    .filter((i) => i.eligible && isCategoryEligible(terms, i.costCategory))
    .reduce((sum, i) => sum + i.plannedCents, 0);
  const excluded = [...new Set(items.filter((i) => !isCategoryEligible(terms, i.costCategory)).map((i) => i.costCategory))];
  if (excluded.length) {
    notes.push(`Nicht zuwendungsfähig nach dem Programm: ${excluded.map((c) => COST_CATEGORY_LABELS[c]).join(", ")}.`);
  }
  const requestedThird = Math.max(0, options.thirdPartyFundsCents ?? 0);
  const thirdPartyFundsCents = Math.min(requestedThird, totalCents);
  if (requestedThird > totalCents) notes.push("Die Drittmittel übersteigen die Gesamtkosten; angerechnet werden höchstens die Gesamtkosten.");
  const rateBp = terms.fundingType === "share" ? effectiveRateBp(terms, options.financiallyWeak ?? false) : 0;

  let uncapped: number;
  if (terms.fundingType === "share") uncapped = applyRate(eligibleCents, rateBp);
  else if (terms.fundingType === "fixed") uncapped = Math.min(terms.fixedAmountCents ?? 0, eligibleCents);
  else uncapped = Math.max(0, eligibleCents - thirdPartyFundsCents);

  let grant = uncapped;
  const cappedAtMax = terms.maxGrantCents != null && grant > terms.maxGrantCents;
  if (cappedAtMax) {
    grant = terms.maxGrantCents!;
    notes.push(`Die Zuwendung ist auf den Höchstbetrag von ${formatEuro(terms.maxGrantCents)} begrenzt.`);
  }
  // The grant can never make third-party funds and grant together exceed the total costs.
  grant = Math.min(grant, totalCents - thirdPartyFundsCents);
  grant = roundGrant(grant, terms.roundingRule);
  const belowMin = terms.minGrantCents != null && grant > 0 && grant < terms.minGrantCents;
  if (belowMin) {
    notes.push(`Die Zuwendung von ${formatEuro(grant)} liegt unter der Mindestzuwendung von ${formatEuro(terms.minGrantCents)}; ein Antrag ist so nicht möglich.`);
  }
  return {
    totalCents,
    eligibleCents,
    ineligibleCents: totalCents - eligibleCents,
    rateBp,
    uncappedGrantCents: uncapped,
    grantCents: grant,
    cappedAtMax,
    belowMin,
    thirdPartyFundsCents,
    ownContributionCents: totalCents - grant - thirdPartyFundsCents,
    notes,
  };
}

/** Own contribution per budget year, pro rata to that year's planned costs (rest on the last year). */
export function ownContributionByYear(
  items: readonly { budgetYear: number; plannedCents: number }[],
  ownContributionCents: number,
): { budgetYear: number; ownContributionCents: number }[] {
  const byYear = new Map<number, number>();
  for (const i of items) byYear.set(i.budgetYear, (byYear.get(i.budgetYear) ?? 0) + i.plannedCents);
  const years = [...byYear.keys()].sort((a, b) => a - b);
  const total = [...byYear.values()].reduce((a, b) => a + b, 0);
  let assigned = 0;
  return years.map((year, index) => {
    const share =
      index === years.length - 1 || total === 0
        ? ownContributionCents - assigned
        : Number((BigInt(ownContributionCents) * BigInt(byYear.get(year)!)) / BigInt(total));
    assigned += share;
    return { budgetYear: year, ownContributionCents: share };
  });
}

/** Share of each payment the grant covers (pro rata drawdown, ANBest-Gk 1.2.1), in basis points. */
export function grantShareBp(grantCents: number, totalCents: number): number {
  if (totalCents <= 0) return 0;
  return Math.min(10000, Math.floor((grantCents * 10000) / totalCents));
}

export interface DrawdownCheck {
  /** Most that may be requested now. */
  allowedCents: number;
  /** Received funds not yet covered by the grant share of expenditures. */
  unspentReceivedCents: number;
  warnings: string[];
}

/**
 * Mittelabruf: funds may be requested only for payments due within the programme's spending window,
 * pro rata with own and third-party funds, less funds received earlier and not yet spent.
 */
export function checkDrawdown(input: {
  requestedCents: number;
  plannedPaymentsCents: number;
  grantShareBp: number;
  windowMonths: number;
  grantCents: number;
  alreadyRequestedCents: number;
  receivedCents: number;
  spentCents: number;
}): DrawdownCheck {
  const warnings: string[] = [];
  const usedGrant = applyRate(input.spentCents, input.grantShareBp);
  const unspentReceivedCents = Math.max(0, input.receivedCents - usedGrant);
  const need = Math.max(0, applyRate(input.plannedPaymentsCents, input.grantShareBp) - unspentReceivedCents);
  const remaining = Math.max(0, input.grantCents - input.alreadyRequestedCents);
  const allowedCents = Math.min(need, remaining);
  if (input.requestedCents > need) {
    warnings.push(
      `Der Abruf von ${formatEuro(input.requestedCents)} übersteigt den Bedarf: Für die in den nächsten ${input.windowMonths} Monaten fälligen Zahlungen von ${formatEuro(input.plannedPaymentsCents)} dürfen anteilig (${formatPercentBp(input.grantShareBp)}) ${formatEuro(applyRate(input.plannedPaymentsCents, input.grantShareBp))} abgerufen werden` +
        (unspentReceivedCents > 0 ? `, abzüglich noch nicht verausgabter Mittel von ${formatEuro(unspentReceivedCents)}` : "") +
        `, also höchstens ${formatEuro(need)}.`,
    );
  }
  if (input.requestedCents > remaining) {
    warnings.push(`Der Abruf übersteigt die noch nicht abgerufene Zuwendung von ${formatEuro(remaining)}.`);
  }
  return { allowedCents, unspentReceivedCents, warnings };
}

export type DeviationFlag = "ok" | "withinTolerance" | "exceeded" | "unplanned" | "underspent";

export interface ComparisonRow {
  costCategory: CostCategory;
  plannedCents: number;
  actualCents: number;
  deviationCents: number;
  /** Deviation relative to plan in basis points; null when nothing was planned. */
  deviationBp: number | null;
  flag: DeviationFlag;
  message: string;
}

export interface Comparison {
  rows: ComparisonRow[];
  total: { plannedCents: number; actualCents: number; deviationCents: number; deviationBp: number | null; flag: DeviationFlag; message: string };
}

function deviationBp(planned: number, actual: number): number | null {
  return planned === 0 ? null : Math.round(((actual - planned) * 10000) / planned);
}

/** The most a plan amount may reach before an overrun of more than `toleranceBp` (P % or 10 %). */
export function overrunLimitCents(plannedCents: number, toleranceBp: number): number {
  return plannedCents + applyRate(plannedCents, toleranceBp);
}

/**
 * Soll-Ist-Vergleich per cost category. The finance plan binds the total; a single category may
 * exceed its plan by the programme's permitted percentage if offset by savings elsewhere, and a
 * total overrun within the tolerance is harmless when borne by own funds.
 */
export function comparePlanActual(
  planned: ReadonlyMap<CostCategory, number>,
  actual: ReadonlyMap<CostCategory, number>,
  rules: { permittedDeviationBp: number; totalOverrunToleranceBp: number },
): Comparison {
  const categories = [...new Set([...planned.keys(), ...actual.keys()])].sort(
    (a, b) => Object.keys(COST_CATEGORY_LABELS).indexOf(a) - Object.keys(COST_CATEGORY_LABELS).indexOf(b),
  );
  const permitted = formatPercentBp(rules.permittedDeviationBp);
  const rows = categories.map((costCategory): ComparisonRow => {
    const p = planned.get(costCategory) ?? 0;
    const a = actual.get(costCategory) ?? 0;
    const bp = deviationBp(p, a);
    let flag: DeviationFlag = "ok";
    let message = "im Plan";
    if (p === 0 && a > 0) {
      flag = "unplanned";
      message = `nicht im Finanzierungsplan vorgesehen: Ausgaben von ${formatEuro(a)} brauchen einen Änderungsantrag oder die Zustimmung des Zuwendungsgebers`;
    } else if (bp !== null && bp > rules.permittedDeviationBp) {
      flag = "exceeded";
      message = `überschritten um ${formatPercentBp(bp)} (${formatEuro(a - p)}) – mehr als die zulässigen ${permitted}; Änderungsantrag nötig`;
    } else if (bp !== null && bp > 0) {
      flag = "withinTolerance";
      message = `überschritten um ${formatPercentBp(bp)} – innerhalb der zulässigen ${permitted}, wenn durch Einsparungen bei anderen Kostenarten ausgeglichen`;
    } else if (bp !== null && bp < 0) {
      flag = "underspent";
      message = `noch ${formatEuro(p - a)} nicht verausgabt (${formatPercentBp(-bp)} des Plans)`;
    }
    return { costCategory, plannedCents: p, actualCents: a, deviationCents: a - p, deviationBp: bp, flag, message };
  });
  const tp = rows.reduce((s, r) => s + r.plannedCents, 0);
  const ta = rows.reduce((s, r) => s + r.actualCents, 0);
  const tbp = deviationBp(tp, ta);
  let flag: DeviationFlag = "ok";
  let message = "Gesamtausgaben im Rahmen des Finanzierungsplans";
  if (tbp !== null && tbp > rules.totalOverrunToleranceBp) {
    flag = "exceeded";
    message = `Gesamtausgaben überschreiten den Plan um ${formatPercentBp(tbp)} – mehr als die unschädlichen ${formatPercentBp(rules.totalOverrunToleranceBp)}; Änderungsantrag oder Deckung aus Eigenmitteln mit Zustimmung nötig`;
  } else if (tbp !== null && tbp > 0) {
    flag = "withinTolerance";
    message = `Gesamtausgaben überschreiten den Plan um ${formatPercentBp(tbp)} – bis ${formatPercentBp(rules.totalOverrunToleranceBp)} unschädlich, wenn aus Eigenmitteln getragen`;
  } else if (tp === 0 && ta > 0) {
    flag = "unplanned";
    message = "Ausgaben ohne Finanzierungsplan";
  }
  return { rows, total: { plannedCents: tp, actualCents: ta, deviationCents: ta - tp, deviationBp: tbp, flag, message } };
}

/**
 * Reclaim interest (§ 49a VwVfG): (base rate + programme points) per year, simple interest, per day
 * on a 365-day year, rounded down to the cent.
 */
export function reclaimInterestCents(amountCents: number, baseRateBp: number, pointsBp: number, days: number): number {
  if (days <= 0 || amountCents <= 0) return 0;
  const rate = BigInt(Math.max(0, baseRateBp + pointsBp));
  return Number((BigInt(amountCents) * rate * BigInt(days)) / (10000n * 365n));
}
