import { renderChartSvg } from "../../utils/charts.server";
import type { UnitCoverage } from "./compliance";
import { coverageChartSpec } from "./coverage-chart";

/** The coverage chart as SVG (cached with every other chart in `renderChartSvg`). */
export async function renderCoverageChart(units: readonly UnitCoverage[], targetBp: number): Promise<string> {
  return renderChartSvg(coverageChartSpec(units, targetBp), "Schulungsquote je Organisationseinheit");
}
