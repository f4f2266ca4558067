import { z } from "zod";
import { parseGermanDate } from "./format";
import { type LinkOptions, safeLinkUrl } from "./url";

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

/**
 * An optional user-entered link (empty input is null): only http(s) addresses, with `mailto`
 * also e-mail links. The one schema for every URL field, so no `javascript:` link is ever
 * stored; `ExternalLink` checks again when rendering what older versions stored.
 */
export const optionalLinkField = (message: string, options: LinkOptions & { max?: number } = {}) =>
  z
    .string()
    .trim()
    .max(options.max ?? 500, { error: `Der Link ist zu lang (höchstens ${options.max ?? 500} Zeichen).` })
    .optional()
    .transform((value, ctx) => {
      if (!value) return null;
      const link = safeLinkUrl(value, options);
      if (!link) {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return link;
    });
