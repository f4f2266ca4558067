import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countsByStatus, stateCatalog } from "~/areas/projects/states";
import {
  ProjectSchema,
  RiskSchema,
  isMilestoneOverdue,
  parseProjectListQuery,
  riskLevel,
  riskMatrix,
  wouldCreateCycle,
} from "~/areas/projects/projects";

const validForm = {
  title: "Digitaler Bauantrag",
  description: "",
  fieldOfActionId: 1,
  leadUnitId: 2,
  involvedUnitIds: [3, 4],
  startDate: "01.02.2026",
  endDate: "31.12.2026",
  budgetPlanned: "125.000,50",
  budgetSpent: "",
};

function errorsOf(input: unknown) {
  const result = ProjectSchema.safeParse(input);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
}

describe("ProjectSchema", () => {
  it("turns German dates and amounts into ISO dates and cents", () => {
    const p = ProjectSchema.parse(validForm);
    expect(p).toMatchObject({ startDate: "2026-02-01", endDate: "2026-12-31", budgetPlanned: 12_500_050, budgetSpent: 0, ozgRelevant: false, goalIds: [] });
  });

  it("names each problem in German at its field", () => {
    const errors = errorsOf({ ...validForm, title: "ab", startDate: "32.01.2026", budgetPlanned: "12,345", fieldOfActionId: undefined });
    expect(errors.title).toBe("Der Titel muss mindestens 3 Zeichen lang sein.");
    expect(errors.startDate).toBe("Der Projektbeginn ist kein gültiges Datum (TT.MM.JJJJ).");
    expect(errors.budgetPlanned).toBe("Das geplante Budget ist kein gültiger Betrag (z. B. 12.500,00).");
    expect(errors.fieldOfActionId).toBe("Bitte wählen Sie ein Handlungsfeld.");
  });

  it("refuses an end before the start, negative budgets and the lead unit among the involved units", () => {
    expect(errorsOf({ ...validForm, endDate: "31.01.2026" }).endDate).toBe("Das Projektende darf nicht vor dem Projektbeginn liegen.");
    expect(errorsOf({ ...validForm, budgetSpent: "-5,00" }).budgetSpent).toBe("Das verausgabte Budget darf nicht negativ sein.");
    expect(errorsOf({ ...validForm, involvedUnitIds: [2] }).involvedUnitIds).toMatch(/federführende Einheit ist bereits beteiligt/);
  });
});

describe("RiskSchema", () => {
  it("requires likelihood and impact between 1 and 5", () => {
    const result = RiskSchema.safeParse({ title: "Personalmangel", category: "staffShortage", likelihood: 6, impact: 0 });
    const messages = result.error!.issues.map((i) => `${String(i.path[0])}: ${i.message}`);
    expect(messages).toEqual([
      "likelihood: Bitte wählen Sie die Eintrittswahrscheinlichkeit (1 bis 5).",
      "impact: Bitte wählen Sie die Auswirkung (1 bis 5).",
    ]);
  });
});

describe("wouldCreateCycle", () => {
  const edges = [
    { projectId: 1, dependsOnProjectId: 2 },
    { projectId: 2, dependsOnProjectId: 3 },
  ];

  it("detects direct and transitive cycles and self-references", () => {
    expect(wouldCreateCycle(edges, 3, 1)).toBe(true);
    expect(wouldCreateCycle(edges, 2, 1)).toBe(true);
    expect(wouldCreateCycle(edges, 4, 4)).toBe(true);
  });

  it("allows edges that keep the graph acyclic", () => {
    expect(wouldCreateCycle(edges, 1, 3)).toBe(false);
    expect(wouldCreateCycle(edges, 4, 1)).toBe(false);
  });

  it("never lets a sequence of accepted edges form a cycle (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 })), { maxLength: 40 }), (candidates) => {
        const accepted: { projectId: number; dependsOnProjectId: number }[] = [];
        for (const [from, to] of candidates) {
          if (!wouldCreateCycle(accepted, from, to)) accepted.push({ projectId: from, dependsOnProjectId: to });
        }
        // topological order exists ⇔ acyclic: repeatedly remove nodes without outgoing edges
        let remaining = [...accepted];
        let changed = true;
        while (changed) {
          changed = false;
          const sources = new Set(remaining.map((e) => e.projectId));
          const before = remaining.length;
          remaining = remaining.filter((e) => sources.has(e.dependsOnProjectId));
          if (remaining.length !== before) changed = true;
        }
        return remaining.length === 0;
      }),
    );
  });
});

describe("risks and milestones", () => {
  it("levels risks by likelihood × impact", () => {
    expect(riskLevel(4)).toBe("low");
    expect(riskLevel(8)).toBe("medium");
    expect(riskLevel(15)).toBe("high");
  });

  it("places risks in the 5×5 matrix with impact 5 in the first row", () => {
    const rows = riskMatrix([{ likelihood: 4, impact: 5 }, { likelihood: 1, impact: 1 }]);
    expect(rows).toHaveLength(5);
    expect(rows[0].impact).toBe(5);
    expect(rows[0].cells[3].risks).toHaveLength(1);
    expect(rows[0].cells[3].level).toBe("high");
    expect(rows[4].cells[0].risks).toHaveLength(1);
    expect(rows[4].cells[0].level).toBe("low");
  });

  it("counts a milestone as overdue only when open and past due", () => {
    expect(isMilestoneOverdue({ dueDate: "2026-01-01", doneAt: null }, "2026-01-02")).toBe(true);
    expect(isMilestoneOverdue({ dueDate: "2026-01-02", doneAt: null }, "2026-01-02")).toBe(false);
    expect(isMilestoneOverdue({ dueDate: "2026-01-01", doneAt: "2026-01-05" }, "2026-02-01")).toBe(false);
  });
});

describe("list query", () => {
  it("parses filters and falls back to defaults for malformed values", () => {
    const q = parseProjectListQuery(new URLSearchParams("q=Akte&status=inProgress&unit=7&overdue=1&sort=budget&dir=desc&page=2"));
    expect(q).toMatchObject({ q: "Akte", status: "inProgress", unit: 7, overdue: true, sort: "budget", dir: "desc", page: 2, archived: false });
    const bad = parseProjectListQuery(new URLSearchParams("status=drop table&unit=-1&sort=evil&dir=up&page=abc&classification=x"));
    expect(bad).toMatchObject({ status: undefined, unit: undefined, sort: "title", dir: "asc", page: 1, classification: undefined });
  });
});

describe("project state catalog", () => {
  const catalog = stateCatalog([
    { name: "idea", label: "Projektskizze", kind: "initial" },
    { name: "pilot", label: "Pilotbetrieb", kind: "active" },
    { name: "handedOver", label: "An den Betrieb übergeben", kind: "final" },
    { name: "cancelled", label: "Abgebrochen", kind: "final" },
  ]);

  it("takes the closed states from the definition's final states", () => {
    expect(catalog.closed).toEqual(["handedOver", "cancelled"]);
  });

  it("labels known states, keeps unknown ones readable and names projects without a workflow", () => {
    expect(catalog.label("pilot")).toBe("Pilotbetrieb");
    expect(catalog.label("retired")).toBe("retired");
    expect(catalog.label(null)).toBe("ohne Ablauf");
  });

  it("counts projects per status: lifecycle order, unknown states after, no workflow last, same labels summed", () => {
    const withCompleted = stateCatalog([
      { name: "idea", label: "Idee", kind: "initial" },
      { name: "completed", label: "Abgeschlossen", kind: "final" },
      { name: "handedOver", label: "Abgeschlossen", kind: "final" },
    ]);
    const rows = [
      { state: null, count: 1 },
      { state: "retired", count: 2 },
      { state: "handedOver", count: 3 },
      { state: "idea", count: 4 },
      { state: "completed", count: 5 },
      { state: "idea", count: 1 },
    ];
    expect(countsByStatus(withCompleted, rows)).toEqual([
      { state: "idea", label: "Idee", count: 5 },
      { state: "completed", label: "Abgeschlossen", count: 8 },
      { state: "retired", label: "retired", count: 2 },
      { state: null, label: "ohne Ablauf", count: 1 },
    ]);
  });
});
