import { describe, expect, it } from "vitest";
import { exportTableToCsv, type ExportTable } from "~/utils/export-table";

describe("export table → CSV", () => {
  const table: ExportTable = {
    title: "Beispiel",
    columns: [
      { header: "Name", kind: "text" },
      { header: "Betrag", kind: "money" },
      { header: "Anzahl", kind: "integer" },
      { header: "Quote", kind: "percent" },
      { header: "Datum", kind: "date" },
    ],
    rows: [
      ["=HYPERLINK(\"x\")", -123456, 3, 28.79, "2026-11-23"],
      [null, null, null, null, null],
    ],
  };

  it("writes typed cells through the one CSV writer and neutralises formulas", () => {
    const lines = exportTableToCsv(table).replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toBe("Name;Betrag;Anzahl;Quote;Datum");
    expect(lines[1]).toBe("\"'=HYPERLINK(\"\"x\"\")\";-1234,56;3;28,79;2026-11-23");
    expect(lines[2]).toBe(";;;;");
  });

  it("refuses non-integer money instead of rounding silently", () => {
    expect(() => exportTableToCsv({ ...table, rows: [["a", 1.5, 1, 1, null]] })).toThrow(/integer/);
  });
});
