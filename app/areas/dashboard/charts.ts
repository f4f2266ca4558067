import type { TopLevelSpec } from "vega-lite";

/**
 * Vega-Lite specifications of the Übersicht and the portfolio. Pure: data in, spec out; the
 * server renders them to SVG (and the PDF reports can reuse them).
 */

export const CLASSIFICATION_COLOURS = {
  Leuchtturm: "#1d4ed8",
  "auf Kurs": "#15803d",
  Nachzügler: "#b91c1c",
} as const;

/**
 * The SVG carries role="img" with a German accessible name and every figure is in a table next
 * to it, so Vega's per-mark ARIA attributes are left out: they would be hidden anyway and make
 * the page a fifth larger.
 */
const QUIET = { aria: false } as const;

/** Characters per line of a wrapped axis label (≈ 230 px at 11 px). */
const LABEL_LINE = 32;

/** Splits a label into lines of at most `width` characters at spaces; a longer word stays whole. Nothing is cut off. */
export function wrapLabel(text: string, width: number = LABEL_LINE): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = lines.length ? lines[lines.length - 1] : null;
    if (last !== null && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.length ? lines : [text];
}

/** The label with its line breaks, as the category value the axis shows with `WRAPPED_AXIS`. */
export const wrapped = (text: string) => wrapLabel(text).join("\n");

/** Pixels per line of a wrapped axis label (11 px font) plus the gap to the next label. */
const LABEL_LINE_PX = 14;
const LABEL_GAP_PX = 6;

/** The band height that gives every wrapped label of `labels` room, at least `min` (labels never overlap). */
export function bandStep(labels: string[], min: number): number {
  const lines = Math.max(1, ...labels.map((l) => wrapLabel(l).length));
  return Math.max(min, lines * LABEL_LINE_PX + LABEL_GAP_PX);
}

/** An axis that shows a wrapped label on several lines and never truncates it (Vega cuts at 180 px by default). */
export const WRAPPED_AXIS = { labelLimit: 0, labelExpr: "split(datum.label, '\\n')" } as const;

const CLASS_DOMAIN = Object.keys(CLASSIFICATION_COLOURS);
const CLASS_RANGE = Object.values(CLASSIFICATION_COLOURS);

/** Colour-blind-safe palette (Okabe–Ito) for status categories. */
const STATUS_PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#6b7280", "#000000"];

export function projectsByFieldAndStatusSpec(rows: { fieldOfAction: string; status: string; count: number }[], statusOrder: string[]): TopLevelSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    width: 460,
    height: { step: bandStep(rows.map((r) => r.fieldOfAction), 24) },
    config: QUIET,
    data: { values: rows.map((r) => ({ ...r, fieldOfAction: wrapped(r.fieldOfAction) })) },
    mark: { type: "bar" },
    encoding: {
      y: { field: "fieldOfAction", type: "nominal", title: null, sort: "ascending", axis: WRAPPED_AXIS },
      x: { field: "count", type: "quantitative", aggregate: "sum", title: "Projekte", axis: { tickMinStep: 1, format: "d" } },
      color: {
        field: "status",
        type: "nominal",
        title: "Status",
        scale: { domain: statusOrder, range: STATUS_PALETTE.slice(0, statusOrder.length) },
        legend: { orient: "bottom", columns: 4 },
      },
      order: { field: "statusIndex", type: "quantitative" },
    },
    transform: [{ calculate: `indexof(${JSON.stringify(statusOrder)}, datum.status)`, as: "statusIndex" }],
  } as TopLevelSpec;
}

export function budgetSpec(rows: { fieldOfAction: string; plannedCents: number; spentCents: number }[]): TopLevelSpec {
  const values = rows.flatMap((r) => [
    { fieldOfAction: wrapped(r.fieldOfAction), kind: "geplant", euro: r.plannedCents / 100 },
    { fieldOfAction: wrapped(r.fieldOfAction), kind: "ausgegeben", euro: r.spentCents / 100 },
  ]);
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    width: 460,
    config: QUIET,
    data: { values },
    mark: { type: "bar" },
    encoding: {
      y: { field: "fieldOfAction", type: "nominal", title: null, sort: "ascending", axis: WRAPPED_AXIS },
      yOffset: { field: "kind", sort: ["geplant", "ausgegeben"] },
      x: { field: "euro", type: "quantitative", title: "Euro", axis: { format: ",.0f" } },
      color: {
        field: "kind",
        type: "nominal",
        title: "Budget",
        scale: { domain: ["geplant", "ausgegeben"], range: ["#93c5fd", "#1e3a8a"] },
        legend: { orient: "bottom" },
      },
    },
    // Two bars per field share a band: each gets half of the room the wrapped label needs.
    height: { step: Math.ceil(bandStep(rows.map((r) => r.fieldOfAction), 28) / 2) },
  } as TopLevelSpec;
}

export function goalProgressSpec(rows: { goal: string; percent: number }[]): TopLevelSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    width: 420,
    height: { step: bandStep(rows.map((r) => r.goal), 22) },
    config: QUIET,
    data: { values: rows.map((r) => ({ ...r, goal: wrapped(r.goal), shown: Math.max(0, Math.min(100, r.percent)) })) },
    layer: [
      {
        mark: { type: "bar", color: "#0f766e" },
        encoding: {
          y: { field: "goal", type: "nominal", title: null, sort: null, axis: WRAPPED_AXIS },
          x: { field: "shown", type: "quantitative", title: "Zielerreichung in %", scale: { domain: [0, 100] } },
        },
      },
      {
        mark: { type: "text", align: "left", dx: 4, color: "#0f172a", fontSize: 11 },
        encoding: {
          y: { field: "goal", type: "nominal", sort: null },
          x: { field: "shown", type: "quantitative" },
          text: { field: "percent", type: "quantitative", format: ".0f" },
        },
      },
    ],
  } as TopLevelSpec;
}

export interface PortfolioPoint {
  title: string;
  classification: keyof typeof CLASSIFICATION_COLOURS;
  topics: number;
  organisation: number;
  technology: number;
}

/**
 * The portfolio: each assessed project by its organisation (x) and technology (y) score, the
 * topics score as point size, coloured and shaped by classification. Points are jittered a
 * little so projects with equal scores stay visible.
 */
export function portfolioSpec(points: PortfolioPoint[], options: { width?: number; height?: number } = {}): TopLevelSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    width: options.width ?? 420,
    height: options.height ?? 340,
    config: QUIET,
    data: {
      values: points.map((p, i) => ({
        ...p,
        x: p.organisation + (((i * 37) % 11) - 5) * 0.012,
        y: p.technology + (((i * 53) % 11) - 5) * 0.012,
      })),
    },
    layer: [
      {
        data: { values: [{ v: 2 }] },
        mark: { type: "rule", strokeDash: [4, 4], color: "#64748b" },
        encoding: { x: { field: "v", type: "quantitative" } },
      },
      {
        data: { values: [{ v: 2 }] },
        mark: { type: "rule", strokeDash: [4, 4], color: "#64748b" },
        encoding: { y: { field: "v", type: "quantitative" } },
      },
      {
        mark: { type: "point", filled: true, opacity: 0.8, stroke: "#0f172a", strokeWidth: 0.5 },
        encoding: {
          x: { field: "x", type: "quantitative", title: "Digitale Organisation (0–4)", scale: { domain: [0, 4] } },
          y: { field: "y", type: "quantitative", title: "Digitale Technologien (0–4)", scale: { domain: [0, 4] } },
          size: { field: "topics", type: "quantitative", title: "Digitale Themen", scale: { domain: [0, 4], range: [30, 320] } },
          color: { field: "classification", type: "nominal", title: "Einstufung", scale: { domain: CLASS_DOMAIN, range: CLASS_RANGE } },
          shape: {
            field: "classification",
            type: "nominal",
            title: "Einstufung",
            scale: { domain: CLASS_DOMAIN, range: ["diamond", "circle", "triangle-down"] },
          },
        },
      },
    ],
  } as TopLevelSpec;
}
