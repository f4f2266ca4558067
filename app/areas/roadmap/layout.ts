/**
 * Layout of the Fahrplan (roadmap): projects as bars on a quarter grid, grouped by field of action,
 * with milestones, dependency arrows and today's line. Pure geometry, unit-tested; the page and the
 * PDF draw the same SVG from it.
 */
import { wrapLabel } from "../dashboard/charts";
import type { StateKind } from "../../workflow/state-kinds";

export interface RoadmapMilestone {
  id: number;
  title: string;
  /** The date in force: the forecast once the milestone was rescheduled. */
  dueDate: string;
  /** The first planned date when the milestone was rescheduled, else null. */
  originalDueDate?: string | null;
  done: boolean;
}

export interface RoadmapProject {
  id: number;
  title: string;
  fieldOfActionId: number | null;
  fieldOfActionName: string;
  startDate: string | null;
  endDate: string | null;
  milestones: RoadmapMilestone[];
  /** Ids of projects this one depends on (they must be done first). */
  dependsOn: number[];
  /** The kind of the project's workflow state (final: finished or cancelled; waiting: paused). */
  stateKind?: StateKind | null;
  stateLabel?: string;
}

export interface LayoutOptions {
  width: number;
  labelWidth: number;
  rowHeight: number;
  groupHeaderHeight: number;
  axisHeight: number;
}

/** Characters per line of a project title in the label column (≈ 230 px at 11.5 px); longer titles wrap. */
export const ROADMAP_LABEL_CHARS = 36;
/** Line height of the label column. */
export const ROADMAP_LINE_HEIGHT = 14;

export const DEFAULT_LAYOUT: LayoutOptions = {
  width: 1100,
  labelWidth: 260,
  rowHeight: 28,
  groupHeaderHeight: 28,
  axisHeight: 48,
};

export interface Quarter {
  /** "Q1 2026" */
  label: string;
  start: string;
  x: number;
  width: number;
}

export interface ProjectRow {
  project: RoadmapProject;
  y: number;
  /** A row grows with its label: one line per wrapped title line plus one for the state note. */
  height: number;
  /** Vertical centre of the row: bar, milestones and arrows sit on it. */
  midY: number;
  /** The whole title, wrapped at word boundaries; never cut off. */
  labelLines: string[];
  /** The state label of a finished, cancelled or paused project (shown under the title), else null. */
  stateNote: string | null;
  /** Drawn as no longer running ("final") or paused ("waiting"); null while running. */
  inactive: "final" | "waiting" | null;
  barX: number;
  barWidth: number;
  /** `originalX`: where the first planned date was, for a rescheduled milestone (else null). */
  milestones: (RoadmapMilestone & { x: number; originalX: number | null; overdue: boolean })[];
}

export interface GroupBand {
  fieldOfActionId: number | null;
  label: string;
  y: number;
  height: number;
}

export interface DependencyArrow {
  fromId: number;
  toId: number;
  /** SVG path from the end of the prerequisite's bar to the start of the dependent bar. */
  path: string;
  /** The dependent project starts before its prerequisite ends. */
  conflict: boolean;
}

export interface RoadmapLayout {
  width: number;
  height: number;
  /** Height of the quarter axis on top; rows start below it. */
  axisHeight: number;
  rangeStart: string;
  rangeEnd: string;
  quarters: Quarter[];
  groups: GroupBand[];
  rows: ProjectRow[];
  arrows: DependencyArrow[];
  todayX: number | null;
  /** Projects without start or end date: listed in the table, not drawn. */
  unscheduled: RoadmapProject[];
}

const DAY = 86_400_000;

function toUtc(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

function iso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** First day of the quarter containing the date. */
export function quarterStart(date: string): string {
  const [y, m] = date.split("-").map(Number);
  const q = Math.floor((m - 1) / 3);
  return `${y}-${String(q * 3 + 1).padStart(2, "0")}-01`;
}

/** First day of the next quarter. */
export function nextQuarter(start: string): string {
  const [y, m] = start.split("-").map(Number);
  return m >= 10 ? `${y + 1}-01-01` : `${y}-${String(m + 3).padStart(2, "0")}-01`;
}

export function quarterLabel(start: string): string {
  const [y, m] = start.split("-").map(Number);
  return `Q${Math.floor((m - 1) / 3) + 1} ${y}`;
}

/** The quarters covering from..to (inclusive), each from its first day. */
export function quartersBetween(from: string, to: string): string[] {
  const result: string[] = [];
  for (let q = quarterStart(from); q <= to; q = nextQuarter(q)) result.push(q);
  return result;
}

export function layoutRoadmap(projects: RoadmapProject[], today: string, options: LayoutOptions = DEFAULT_LAYOUT): RoadmapLayout {
  const scheduled = projects.filter((p) => p.startDate && p.endDate && p.startDate <= p.endDate);
  const unscheduled = projects.filter((p) => !scheduled.includes(p));

  const dates = scheduled.flatMap((p) => [p.startDate!, p.endDate!, ...p.milestones.flatMap((m) => (m.originalDueDate ? [m.dueDate, m.originalDueDate] : [m.dueDate]))]);
  dates.push(today);
  const quarterStarts = quartersBetween(dates.reduce((a, b) => (a < b ? a : b)), dates.reduce((a, b) => (a > b ? a : b)));
  const rangeStart = quarterStarts[0];
  const rangeEnd = nextQuarter(quarterStarts[quarterStarts.length - 1]);
  const chartX = options.labelWidth;
  const chartWidth = options.width - options.labelWidth;
  const span = toUtc(rangeEnd) - toUtc(rangeStart);
  // Hundredths of a unit: finer is invisible and only makes the page (drawn twice, screen and print) larger.
  const xOf = (date: string) => r2(chartX + ((toUtc(date) - toUtc(rangeStart)) / span) * chartWidth);
  // A bar ends at the end of its last day.
  const xEndOf = (date: string) => xOf(iso(toUtc(date) + DAY));

  const quarters = quarterStarts.map((start) => {
    const x = xOf(start);
    return { label: quarterLabel(start), start, x, width: r2(xOf(nextQuarter(start)) - x) };
  });

  const byGroup = new Map<string, { id: number | null; label: string; projects: RoadmapProject[] }>();
  for (const p of scheduled) {
    const key = String(p.fieldOfActionId);
    if (!byGroup.has(key)) byGroup.set(key, { id: p.fieldOfActionId, label: p.fieldOfActionName, projects: [] });
    byGroup.get(key)!.projects.push(p);
  }
  const groupList = [...byGroup.values()].sort((a, b) => a.label.localeCompare(b.label, "de"));

  const groups: GroupBand[] = [];
  const rows: ProjectRow[] = [];
  let y = options.axisHeight;
  for (const g of groupList) {
    const sorted = [...g.projects].sort(
      (a, b) => a.startDate!.localeCompare(b.startDate!) || a.title.localeCompare(b.title, "de") || a.id - b.id,
    );
    groups.push({ fieldOfActionId: g.id, label: g.label, y, height: options.groupHeaderHeight });
    y += options.groupHeaderHeight;
    let groupHeight = options.groupHeaderHeight;
    for (const p of sorted) {
      const barX = xOf(p.startDate!);
      const inactive = p.stateKind === "final" || p.stateKind === "waiting" ? p.stateKind : null;
      const stateNote = inactive ? (p.stateLabel ?? null) : null;
      const labelLines = wrapLabel(p.title, ROADMAP_LABEL_CHARS);
      const lines = labelLines.length + (stateNote ? 1 : 0);
      const height = Math.max(options.rowHeight, lines * ROADMAP_LINE_HEIGHT + 10);
      const midY = y + height / 2;
      rows.push({
        project: p,
        y,
        height,
        midY,
        labelLines,
        stateNote,
        inactive,
        barX,
        barWidth: Math.max(2, r2(xEndOf(p.endDate!) - barX)),
        milestones: p.milestones.map((m) => ({
          ...m,
          x: xOf(m.dueDate),
          originalX: m.originalDueDate ? xOf(m.originalDueDate) : null,
          overdue: !m.done && m.dueDate < today,
        })),
      });
      y += height;
      groupHeight += height;
    }
    groups[groups.length - 1].height = groupHeight;
  }

  const rowById = new Map(rows.map((r) => [r.project.id, r]));
  const arrows: DependencyArrow[] = [];
  for (const row of rows) {
    for (const fromId of row.project.dependsOn) {
      const from = rowById.get(fromId);
      if (!from) continue;
      const x1 = from.barX + from.barWidth;
      const y1 = from.midY;
      const x2 = row.barX;
      const y2 = row.midY;
      arrows.push({
        fromId,
        toId: row.project.id,
        path: arrowPath(x1, y1, x2, y2, row.height),
        conflict: row.project.startDate! <= from.project.endDate!,
      });
    }
  }

  const todayX = today >= rangeStart && today < rangeEnd ? xOf(today) : null;
  return { width: options.width, height: y + 8, axisHeight: options.axisHeight, rangeStart, rangeEnd, quarters, groups, rows, arrows, todayX, unscheduled };
}

/**
 * Leaves the prerequisite's bar to the right and enters the dependent bar from the left. Forward
 * links are a smooth curve; when the dependent starts before the prerequisite ends, the arrow runs
 * as an elbow along the row boundary next to the target instead of looping across the chart.
 */
export function arrowPath(x1: number, y1: number, x2: number, y2: number, rowHeight: number): string {
  const gap = 8;
  if (x2 - x1 >= 2 * gap) {
    const bend = (x2 - x1) / 2;
    return `M ${r1(x1)} ${r1(y1)} C ${r1(x1 + bend)} ${r1(y1)}, ${r1(x2 - bend)} ${r1(y2)}, ${r1(x2)} ${r1(y2)}`;
  }
  const boundary = y2 > y1 ? y2 - rowHeight / 2 : y2 + rowHeight / 2;
  return `M ${r1(x1)} ${r1(y1)} H ${r1(x1 + gap)} V ${r1(boundary)} H ${r1(x2 - gap)} V ${r1(y2)} H ${r1(x2)}`;
}

function r2(n: number): number {
  return Math.round(n * 100) / 100;
}

function r1(n: number): number {
  return Math.round(n * 10) / 10;
}

/**
 * Height (drawing units, axis included) of a slice on a printed A4 landscape page: the 1100-unit
 * width fills 277 mm, so 1 unit ≈ 0.25 mm and 660 units ≈ 166 mm, leaving room for the heading.
 */
export const PRINT_BAND_HEIGHT = 660;

/** A horizontal slice of the drawing (below the axis) that fits one printed page. */
export interface RoadmapBand {
  y0: number;
  y1: number;
}

/**
 * Cuts the drawing into bands that, each with the quarter axis on top, are at most `maxHeight`
 * high: whole groups where they fit, a group taller than a page at row boundaries. The print view
 * and the PDF draw one band per page, so no row is cut in half and every page has its axis.
 */
export function roadmapBands(layout: RoadmapLayout, maxHeight: number): RoadmapBand[] {
  const room = maxHeight - layout.axisHeight;
  const bands: RoadmapBand[] = [];
  let start = layout.axisHeight;
  const close = (end: number) => {
    if (end > start) bands.push({ y0: start, y1: end });
    start = end;
  };
  for (const [i, g] of layout.groups.entries()) {
    const end = i + 1 < layout.groups.length ? layout.groups[i + 1].y : layout.height;
    if (end - start <= room) continue;
    // The group does not fit the current band: start a new one at the group …
    close(g.y);
    if (end - start <= room) continue;
    // … and split a group taller than a page between its rows.
    for (const r of layout.rows.filter((row) => row.y >= g.y && row.y < end)) {
      if (r.y + r.height - start > room) close(r.y);
    }
  }
  close(layout.height);
  return bands;
}
