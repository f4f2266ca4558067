import { describe, expect, it } from "vitest";
import { addMonthsIso, endOfMonthAfter } from "~/utils/calendar";
import { computeDeadlines, type DeadlineRules } from "~/areas/funding/deadlines";
import { type FinderProgramme, type FinderQuery, evaluateProgramme, finderPlanItems, finderVerdict, rankProgrammes } from "~/areas/funding/finder";
import { ReceiptRowSchema, parseReceiptsCsv, receiptsToCsv } from "~/areas/funding/receipts-csv";

const rules: DeadlineRules = {
  name: "Digitale Kommune",
  windowCloses: "2026-03-31",
  outlineFirst: false,
  outlineDeadline: null,
  drawdownWindowMonths: 2,
  interimReportMonths: 4,
  finalReportMonths: 6,
  finalReportFixedDay: null,
};
const noFacts = {
  granted: false,
  submittedOn: null,
  outlineSubmitted: false,
  fundingPeriodStart: null,
  fundingPeriodEnd: null,
  earmarkingUntil: null,
  receivedDrawdowns: [],
  usedGrantCents: 0,
  closed: false,
};

describe("date arithmetic", () => {
  it("clamps to the end of the month", () => {
    expect(addMonthsIso("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonthsIso("2027-12-15", 2)).toBe("2028-02-15");
    expect(endOfMonthAfter("2026-12-31", 6)).toBe("2027-06-30");
    expect(endOfMonthAfter("2026-12-01", 4)).toBe("2027-04-30");
  });
});

describe("computeDeadlines", () => {
  it("before submission: the application window (and the outline deadline of two-stage programmes)", () => {
    expect(computeDeadlines(rules, noFacts).map((d) => [d.key, d.dueDate])).toEqual([["applicationWindow", "2026-03-31"]]);
    const twoStage = computeDeadlines({ ...rules, outlineFirst: true, outlineDeadline: "2026-01-15" }, noFacts);
    expect(twoStage.map((d) => d.key)).toEqual(["outline", "applicationWindow"]);
  });

  it("after the grant: period end, interim reports per budget year (K=4), final report (M=6), drawdown spending and earmarking", () => {
    const list = computeDeadlines(rules, {
      ...noFacts,
      granted: true,
      submittedOn: "2026-02-01",
      fundingPeriodStart: "2026-05-01",
      fundingPeriodEnd: "2027-12-31",
      earmarkingUntil: "2032-12-31",
      receivedDrawdowns: [{ id: 7, receivedOn: "2026-07-10", receivedCents: 100_000 }],
    });
    expect(list.map((d) => [d.key, d.dueDate])).toEqual([
      ["drawdownSpending:7", "2026-09-10"],
      ["interimReport:2026", "2027-04-30"],
      ["fundingPeriodEnd", "2027-12-31"],
      ["finalReport", "2028-06-30"],
      ["earmarking", "2032-12-31"],
    ]);
    expect(list.find((d) => d.key === "drawdownSpending:7")).toMatchObject({ assigneeRole: "finance", label: expect.stringContaining("10.07.2026") });
  });

  it("drops the spending deadline of drawdowns whose money has been spent (first in, first out)", () => {
    const facts = {
      ...noFacts,
      granted: true,
      fundingPeriodStart: "2026-01-01",
      fundingPeriodEnd: "2026-12-31",
      receivedDrawdowns: [
        { id: 1, receivedOn: "2026-02-01", receivedCents: 50_000 },
        { id: 2, receivedOn: "2026-04-01", receivedCents: 50_000 },
      ],
    };
    const keys = (used: number) => computeDeadlines(rules, { ...facts, usedGrantCents: used }).map((d) => d.key).filter((k) => k.startsWith("drawdown"));
    expect(keys(0)).toEqual(["drawdownSpending:1", "drawdownSpending:2"]);
    expect(keys(60_000)).toEqual(["drawdownSpending:2"]);
    expect(keys(100_000)).toEqual([]);
  });

  it("uses a fixed final report day when the programme sets one", () => {
    const list = computeDeadlines({ ...rules, finalReportFixedDay: "03-31", interimReportMonths: null }, {
      ...noFacts,
      granted: true,
      fundingPeriodStart: "2026-01-01",
      fundingPeriodEnd: "2026-12-31",
    });
    expect(list.map((d) => [d.key, d.dueDate])).toEqual([
      ["fundingPeriodEnd", "2026-12-31"],
      ["finalReport", "2027-03-31"],
    ]);
  });

  it("after closing only the earmarking period remains", () => {
    expect(computeDeadlines(rules, { ...noFacts, granted: true, fundingPeriodEnd: "2026-12-31", earmarkingUntil: "2031-12-31", closed: true }).map((d) => d.key)).toEqual(["earmarking"]);
  });
});

const programme: FinderProgramme = {
  id: 1,
  name: "Digitale Verwaltung",
  funder: "Bund",
  fieldsOfAction: ["Verwaltung", "Bildung"],
  applicantKinds: ["stadt", "gemeinde"],
  applicantState: null,
  minPopulation: null,
  maxPopulation: 100_000,
  windowOpens: "2026-01-01",
  windowCloses: "2026-03-31",
  outlineFirst: false,
  outlineDeadline: null,
  fundingType: "share",
  rateBp: 6500,
  maxGrantCents: 50_000_000,
  minGrantCents: 1_000_000,
  roundingRule: "euroDown",
  eligibleCostCategories: ["materials", "externalServices"],
};
const query: FinderQuery = {
  fieldOfAction: "Verwaltung",
  municipality: { kind: "stadt", state: "Brandenburg", population: 85_000, financiallyWeak: false },
  plannedCostsCents: 10_000_000,
  costCategories: ["externalServices"],
  availableOwnFundsCents: 4_000_000,
  today: "2026-02-15",
};

describe("funding finder", () => {
  it("explains every criterion of a fitting programme", () => {
    const m = evaluateProgramme(programme, query);
    expect(m.fits).toBe(true);
    expect(m.estimatedGrantCents).toBe(6_500_000);
    expect(m.criteria.map((c) => c.text)).toEqual([
      "passt: Handlungsfeld „Verwaltung“ wird gefördert",
      "passt: antragsberechtigt sind Städte, Gemeinden",
      "passt: Größe der Kommune (85.000 Einwohner) liegt im Rahmen",
      "passt: Antragsfrist läuft bis 31.03.2026",
      "passt: alle geplanten Kostenarten sind förderfähig",
      expect.stringMatching(/^passt: Eigenanteil von 35\.000,00\s€ ist mit den verfügbaren Eigenmitteln von 40\.000,00\s€ gedeckt$/),
    ]);
  });

  it("says why a programme does not fit", () => {
    const m = evaluateProgramme(programme, { ...query, today: "2026-04-02", fieldOfAction: "Mobilität", municipality: { ...query.municipality, kind: "landkreis", population: 250_000 }, costCategories: ["personnel"], availableOwnFundsCents: 100 });
    expect(m.fits).toBe(false);
    const texts = m.criteria.filter((c) => !c.fits).map((c) => c.text);
    expect(texts).toContain("passt nicht: Antragsfrist abgelaufen am 31.03.2026");
    expect(texts).toContain("passt nicht: Handlungsfeld „Mobilität“ wird nicht gefördert (gefördert: Verwaltung, Bildung)");
    expect(texts).toContain("passt nicht: Landkreise sind nicht antragsberechtigt (nur Städte, Gemeinden)");
    expect(texts).toContain("passt nicht: nur für Kommunen bis 100.000 Einwohner (Ihre Kommune: 250.000)");
    expect(texts).toContain("passt nicht: keine der geplanten Kostenarten ist förderfähig (Personal)");
    expect(texts.some((t) => t.startsWith("passt nicht: Eigenanteil von"))).toBe(true);
  });

  it("ranks fitting programmes first, then by score and expected grant", () => {
    const closed = { ...programme, id: 2, name: "Abgelaufen", windowCloses: "2026-01-31" };
    const bigger = { ...programme, id: 3, name: "Mehr Geld", rateBp: 8000 };
    const ranked = rankProgrammes([closed, programme, bigger], query);
    expect(ranked.map((m) => m.programmeId)).toEqual([3, 1, 2]);
    expect(ranked[2].fits).toBe(false);
  });
});

describe("Belegliste CSV", () => {
  const header = "Belegnummer;Belegdatum;Zahlungsempfänger;Zweck;Kostenart;Betrag brutto;Netto;Umsatzsteuer;Bezahlt am";
  it("round-trips export and import with BOM, semicolons and German formats", () => {
    const rows = [
      { receiptNumber: "R-1", receiptDate: "2026-05-02", payee: "IT-Dienstleister GmbH; Berlin", purpose: "Einrichtung", costCategory: "externalServices" as const, amountCents: 119_000, netCents: 100_000, vatCents: 19_000, paidOn: "2026-05-20", notEligibleReason: null },
      { receiptNumber: "R-2", receiptDate: "2026-06-01", payee: "Händler", purpose: "Tablets", costCategory: "investments" as const, amountCents: 1_234_56, netCents: null, vatCents: null, paidOn: null, notEligibleReason: "Bewirtung, nicht Teil des Vorhabens" },
    ];
    const csv = receiptsToCsv(rows);
    expect(csv.startsWith("\uFEFFBelegnummer;Belegdatum;")).toBe(true);
    expect(csv).toContain("R-1;02.05.2026;\"IT-Dienstleister GmbH; Berlin\";Einrichtung;Fremdleistungen;1190,00;1000,00;190,00;20.05.2026;;;;\r\n");
    expect(csv).toContain(";Bewirtung, nicht Teil des Vorhabens");
    expect(parseReceiptsCsv(csv)).toEqual({ ok: true, rows });
  });

  it("reports every row error in German and returns no rows", () => {
    const csv = [
      header,
      "R-1;32.01.2026;Firma;Zweck;Sachausgaben;10,00;;;",
      "R-2;01.02.2026;;Zweck;Reisekosten;abc;;;",
      "R-3;01.02.2026;Firma;Zweck;Sachausgaben;119,00;100,00;10,00;",
      "R-4;01.02.2026;Firma;Zweck;Sachausgaben;10,00;;;01.01.2026",
      "R-5;01.02.2026;Firma;Zweck;Sachausgaben;10,00;;;",
      "R-5;01.02.2026;Firma;Zweck;Sachausgaben;10,00;;;",
      "R-9;01.02.2026;Firma;Zweck;Sachausgaben;10,00;;;",
    ].join("\n");
    const result = parseReceiptsCsv(csv, new Set(["R-9"]));
    expect(result).toEqual({
      ok: false,
      errors: [
        "Zeile 2: Belegdatum „32.01.2026“ ist kein gültiges Datum (TT.MM.JJJJ).",
        "Zeile 3: Zahlungsempfänger fehlt.",
        "Zeile 3: Kostenart „Reisekosten“ ist unbekannt (erlaubt: Personal, Sachausgaben, Investitionen, Fremdleistungen, Sonstiges).",
        "Zeile 3: Betrag brutto „abc“ ist kein gültiger Betrag (z. B. 1.234,56).",
        "Zeile 4: Netto und Umsatzsteuer ergeben nicht den Bruttobetrag.",
        "Zeile 5: Bezahlt am liegt vor dem Belegdatum.",
        "Zeile 7: Belegnummer „R-5“ kommt in der Datei mehrfach vor.",
        "Zeile 8: Belegnummer „R-9“ ist bereits erfasst.",
      ],
    });
  });

  it("reads the optional „nicht zuwendungsfähig“ column: a reason marks the receipt, an empty cell does not", () => {
    const csv = [
      `${header};Nicht zuwendungsfähig (Begründung)`,
      "R-1;01.02.2026;Firma;Zweck;Sachausgaben;10,00;;;;Bewirtung",
      "R-2;01.02.2026;Firma;Zweck;Sachausgaben;20,00;;;;",
    ].join("\n");
    const parsed = parseReceiptsCsv(csv);
    expect(parsed.ok && parsed.rows.map((r) => r.notEligibleReason)).toEqual(["Bewirtung", null]);
    const without = parseReceiptsCsv(`${header}\nR-3;01.02.2026;Firma;Zweck;Sachausgaben;10,00;;;`);
    expect(without.ok && without.rows[0].notEligibleReason).toBeNull();
  });

  it("a receipt marked not eligible in the form needs a reason", () => {
    const base = { receiptNumber: "R-1", receiptDate: "01.02.2026", payee: "Firma", purpose: "Zweck", costCategory: "materials", amountCents: "10,00" };
    const missing = ReceiptRowSchema.safeParse({ ...base, notEligible: "on", notEligibleReason: "  " });
    expect(missing.success).toBe(false);
    expect(missing.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["notEligibleReason", "Bitte begründen Sie, warum der Beleg nicht zuwendungsfähig ist."]]);
    expect(ReceiptRowSchema.parse({ ...base, notEligible: true, notEligibleReason: "Skonto nicht genutzt" }).notEligibleReason).toBe("Skonto nicht genutzt");
    // A reason typed without the mark does not mark the receipt.
    expect(ReceiptRowSchema.parse({ ...base, notEligibleReason: "versehentlich" }).notEligibleReason).toBeNull();
  });

  it("names missing columns", () => {
    expect(parseReceiptsCsv("Belegnummer;Betrag\nR-1;1,00")).toEqual({ ok: false, errors: [expect.stringContaining("Es fehlen die Spalten „Belegdatum“")] });
    expect(parseReceiptsCsv("")).toEqual({ ok: false, errors: ["Die Datei ist leer."] });
  });
});

describe("funding finder verdict and plan", () => {
  it("never shows a plain „passt“ next to a failed criterion (observed: Eigenanteil übersteigt Eigenmittel)", () => {
    const m = evaluateProgramme(programme, { ...query, availableOwnFundsCents: 100_000 });
    expect(m.criteria.some((c) => !c.fits && c.text.startsWith("passt nicht: Eigenanteil"))).toBe(true);
    expect(m.badge).toBe("passt mit Einschränkungen");
    expect(m.fits).toBe(true);
    const closed = evaluateProgramme(programme, { ...query, today: "2026-04-01" });
    expect(closed).toMatchObject({ fits: false, badge: "passt nicht" });
    expect(evaluateProgramme(programme, query)).toMatchObject({ fits: true, badge: "passt" });
  });

  it("derives badge and startability from the criteria alone", () => {
    const c = (fits: boolean, hard: boolean) => ({ fits, hard, text: "x" });
    expect(finderVerdict([])).toEqual({ fits: true, badge: "passt" });
    expect(finderVerdict([c(true, true), c(false, false)])).toEqual({ fits: true, badge: "passt mit Einschränkungen" });
    expect(finderVerdict([c(false, true), c(true, false)])).toEqual({ fits: false, badge: "passt nicht" });
  });

  it("spreads the entered costs over the entered cost types, never in a year before the application", () => {
    expect(finderPlanItems({ plannedCostsCents: 10_000_001, costCategories: ["materials", "externalServices", "materials"], today: "2026-11-23", projectStart: "2024-03-01" })).toEqual([
      { costCategory: "materials", plannedCents: 5_000_001, budgetYear: 2026 },
      { costCategory: "externalServices", plannedCents: 5_000_000, budgetYear: 2026 },
    ]);
    expect(finderPlanItems({ plannedCostsCents: 100, costCategories: [], today: "2026-11-23", projectStart: "2028-01-01" })).toEqual([
      { costCategory: "other", plannedCents: 100, budgetYear: 2028 },
    ]);
    expect(finderPlanItems({ plannedCostsCents: 0, costCategories: ["materials"], today: "2026-11-23" })).toEqual([]);
  });
});
