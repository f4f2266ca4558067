import { z } from "zod";
import { FOCUS_AREAS } from "./classify";

const label = z
  .string({ error: "Bitte geben Sie eine Bezeichnung ein." })
  .trim()
  .min(3, { error: "Die Bezeichnung muss mindestens 3 Zeichen lang sein." })
  .max(120, { error: "Die Bezeichnung darf höchstens 120 Zeichen lang sein." });
const description = z.string().trim().max(500, { error: "Die Beschreibung darf höchstens 500 Zeichen lang sein." }).default("");
const weight = z.coerce
  .number({ error: "Bitte geben Sie ein Gewicht von 1 bis 10 ein." })
  .int({ error: "Das Gewicht muss eine ganze Zahl von 1 bis 10 sein." })
  .min(1, { error: "Das Gewicht muss mindestens 1 sein." })
  .max(10, { error: "Das Gewicht darf höchstens 10 sein." });

/** The forms of the criteria page, told apart by `intent`. */
export const CriteriaActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("createDefaults") }),
  z.object({
    intent: z.literal("create"),
    focusArea: z.enum(FOCUS_AREAS, { error: "Bitte wählen Sie einen Fokusbereich." }),
    label,
    description,
    weight,
  }),
  z.object({
    intent: z.literal("update"),
    id: z.coerce.number().int().positive(),
    version: z.coerce.number().int().positive(),
    label,
    description,
    weight,
    active: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
    /** "1" once the user saw the preview of the classes that change and confirmed. */
    confirm: z.literal("1").optional(),
  }),
]);
export type CriteriaAction = z.infer<typeof CriteriaActionSchema>;

/** Field errors of a zod result, keyed by field name, in German as given in the schema. */
export function zodFieldErrors(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : "form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}
