import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { cleanText } from "./text";

/**
 * The one CSV module: every CSV file the app writes or reads goes through `toCsv` / `readCsvRecords`
 * (test/unit/csv.test.ts finds any other). The writer for every export: the German spreadsheet convention (semicolon, UTF-8 with
 * byte order mark so Excel and LibreOffice read the umlauts, CRLF line ends, decimal comma), and
 * formula neutralisation. A spreadsheet runs a text cell that starts like a formula (`=`, `+`,
 * `-`, `@`, or a tab / line break before one), so a payee "=HYPERLINK(…)" would become a live link
 * in the Kämmerei's Excel. Text cells that start like that get a leading apostrophe, which
 * spreadsheets read as "this is text". Numbers are written through `csvCents` / `csvInteger` as
 * number cells and never neutralised, so a negative amount stays a number the sheet can add up.
 */

/** A cell produced from a number by this module; it cannot carry a formula. */
export interface CsvNumber {
  readonly csvNumber: string;
}

export type CsvCell = string | CsvNumber | null | undefined;

/**
 * An amount in cents (or any value in hundredths, e.g. basis points) as "-1234,56": decimal comma
 * and no thousands separator, which German spreadsheets read as a number and other programs
 * cannot mistake for a decimal point.
 */
export function csvCents(cents: number | null | undefined): CsvNumber | null {
  if (cents == null) return null;
  if (!Number.isInteger(cents)) throw new Error(`csvCents expects integer hundredths, got ${cents}`);
  const abs = Math.abs(cents);
  return { csvNumber: `${cents < 0 ? "-" : ""}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, "0")}` };
}

/** Any other number (hours, a percentage with decimals) with a decimal comma. */
export function csvDecimal(value: number | null | undefined): CsvNumber | null {
  if (value == null || !Number.isFinite(value)) return null;
  return { csvNumber: String(value).replace(".", ",") };
}

/** A whole number (count, id, version). */
export function csvInteger(value: number | null | undefined): CsvNumber | null {
  if (value == null) return null;
  if (!Number.isInteger(value)) throw new Error(`csvInteger expects an integer, got ${value}`);
  return { csvNumber: String(value) };
}

const FORMULA_START = /^[\s]*[=+\-@]|^[\t\r\n]/;

/** A text cell made safe for spreadsheets: a leading apostrophe if it would start a formula. */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The inverse for re-importing our own export: drops the apostrophe neutraliseFormula added. */
export function restoreFormula(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

function cellText(cell: CsvCell): string {
  if (cell == null) return "";
  if (typeof cell === "string") return neutraliseFormula(cell);
  return cell.csvNumber;
}

/** A whole CSV file: header row, then the rows, as a string starting with the BOM. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const records = [header.map(neutraliseFormula), ...rows.map((row) => row.map(cellText))];
  return `\uFEFF${stringify(records, { delimiter: ";", record_delimiter: "\r\n", quoted_match: /[";\r\n]/ })}`;
}

export type CsvRecords = { ok: true; records: string[][] } | { ok: false; line: number | undefined; message: string };

/**
 * Reads a German spreadsheet file into records: semicolon, UTF-8 with or without BOM, empty lines
 * skipped, rows of any length (the callers name a row with too many values). Cleans control
 * characters first (cleanText). The callers turn a failure into their German message.
 */
export function readCsvRecords(text: string, { trim }: { trim: boolean }): CsvRecords {
  try {
    const records: string[][] = parse(cleanText(text.replace(/^\uFEFF/, "")), { bom: true, delimiter: ";", relax_column_count: true, skip_empty_lines: true, trim });
    return { ok: true, records };
  } catch (error) {
    return { ok: false, line: (error as { lines?: number }).lines, message: (error as Error).message };
  }
}
