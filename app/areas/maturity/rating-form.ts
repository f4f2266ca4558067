import { safeLinkUrl } from "../../utils/url";
import { MAX_LEVEL } from "./catalogue";

/**
 * The rating form of one field of action: per item `current-<id>`, `target-<id>`, `note-<id>`,
 * `evidence-<id>`. An item left at "nicht bewertet" in both selects is skipped; errors are keyed
 * by the field name so the page shows them next to the field.
 */
export interface ParsedRating {
  itemId: number;
  currentLevel: number;
  targetLevel: number;
  note: string;
  evidenceUrl: string | null;
}

function level(value: FormDataEntryValue | null): number | null | "invalid" {
  if (value === null || value === "") return null;
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 && n <= MAX_LEVEL ? n : "invalid";
}

export function parseRatingForm(form: FormData, itemIds: readonly number[]): { ratings: ParsedRating[]; errors: Record<string, string> } {
  const ratings: ParsedRating[] = [];
  const errors: Record<string, string> = {};
  for (const id of itemIds) {
    const current = level(form.get(`current-${id}`));
    const target = level(form.get(`target-${id}`));
    const note = String(form.get(`note-${id}`) ?? "").trim();
    const evidenceRaw = String(form.get(`evidence-${id}`) ?? "").trim();
    if (current === "invalid") errors[`current-${id}`] = "Bitte wählen Sie eine Stufe von 0 bis 4.";
    if (target === "invalid") errors[`target-${id}`] = "Bitte wählen Sie eine Stufe von 0 bis 4.";
    if (current === "invalid" || target === "invalid") continue;
    if (current === null && target === null) {
      if (note || evidenceRaw) errors[`current-${id}`] = "Bitte bewerten Sie das Kriterium, bevor Sie eine Anmerkung oder einen Nachweis angeben.";
      continue;
    }
    if (current === null) {
      errors[`current-${id}`] = "Bitte wählen Sie auch den heutigen Stand.";
      continue;
    }
    if (target === null) {
      errors[`target-${id}`] = "Bitte wählen Sie auch die Zielstufe.";
      continue;
    }
    if (target < current) errors[`target-${id}`] = "Das Ziel darf nicht unter dem heutigen Stand liegen.";
    if (note.length > 1000) errors[`note-${id}`] = "Die Anmerkung darf höchstens 1.000 Zeichen lang sein.";
    let evidenceUrl: string | null = null;
    if (evidenceRaw) {
      evidenceUrl = evidenceRaw.length <= 500 ? safeLinkUrl(evidenceRaw) : null;
      if (!evidenceUrl) errors[`evidence-${id}`] = "Der Nachweis muss ein Link mit http:// oder https:// sein.";
    }
    ratings.push({ itemId: id, currentLevel: current, targetLevel: target, note, evidenceUrl });
  }
  return { ratings, errors };
}
