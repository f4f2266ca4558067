import crypto from "node:crypto";
import { BoundedCache } from "./bounded-cache";
import * as vega from "vega";
import { type TopLevelSpec, compile } from "vega-lite";

/**
 * Charts are Vega-Lite specifications, rendered to SVG on the server. The same specification
 * feeds the web pages (inline SVG) and the PDF reports (svg-to-pdfkit), so both show the same figures.
 */
export type ChartSpec = TopLevelSpec;

vega.formatLocale({
  decimal: ",",
  thousands: ".",
  grouping: [3],
  currency: ["", "\u00a0€"],
});
vega.timeFormatLocale({
  dateTime: "%A, der %e. %B %Y, %X",
  date: "%d.%m.%Y",
  time: "%H:%M:%S",
  periods: ["AM", "PM"],
  days: ["Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"],
  shortDays: ["So", "Mo", "Di", "Mi", "Do", "Fr", "Sa"],
  months: ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"],
  shortMonths: ["Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"],
});

/** Shared look: readable font sizes and colours with enough contrast on white. */
const CONFIG = {
  // The root <svg> carries role="img" and the title; per-mark ARIA roles would need their own
  // alternative texts (axe svg-img-alt), and the figures are in a table next to the chart anyway.
  aria: false,
  font: "DejaVu Sans, Segoe UI, Arial, sans-serif",
  axis: { labelFontSize: 11, titleFontSize: 12, labelColor: "#1e293b", titleColor: "#0f172a" },
  legend: { labelFontSize: 11, titleFontSize: 12, labelColor: "#1e293b", titleColor: "#0f172a" },
  title: { fontSize: 14, color: "#0f172a" },
  view: { stroke: null },
};

/**
 * Vega gives every mark container role="graphics-symbol", which axe requires to have its own
 * alternative text; inside the chart's role="img" they carry nothing, so marks are left unlabelled.
 */
function withoutMarkRoles(node: { marks?: { aria?: boolean; marks?: unknown[] }[] }): void {
  for (const mark of node.marks ?? []) {
    mark.aria ??= false;
    withoutMarkRoles(mark as typeof node);
  }
}

/** Vega's raw SVG with the accessible name on the root element. */
async function renderUncached(spec: ChartSpec, title: string): Promise<string> {
  const compiled = compile({ ...spec, config: { ...CONFIG, ...(spec.config ?? {}) } } as TopLevelSpec).spec;
  withoutMarkRoles(compiled);
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  const svg = await view.toSVG();
  view.finalize();
  const escaped = title.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
  return svg.replace(/^<svg /, `<svg role="img" aria-label="${escaped}" `);
}

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

export interface RenderedChart {
  svg: string;
  /** Content hash of the SVG: the chart's URL and ETag, so new data means a new URL. */
  hash: string;
  width: number;
  height: number;
}

/**
 * Rendering a chart through Vega costs several milliseconds (the funding overview drew three per
 * request) while the data behind it changes rarely, so every chart goes through this one cache,
 * keyed by title and specification (the data is part of the spec, so new data renders anew).
 * Least recently used entries go first; a failed render is not kept.
 */
export const CHART_CACHE_MAX_ENTRIES = 1000;

export interface ChartCache {
  render(spec: ChartSpec, title: string): Promise<RenderedChart>;
  size(): number;
}

export function createChartCache(maxEntries: number): ChartCache {
  const cache = new BoundedCache<string, Promise<RenderedChart>>(maxEntries);
  return {
    render(spec, title) {
      const key = `${title}\u0000${JSON.stringify(spec)}`;
      const hit = cache.get(key);
      if (hit) return hit;
      const rendered = renderUncached(spec, title).then((raw) => {
        const svg = roundedGeometry(presentationalChildren(raw));
        const hash = crypto.createHash("sha256").update(svg).digest("base64url").slice(0, 22);
        return { svg, hash, width: rootSize(svg, "width"), height: rootSize(svg, "height") };
      });
      rendered.catch(() => cache.delete(key));
      cache.set(key, rendered);
      return rendered;
    },
    size: () => cache.size,
  };
}

const charts = createChartCache(CHART_CACHE_MAX_ENTRIES);

/** A chart rendered once per title and specification (see `createChartCache`). */
export function renderChart(spec: ChartSpec, title: string): Promise<RenderedChart> {
  return charts.render(spec, title);
}

/**
 * A chart as an SVG string. `title` becomes the accessible name (role="img"), so the chart is
 * announced by screen readers; pages put the figures in a table next to it as well.
 */
export async function renderChartSvg(spec: ChartSpec, title: string): Promise<string> {
  return (await renderChart(spec, title)).svg;
}
