import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { neutraliseFormula, readCsvRecords, toCsv } from "~/utils/csv";
import { type ExportTable, exportTableToCsv } from "~/utils/export-table";

/**
 * One German CSV module (app/utils/csv.ts) writes and reads every CSV: `;`, BOM, CRLF and the
 * formula neutralisation. No other file may reach the CSV packages or build CSV lines by hand.
 */
const ROOT = resolve(__dirname, "../..");
const CSV_MODULE = "app/utils/csv.ts";

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}
const files = [...sources(join(ROOT, "app")), ...sources(join(ROOT, "db"))].map((f) => ({ file: relative(ROOT, f), text: readFileSync(f, "utf8") }));

describe("one CSV module", () => {
  it("is the only file that imports the CSV packages", () => {
    const importers = files.filter((f) => /from\s+["']csv-(stringify|parse)/.test(f.text)).map((f) => f.file);
    expect(importers).toEqual([CSV_MODULE]);
  });

  it("no other file joins CSV lines by hand", () => {
    const handMade = files.filter((f) => f.file !== CSV_MODULE && /join\(\s*["'`]\\r\\n["'`]\s*\)/.test(f.text)).map((f) => f.file);
    expect(handMade).toEqual([]);
  });

  it("neutralises every formula prefix, through toCsv and through the export table model", () => {
    const dangerous = ["=1+1", "+49 30 1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR", " =LEER"];
    for (const value of dangerous) expect(neutraliseFormula(value)).toBe(`'${value}`);
    expect(neutraliseFormula("Kleinhausen")).toBe("Kleinhausen");
    const table: ExportTable = { title: "Test", columns: [{ header: "Wert", kind: "text" }], rows: dangerous.map((v) => [v]) };
    for (const csv of [toCsv(["Wert"], dangerous.map((v) => [v])), exportTableToCsv(table)]) {
      expect(csv.startsWith("\uFEFF")).toBe(true);
      const read = readCsvRecords(csv, { trim: false });
      if (!read.ok) throw new Error(read.message);
      expect(read.records.slice(1).map((r) => r[0])).toEqual(dangerous.map((v) => `'${v}`));
    }
  });
});
