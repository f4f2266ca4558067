import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { registerAll } from "~/areas/registrations.server";
import { DefinitionSchema } from "~/workflow/definition";
import { BUILT_IN_DEFINITIONS } from "~/workflow/definitions";
import { registryLookup } from "~/workflow/definitions.server";
import { paramCatalog } from "~/workflow/editor.server";
import { type EditorForm, EditorFormSchema, applyEditIntent, definitionFromForm, formFieldOf, formFromDefinition } from "~/workflow/editor-form";
import { validateDefinitionIssues } from "~/workflow/validate";
import { editorFormData as toFormData } from "../support/editor-form";

registerAll();
const catalog = paramCatalog();
const fixedOf = (def: { key: string; subjectType: string }) => ({ key: def.key, subjectType: def.subjectType });

describe("form ↔ definition", () => {
  for (const def of BUILT_IN_DEFINITIONS) {
    it(`gives back the built-in definition „${def.key}“ unchanged, also after a round trip through the posted form`, () => {
      const form = formFromDefinition(def, catalog);
      const direct = definitionFromForm(form, fixedOf(def), catalog);
      expect(direct.errors).toEqual({});
      expect(DefinitionSchema.parse(direct.input)).toEqual(def);

      const submission = parseWithZod(toFormData(form), { schema: EditorFormSchema });
      expect(submission.status).toBe("success");
      const posted = definitionFromForm(submission.status === "success" ? submission.value : {}, fixedOf(def), catalog);
      expect(posted.errors).toEqual({});
      expect(DefinitionSchema.parse(posted.input)).toEqual(def);
      expect(validateDefinitionIssues(posted.input, registryLookup).ok).toBe(true);
    });
  }

  it("shows guard parameters as proper inputs: roles to tick, amounts in euros, fields one per line, the four-eyes step to choose", () => {
    expect(catalog.guards.hasRole).toEqual([expect.objectContaining({ name: "roles", kind: "multi", label: "Rollen", required: true })]);
    expect(catalog.guards.hasRole[0].optionLabels?.finance).toBe("Kämmerei");
    expect(catalog.guards.amountAbove.find((f) => f.name === "minCents")).toMatchObject({ kind: "euro", label: "Grenze in Euro" });
    expect(catalog.guards.fieldsPresent[0]).toMatchObject({ kind: "pairLines" });
    expect(catalog.guards.fourEyes.find((f) => f.name === "transition")).toMatchObject({ kind: "transition" });
    expect(catalog.guards.finalReportArchived[0]).toMatchObject({ kind: "select", optionLabels: { verwendungsnachweis: "Verwendungsnachweis" } });

    const project = BUILT_IN_DEFINITIONS.find((d) => d.key === "project")!;
    const councilRule = { name: "amountAbove", params: { field: "budgetCents", minCents: 10_000_000, label: "Budget" } };
    const def = { ...project, transitions: project.transitions.map((t, i) => (i === 0 ? { ...t, guards: [...t.guards, councilRule] } : t)) };
    const form = formFromDefinition(def, catalog);
    expect(form.transitions![0].guards!.at(-1)?.params?.minCents).toBe("100.000,00");
    const back = definitionFromForm(form, fixedOf(def), catalog);
    expect(DefinitionSchema.parse(back.input).transitions[0].guards.at(-1)).toEqual(councilRule);
  });

  it("turns what the form can tell is wrong into German errors next to the field", () => {
    const def = BUILT_IN_DEFINITIONS.find((d) => d.key === "project")!;
    const form = formFromDefinition(def, catalog);
    const withDeadline = form.states!.findIndex((s) => s.deadlines?.length);
    form.states![withDeadline].deadlines![0].remindDaysBefore = "zwei Wochen";
    form.transitions![0].guards = [{ name: "amountAtMost", params: { field: "budgetCents", maxCents: "viel" } }];
    const { errors } = definitionFromForm(form, fixedOf(def), catalog);
    expect(errors[`states[${withDeadline}].deadlines[0].remindDaysBefore`]).toEqual(["Bitte geben Sie eine ganze Zahl ein."]);
    expect(errors["transitions[0].guards[0].params.maxCents"]).toEqual(["Bitte geben Sie einen Betrag in Euro ein, z. B. 100.000,00."]);
  });

  it("places every validation problem on the form field it belongs to", () => {
    expect(formFieldOf(["states", 2, "label"])).toBe("states[2].label");
    expect(formFieldOf(["states", 0, "tasks", 1, "assignee", "subjectRole"])).toBe("states[0].tasks[1].subjectRole");
    expect(formFieldOf(["states", 1, "deadlines", 0, "from"])).toBe("states[1].deadlines[0].fromField");
    expect(formFieldOf(["transitions", 3, "roles", 0])).toBe("transitions[3].roles");
    expect(formFieldOf(["transitions", 0, "guards", 1, "params", "roles"])).toBe("transitions[0].guards[1].params.roles");
    expect(formFieldOf(["states"])).toBe("states");
  });
});

describe("list buttons", () => {
  const base: EditorForm = { name: "A", states: [{ name: "a", tasks: [{ title: "x" }, { title: "y" }] }], transitions: [{ name: "go", guards: [] }] };

  it("adds an empty entry to the named list and removes the named entry, leaving the rest as it was", () => {
    expect(applyEditIntent(base, "add:states")?.states).toHaveLength(2);
    expect(applyEditIntent(base, "add:states")?.states?.[1]).toMatchObject({ kind: "active" });
    expect(applyEditIntent(base, "add:transitions[0].guards")?.transitions?.[0].guards).toEqual([{}]);
    expect(applyEditIntent(base, "remove:states[0].tasks[0]")?.states?.[0].tasks).toEqual([{ title: "y" }]);
    expect(applyEditIntent(base, "remove:transitions[0]")?.transitions).toEqual([]);
    expect(base.states?.[0].tasks).toHaveLength(2);
  });

  it("ignores a forged or stale button instead of changing something else", () => {
    for (const intent of ["add:name", "remove:states[5]", "remove:states", "add:states[0].__proto__", "drop:states[0]", "add:states[0].tasks[9].x"]) {
      expect(applyEditIntent(base, intent), intent).toBeUndefined();
    }
  });
});
