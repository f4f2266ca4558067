import { z } from "zod";
import { describe, expect, it } from "vitest";
import { type SubjectRequirement, contractIssues } from "~/workflow/contract";
import { DefinitionSchema } from "~/workflow/definition";
import { type RegistryLookup, validateDefinitionIssues } from "~/workflow/validate";

// A subject type the engine knows nothing about: the contract is plain data from "its area".
const definition = () => ({
  key: "permit",
  name: "Genehmigung",
  subjectType: "permit",
  states: [
    { name: "draft", label: "Entwurf", kind: "initial" },
    { name: "review", label: "Prüfung", kind: "active" },
    { name: "granted", label: "Erteilt", kind: "final" },
    { name: "refused", label: "Versagt", kind: "final" },
  ],
  transitions: [
    { name: "submit", label: "Einreichen", from: ["draft"], to: "review", roles: ["cdo"] },
    { name: "grant", label: "Erteilen", from: ["review"], to: "granted", roles: ["cdo"], guards: [{ name: "fourEyes", params: { transition: "submit" } }] },
    { name: "refuse", label: "Versagen", from: ["review"], to: "refused", roles: ["cdo"] },
  ],
});

const CONTRACT: SubjectRequirement[] = [
  { states: ["granted", "review"], reason: "Gebühren fallen nur hier an." },
  { transitions: [{ name: "grant", from: ["review"], to: "granted", guards: ["fourEyes"] }], reason: "Die Erteilung prüft eine zweite Person." },
];

const labels = (kind: "guard" | "effect", name: string) => (kind === "guard" && name === "fourEyes" ? "Vier-Augen-Prinzip" : undefined);
const check = (input: unknown, requirements = CONTRACT) => contractIssues(DefinitionSchema.parse(input), requirements, "Genehmigung", labels);

describe("subject contracts", () => {
  it("accept a definition that keeps everything, also with extra states, steps and guards", () => {
    const def = definition();
    def.states.push({ name: "onHold", label: "Ruht", kind: "active" });
    def.transitions.push({ name: "hold", label: "Ruhen lassen", from: ["review"], to: "onHold", roles: ["cdo"] });
    def.transitions.push({ name: "resume", label: "Fortsetzen", from: ["onHold"], to: "review", roles: ["cdo"] });
    def.transitions[1].from.push("onHold");
    expect(check(def)).toEqual([]);
    expect(check(definition(), [])).toEqual([]);
  });

  it("name every missing state, with the area's reason", () => {
    const def = definition();
    def.states = def.states.filter((s) => s.name !== "granted");
    def.transitions = def.transitions.filter((t) => t.name !== "grant");
    expect(check(def, [CONTRACT[0]])).toEqual([
      { path: ["states"], message: "Der Status „granted“ fehlt; Vorgänge vom Typ „Genehmigung“ brauchen ihn: Gebühren fallen nur hier an." },
    ]);
    def.states = def.states.filter((s) => s.name !== "review");
    expect(check(def, [CONTRACT[0]])[0].message).toBe(
      "Die Status „granted“, „review“ fehlen; Vorgänge vom Typ „Genehmigung“ brauchen sie: Gebühren fallen nur hier an.",
    );
  });

  it("name a missing step with its route, and a step that starts elsewhere, leads elsewhere or lost its guard", () => {
    const missing = definition();
    missing.transitions = missing.transitions.filter((t) => t.name !== "grant");
    expect(check(missing, [CONTRACT[1]])).toEqual([
      {
        path: ["transitions"],
        message: "Der Übergang „grant“ (von „review“ nach „granted“) fehlt; Vorgänge vom Typ „Genehmigung“ brauchen ihn: Die Erteilung prüft eine zweite Person.",
      },
    ]);

    const changed = definition();
    changed.transitions[1] = { name: "grant", label: "Erteilen", from: ["draft"], to: "refused", roles: ["cdo"], guards: [] };
    expect(check(changed, [CONTRACT[1]])).toEqual([
      {
        path: ["transitions", 1, "from"],
        message: "Der Übergang „grant“ muss auch im Status „review“ beginnen; Vorgänge vom Typ „Genehmigung“ brauchen das: Die Erteilung prüft eine zweite Person.",
      },
      {
        path: ["transitions", 1, "to"],
        message: "Der Übergang „grant“ muss zum Status „granted“ führen, nicht zu „refused“; Vorgänge vom Typ „Genehmigung“ brauchen das: Die Erteilung prüft eine zweite Person.",
      },
      {
        path: ["transitions", 1],
        message:
          "Der Übergang „grant“ muss die Bedingung „Vier-Augen-Prinzip“ (fourEyes) behalten; Vorgänge vom Typ „Genehmigung“ brauchen sie: Die Erteilung prüft eine zweite Person.",
      },
    ]);
  });

  it("ask for effects by name when no label is known", () => {
    const issues = check(definition(), [{ transitions: [{ name: "refuse", effects: ["notifyApplicant"] }], reason: "Der Antragsteller erfährt es." }]);
    expect(issues.map((i) => i.message)).toEqual([
      "Der Übergang „refuse“ muss die Wirkung „notifyApplicant“ behalten; Vorgänge vom Typ „Genehmigung“ brauchen sie: Der Antragsteller erfährt es.",
    ]);
  });

  it("are checked by the deploy validator for the registered subject type only, next to the field", () => {
    const registry: RegistryLookup = {
      guard: (name) => (name === "fourEyes" ? z.object({ transition: z.string() }) : undefined),
      effect: () => undefined,
      guardTransitionRefs: (_name, params) => [(params as { transition: string }).transition],
      subjectContract: (subjectType) => (subjectType === "permit" ? { label: "Genehmigung", requires: CONTRACT } : undefined),
      callLabel: labels,
    };
    const def = definition();
    def.transitions[1].guards = [];
    const result = validateDefinitionIssues(def, registry);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues.map((i) => [i.path, i.message])).toEqual([
      [
        ["transitions", 1],
        "Der Übergang „grant“ muss die Bedingung „Vier-Augen-Prinzip“ (fourEyes) behalten; Vorgänge vom Typ „Genehmigung“ brauchen sie: Die Erteilung prüft eine zweite Person.",
      ],
    ]);
    // Another subject type with the same shape is not bound by this contract.
    expect(validateDefinitionIssues({ ...def, key: "other", subjectType: "other" }, registry).ok).toBe(true);
    expect(validateDefinitionIssues(definition(), registry).ok).toBe(true);
  });
});
