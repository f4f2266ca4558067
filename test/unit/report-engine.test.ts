import { afterAll, describe, expect, it } from "vitest";
import { buildFinancialStatement } from "~/reports/data/financial-statement";
import { type LedgerInput, computeLedger } from "~/areas/funding/money";
import type { CostCategory } from "../../db/schema/funding";
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
  const programme = { eligibleCostCategories: [] as CostCategory[], permittedDeviationBp: 2000, totalOverrunToleranceBp: 1000, drawdownWindowMonths: 2 };
  const receipt = (id: number, costCategory: CostCategory, amountCents: number, receiptDate = "2025-02-01") => ({
    id, receiptNumber: `B-${id}`, receiptDate, payee: "A", purpose: "Z", costCategory, amountCents, netCents: null, vatCents: null, paidOn: receiptDate,
  });
  const input = (over: Partial<LedgerInput> = {}): LedgerInput => ({
    application: { grantedCents: 104_000, decisionDate: "2025-01-01", fundingPeriodStart: "2025-01-01", fundingPeriodEnd: "2025-12-31", thirdPartyFundsCents: 0, inputTaxDeductible: false },
    programme,
    planItems: [
      { costCategory: "personnel", plannedCents: 100_000, eligible: true },
      { costCategory: "materials", plannedCents: 50_000, eligible: true },
      { costCategory: "materials", plannedCents: 10_000, eligible: true },
    ],
    drawdowns: [{ id: 1, requestedOn: "2025-01-01", requestedCents: 110_000, receivedOn: "2025-01-05", receivedCents: 110_000 }],
    receipts: [receipt(1, "personnel", 90_000), receipt(2, "materials", 66_000), receipt(3, "investments", 4_000)],
    ...over,
  });
  const statement = (i: LedgerInput, asOf = "2025-07-05") =>
    buildFinancialStatement(computeLedger(i), { programme, inputTaxDeductible: false, overpaidSince: "2025-01-05", asOf });

  it("follows the finance plan: income Zuwendung, Eigenmittel, Drittmittel; expenditure plan vs actual with marks", () => {
    const s = statement(input());
    expect(s.income.map((l) => l.label)).toEqual(["Zuwendung", "Eigenmittel", "Drittmittel"]);
    expect(s.expenditure.map((l) => [l.costCategory, l.plannedCents, l.actualCents, l.differenceCents, l.deviationBp, l.mark])).toEqual([
      ["personnel", 100_000, 90_000, -10_000, -1000, ""],
      ["materials", 60_000, 66_000, 6_000, 1000, "innerhalb 20 %"],
      ["investments", 0, 4_000, 4_000, null, "nicht im Plan"],
    ]);
    expect(s.totals).toMatchObject({ plannedIncomeCents: 160_000, actualIncomeCents: 160_000, plannedExpenditureCents: 160_000, actualExpenditureCents: 160_000 });
    // share 104,000 / 160,000 = 65 %; 65 % of 160,000 = 104,000 used; 110,000 received → 6,000 reclaimed with § 49a interest
    expect(s.grant).toMatchObject({ receivedCents: 110_000, usedCents: 104_000, balanceCents: 6_000, balanceKind: "overpaid", balanceLabel: "Überzahlung (Rückforderung)" });
    expect(s.grant.interestCents).toBeGreaterThan(0);
    expect(s.grant.balanceText).toContain("§ 49a VwVfG");
  });

  it("never prints negative own funds without the explanation line", () => {
    const s = statement(input({ receipts: [receipt(1, "personnel", 50_000)] }));
    const own = s.income.find((l) => l.label === "Eigenmittel")!;
    expect(own.actualCents).toBe(-60_000);
    expect(s.ownFundsNote).toMatch(/Eigenmittel negativ/);
    expect(s.incomeNote).toContain(s.ownFundsNote);
  });

  it("names funds still to be drawn and lists pending drawdowns", () => {
    const s = statement(input({ drawdowns: [{ id: 1, requestedOn: "2025-01-01", requestedCents: 60_000, receivedOn: "2025-01-05", receivedCents: 50_000 }, { id: 2, requestedOn: "2025-03-01", requestedCents: 20_000, receivedOn: null, receivedCents: null }] }));
    expect(s.grant).toMatchObject({ requestedCents: 80_000, receivedCents: 50_000, pendingCents: 20_000, balanceKind: "toDraw", balanceCents: -54_000, balanceLabel: "Noch abzurufende Zuwendung" });
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
    const lines = text.split("\n");
    for (const r of data.receipts) {
      const line = lines.find((l) => l.includes(` ${r.receiptNumber} `));
      expect(line, r.receiptNumber).toBeDefined();
      expect(line).toContain(formatDate(r.date));
      expect(line).toContain(formatEuro(r.amountCents).replace("\u00a0", " "));
      expect(line!.trimEnd().endsWith(formatEuro(r.eligibleCents).replace("\u00a0", " "))).toBe(true);
    }
    // time order with running numbers
    expect(data.receipts.map((r) => r.runningNumber)).toEqual(data.receipts.map((_, i) => i + 1));
    expect([...data.receipts.map((r) => r.date)]).toEqual([...data.receipts.map((r) => r.date)].sort());
    const total = data.receipts.reduce((s, r) => s + r.amountCents, 0);
    expect(text).toMatch(new RegExp(`Summe aller Belege\\s+[\\d.,]+ €\\s+[\\d.,]+ €\\s+${formatEuro(total).replace("\u00a0", " ").replace(/\./g, "\\.")}`));
    for (const r of data.ineligibleReceipts) expect(text).toContain(r.receiptNumber);
    expect(text).toContain("Skontoabzug nicht in Anspruch genommen");
    expect(text).toContain("Schlussrechnung vor Jahresende fällig.");
    expect(text).toContain("Änderungsbescheid vom 10.06.2025");
    // carried forward at the bottom of every receipt page but the last, and picked up on the next
    const pages = text.split("\f");
    const carried = pages.filter((p) => /Übertrag auf Seite \d+/.test(p)).length;
    expect(carried).toBeGreaterThan(3);
    expect(pages.filter((p) => /Übertrag von Seite \d+/.test(p)).length).toBe(carried);
    // repeated header row on every receipt page
    for (const p of pages.filter((x) => /Übertrag von Seite/.test(x))) expect(p).toMatch(/Nr\.\s+Beleg \/\s+Beleg-Nr\.\s+Empfänger \/ Zweck\s+Netto\s+USt\s+Brutto/);
    expect(text).toContain(`Seite 1 von ${tools.pages()}`);
    expect(text).toContain("Erstellt am 25.11.2026 10:30");
    expect(text).toContain("Zuwendungsempfänger");
    expect(text).toContain("„Klartext“");
  }, 30_000);

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
    expect(header.split(";")).toEqual(expect.arrayContaining(["Lfd. Nr.", "Belegdatum", "Zahlungsdatum", "Empfänger", "Zweck", "Netto", "Umsatzsteuer", "Brutto", "Zuwendungsfähig"]));
    const amount = header.split(";").indexOf("Brutto");
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
      fundingPlannedTotalCents: 0,
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

describe("running head", () => {
  const longName = "Verbandsgemeinde Hohenfels-Essingen an der Schwarzen Laber im Landkreis Regensburg (Oberpfalz)";
  const longTitle =
    "Digitales Bürgeramt mit Online-Terminvergabe, elektronischer Akte, Bezahlfunktion und Anbindung an das Bürgerkonto des Landes sowie an das Nutzerkonto Bund";

  it("prints a very long Kommune name and title whole on every page, wrapped and never cut with “…”", async () => {
    const data = syntheticFinalReport(60);
    data.municipality = { ...data.municipality, name: longName };
    data.watermark = "Entwurf";
    (data.cover as { measureTitle: string }).measureTitle = longTitle;
    const { template, file } = loadTemplate("verwendungsnachweis");
    const pdf = await renderReport({ template, templateFile: file, data, assets: reportFonts() });
    const tools = pdfTools(pdf);
    cleanups.push(tools.cleanup);
    const pages = tools.text(false).split("\f").filter((p) => p.trim() !== "");
    expect(pages.length).toBeGreaterThan(1);
    // Without spaces and hyphens: a word wrapped at its hyphen ("Online-" / "Terminvergabe") still matches.
    const words = (s: string) => s.replace(/[\s-]/g, "");
    for (const [i, page] of pages.entries()) {
      const flat = words(page);
      expect(flat, `page ${i + 1}`).toContain(words(longName));
      expect(flat, `page ${i + 1}`).toContain(words(`Verwendungsnachweis – ${longTitle}`));
      expect(page).not.toContain("…");
    }
  });
});
