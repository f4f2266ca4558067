import { z } from "zod";
import { UNIT_KINDS } from "../../../db/schema/org";

/** The unit form, shared by the create and edit pages (client and server). */
export const UnitSchema = z.object({
  name: z
    .string({ error: "Bitte geben Sie den Namen der Einheit ein." })
    .trim()
    .min(2, { error: "Der Name muss mindestens 2 Zeichen lang sein." })
    .max(150, { error: "Der Name darf höchstens 150 Zeichen lang sein." }),
  shortName: z.string().trim().max(20, { error: "Das Kürzel darf höchstens 20 Zeichen lang sein." }).optional(),
  kind: z.enum(UNIT_KINDS, { error: "Bitte wählen Sie die Art der Einheit." }),
  parentId: z.number({ error: "Bitte wählen Sie eine Einheit aus der Liste." }).int().positive().optional(),
});

export type UnitFormValue = z.infer<typeof UnitSchema>;

export function toUnitInput(value: UnitFormValue) {
  return { name: value.name, shortName: value.shortName || null, kind: value.kind, parentId: value.parentId ?? null };
}
