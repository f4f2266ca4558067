import type { TopLevelSpec } from "vega-lite";
import type { AreaSummary } from "./maturity";

/** Per field of action two bars, today and target (average level 0–4); the table beside it has the figures. */
export function maturityChartSpec(areas: readonly AreaSummary[]): TopLevelSpec {
  const values = areas.flatMap((a) =>
    a.current === null
      ? []
      : [
          { area: a.label, kind: "heute", level: a.current / 100 },
          { area: a.label, kind: "Ziel", level: (a.target ?? a.current) / 100 },
        ],
  );
  return {
    width: 560,
    height: { step: 14 },
    data: { values },
    mark: { type: "bar" },
    encoding: {
      y: { field: "area", type: "nominal", sort: null, title: null, axis: { labelLimit: 260 } },
      yOffset: { field: "kind", sort: ["heute", "Ziel"] },
      x: { field: "level", type: "quantitative", title: "Durchschnittliche Stufe (0–4)", scale: { domain: [0, 4] }, axis: { tickCount: 4, format: ",.0f" } },
      color: { field: "kind", type: "nominal", title: "Stand", sort: ["heute", "Ziel"], scale: { domain: ["heute", "Ziel"], range: ["#1d4ed8", "#93c5fd"] } },
    },
  } as TopLevelSpec;
}
