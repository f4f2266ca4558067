import type { DbOrTx } from "../../utils/db.server";
import type { Tenant } from "../../utils/tenant.server";
import { type ChartImage, chartImage } from "../dashboard/chart-cache.server";
import { assessmentView, currentAssessment } from "./assessments.server";
import type { AreaSummary } from "./maturity";
import { maturityChartSpec } from "./maturity-chart";

const TITLE = "Reifegrad je Handlungsfeld: heute und Ziel";

/** The chart of an assessment's areas as an image (null while nothing is rated). */
export async function maturityChartImage(tenant: Tenant, areas: readonly AreaSummary[]): Promise<ChartImage | null> {
  if (!areas.some((a) => a.current !== null)) return null;
  return chartImage(tenant, "reifegrad", maturityChartSpec(areas), TITLE);
}

/** Draws the chart of the Kommune's current assessment again (chart route after a restart). */
export async function currentMaturityChart(db: DbOrTx, tenant: Tenant): Promise<ChartImage | null> {
  const assessment = currentAssessment(db, tenant);
  const view = assessment ? assessmentView(db, tenant, assessment.id) : undefined;
  return view ? maturityChartImage(tenant, view.areas) : null;
}
