import { BoundedCache } from "../../utils/bounded-cache";
import { renderChartSvg } from "../../utils/charts.server";
import type { UnitCoverage } from "./compliance";
import { coverageChartSpec } from "./coverage-chart";

const TITLE = "Schulungsquote je Organisationseinheit";
const cache = new BoundedCache<string, string>(200);

/**
 * The coverage chart as SVG. Rendering through Vega costs more than computing the figures, and
 * the figures change only when attendance is recorded, so the SVG is kept per specification
 * (same figures → same chart), in a small bounded cache.
 */
export async function renderCoverageChart(units: readonly UnitCoverage[], targetBp: number): Promise<string> {
  const spec = coverageChartSpec(units, targetBp);
  const key = JSON.stringify(spec);
  const hit = cache.get(key);
  if (hit) return hit;
  const svg = await renderChartSvg(spec, TITLE);
  cache.set(key, svg);
  return svg;
}
