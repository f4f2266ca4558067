import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import { neutraliseFormula } from "~/utils/csv";

export interface XlsxSheet {
  sheet: ExcelJS.Worksheet;
  /** Every cell of the used range, row by row (header first), as exceljs reads it back. */
  cells: ExcelJS.Cell[][];
}

/** Reads an XLSX file back with exceljs (first sheet). */
export async function readXlsx(data: ArrayBuffer | Buffer | Uint8Array): Promise<XlsxSheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data instanceof ArrayBuffer ? data : new Uint8Array(data).buffer);
  const sheet = workbook.worksheets[0];
  const width = sheet.columnCount;
  const cells: ExcelJS.Cell[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    cells.push(Array.from({ length: width }, (_, i) => row.getCell(i + 1)));
  });
  return { sheet, cells };
}

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * One read-back XLSX cell as the CSV writer writes the same value: money (euro format) as
 * "-1234,56", percentages back to percent with a decimal comma, dates German or ISO, text
 * with the CSV's formula neutralisation. A formula cell can never match, so it fails the comparison.
 */
export function xlsxCellAsCsv(cell: ExcelJS.Cell, dates: "german" | "iso"): string {
  const value = cell.value;
  if (value == null) return "";
  if (value instanceof Date) {
    const [y, m, d] = [value.getUTCFullYear(), pad(value.getUTCMonth() + 1), pad(value.getUTCDate())];
    return dates === "german" ? `${d}.${m}.${y}` : `${y}-${m}-${d}`;
  }
  if (typeof value === "number") {
    if (cell.numFmt?.includes("€")) {
      const cents = Math.round(value * 100);
      const abs = Math.abs(cents);
      return `${cents < 0 ? "-" : ""}${Math.floor(abs / 100)},${pad(abs % 100)}`;
    }
    if (cell.numFmt?.includes("%")) return String(Math.round(value * 100 * 1e6) / 1e6).replace(".", ",");
    return String(value).replace(".", ",");
  }
  if (typeof value === "string") return neutraliseFormula(value);
  return `«not a plain value: ${JSON.stringify(value)}»`;
}

/** The CSV file as rows of cells (BOM and semicolons handled). */
export function csvCells(csv: string): string[][] {
  return parse(csv, { bom: true, delimiter: ";", relax_column_count: true });
}

/** The XLSX read back and rendered like the CSV, for a cell-by-cell comparison with the CSV of the same data. */
export async function xlsxAsCsvCells(data: ArrayBuffer | Buffer | Uint8Array, dates: "german" | "iso" = "german"): Promise<string[][]> {
  const { cells } = await readXlsx(data);
  return cells.map((row) => row.map((cell) => xlsxCellAsCsv(cell, dates)));
}
