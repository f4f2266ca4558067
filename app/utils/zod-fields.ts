import { z } from "zod";
import { parseGermanDate } from "./format";

/**
 * Zod fields for German form input, shared by the areas' schemas: dates typed as 23.11.2026
 * (or ISO), validated to an ISO date with a German message naming the field.
 */
export const germanDateField = (label: string, accusative: string) =>
  z
    .string({ error: `Bitte geben Sie ${accusative} ein.` })
    .trim()
    .transform((value, ctx) => {
      const iso = parseGermanDate(value);
      if (!iso) {
        ctx.addIssue({ code: "custom", message: `${label} ist kein gültiges Datum (TT.MM.JJJJ).` });
        return z.NEVER;
      }
      return iso;
    });

/** As germanDateField, but empty input is null. */
export const optionalGermanDateField = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (!value) return null;
      const iso = parseGermanDate(value);
      if (!iso) {
        ctx.addIssue({ code: "custom", message: `${label} ist kein gültiges Datum (TT.MM.JJJJ).` });
        return z.NEVER;
      }
      return iso;
    });
