import { describe, expect, it } from "vitest";
import {
  type RoadmapProject,
  DEFAULT_LAYOUT,
  ROADMAP_LABEL_CHARS,
  arrowPath,
  layoutRoadmap,
  nextQuarter,
  quarterLabel,
  quarterStart,
  quartersBetween,
  roadmapBands,
} from "~/areas/roadmap/layout";

function project(id: number, field: [number, string], start: string | null, end: string | null, extra: Partial<RoadmapProject> = {}): RoadmapProject {
  return { id, title: `Projekt ${id}`, fieldOfActionId: field[0], fieldOfActionName: field[1], startDate: start, endDate: end, milestones: [], dependsOn: [], ...extra };
}

const VERWALTUNG: [number, string] = [1, "Verwaltung"];
const BILDUNG: [number, string] = [2, "Bildung"];

describe("quarters", () => {
  it("finds quarter starts, next quarters and labels", () => {
    expect(quarterStart("2026-02-17")).toBe("2026-01-01");
    expect(quarterStart("2026-12-31")).toBe("2026-10-01");
    expect(nextQuarter("2026-10-01")).toBe("2027-01-01");
    expect(nextQuarter("2026-04-01")).toBe("2026-07-01");
    expect(quarterLabel("2026-07-01")).toBe("Q3 2026");
    expect(quartersBetween("2026-05-10", "2027-01-02")).toEqual(["2026-04-01", "2026-07-01", "2026-10-01", "2027-01-01"]);
  });
});

describe("roadmap layout", () => {
  const projects = [
    project(1, VERWALTUNG, "2026-01-01", "2026-06-30", {
      milestones: [
        { id: 1, title: "Konzept", dueDate: "2026-03-01", done: false },
        { id: 2, title: "Start", dueDate: "2026-01-15", done: true },
      ],
    }),
    project(2, BILDUNG, "2026-07-01", "2026-12-31", { dependsOn: [1] }),
    project(3, VERWALTUNG, "2025-10-01", "2026-03-31"),
    project(4, BILDUNG, null, "2026-12-31"),
  ];
  const layout = layoutRoadmap(projects, "2026-04-01");

  it("covers whole quarters from the earliest to the latest date, spanning the chart width", () => {
    expect(layout.rangeStart).toBe("2025-10-01");
    expect(layout.rangeEnd).toBe("2027-01-01");
    expect(layout.quarters.map((q) => q.label)).toEqual(["Q4 2025", "Q1 2026", "Q2 2026", "Q3 2026", "Q4 2026"]);
    expect(layout.quarters[0].x).toBe(DEFAULT_LAYOUT.labelWidth);
    const last = layout.quarters[layout.quarters.length - 1];
    expect(last.x + last.width).toBeCloseTo(DEFAULT_LAYOUT.width, 6);
  });

  it("groups by field of action alphabetically and sorts rows by start", () => {
    expect(layout.groups.map((g) => g.label)).toEqual(["Bildung", "Verwaltung"]);
    expect(layout.rows.map((r) => r.project.id)).toEqual([2, 3, 1]);
    const bildung = layout.groups[0];
    expect(bildung.y).toBe(DEFAULT_LAYOUT.axisHeight);
    expect(bildung.height).toBe(DEFAULT_LAYOUT.groupHeaderHeight + DEFAULT_LAYOUT.rowHeight);
    expect(layout.rows[0].y).toBe(bildung.y + DEFAULT_LAYOUT.groupHeaderHeight);
    expect(layout.groups[1].y).toBe(bildung.y + bildung.height);
  });

  it("puts bars and milestones on the time scale, with overdue milestones marked", () => {
    const q3 = layout.quarters.find((q) => q.label === "Q3 2026")!;
    const q4 = layout.quarters.find((q) => q.label === "Q4 2026")!;
    const row2 = layout.rows.find((r) => r.project.id === 2)!;
    expect(row2.barX).toBeCloseTo(q3.x, 6);
    expect(row2.barX + row2.barWidth).toBeCloseTo(q4.x + q4.width, 6);
    const row1 = layout.rows.find((r) => r.project.id === 1)!;
    expect(row1.milestones.map((m) => m.overdue)).toEqual([true, false]);
    expect(row1.milestones[0].x).toBeGreaterThan(row1.barX);
  });

  it("draws today's line inside the range and lists projects without dates separately", () => {
    const q2 = layout.quarters.find((q) => q.label === "Q2 2026")!;
    expect(layout.todayX).toBeCloseTo(q2.x, 6);
    expect(layout.unscheduled.map((p) => p.id)).toEqual([4]);
    expect(layout.rows.some((r) => r.project.id === 4)).toBe(false);
  });

  it("draws dependency arrows from the end of the prerequisite to the start of the dependent", () => {
    expect(layout.arrows).toHaveLength(1);
    const a = layout.arrows[0];
    const from = layout.rows.find((r) => r.project.id === 1)!;
    const to = layout.rows.find((r) => r.project.id === 2)!;
    expect(a).toMatchObject({ fromId: 1, toId: 2, conflict: false });
    expect(a.path.startsWith(`M ${Math.round((from.barX + from.barWidth) * 10) / 10} ${from.y + DEFAULT_LAYOUT.rowHeight / 2}`)).toBe(true);
    // starts the day after the prerequisite ends: no room for a curve, so an elbow into the bar
    expect(a.path.endsWith(`V ${to.y + DEFAULT_LAYOUT.rowHeight / 2} H ${Math.round(to.barX * 10) / 10}`)).toBe(true);
  });

  it("marks a dependency as a conflict when the dependent starts before the prerequisite ends", () => {
    const l = layoutRoadmap(
      [project(1, VERWALTUNG, "2026-01-01", "2026-06-30"), project(2, VERWALTUNG, "2026-05-01", "2026-09-30", { dependsOn: [1, 99] })],
      "2026-01-10",
    );
    expect(l.arrows).toEqual([expect.objectContaining({ fromId: 1, toId: 2, conflict: true })]);
  });

  it("routes backward dependencies as an elbow along the row boundary next to the target", () => {
    expect(arrowPath(500, 14, 300, 70, 28)).toBe("M 500 14 H 508 V 56 H 292 V 70 H 300");
    expect(arrowPath(500, 70, 300, 14, 28)).toBe("M 500 70 H 508 V 28 H 292 V 14 H 300");
    expect(arrowPath(100, 14, 300, 70, 28)).toBe("M 100 14 C 200 14, 200 70, 300 70");
  });

  it("hides today's line when today is outside the range and handles an empty portfolio", () => {
    const empty = layoutRoadmap([], "2026-05-05");
    expect(empty.rows).toEqual([]);
    expect(empty.quarters.map((q) => q.label)).toEqual(["Q2 2026"]);
    expect(empty.todayX).not.toBeNull();
  });
});

describe("rescheduled milestones", () => {
  it("places the original date and the forecast, and widens the range to both", () => {
    const layout = layoutRoadmap(
      [
        project(1, VERWALTUNG, "2026-01-01", "2026-06-30", {
          milestones: [
            { id: 1, title: "Abnahme", dueDate: "2026-11-15", originalDueDate: "2026-05-01", done: false },
            { id: 2, title: "Start", dueDate: "2026-02-01", done: false },
          ],
        }),
      ],
      "2026-03-01",
    );
    const [moved, kept] = layout.rows[0].milestones;
    expect(moved.originalX).not.toBeNull();
    expect(moved.originalX!).toBeLessThan(moved.x);
    expect(kept.originalX).toBeNull();
    expect(layout.rangeEnd > "2026-11-15").toBe(true);
  });
});

describe("labels and states", () => {
  const LONG = "Bürgerservice und Verwaltungsdigitalisierung mit Onlinezugang für alle Leistungen der Kommune";

  it("wraps a long title onto several lines instead of cutting it, and makes its row taller", () => {
    const layout = layoutRoadmap([project(1, VERWALTUNG, "2026-01-01", "2026-06-30", { title: LONG }), project(2, VERWALTUNG, "2026-02-01", "2026-06-30")], "2026-03-01");
    const [long, short] = layout.rows;
    expect(long.labelLines.join(" ")).toBe(LONG);
    expect(long.labelLines.length).toBeGreaterThan(1);
    expect(long.labelLines.every((l) => l.length <= ROADMAP_LABEL_CHARS)).toBe(true);
    expect(long.labelLines.join("")).not.toContain("…");
    expect(long.height).toBeGreaterThan(DEFAULT_LAYOUT.rowHeight);
    expect(short.labelLines).toEqual(["Projekt 2"]);
    expect(short.height).toBe(DEFAULT_LAYOUT.rowHeight);
    // rows stack by their own height; the bar and milestones sit in the middle of the row
    expect(short.y).toBe(long.y + long.height);
    expect(long.midY).toBe(long.y + long.height / 2);
    expect(layout.height).toBe(short.y + short.height + 8);
  });

  it("names finished, cancelled and paused projects in the row and marks them inactive; running ones carry no note", () => {
    const layout = layoutRoadmap(
      [
        project(1, VERWALTUNG, "2026-01-01", "2026-06-30", { stateKind: "final", stateLabel: "Abgeschlossen" }),
        project(2, VERWALTUNG, "2026-01-02", "2026-06-30", { stateKind: "final", stateLabel: "Abgebrochen" }),
        project(3, VERWALTUNG, "2026-01-03", "2026-06-30", { stateKind: "waiting", stateLabel: "Zurückgestellt" }),
        project(4, VERWALTUNG, "2026-01-04", "2026-06-30", { stateKind: "active", stateLabel: "In Umsetzung" }),
        project(5, VERWALTUNG, "2026-01-05", "2026-06-30"),
      ],
      "2026-03-01",
    );
    expect(layout.rows.map((r) => [r.stateNote, r.inactive])).toEqual([
      ["Abgeschlossen", "final"],
      ["Abgebrochen", "final"],
      ["Zurückgestellt", "waiting"],
      [null, null],
      [null, null],
    ]);
    // the note is a line of its own
    expect(layout.rows[0].height).toBeGreaterThan(layout.rows[3].height);
  });
});

describe("bands for printed pages", () => {
  const many = Array.from({ length: 30 }, (_, i) =>
    project(i + 1, i < 12 ? VERWALTUNG : BILDUNG, `2026-01-${String((i % 28) + 1).padStart(2, "0")}`, "2026-12-31"),
  );
  const layout = layoutRoadmap(many, "2026-03-01");

  it("cuts the drawing into bands no taller than a page, at group boundaries where it can, covering every row once", () => {
    const max = 400;
    const bands = roadmapBands(layout, max);
    expect(bands.length).toBeGreaterThan(1);
    expect(bands[0].y0).toBe(DEFAULT_LAYOUT.axisHeight);
    expect(bands[bands.length - 1].y1).toBe(layout.height);
    for (let i = 1; i < bands.length; i++) expect(bands[i].y0).toBe(bands[i - 1].y1);
    for (const b of bands) expect(DEFAULT_LAYOUT.axisHeight + b.y1 - b.y0).toBeLessThanOrEqual(max);
    // no row is cut: every band edge is a row or group edge
    const edges = new Set([...layout.rows.flatMap((r) => [r.y, r.y + r.height]), ...layout.groups.map((g) => g.y), layout.height]);
    for (const b of bands) expect(edges.has(b.y1), `edge ${b.y1}`).toBe(true);
    // the first group (Bildung, 18 rows) does not fit one band and is split; the second starts a band of its own
    expect(bands.some((b) => b.y0 === layout.groups[1].y)).toBe(true);
  });

  it("keeps a short roadmap in one band", () => {
    expect(roadmapBands(layoutRoadmap(many.slice(0, 3), "2026-03-01"), 2000)).toEqual([{ y0: DEFAULT_LAYOUT.axisHeight, y1: layoutRoadmap(many.slice(0, 3), "2026-03-01").height }]);
  });
});
