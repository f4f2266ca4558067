import { describe, expect, it } from "vitest";
import { FIRST_REPORT_NOTE, type ProjectSnapshot, compareWithPrevious } from "~/reports/data/council-compare";

const p = (id: number, over: Partial<ProjectSnapshot> = {}): ProjectSnapshot => ({
  id,
  title: `Projekt ${id}`,
  fieldOfAction: "Bürgerservice",
  state: "inProgress",
  stateLabel: "In Umsetzung",
  closed: false,
  startDate: "2026-01-01",
  endDate: "2027-06-30",
  ...over,
});

describe("seit dem letzten Bericht", () => {
  it("says 'erster Bericht – kein Vergleich' without a previous report and lists nothing", () => {
    const result = compareWithPrevious(null, [p(1)], "2026-12-03");
    expect(result).toMatchObject({ previousIssuedAt: null, note: FIRST_REPORT_NOTE, newProjects: [], finishedProjects: [], delayedProjects: [] });
    expect(result.emptyNew).toBe("Erster Bericht – kein Vergleich.");
  });

  it("finds new, finished and delayed projects against the stored states", () => {
    const previous = {
      issuedAt: "2026-09-01T10:00:00.000Z",
      projects: [p(1), p(2), p(3, { endDate: "2026-10-31" }), p(4, { endDate: "2026-05-31" }), p(5, { state: "completed", stateLabel: "Abgeschlossen", closed: true })],
    };
    const now = [
      p(1, { state: "completed", stateLabel: "Abgeschlossen", closed: true }),
      p(2, { endDate: "2027-12-31" }),
      p(3, { endDate: "2026-10-31" }),
      p(4, { endDate: "2026-05-31" }),
      p(5, { state: "completed", stateLabel: "Abgeschlossen", closed: true }),
      p(6, { title: "Ein neues Projekt", state: null, stateLabel: "ohne Ablauf" }),
    ];
    const result = compareWithPrevious(previous, now, "2026-12-03");
    expect(result.note).toBe("Vergleich mit dem Digitalbericht vom 01.09.2026.");
    expect(result.newProjects).toEqual([{ title: "Ein neues Projekt", fieldOfAction: "Bürgerservice", detail: "ohne Ablauf" }]);
    // Finished since: only the one that was running then (5 was already closed).
    expect(result.finishedProjects.map((x) => x.title)).toEqual(["Projekt 1"]);
    // 2: end moved later; 3: end passed since the last report; 4 was already overdue then, not new.
    expect(result.delayedProjects).toEqual([
      { title: "Projekt 2", fieldOfAction: "Bürgerservice", detail: "Ende verschoben vom 30.06.2027 auf den 31.12.2027" },
      { title: "Projekt 3", fieldOfAction: "Bürgerservice", detail: "geplantes Ende 31.10.2026 überschritten, noch nicht abgeschlossen" },
    ]);
  });

  it("never calls a closed project delayed, nor one whose end moved earlier", () => {
    const previous = { issuedAt: "2026-09-01T10:00:00.000Z", projects: [p(1), p(2)] };
    const now = [p(1, { endDate: "2028-01-31", state: "cancelled", stateLabel: "Abgebrochen", closed: true }), p(2, { endDate: "2027-01-31" })];
    const result = compareWithPrevious(previous, now, "2026-12-03");
    expect(result.delayedProjects).toEqual([]);
    expect(result.finishedProjects.map((x) => x.detail)).toEqual(["Abgebrochen"]);
    expect(result.emptyDelayed).toBe("Seit dem letzten Bericht hat sich kein Projekt verzögert.");
  });
});
