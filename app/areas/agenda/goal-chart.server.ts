import { BoundedCache } from "../../utils/bounded-cache";
import { renderChartSvg } from "../../utils/charts.server";
import { type GoalValuePoint, goalChartSpec } from "./agenda";

/**
 * Rendering a Vega-Lite chart costs tens of milliseconds, and the agenda page shows one per goal.
 * A goal's chart only changes when its figures change, so the SVG is cached by its specification.
 */
const cache = new BoundedCache<string, string>(2000);

export async function goalChartSvg(
  goal: { baseline: number; targetValue: number; unit: string; indicator: string },
  values: readonly GoalValuePoint[],
): Promise<string> {
  const spec = goalChartSpec(goal, values);
  const title = `Istwerte: ${goal.indicator}`;
  const key = JSON.stringify([spec, title]);
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const svg = await renderChartSvg(spec, title);
  cache.set(key, svg);
  return svg;
}
