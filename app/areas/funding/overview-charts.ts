import type { TopLevelSpec } from "vega-lite";
import { WRAPPED_AXIS, wrapped } from "../dashboard/charts";

/** The funding overview's three charts as Vega-Lite specifications (pure; rendered by the page model). */

export interface OverviewAmount {
  label: string;
  cents: number;
}

export function overviewAmounts(totals: { appliedCents: number; grantedCents: number; receivedCents: number; spentCents: number }): OverviewAmount[] {
  return [
    { label: "Beantragt", cents: totals.appliedCents },
    { label: "Bewilligt", cents: totals.grantedCents },
    { label: "Abgerufen (eingegangen)", cents: totals.receivedCents },
    { label: "Verausgabt", cents: totals.spentCents },
  ];
}

export function pipelineChartSpec(pipeline: readonly { stateLabel: string; count: number }[]): TopLevelSpec {
  return {
    width: 260,
    height: { step: 22 },
    data: { values: pipeline.map((p) => ({ Status: wrapped(p.stateLabel), Anzahl: p.count })) },
    mark: { type: "bar", color: "#184d7d" },
    encoding: {
      y: { field: "Status", type: "nominal", sort: "-x", title: null, axis: WRAPPED_AXIS },
      x: { field: "Anzahl", type: "quantitative", title: "Anträge", axis: { tickMinStep: 1 } },
    },
  };
}

export function amountsChartSpec(amounts: readonly OverviewAmount[]): TopLevelSpec {
  return {
    width: 260,
    height: { step: 28 },
    data: { values: amounts.map((a) => ({ Kennzahl: a.label, Euro: a.cents / 100 })) },
    mark: { type: "bar", color: "#b45309" },
    encoding: {
      y: { field: "Kennzahl", type: "nominal", sort: null, title: null, axis: WRAPPED_AXIS },
      x: { field: "Euro", type: "quantitative", title: "Euro", axis: { format: ",.0f" } },
    },
  };
}

export function ownContributionChartSpec(byYear: readonly { budgetYear: number; cents: number }[]): TopLevelSpec {
  return {
    width: 260,
    height: 180,
    data: { values: byYear.map((y) => ({ Haushaltsjahr: String(y.budgetYear), Euro: y.cents / 100 })) },
    mark: { type: "bar", color: "#15803d" },
    encoding: {
      x: { field: "Haushaltsjahr", type: "ordinal", title: "Haushaltsjahr", axis: { labelAngle: 0 } },
      y: { field: "Euro", type: "quantitative", title: "Euro", axis: { format: ",.0f" } },
    },
  };
}
