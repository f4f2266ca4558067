import { BoundedCache } from "../../utils/bounded-cache";
import { type ChartSpec, type RenderedChart, renderChart } from "../../utils/charts.server";
import type { Tenant } from "../../utils/tenant.server";

/** What a page needs to show a chart as an image: its URL, accessible name and size. */
export interface ChartImage {
  src: string;
  alt: string;
  width: number;
  height: number;
}

/**
 * Charts a Kommune has been shown, by `municipalityId/name/hash`. The chart resource route only
 * answers from here, so a URL works only for the Kommune whose data drew it: another Kommune's
 * chart URL is a 404 even if it guesses the hash.
 */
const shown = new BoundedCache<string, RenderedChart>(2000);

function shownKey(tenant: Tenant, name: string, hash: string): string {
  return `${tenant.municipalityId}/${name}/${hash}`;
}

/**
 * Renders (or reuses) a chart and registers it for the Kommune; pages embed the returned image
 * instead of the SVG, so the SVG travels once, cacheable, and not again in the hydration data.
 */
export async function chartImage(tenant: Tenant, name: string, spec: ChartSpec, title: string): Promise<ChartImage> {
  const chart = await renderChart(spec, title);
  const key = shownKey(tenant, name, chart.hash);
  shown.set(key, chart);
  return { src: `/diagramme/${name}/${chart.hash}.svg`, alt: title, width: chart.width, height: chart.height };
}

/** The registered chart of this Kommune with that hash, if it has been drawn for it. */
export function shownChart(tenant: Tenant, name: string, hash: string): { svg: string; hash: string } | null {
  const chart = shown.get(shownKey(tenant, name, hash));
  return chart ? { svg: chart.svg, hash: chart.hash } : null;
}
