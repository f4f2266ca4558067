import { describe, expect, it } from "vitest";
import { registerAll } from "~/areas/registrations.server";
import { BUILT_IN_DEFINITIONS } from "~/workflow/definitions";
import { registryLookup } from "~/workflow/definitions.server";
import { validateDefinition, validateDefinitionJson } from "~/workflow/validate";

// The app validates built-ins against everything the areas register (e.g. finalReportArchived) and
// against their contracts.
registerAll();

const base = () => ({
  key: "testProcess",
  name: "Testablauf",
  subjectType: "wfTestItem",
  states: [
    { name: "draft", label: "Entwurf", kind: "initial" },
    { name: "review", label: "Prüfung", kind: "active" },
    { name: "done", label: "Erledigt", kind: "final" },
  ],
  transitions: [
    { name: "submit", label: "Einreichen", from: ["draft"], to: "review", roles: ["cdo"] },
    {
      name: "approve",
      label: "Freigeben",
      from: ["review"],
      to: "done",
      roles: ["cdo"],
      guards: [{ name: "fourEyes", params: { transition: "submit" } }],
    },
  ],
});

function errorsOf(def: unknown): string[] {
  const r = validateDefinition(def, registryLookup);
  return r.ok ? [] : r.errors;
}

describe("workflow definition validation", () => {
  it("accepts the built-in definitions", () => {
    for (const def of BUILT_IN_DEFINITIONS) expect(errorsOf(def), def.key).toEqual([]);
  });

  it("refuses a task for a subject role the subject's area does not register", () => {
    const def = base();
    def.subjectType = "project";
    // A project definition keeps the state its area relies on (the project subject's contract).
    def.states.push({ name: "inProgress", label: "In Umsetzung", kind: "active" });
    def.transitions.push({ name: "start", label: "Starten", from: ["review"], to: "inProgress", roles: ["cdo"], guards: [] });
    def.transitions.push({ name: "finish", label: "Abschließen", from: ["inProgress"], to: "done", roles: ["cdo"], guards: [] });
    (def.states[1] as Record<string, unknown>).tasks = [{ title: "Prüfen", assignee: { subjectRole: "projektleitung" }, assigneeRole: "cdo" }];
    expect(errorsOf(def)).toEqual([
      "Die Aufgabe „Prüfen“ im Status „review“ nennt die unbekannte Rolle am Gegenstand „projektleitung“ (bekannt: projectLead).",
    ]);
    (def.states[1] as Record<string, unknown>).tasks = [{ title: "Prüfen", assignee: { subjectRole: "projectLead" }, assigneeRole: "cdo" }];
    expect(errorsOf(def)).toEqual([]);
  });

  it("accepts a sound definition and fills defaults", () => {
    const r = validateDefinition(base(), registryLookup);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.definition.states[0].tasks).toEqual([]);
  });

  it("rejects unknown guards and effects by name", () => {
    const def = base();
    def.transitions[1].guards = [{ name: "magic", params: {} } as never];
    (def.transitions[0] as Record<string, unknown>).effects = [{ name: "sendFax", params: {} }];
    const errors = errorsOf(def);
    expect(errors).toContain("Der Übergang „approve“ verwendet die unbekannte Bedingung „magic“.");
    expect(errors).toContain("Der Übergang „submit“ verwendet die unbekannte Wirkung „sendFax“.");
  });

  it("rejects guard parameters that do not fit the guard", () => {
    const def = base();
    def.transitions[1].guards = [{ name: "amountAtMost", params: { field: "amountCents" } } as never];
    expect(errorsOf(def).join(" ")).toMatch(/Bedingung 1 \(„amountAtMost“\): ungültige Parameter – maxCents/);
  });

  it("refuses a guard that names a transition the definition does not have (fail closed)", () => {
    const def = base();
    def.transitions[1].guards = [{ name: "fourEyes", params: { transition: "sbumit" } }];
    expect(errorsOf(def)).toEqual([
      "Der Übergang „approve“, Bedingung 1 („fourEyes“) verweist auf den unbekannten Übergang „sbumit“.",
    ]);
  });

  it("rejects unreachable states", () => {
    const def = base();
    def.states.push({ name: "orphan", label: "Verwaist", kind: "final" });
    expect(errorsOf(def)).toContain("Der Status „orphan“ („Verwaist“) ist vom Startstatus aus nicht erreichbar.");
  });

  it("rejects non-final states without a way out", () => {
    const def = base();
    def.states.push({ name: "stuck", label: "Hängt", kind: "active" });
    def.transitions.push({ name: "toStuck", label: "Hängen", from: ["draft"], to: "stuck", roles: ["cdo"] } as never);
    expect(errorsOf(def)).toContain("Der Status „stuck“ („Hängt“) ist kein Endstatus, hat aber keinen Übergang, der aus ihm herausführt.");
  });

  it("rejects duplicate state and transition names", () => {
    const def = base();
    def.states.push({ name: "review", label: "Nochmal", kind: "active" });
    def.transitions.push({ ...def.transitions[0] });
    const errors = errorsOf(def);
    expect(errors).toContain("Der Statusname „review“ kommt mehrfach vor.");
    expect(errors).toContain("Der Übergangsname „submit“ kommt mehrfach vor.");
  });

  it("rejects transitions to nowhere and from nowhere", () => {
    const def = base();
    def.transitions.push({ name: "jump", label: "Springen", from: ["limbo"], to: "nirvana", roles: ["cdo"] } as never);
    const errors = errorsOf(def);
    expect(errors).toContain("Der Übergang „jump“ führt zum unbekannten Status „nirvana“.");
    expect(errors).toContain("Der Übergang „jump“ beginnt im unbekannten Status „limbo“.");
  });

  it("requires exactly one initial and at least one final state", () => {
    const def = base();
    def.states[1].kind = "initial";
    def.states[2].kind = "active";
    const errors = errorsOf(def);
    expect(errors).toContain("Ein Ablauf braucht genau einen Startstatus (kind „initial“), gefunden: 2.");
    expect(errors).toContain("Ein Ablauf braucht mindestens einen Endstatus (kind „final“).");
  });

  it("names the place of schema errors in German", () => {
    const def = base();
    (def.states[1] as Record<string, unknown>).kind = "sleeping";
    (def.transitions[0] as Record<string, unknown>).roles = ["mayor"];
    const errors = errorsOf(def);
    expect(errors.some((e) => e.startsWith("Status 2 („review“), Feld „kind“: Unbekannte Art des Status"))).toBe(true);
    expect(errors.some((e) => e.startsWith("Übergang 1 („submit“), Feld „roles“, Eintrag 1: Unbekannte Rolle"))).toBe(true);
  });

  it("reports invalid JSON text", () => {
    const r = validateDefinitionJson("{ kein json", registryLookup);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatch(/^Der Text ist kein gültiges JSON/);
  });
});
