import { formatDate, formatDateTime, formatEuro, formatNumber, formatPercentBp } from "../utils/format";
import { TemplateError, VALUE_FORMATS, type ValueFormat } from "./template-schema";

const PLACEHOLDER = /\{\{\s*([\w.]+)\s*(?:\|\s*(\w+)\s*)?\}\}/g;

/** Reads a dotted path ("cover.fileNumber") from the data; undefined when a step is missing. */
export function resolvePath(data: unknown, path: string): unknown {
  let value: unknown = data;
  for (const key of path.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** A value as German text in the given format (the same formatting as the web pages). */
export function formatValue(value: unknown, format: ValueFormat = "text"): string {
  if (value === null || value === undefined || value === "") return "–";
  switch (format) {
    case "euro":
      return formatEuro(Number(value));
    case "date":
      return formatDate(String(value));
    case "datetime":
      return formatDateTime(String(value));
    case "percent":
      return formatPercentBp(Number(value));
    case "number":
      return formatNumber(Number(value));
    case "hours":
      return `${formatNumber(Number(value), Number.isInteger(Number(value)) ? 0 : 1)} Std.`;
    default:
      return String(value);
  }
}

/**
 * Fills `{{path|format}}` placeholders from the scope. A path that does not exist in the data is a
 * template error (naming the file), so a typo never silently prints an empty field.
 */
export function interpolate(text: string, scope: unknown, file: string): string {
  return text.replace(PLACEHOLDER, (_match, path: string, format: string | undefined) => {
    if (format && !(VALUE_FORMATS as readonly string[]).includes(format)) {
      throw new TemplateError(file, [`Platzhalter {{${path}|${format}}}: unbekanntes Format „${format}“`]);
    }
    const value = resolvePath(scope, path);
    if (value === undefined) throw new TemplateError(file, [`Platzhalter {{${path}}}: kein solches Feld in den Berichtsdaten`]);
    return formatValue(value, (format as ValueFormat | undefined) ?? "text");
  });
}

/** Rows of a table/list/chart source; a missing or non-array source is a template error. */
export function resolveRows(data: unknown, source: string, file: string): Record<string, unknown>[] {
  const rows = resolvePath(data, source);
  if (!Array.isArray(rows)) throw new TemplateError(file, [`Quelle „${source}“: keine Liste in den Berichtsdaten`]);
  return rows as Record<string, unknown>[];
}
