import { renderChartSvg } from "../../utils/charts.server";
import { type GoalValuePoint, goalChartSpec } from "./agenda";

/** A goal's chart of its values (cached with every other chart in `renderChartSvg`). */
export async function goalChartSvg(
  goal: { baseline: number; targetValue: number; unit: string; indicator: string },
  values: readonly GoalValuePoint[],
): Promise<string> {
  return renderChartSvg(goalChartSpec(goal, values), `Istwerte: ${goal.indicator}`);
}
