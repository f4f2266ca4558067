import crypto from "node:crypto";
import { BoundedCache } from "../../utils/bounded-cache";
import { type ChartSpec, renderChartSvg } from "../../utils/charts.server";
import type { Tenant } from "../../utils/tenant.server";

/**
 * Rendering a chart costs several milliseconds while the data behind it changes rarely, so the
 * SVG is cached by its specification (the data is part of the spec, so new data renders anew).
 */
interface RenderedChart {
  svg: string;
  /** Content hash of the SVG: the chart's URL and ETag, so new data means a new URL. */
  hash: string;
  width: number;
  height: number;
}

const cache = new BoundedCache<string, Promise<RenderedChart>>(500);

/**
 * The root <svg> is one image with a German accessible name (role="img", aria-label) and the
 * figures are in a table beside it; Vega's own roles and ARIA attributes on inner groups would
 * make screen readers and axe treat parts of the picture as separate graphics, so they go.
 */
export function presentationalChildren(svg: string): string {
  const rootEnd = svg.indexOf(">") + 1;
  return svg.slice(0, rootEnd) + svg.slice(rootEnd).replace(/\s(?:role|aria-[a-z]+)="[^"]*"/g, "");
}

/**
 * Vega writes path and transform coordinates with up to 15 decimals; a hundredth of a pixel is
 * invisible, so geometry attributes are rounded to two decimals (labels and other text stay as they are).
 */
export function roundedGeometry(svg: string): string {
  return svg.replace(/\s(d|transform|points)="([^"]*)"/g, (_, name: string, value: string) => {
    const rounded = value.replace(/-?\d+\.\d{3,}/g, (n) => String(Math.round(Number(n) * 100) / 100));
    return ` ${name}="${rounded}"`;
  });
}

function rootSize(svg: string, attribute: "width" | "height"): number {
  const root = svg.slice(0, svg.indexOf(">"));
  return Math.round(Number(new RegExp(`\\s${attribute}="([\\d.]+)"`).exec(root)?.[1] ?? 0));
}

function renderCached(spec: ChartSpec, title: string): Promise<RenderedChart> {
  const key = `${title}\u0000${JSON.stringify(spec)}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const rendered = renderChartSvg(spec, title).then((raw) => {
    const svg = roundedGeometry(presentationalChildren(raw));
    const hash = crypto.createHash("sha256").update(svg).digest("base64url").slice(0, 22);
    return { svg, hash, width: rootSize(svg, "width"), height: rootSize(svg, "height") };
  });
  rendered.catch(() => cache.delete(key));
  cache.set(key, rendered);
  return rendered;
}

export async function cachedChartSvg(spec: ChartSpec, title: string): Promise<string> {
  return (await renderCached(spec, title)).svg;
}

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
  const chart = await renderCached(spec, title);
  const key = shownKey(tenant, name, chart.hash);
  shown.set(key, chart);
  return { src: `/diagramme/${name}/${chart.hash}.svg`, alt: title, width: chart.width, height: chart.height };
}

/** The registered chart of this Kommune with that hash, if it has been drawn for it. */
export function shownChart(tenant: Tenant, name: string, hash: string): { svg: string; hash: string } | null {
  const chart = shown.get(shownKey(tenant, name, hash));
  return chart ? { svg: chart.svg, hash: chart.hash } : null;
}
