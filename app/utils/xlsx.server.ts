import ExcelJS from "exceljs";
import type { ExportColumn, ExportColumnKind, ExportTable, ExportValue } from "./export-table";

/**
 * The one XLSX writer: turns an `ExportTable` (the same table the CSV writer gets) into a
 * workbook with one sheet. Numbers and dates become real cells the Kämmerei can add up and sort
 * (money as euros with a euro format, percentages as fractions with a percent format, dates as
 * date cells); the header row is frozen and carries an autofilter.
 *
 * Text is always written as a plain string cell, never as a formula: exceljs only writes a formula
 * for a `{ formula }` object, so "=SUM(A1)" from a user stays the text "=SUM(A1)" (a string cell is
 * shown, not evaluated, by Excel and LibreOffice). Unlike the CSV there is therefore no leading
 * apostrophe in the XLSX.
 */

const NUMBER_FORMATS: Record<ExportColumnKind, string> = {
  text: "@",
  integer: "0",
  decimal: "#,##0.00",
  money: '#,##0.00 "€"',
  date: "dd.mm.yyyy",
  percent: "0.00%",
};

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/;

/** A worksheet name Excel accepts: no []:*?/\ and at most 31 characters. */
export function sheetName(title: string): string {
  const clean = title.replace(/[[\]:*?/\\]/g, " ").replace(/\s+/g, " ").trim().slice(0, 31).trim();
  return clean || "Tabelle";
}

function isoToDate(value: string): Date {
  const m = ISO_DATE.exec(value);
  if (!m) throw new Error(`exportTableToXlsx expects an ISO date, got "${value}"`);
  // Midnight UTC: exceljs turns a Date into a serial day number in UTC, so the day never shifts.
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

function cellValue(kind: ExportColumnKind, value: ExportValue): string | number | Date | null {
  if (value == null || value === "") return null;
  switch (kind) {
    case "money": {
      const cents = Number(value);
      if (!Number.isInteger(cents)) throw new Error(`exportTableToXlsx expects integer cents, got ${value}`);
      return cents / 100;
    }
    case "integer": {
      const n = Number(value);
      if (!Number.isInteger(n)) throw new Error(`exportTableToXlsx expects an integer, got ${value}`);
      return n;
    }
    case "decimal": {
      const n = Number(value);
      return Number.isFinite(n) ? n : null;
    }
    case "percent": {
      const n = Number(value);
      return Number.isFinite(n) ? n / 100 : null;
    }
    case "date":
      return isoToDate(String(value));
    default:
      return String(value);
  }
}

/** Characters a cell roughly needs, for the column width. */
function displayLength(kind: ExportColumnKind, value: ExportValue): number {
  if (value == null) return 0;
  switch (kind) {
    case "date":
      return 10;
    case "money":
      return Math.abs(Number(value) / 100).toFixed(2).length * 1.35 + 3;
    case "percent":
      return 8;
    case "text":
      return Math.max(...String(value).split("\n").map((line) => line.length));
    default:
      return String(value).length + 2;
  }
}

function columnWidth(column: ExportColumn, rows: ExportTable["rows"], index: number): number {
  let width = column.header.length + 3; // room for the autofilter button
  for (const row of rows) width = Math.max(width, displayLength(column.kind, row[index] ?? null));
  return Math.min(60, Math.max(8, Math.ceil(width)));
}

export async function exportTableToXlsx(table: ExportTable): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Fahrplan";
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(sheetName(table.title), { views: [{ state: "frozen", ySplit: 1 }] });

  sheet.columns = table.columns.map((column, index) => ({
    width: columnWidth(column, table.rows, index),
    style: { numFmt: NUMBER_FORMATS[column.kind] },
  }));

  const header = sheet.getRow(1);
  table.columns.forEach((column, index) => {
    const cell = header.getCell(index + 1);
    cell.value = column.header;
    cell.numFmt = "@";
  });
  header.font = { bold: true };
  header.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EDF3" } };
  header.alignment = { vertical: "middle" };

  table.rows.forEach((row, r) => {
    const sheetRow = sheet.getRow(r + 2);
    table.columns.forEach((column, c) => {
      const cell = sheetRow.getCell(c + 1);
      cell.value = cellValue(column.kind, row[c] ?? null);
      cell.numFmt = NUMBER_FORMATS[column.kind];
      if (column.kind === "text") cell.alignment = { vertical: "top", wrapText: String(row[c] ?? "").includes("\n") };
    });
  });

  if (table.columns.length > 0) {
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
