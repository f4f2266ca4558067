import { type ChartSpec, renderChartSvg } from "../../utils/charts.server";

/**
 * Rendering a chart costs several milliseconds while the data behind it changes rarely, so the
 * SVG is cached by its specification (the data is part of the spec, so new data renders anew).
 */
const MAX_ENTRIES = 500;
const cache = new Map<string, Promise<string>>();

/**
 * The root <svg> is one image with a German accessible name (role="img", aria-label) and the
 * figures are in a table beside it; Vega's own roles and ARIA attributes on inner groups would
 * make screen readers and axe treat parts of the picture as separate graphics, so they go.
 */
export function presentationalChildren(svg: string): string {
  const rootEnd = svg.indexOf(">") + 1;
  return svg.slice(0, rootEnd) + svg.slice(rootEnd).replace(/\s(?:role|aria-[a-z]+)="[^"]*"/g, "");
}

export function cachedChartSvg(spec: ChartSpec, title: string): Promise<string> {
  const key = `${title}\u0000${JSON.stringify(spec)}`;
  const hit = cache.get(key);
  if (hit) {
    // Map keeps insertion order: re-inserting marks the entry as recently used.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const rendered = renderChartSvg(spec, title).then(presentationalChildren);
  rendered.catch(() => cache.delete(key));
  cache.set(key, rendered);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return rendered;
}
