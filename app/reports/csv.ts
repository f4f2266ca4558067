import { type CsvCell, csvCents, csvDecimal, csvInteger, toCsv } from "../utils/csv";
import { formatDate } from "../utils/format";
import { resolvePath } from "./placeholders";
import type { ValueFormat } from "./template-schema";

function csvValue(value: unknown, format: ValueFormat): CsvCell {
  if (value === null || value === undefined) return null;
  // euro values are cents and percentages basis points: both integer hundredths
  if (format === "euro" || format === "percent") return csvCents(Number(value));
  if (format === "date") return formatDate(String(value));
  if (typeof value === "number") return Number.isInteger(value) ? csvInteger(value) : csvDecimal(value);
  return String(value);
}

/** A template's list (the Belegliste attached to a report PDF) as CSV, through the one CSV writer. */
export function receiptsCsv(
  rows: Record<string, unknown>[],
  columns: { key: string; header: string; format: ValueFormat }[],
): Buffer {
  const text = toCsv(
    columns.map((c) => c.header),
    rows.map((row) => columns.map((c) => csvValue(resolvePath(row, c.key), c.format))),
  );
  return Buffer.from(text, "utf8");
}
