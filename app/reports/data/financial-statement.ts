import type { DrawdownLine, FinancialStatement, PlanActualLine, ReceiptLine } from "./types";

export interface PlanItem {
  costCategory: string;
  plannedCents: number;
}

export interface StatementInput {
  /** cost category key → German label, in the order of the finance plan */
  categoryLabels: Record<string, string>;
  planItems: PlanItem[];
  receipts: Pick<ReceiptLine, "costCategory" | "amountCents">[];
  drawdowns: DrawdownLine[];
  grantedCents: number;
  thirdPartyFundsCents: number;
  fundingType: "share" | "fixed" | "deficit";
  rateBp: number;
}

/** The grant that the actual expenditure justifies, by funding type, never above the granted amount. */
export function grantUsedCents(input: {
  fundingType: StatementInput["fundingType"];
  rateBp: number;
  grantedCents: number;
  actualCents: number;
  plannedOwnCents: number;
  thirdPartyFundsCents: number;
}): number {
  const { fundingType, rateBp, grantedCents, actualCents } = input;
  let justified: number;
  if (fundingType === "share") justified = Math.floor((actualCents * rateBp) / 10_000);
  else if (fundingType === "fixed") justified = actualCents > 0 ? grantedCents : 0;
  else justified = Math.max(0, actualCents - input.plannedOwnCents - input.thirdPartyFundsCents);
  return Math.min(grantedCents, justified, actualCents);
}

/**
 * zahlenmäßiger Nachweis (ANBest-P 6.2.2): income and expenditure following the structure of the
 * finance plan, plan vs actual per cost category, grant received vs used.
 */
export function buildFinancialStatement(input: StatementInput): FinancialStatement {
  const planned = new Map<string, number>();
  const actual = new Map<string, number>();
  for (const item of input.planItems) planned.set(item.costCategory, (planned.get(item.costCategory) ?? 0) + item.plannedCents);
  for (const r of input.receipts) actual.set(r.costCategory, (actual.get(r.costCategory) ?? 0) + r.amountCents);
  const categories = Object.keys(input.categoryLabels).filter((c) => planned.has(c) || actual.has(c));
  const expenditure: PlanActualLine[] = categories.map((c) => {
    const p = planned.get(c) ?? 0;
    const a = actual.get(c) ?? 0;
    return {
      costCategory: c,
      costCategoryLabel: input.categoryLabels[c] ?? c,
      plannedCents: p,
      actualCents: a,
      differenceCents: a - p,
      deviationBp: p === 0 ? null : Math.round(((a - p) * 10_000) / p),
    };
  });
  const plannedExpenditureCents = expenditure.reduce((s, l) => s + l.plannedCents, 0);
  const actualExpenditureCents = expenditure.reduce((s, l) => s + l.actualCents, 0);
  const receivedCents = input.drawdowns.reduce((s, d) => s + d.receivedCents, 0);
  const plannedOwnCents = plannedExpenditureCents - input.grantedCents - input.thirdPartyFundsCents;
  const usedCents = grantUsedCents({
    fundingType: input.fundingType,
    rateBp: input.rateBp,
    grantedCents: input.grantedCents,
    actualCents: actualExpenditureCents,
    plannedOwnCents,
    thirdPartyFundsCents: input.thirdPartyFundsCents,
  });
  const balanceCents = receivedCents - usedCents;
  const income = [
    { label: "Zuwendung", plannedCents: input.grantedCents, actualCents: receivedCents },
    { label: "Drittmittel", plannedCents: input.thirdPartyFundsCents, actualCents: input.thirdPartyFundsCents },
    {
      label: "Eigenmittel",
      plannedCents: plannedOwnCents,
      actualCents: actualExpenditureCents - receivedCents - input.thirdPartyFundsCents,
    },
  ];
  return {
    income,
    expenditure,
    totals: {
      plannedIncomeCents: income.reduce((s, l) => s + l.plannedCents, 0),
      actualIncomeCents: income.reduce((s, l) => s + l.actualCents, 0),
      plannedExpenditureCents,
      actualExpenditureCents,
    },
    grant: {
      grantedCents: input.grantedCents,
      receivedCents,
      usedCents,
      balanceCents,
      balanceLabel:
        balanceCents > 0
          ? "Überzahlung (zu erstatten)"
          : balanceCents < 0
            ? "noch nicht abgerufene Zuwendung"
            : "ausgeglichen",
    },
  };
}

/** Receipts in time order within each cost category, categories in finance-plan order (ANBest-P 6.2.2). */
export function orderReceipts<T extends Pick<ReceiptLine, "costCategory" | "date" | "receiptNumber">>(
  receipts: T[],
  categoryOrder: string[],
): T[] {
  const rank = new Map(categoryOrder.map((c, i) => [c, i]));
  return [...receipts].sort(
    (a, b) =>
      (rank.get(a.costCategory) ?? 99) - (rank.get(b.costCategory) ?? 99) ||
      a.date.localeCompare(b.date) ||
      a.receiptNumber.localeCompare(b.receiptNumber, "de", { numeric: true }),
  );
}
