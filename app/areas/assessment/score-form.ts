import { z } from "zod";
import { MAX_SCORE } from "./classify";

export const SCORE_LABELS = ["nicht erfüllt", "kaum erfüllt", "teilweise erfüllt", "weitgehend erfüllt", "voll erfüllt"] as const;

const COMMENT_MAX = 1000;

export interface ParsedScores {
  version: number;
  scores: { criterionId: number; score: number; comment: string }[];
  fieldErrors: Record<string, string[]>;
}

/**
 * Reads the assessment form: for each criterion `score-<id>` (0–4) and `comment-<id>`.
 * Reports every missing or invalid field in German, keyed like the field.
 */
export function parseScoreForm(formData: FormData, criteria: { id: number; label: string }[]): ParsedScores {
  const fieldErrors: Record<string, string[]> = {};
  const scores: ParsedScores["scores"] = [];
  for (const c of criteria) {
    const raw = formData.get(`score-${c.id}`);
    const comment = String(formData.get(`comment-${c.id}`) ?? "").trim();
    const score = z.coerce.number().int().min(0).max(MAX_SCORE).safeParse(raw === null || raw === "" ? undefined : raw);
    if (raw === null || raw === "") fieldErrors[`score-${c.id}`] = [`Bitte bewerten Sie „${c.label}“ mit 0 bis ${MAX_SCORE}.`];
    else if (!score.success) fieldErrors[`score-${c.id}`] = [`Die Bewertung muss eine ganze Zahl von 0 bis ${MAX_SCORE} sein.`];
    if (comment.length > COMMENT_MAX) fieldErrors[`comment-${c.id}`] = [`Der Kommentar darf höchstens ${COMMENT_MAX} Zeichen lang sein.`];
    if (score.success) scores.push({ criterionId: c.id, score: score.data, comment });
  }
  const rawVersion = formData.get("version");
  const version = rawVersion === null || rawVersion === "" ? Number.NaN : Number(rawVersion);
  if (!Number.isInteger(version) || version < 0) fieldErrors.form = ["Das Formular ist unvollständig. Bitte laden Sie die Seite neu."];
  return { version, scores, fieldErrors };
}
