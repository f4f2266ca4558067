import { describe, expect, it } from "vitest";
import { EXAMPLE_TEMPLATES } from "~/areas/rollin/example-templates";
import { checklistPercent, isStepOverdue, parseProgrammeDefinition, planSteps, planUpgrade, programmeStepTotals } from "~/areas/rollin/programme-template";

const efa = EXAMPLE_TEMPLATES[0].definition;

describe("programme templates", () => {
  it("the shipped examples are valid and plan due dates from the start", () => {
    for (const t of EXAMPLE_TEMPLATES) expect(parseProgrammeDefinition(JSON.stringify(t.definition)).ok).toBe(true);
    const steps = planSteps(efa, "2026-01-30");
    expect(steps).toHaveLength(7);
    expect(steps[0]).toMatchObject({ key: "interesse", dueDate: "2026-02-06", position: 0, checklistTotal: 3 });
    expect(steps[6].dueDate).toBe("2026-04-10");
  });

  it("rejects broken definitions with German messages and their place", () => {
    expect(parseProgrammeDefinition("{")).toEqual({ ok: false, errors: ["Die Vorlage ist kein gültiges JSON."] });
    const dup = { phases: [{ name: "A", steps: [{ key: "a", title: "x", dueInDays: 1, responsibleRole: "projectLead" }, { key: "a", title: "y", dueInDays: -1, responsibleRole: "boss" }] }] };
    const result = parseProgrammeDefinition(JSON.stringify(dup));
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors).toContain("phases.0.steps.1.dueInDays: Die Fälligkeit liegt nicht vor dem Start.");
    expect(errors.some((e) => e.startsWith("phases.0.steps.1.responsibleRole: Unbekannte Rolle"))).toBe(true);
  });

  it("a new version changes only steps not yet started, adds new ones and keeps started ones", () => {
    const next = structuredClone(efa);
    next.phases[0].steps[0].title = "neu";
    next.phases[0].steps[1].dueInDays = 30;
    next.phases[2].steps.pop();
    next.phases[2].steps.push({ key: "evaluation", title: "Auswertung", dueInDays: 90, responsibleRole: "projectLead", optional: false, checklist: [], trainings: [], documents: [] });
    const current = planSteps(efa, "2026-01-01").map((s, i) => ({ id: i + 1, stepKey: s.key, status: i === 0 ? ("done" as const) : ("open" as const), checklistDone: i === 6 ? 1 : 0 }));
    const plan = planUpgrade(current, next, "2026-01-01");
    expect(plan.kept.sort()).toEqual(["bekanntmachung", "interesse"]);
    expect(plan.update.map((u) => u.id)).toEqual([2, 3, 4, 5, 6]);
    expect(plan.update[0].step.dueDate).toBe("2026-01-31");
    expect(plan.insert.map((s) => s.key)).toEqual(["evaluation"]);
    expect(plan.remove).toEqual([]);
  });

  it("overdue and checklist percent", () => {
    expect(isStepOverdue({ status: "inProgress", dueDate: "2026-01-01" }, "2026-01-02")).toBe(true);
    expect(isStepOverdue({ status: "confirmed", dueDate: "2026-01-01" }, "2026-01-02")).toBe(false);
    expect(checklistPercent({ status: "open", checklistDone: 2, checklistTotal: 3 })).toBe(66);
    expect(checklistPercent({ status: "done", checklistDone: 0, checklistTotal: 0 })).toBe(100);
  });
});

describe("programme step totals", () => {
  it("counts all, finished, confirmed and overdue steps of grouped rows", () => {
    const groups = [
      { status: "open" as const, dueDate: "2026-11-01", n: 3 },
      { status: "inProgress" as const, dueDate: "2026-12-31", n: 2 },
      { status: "done" as const, dueDate: "2026-10-01", n: 4 },
      { status: "confirmed" as const, dueDate: "2026-10-01", n: 1 },
    ];
    expect(programmeStepTotals(groups, "2026-12-04")).toEqual({ steps: 10, finished: 5, confirmed: 1, overdue: 3 });
    expect(programmeStepTotals([], "2026-12-04")).toEqual({ steps: 0, finished: 0, confirmed: 0, overdue: 0 });
  });
});
