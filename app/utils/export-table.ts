import { csvCents, csvDecimal, csvInteger, toCsv, type CsvCell } from "./csv";
import { formatDate } from "./format";

/**
 * One table model for every tabular export. An area builds an `ExportTable` once; the CSV
 * writer below and the XLSX writer turn the same table into a file, so both formats always
 * carry the same columns and figures. Values stay typed: money in integer cents, dates as ISO
 * strings (`2026-11-23`), counts as integers; text is user text and never becomes a formula.
 */
export type ExportColumnKind = "text" | "integer" | "decimal" | "money" | "date" | "percent";

export interface ExportColumn {
  /** German column header as the user reads it. */
  header: string;
  kind: ExportColumnKind;
  /**
   * How the CSV writes a date column: ISO (default) or German `23.11.2026`, which the existing
   * CSV exports use because their re-import reads German dates. The XLSX file always holds a real
   * date cell.
   */
  csvDate?: "iso" | "german";
}

export type ExportValue = string | number | null;

export interface ExportTable {
  /** Sheet name / document title, German. */
  title: string;
  columns: readonly ExportColumn[];
  rows: readonly (readonly ExportValue[])[];
}

function csvCell(column: ExportColumn, value: ExportValue): CsvCell {
  if (value == null) return null;
  switch (column.kind) {
    case "date":
      return column.csvDate === "german" ? formatDate(String(value)) : String(value);
    case "money":
      return csvCents(Number(value));
    case "integer":
      return csvInteger(Number(value));
    case "decimal":
    case "percent":
      return csvDecimal(Number(value));
    default:
      return String(value);
  }
}

/** The table as a German CSV file (through the one CSV writer with formula neutralisation). */
export function exportTableToCsv(table: ExportTable): string {
  return toCsv(
    table.columns.map((column) => column.header),
    table.rows.map((row) => table.columns.map((column, index) => csvCell(column, row[index] ?? null))),
  );
}
