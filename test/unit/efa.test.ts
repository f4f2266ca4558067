import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { AdoptionFormSchema, adoptionKpi, figuresFor } from "~/areas/efa/adoption";
import { parseOzgCatalogueCsv } from "~/areas/efa/catalogue";
import { matchEfaServices } from "~/areas/efa/efa-matching";
import { isExampleSource } from "~/areas/efa/labels";

const HEADER = "OZG-ID;Name;Themenfeld;LeiKa-Schlüssel;EfA-Land;EfA-Status";
const csv = (...rows: string[]) => [HEADER, ...rows].join("\r\n");

describe("OZG catalogue CSV", () => {
  it("reads German semicolon rows with BOM, several LeiKa keys and the EfA offer", () => {
    const { rows, errors } = parseOzgCatalogueCsv(`\uFEFF${csv("A-1;Wohngeld;bauen & wohnen;99000000000101 | 99000000000102;Schleswig-Holstein;verfügbar", "A-2;Kita-Platz;Familie & Kind;;;")}`);
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      { line: 2, ozgId: "A-1", name: "Wohngeld", themenfeld: "Bauen & Wohnen", leikaKeys: ["99000000000101", "99000000000102"], efaProvidingLand: "Schleswig-Holstein", efaStatus: "available" },
      { line: 3, ozgId: "A-2", name: "Kita-Platz", themenfeld: "Familie & Kind", leikaKeys: [], efaProvidingLand: null, efaStatus: null },
    ]);
  });

  it("reports every bad row with its line and returns no rows to save", () => {
    const { rows, errors } = parseOzgCatalogueCsv(
      csv(
        "A-1;Wohngeld;Bauen & Wohnen;;;",
        "a-1;Doppelt;Bauen & Wohnen;;;",
        "A-3;Xy;Weltraum;123;Atlantis;irgendwann",
        "A-4;Ohne Status;Umwelt;;Bayern;",
        "A-5;Ohne Land;Umwelt;;;in Planung",
        ";Ohne ID;Umwelt;;;",
      ),
    );
    expect(errors).toEqual([
      "Zeile 3: OZG-ID a-1 steht schon in Zeile 2.",
      expect.stringMatching(/^Zeile 4: Name fehlt.*Themenfeld „Weltraum“.*LeiKa-Schlüssel 123.*EfA-Land „Atlantis“.*EfA-Status „irgendwann“/),
      "Zeile 5: Zum EfA-Land fehlt der EfA-Status.",
      "Zeile 6: Zum EfA-Status fehlt das Land, das die Leistung anbietet.",
      expect.stringMatching(/^Zeile 7: OZG-ID fehlt/),
    ]);
    expect(rows.map((r) => r.line)).toEqual([2]);
  });

  it("refuses files without the required columns or data", () => {
    expect(parseOzgCatalogueCsv("OZG-ID;Name\r\nA;B").errors[0]).toMatch(/Es fehlen Spalten: Themenfeld/);
    expect(parseOzgCatalogueCsv(HEADER).errors).toEqual(["Die Datei enthält keine Datenzeilen."]);
    expect(parseOzgCatalogueCsv(csv("A;Wohngeld;Umwelt;;;", "B;Kita;Umwelt;;;"), 1).errors[0]).toMatch(/höchstens 1/);
  });

  it("the shipped example file is valid and named as example data", () => {
    const text = readFileSync("templates/beispieldaten/ozg-katalog-beispieldaten.csv", "utf8");
    const { rows, errors } = parseOzgCatalogueCsv(text);
    expect(errors).toEqual([]);
    expect(rows.length).toBe(13);
    expect(isExampleSource("ozg-katalog-beispieldaten.csv")).toBe(true);
    expect(isExampleSource("ozg-katalog-2026.csv")).toBe(false);
  });
});

describe("KPI: share of relevant services at level ≥ 3", () => {
  it("counts level 3 and 4 among services that are not „nicht relevant“", () => {
    expect(
      adoptionKpi([
        { status: "live", maturityLevel: 4 },
        { status: "live", maturityLevel: 3 },
        { status: "connecting", maturityLevel: 2 },
        { status: "notStarted", maturityLevel: 0 },
        { status: "notRelevant", maturityLevel: 4 },
      ]),
    ).toEqual({ relevant: 4, atTarget: 2, shareBp: 5000 });
    expect(adoptionKpi([{ status: "live", maturityLevel: 3 }, { status: "notStarted", maturityLevel: 0 }, { status: "notStarted", maturityLevel: 0 }])).toEqual({ relevant: 3, atTarget: 1, shareBp: 3333 });
  });

  it("is empty without relevant services and counts untouched services as „nicht begonnen“, level 0", () => {
    expect(adoptionKpi([{ status: "notRelevant", maturityLevel: 0 }])).toEqual({ relevant: 0, atTarget: 0, shareBp: null });
    const figures = figuresFor([1, 2, 3], new Map([[2, { status: "live" as const, maturityLevel: 3 }]]));
    expect(figures).toEqual([{ status: "notStarted", maturityLevel: 0 }, { status: "live", maturityLevel: 3 }, { status: "notStarted", maturityLevel: 0 }]);
    expect(adoptionKpi(figures).shareBp).toBe(3333);
  });
});

describe("adoption form", () => {
  it("accepts status, level and an optional project; refuses levels outside 0–4 and a live service below level 2", () => {
    expect(AdoptionFormSchema.parse({ status: "connecting", maturityLevel: "2", projectId: "", version: "0" })).toEqual({ status: "connecting", maturityLevel: 2, projectId: null, version: 0 });
    const high = AdoptionFormSchema.safeParse({ status: "connecting", maturityLevel: "5", projectId: "", version: "0" });
    expect(high.success ? [] : high.error.issues.map((i) => i.message)).toEqual(["Die Stufe liegt zwischen 0 und 4."]);
    const live = AdoptionFormSchema.safeParse({ status: "live", maturityLevel: "1", projectId: "", version: "0" });
    expect(live.success ? [] : live.error.issues.map((i) => i.path.join("."))).toEqual(["maturityLevel"]);
  });
});

describe("EfA services for maturity gaps", () => {
  const services = [
    { id: 1, ozgId: "A", name: "Wohngeld", themenfeld: "Bauen & Wohnen", efaProvidingLand: "Schleswig-Holstein", efaStatus: "available" as const },
    { id: 2, ozgId: "B", name: "Schülerbeförderung", themenfeld: "Bildung", efaProvidingLand: "Brandenburg", efaStatus: "inDevelopment" as const },
    { id: 3, ozgId: "C", name: "Kita-Platz", themenfeld: "Familie & Kind", efaProvidingLand: null, efaStatus: null },
    { id: 4, ozgId: "D", name: "Eheschließung", themenfeld: "Familie & Kind", efaProvidingLand: "Bremen", efaStatus: "planned" as const },
    { id: 5, ozgId: "E", name: "Bewohnerparken", themenfeld: "Mobilität & Reisen", efaProvidingLand: "Hamburg", efaStatus: "available" as const },
  ];
  it("matches by purpose tag, only services with an EfA offer, reusable ones first", () => {
    expect(matchEfaServices({ code: "GB-01", purposeTag: "Bildung" }, services, () => "notStarted").map((s) => s.id)).toEqual([2, 4]);
    expect(matchEfaServices({ code: "MO-01", purposeTag: "Mobilität" }, services, () => "notStarted").map((s) => s.id)).toEqual([5]);
    expect(matchEfaServices({ code: "IT-01", purposeTag: "Infrastruktur" }, services, () => "notStarted")).toEqual([]);
  });
  it("matches every Themenfeld for the online-services item, skips live and not relevant ones, at most three", () => {
    const status = (id: number) => (id === 1 ? "live" : id === 5 ? "notRelevant" : "notStarted");
    expect(matchEfaServices({ code: "VW-01", purposeTag: "Verwaltung" }, services, status).map((s) => s.id)).toEqual([2, 4]);
    expect(matchEfaServices({ code: "VW-01", purposeTag: "Verwaltung" }, services, () => "connecting").map((s) => s.id)).toEqual([5, 1, 2]);
  });
});
