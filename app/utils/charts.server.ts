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

/**
 * Renders a chart to an SVG string. `title` becomes the accessible name (role="img"), so the
 * chart is announced by screen readers; pages put the figures in a table next to it as well.
 */
export async function renderChartSvg(spec: ChartSpec, title: string): Promise<string> {
  const compiled = compile({ ...spec, config: { ...CONFIG, ...(spec.config ?? {}) } } as TopLevelSpec).spec;
  withoutMarkRoles(compiled);
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  const svg = await view.toSVG();
  view.finalize();
  const escaped = title.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
  return svg.replace(/^<svg /, `<svg role="img" aria-label="${escaped}" `);
}
