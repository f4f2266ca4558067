import { stringify } from "csv-stringify/sync";
import { formatDate } from "../utils/format";
import { resolvePath } from "./placeholders";
import type { ValueFormat } from "./template-schema";

/** An amount for German spreadsheets: decimal comma, no thousands separator ("1234,56"). */
export function csvAmount(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, "0")}`;
}

function csvValue(value: unknown, format: ValueFormat): string {
  if (value === null || value === undefined) return "";
  if (format === "euro") return csvAmount(Number(value));
  if (format === "date") return formatDate(String(value));
  if (format === "percent") return csvAmount(Number(value));
  return String(value);
}

/**
 * A list as CSV in the German spreadsheet convention: semicolon separated, decimal comma, UTF-8
 * with byte order mark (so Excel and LibreOffice detect the umlauts), CRLF line ends.
 */
export function receiptsCsv(
  rows: Record<string, unknown>[],
  columns: { key: string; header: string; format: ValueFormat }[],
): Buffer {
  const text = stringify(
    rows.map((row) => columns.map((c) => csvValue(resolvePath(row, c.key), c.format))),
    { delimiter: ";", bom: true, record_delimiter: "windows", header: true, columns: columns.map((c) => c.header) },
  );
  return Buffer.from(text, "utf8");
}
