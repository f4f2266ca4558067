import type { TopLevelSpec } from "vega-lite";
import { WRAPPED_AXIS, wrapped } from "../dashboard/charts";
import type { UnitCoverage } from "./compliance";

/**
 * Bar per unit (Schulungsquote in %) with the agenda's target as a red rule. The same spec can
 * feed a PDF report through svg-to-pdfkit.
 */
export function coverageChartSpec(units: readonly UnitCoverage[], targetBp: number): TopLevelSpec {
  const values = units
    .filter((u) => u.coverageBp != null)
    .map((u) => ({ unit: wrapped(u.unitName), quote: (u.coverageBp ?? 0) / 100, status: u.meetsTarget ? "Ziel erreicht" : "unter Ziel" }));
  return {
    width: 640,
    // Each bar's band is tall enough for the longest (wrapped) unit name.
    height: { step: Math.max(24, 13 * Math.max(1, ...values.map((v) => v.unit.split("\n").length)) + 8) },
    layer: [
      {
        data: { values },
        mark: { type: "bar", tooltip: true },
        encoding: {
          y: { field: "unit", type: "nominal", sort: null, title: null, axis: WRAPPED_AXIS },
          x: { field: "quote", type: "quantitative", title: "Schulungsquote (%)", scale: { domain: [0, 100] } },
          color: {
            field: "status",
            type: "nominal",
            title: "Stand",
            scale: { domain: ["Ziel erreicht", "unter Ziel"], range: ["#166534", "#b45309"] },
          },
        },
      },
      {
        data: { values: [{ target: targetBp / 100, label: `Ziel ${targetBp / 100} %` }] },
        mark: { type: "rule", color: "#b91c1c", strokeWidth: 2, strokeDash: [6, 3] },
        encoding: { x: { field: "target", type: "quantitative" } },
      },
    ],
  } as TopLevelSpec;
}
