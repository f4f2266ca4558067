import type { AppContext } from "../../utils/context.server";
import { renderChartSvg } from "../../utils/charts.server";
import { amountsChartSpec, overviewAmounts, ownContributionChartSpec, pipelineChartSpec } from "./overview-charts";
import { fundingOverview } from "./overview.server";

/** At most this many applications are listed on the overview; the count says how many there are. */
const LISTED = 100;

/** What the funding overview page shows: figures, the first applications, and the three charts. */
export async function fundingOverviewPage(ctx: AppContext) {
  const overview = fundingOverview(ctx);
  const amounts = overviewAmounts(overview.totals);
  const [pipelineChart, amountsChart, ownChart] = await Promise.all([
    renderChartSvg(pipelineChartSpec(overview.pipeline), "Förderanträge nach Status"),
    renderChartSvg(amountsChartSpec(amounts), "Beantragte, bewilligte, abgerufene und verausgabte Fördermittel"),
    renderChartSvg(ownContributionChartSpec(overview.ownContributionByYear), "Zugesagter Eigenanteil je Haushaltsjahr"),
  ]);
  return {
    ...overview,
    applications: overview.applications.slice(0, LISTED),
    applicationCount: overview.applications.length,
    amounts,
    charts: { pipelineChart, amountsChart, ownChart },
    canStart: ctx.can("funding.edit"),
  };
}
