import { z } from "zod";
import { parseGermanDate } from "../../utils/format";

// The Änderungsprotokoll's filter comes from the query string (a GET form, so filters can be bookmarked).

const dateParam = z
  .string()
  .trim()
  .transform((v, ctx) => {
    const iso = parseGermanDate(v);
    if (!iso) ctx.addIssue({ code: "custom", message: "Bitte geben Sie ein Datum wie 23.11.2026 ein." });
    return iso ?? "";
  });

const FilterSchema = z.object({
  entity: z.string().max(60).optional(),
  action: z.string().max(60).optional(),
  userId: z.coerce.number().int().positive().optional(),
  entityId: z.string().trim().max(40).optional(),
  from: dateParam.optional(),
  to: dateParam.optional(),
  page: z.coerce.number().int().positive().optional(),
});

const FIELD_NAMES = ["entity", "action", "userId", "entityId", "from", "to"] as const;

/** Reads the filter from the query string; a malformed field is dropped and explained next to it. */
export function parseAuditFilter(searchParams: URLSearchParams) {
  const raw: Record<string, string> = {};
  for (const key of [...FIELD_NAMES, "page"]) {
    const v = searchParams.get(key);
    if (v) raw[key] = v;
  }
  const errors: Record<string, string> = {};
  const value: z.infer<typeof FilterSchema> = {};
  for (const [key, v] of Object.entries(raw)) {
    const result = FilterSchema.shape[key as keyof typeof FilterSchema.shape].safeParse(v);
    if (result.success) Object.assign(value, { [key]: result.data });
    else errors[key] = result.error.issues[0]?.message ?? "Ungültiger Wert.";
  }
  if (value.from && value.to && value.from > value.to) {
    errors.to = "Das Ende darf nicht vor dem Beginn liegen.";
    delete value.to;
  }
  return { raw, value, errors };
}
