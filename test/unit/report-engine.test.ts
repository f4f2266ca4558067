import { afterAll, describe, expect, it } from "vitest";
import { buildFinancialStatement, grantUsedCents, orderReceipts } from "~/reports/data/financial-statement";
import { receiptsCsv } from "~/reports/csv";
import { formatValue, interpolate } from "~/reports/placeholders";
import { renderReport } from "~/reports/renderer.server";
import { TemplateError, parseTemplate, parseTemplateText } from "~/reports/template-schema";
import { loadTemplate, reportFonts, templateCandidates } from "~/reports/templates.server";
import { REPORT_TYPES } from "~/reports/data/types";
import { formatDate, formatEuro } from "~/utils/format";
import { pdfTools } from "../support/pdf-tools";
import { syntheticFinalReport } from "../support/report-fixtures";

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

describe("report templates", () => {
  it("ships a valid template for every report type", () => {
    for (const type of REPORT_TYPES) expect(loadTemplate(type).template.type).toBe(type);
  });

  it("names the file and each problem for a broken template", () => {
    const broken = { type: "verwendungsnachweis", title: "", sections: [{ kind: "table", source: "receipts", columns: [] }, { kind: "tabelle" }] };
    let error: unknown;
    try {
      parseTemplate("templates/verwendungsnachweis.musterstadt.json", broken);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TemplateError);
    const message = (error as TemplateError).message;
    expect(message).toContain("templates/verwendungsnachweis.musterstadt.json");
    expect(message).toContain("title");
    expect(message).toContain("sections[0].columns");
    expect(message).toContain("sections[1]");
  });

  it("rejects text that is not JSON, naming the file", () => {
    expect(() => parseTemplateText("templates/statusbericht.json", "{ kaputt")).toThrow(/templates\/statusbericht\.json.*kein gültiges JSON/);
  });

  it("looks up the Kommune variant before the programme variant before the default", () => {
    expect(templateCandidates("verwendungsnachweis", { municipalitySlug: "musterstadt", programmeId: 7 })).toEqual([
      "verwendungsnachweis.musterstadt.json",
      "verwendungsnachweis.programm-7.json",
      "verwendungsnachweis.json",
    ]);
  });
});

describe("placeholders", () => {
  it("fills and formats values the German way", () => {
    const data = { cover: { grantedCents: 123456789, decisionDate: "2025-02-14", rateBp: 6550 }, name: "Müller" };
    expect(interpolate("{{name}}: {{cover.grantedCents|euro}} am {{cover.decisionDate|date}} ({{cover.rateBp|percent}})", data, "t.json")).toBe(
      "Müller: 1.234.567,89\u00a0€ am 14.02.2025 (65,5 %)",
    );
    expect(formatValue(null, "euro")).toBe("–");
    expect(formatValue(1.5, "hours")).toBe("1,5 Std.");
  });

  it("refuses unknown fields and formats with a template error", () => {
    expect(() => interpolate("{{cover.fileNumbr}}", { cover: {} }, "templates/x.json")).toThrow(/templates\/x\.json.*cover\.fileNumbr/);
    expect(() => interpolate("{{a|waehrung}}", { a: 1 }, "templates/x.json")).toThrow(/unbekanntes Format/);
  });
});

describe("financial statement", () => {
  const labels = { personnel: "Personal", materials: "Sachausgaben", investments: "Investitionen" };

  it("compares plan and actual per cost category and the grant received vs used", () => {
    const s = buildFinancialStatement({
      categoryLabels: labels,
      planItems: [
        { costCategory: "personnel", plannedCents: 100_000 },
        { costCategory: "materials", plannedCents: 50_000 },
        { costCategory: "materials", plannedCents: 10_000 },
      ],
      receipts: [
        { costCategory: "personnel", amountCents: 90_000 },
        { costCategory: "materials", amountCents: 66_000 },
        { costCategory: "investments", amountCents: 4_000 },
      ],
      drawdowns: [{ requestedOn: "2025-01-01", receivedOn: "2025-01-05", receivedCents: 110_000 }],
      grantedCents: 104_000,
      thirdPartyFundsCents: 0,
      fundingType: "share",
      rateBp: 6500,
    });
    expect(s.expenditure.map((l) => [l.costCategory, l.plannedCents, l.actualCents, l.differenceCents, l.deviationBp])).toEqual([
      ["personnel", 100_000, 90_000, -10_000, -1000],
      ["materials", 60_000, 66_000, 6_000, 1000],
      ["investments", 0, 4_000, 4_000, null],
    ]);
    expect(s.totals).toEqual({ plannedIncomeCents: 160_000, actualIncomeCents: 160_000, plannedExpenditureCents: 160_000, actualExpenditureCents: 160_000 });
    // 65 % of 160,000 = 104,000 used; 110,000 received → 6,000 to pay back
    expect(s.grant).toMatchObject({ receivedCents: 110_000, usedCents: 104_000, balanceCents: 6_000, balanceLabel: "Überzahlung (zu erstatten)" });
  });

  it("never counts more grant as used than was granted or spent", () => {
    expect(grantUsedCents({ fundingType: "share", rateBp: 8000, grantedCents: 50_000, actualCents: 100_000, plannedOwnCents: 0, thirdPartyFundsCents: 0 })).toBe(50_000);
    expect(grantUsedCents({ fundingType: "fixed", rateBp: 0, grantedCents: 50_000, actualCents: 30_000, plannedOwnCents: 0, thirdPartyFundsCents: 0 })).toBe(30_000);
    expect(grantUsedCents({ fundingType: "deficit", rateBp: 0, grantedCents: 50_000, actualCents: 80_000, plannedOwnCents: 20_000, thirdPartyFundsCents: 5_000 })).toBe(50_000);
    expect(grantUsedCents({ fundingType: "deficit", rateBp: 0, grantedCents: 50_000, actualCents: 40_000, plannedOwnCents: 20_000, thirdPartyFundsCents: 5_000 })).toBe(15_000);
  });

  it("orders receipts by cost category (plan order), then date and number", () => {
    const ordered = orderReceipts(
      [
        { costCategory: "materials", date: "2025-01-02", receiptNumber: "B-10" },
        { costCategory: "personnel", date: "2025-03-01", receiptNumber: "B-2" },
        { costCategory: "materials", date: "2025-01-02", receiptNumber: "B-9" },
        { costCategory: "personnel", date: "2025-01-01", receiptNumber: "B-1" },
      ],
      ["personnel", "materials"],
    );
    expect(ordered.map((r) => r.receiptNumber)).toEqual(["B-1", "B-2", "B-9", "B-10"]);
  });
});

describe("receipt CSV", () => {
  it("uses semicolons, decimal commas, a UTF-8 BOM and the column Betrag", () => {
    const csv = receiptsCsv(
      [{ date: "2025-03-04", payee: "Müller; Söhne", amountCents: 123456 }, { date: "2025-03-05", payee: "A", amountCents: -5 }],
      [
        { key: "date", header: "Datum", format: "date" },
        { key: "payee", header: "Empfänger", format: "text" },
        { key: "amountCents", header: "Betrag", format: "euro" },
      ],
    );
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString("utf8").slice(1)).toBe('Datum;Empfänger;Betrag\r\n04.03.2025;"Müller; Söhne";1234,56\r\n05.03.2025;A;-0,05\r\n');
  });
});

describe("Verwendungsnachweis rendering", () => {
  it("renders every receipt, subtotals, carry-forward and totals as text that matches the data", async () => {
    const data = syntheticFinalReport(180);
    const { template, file } = loadTemplate("verwendungsnachweis");
    const pdf = await renderReport({ template, templateFile: file, data, assets: reportFonts() });
    const tools = pdfTools(pdf);
    cleanups.push(tools.cleanup);
    const text = tools.text();
    for (const r of data.receipts) {
      const line = text.split("\n").find((l) => l.includes(` ${r.receiptNumber} `));
      expect(line, r.receiptNumber).toBeDefined();
      expect(line).toContain(formatDate(r.date));
      expect(line!.trimEnd().endsWith(formatEuro(r.amountCents).replace("\u00a0", " "))).toBe(true);
    }
    const total = data.receipts.reduce((s, r) => s + r.amountCents, 0);
    expect(text).toMatch(new RegExp(`Summe aller Belege\\s+${formatEuro(total).replace("\u00a0", " ").replace(/\./g, "\\.")}`));
    for (const cat of data.financialStatement.expenditure) {
      expect(text).toContain(`Summe ${cat.costCategoryLabel}`);
    }
    // carried forward at the bottom of every receipt page but the last, and picked up on the next
    const pages = text.split("\f");
    const carried = pages.filter((p) => /Übertrag auf Seite \d+/.test(p)).length;
    expect(carried).toBeGreaterThan(3);
    expect(pages.filter((p) => /Übertrag von Seite \d+/.test(p)).length).toBe(carried);
    // repeated header row on every receipt page
    for (const p of pages.filter((x) => /Übertrag von Seite/.test(x))) expect(p).toMatch(/Datum\s+Beleg-Nr\.\s+Empfänger\s+Zweck\s+Betrag/);
    expect(text).toContain(`Seite 1 von ${tools.pages()}`);
    expect(text).toContain("Erstellt am 25.11.2026 10:30");
    expect(text).toContain("Zuwendungsempfänger");
    expect(text).toContain("„Klartext“");
  });

  it("numbers carry-forward rows by the real pages and never spills a wide total onto a page of its own", async () => {
    const data = syntheticFinalReport(120);
    // millions of euros: the widest totals the Belegliste must hold on one line
    for (const r of data.receipts) r.amountCents *= 100;
    const { template, file } = loadTemplate("verwendungsnachweis");
    const pdf = await renderReport({ template, templateFile: file, data, assets: reportFonts() });
    const tools = pdfTools(pdf);
    cleanups.push(tools.cleanup);
    const pages = tools.text().split("\f").filter((p) => p.trim() !== "");
    expect(pages).toHaveLength(tools.pages());
    pages.forEach((page, i) => {
      expect(page.split("\n").filter((l) => l.trim() !== "").length, `page ${i + 1} is nearly empty`).toBeGreaterThan(6);
      const from = /Übertrag von Seite (\d+)\s+([\d.]+,\d\d €)/.exec(page);
      if (from) expect(Number(from[1])).toBe(i);
      const to = /Übertrag auf Seite (\d+)\s+([\d.]+,\d\d €)/.exec(page);
      if (to) {
        expect(Number(to[1])).toBe(i + 2);
        expect(pages[i + 1]).toContain(`Übertrag von Seite ${i + 1}`);
        expect(pages[i + 1]).toContain(to[2]);
      }
    });
  });

  it("is PDF/A-3a, tagged, titled, in German and carries the receipt CSV and the data JSON", async () => {
    const data = syntheticFinalReport(30);
    const { template, file } = loadTemplate("verwendungsnachweis");
    const pdf = await renderReport({ template, templateFile: file, data, assets: reportFonts() });
    const tools = pdfTools(pdf);
    cleanups.push(tools.cleanup);
    const xmp = tools.xmp();
    expect(xmp).toContain("<pdfaid:part>3</pdfaid:part>");
    expect(xmp).toContain("<pdfaid:conformance>A</pdfaid:conformance>");
    expect(xmp).toContain("Verwendungsnachweis – Digitales Bürgeramt");
    expect(tools.info()).toMatch(/Tagged:\s+yes/);
    expect(pdf.toString("latin1")).toContain("/Lang (de-DE)");
    expect(pdf.toString("latin1")).toMatch(/\/FontFile2/);
    // PDF/A: every font embedded, including the chart's text (svg-to-pdfkit fontCallback)
    expect(tools.fonts().map((f) => f.name.replace(/^[A-Z]{6}\+/, "")).sort()).toEqual(["DejaVuSans", "DejaVuSans-Bold"]);
    expect(tools.fonts().every((f) => f.embedded)).toBe(true);
    expect(tools.attachments()).toMatch(/belegliste\.csv/);
    const csv = tools.attachment("belegliste.csv").toString("utf8");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const [header, ...rows] = csv.slice(1).trim().split("\r\n");
    expect(header.split(";")).toContain("Betrag");
    const amount = header.split(";").indexOf("Betrag");
    const sum = rows.reduce((s, row) => s + Math.round(Number(row.split(";")[amount].replace(",", ".")) * 100), 0);
    expect(rows).toHaveLength(30);
    expect(sum).toBe(data.receiptTotalCents);
    const json = JSON.parse(tools.attachment("berichtsdaten.json").toString("utf8"));
    expect(json.financialStatement.totals).toEqual(data.financialStatement.totals);
  });

  it("fails with a German error when a one-page template overflows", async () => {
    const { template } = loadTemplate("projektsteckbrief");
    const data = {
      municipality: { name: "Musterstadt", slug: "musterstadt" },
      generatedAt: "2026-11-25T09:30:00.000Z",
      generatedBy: "x",
      project: { id: 1, title: "P", description: "Sehr langer Text. ".repeat(600), fieldOfAction: "F", focusArea: "A", leadUnit: "U", projectLead: "L", status: "S", startDate: null, endDate: null, budgetPlannedCents: 0, budgetSpentCents: 0, classification: "c" },
      milestones: [],
      risks: [],
      funding: [],
      moreMilestones: 0,
    };
    await expect(renderReport({ template, templateFile: "templates/projektsteckbrief.json", data, assets: reportFonts() })).rejects.toThrow(
      /passt nicht auf 1 Seite/,
    );
  });
});

describe("Teilnahmebescheinigung", () => {
  it("fits on one page with course, date, hours, verification code and check URL", async () => {
    const { template, file } = loadTemplate("teilnahmebescheinigung");
    const data = {
      municipality: { name: "Musterstadt", slug: "musterstadt" },
      generatedAt: "2026-11-25T09:30:00.000Z",
      generatedBy: "cdo@musterstadt.example",
      participantName: "Jürgen Weiß",
      courseTitle: "E-Akte für Einsteiger – Grundlagen",
      courseDescription: "Ablage, Suche und Vertretungsregeln in der E-Akte.",
      sessionDate: "2026-10-14",
      hours: 3.5,
      trainer: "Dr. Carla Digital",
      place: "Rathaus, Raum 2.14",
      verificationCode: "7KQ2-M9XA-4TRD",
      checkUrl: "https://fahrplan.example/bescheinigung/7KQ2-M9XA-4TRD",
    };
    const pdf = await renderReport({ template, templateFile: file, data, assets: reportFonts() });
    const tools = pdfTools(pdf);
    cleanups.push(tools.cleanup);
    expect(tools.pages()).toBe(1);
    const text = tools.text(false);
    for (const expected of ["Teilnahmebescheinigung", "Jürgen Weiß", "E-Akte für Einsteiger – Grundlagen", "14.10.2026", "3,5 Std.", "7KQ2-M9XA-4TRD", "https://fahrplan.example/bescheinigung/7KQ2-M9XA-4TRD"]) {
      expect(text).toContain(expected);
    }
  });
});
