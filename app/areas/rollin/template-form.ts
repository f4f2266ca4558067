import { z } from "zod";
import { type ProgrammeDefinition, ProgrammeDefinitionSchema, type ProgrammeRole } from "./programme-template";

/**
 * The template editor as a form (phases with steps, list fields one item per line). The form
 * schema only fixes the shape; the rules and their German messages are the definition's
 * (`ProgrammeDefinitionSchema`), mapped back onto the form's field names so each error stands
 * next to its field.
 */
const optionalText = z.string().max(5000, { error: "Höchstens 5000 Zeichen." }).optional();

export const TemplateStepFormSchema = z.object({
  key: optionalText,
  title: optionalText,
  dueInDays: optionalText,
  responsibleRole: optionalText,
  optional: z.boolean().optional(),
  checklist: optionalText,
  trainings: optionalText,
  documents: optionalText,
});

export const TemplatePhaseFormSchema = z.object({
  name: optionalText,
  steps: z.array(TemplateStepFormSchema).max(60, { error: "Höchstens 60 Schritte je Programm." }).default([]),
});

export const TemplateFormSchema = z.object({
  expectedVersion: z.number().int().min(0).optional(),
  name: optionalText,
  description: optionalText,
  phases: z.array(TemplatePhaseFormSchema).max(12, { error: "Höchstens 12 Phasen." }).default([]),
});
export type TemplateFormValue = z.infer<typeof TemplateFormSchema>;

const lines = (value: string | undefined) =>
  (value ?? "")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** A key from a title when left empty: lower case a–z/0–9 with hyphens, umlauts spelled out. */
export function keyFromTitle(title: string): string {
  return title
    .toLowerCase()
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
}

function toRaw(value: TemplateFormValue) {
  return {
    phases: value.phases.map((p) => ({
      name: p.name ?? "",
      steps: p.steps.map((s) => {
        const days = (s.dueInDays ?? "").trim();
        return {
          key: (s.key ?? "").trim() || keyFromTitle(s.title ?? ""),
          title: s.title ?? "",
          dueInDays: days === "" ? undefined : Number(days.replace(",", ".")),
          responsibleRole: s.responsibleRole ?? "",
          optional: s.optional ?? false,
          checklist: lines(s.checklist),
          trainings: lines(s.trainings),
          documents: lines(s.documents),
        };
      }),
    })),
  };
}

const LIST_FIELDS = new Set(["checklist", "trainings", "documents"]);

/** `phases.0.steps.1.checklist.2` → the form field `phases[0].steps[1].checklist`. */
export function formFieldOf(path: readonly PropertyKey[]): string {
  let name = "";
  for (let i = 0; i < path.length; i++) {
    const part = path[i];
    if (typeof part === "number") name += `[${part}]`;
    else {
      name += name ? `.${String(part)}` : String(part);
      if (LIST_FIELDS.has(String(part))) break;
    }
  }
  return name || "phases";
}

/** The form's value as a definition, or German errors by form field name. */
export function definitionFromForm(value: TemplateFormValue): { ok: true; definition: ProgrammeDefinition } | { ok: false; fieldErrors: Record<string, string[]> } {
  const parsed = ProgrammeDefinitionSchema.safeParse(toRaw(value));
  if (parsed.success) return { ok: true, definition: parsed.data };
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const name = formFieldOf(issue.path);
    if (!(fieldErrors[name] ??= []).includes(issue.message)) fieldErrors[name].push(issue.message);
  }
  return { ok: false, fieldErrors };
}

/** Checks name and description of a new template. */
export function templateHeadErrors(value: TemplateFormValue): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const name = (value.name ?? "").trim();
  if (!name) errors.name = ["Name der Vorlage fehlt."];
  else if (name.length > 120) errors.name = ["Der Name darf höchstens 120 Zeichen lang sein."];
  if ((value.description ?? "").trim().length > 1000) errors.description = ["Die Beschreibung darf höchstens 1000 Zeichen lang sein."];
  return errors;
}

/** A definition as the form's default value (lists one item per line). */
export function formValueOf(definition: ProgrammeDefinition) {
  return {
    phases: definition.phases.map((p) => ({
      name: p.name,
      steps: p.steps.map((s) => ({
        key: s.key,
        title: s.title,
        dueInDays: String(s.dueInDays),
        responsibleRole: s.responsibleRole as ProgrammeRole | "",
        optional: s.optional,
        checklist: s.checklist.join("\n"),
        trainings: s.trainings.join("\n"),
        documents: s.documents.join("\n"),
      })),
    })),
  };
}

export const EMPTY_STEP = { key: "", title: "", dueInDays: "", responsibleRole: "projectLead", optional: false, checklist: "", trainings: "", documents: "" };
export const EMPTY_PHASE = { name: "", steps: [EMPTY_STEP] };
