import { describe, expect, it } from "vitest";
import { CatalogueSchema, parseCatalogueJson } from "~/areas/maturity/catalogue";
import { DEFAULT_CATALOGUE } from "~/areas/maturity/default-catalogue";
import { MIN_COHORT, benchmark, median, programmeFitsPurpose, rankGaps, summariseAreas } from "~/areas/maturity/maturity";
import { parseRatingForm } from "~/areas/maturity/rating-form";

const items = [
  { id: 1, code: "VW-01", area: "administration" as const, title: "A", recommendations: [{ minGap: 1, text: "klein" }, { minGap: 3, text: "groß" }] },
  { id: 2, code: "VW-02", area: "administration" as const, title: "B", recommendations: [{ minGap: 1, text: "b" }] },
  { id: 3, code: "MO-01", area: "mobility" as const, title: "C", recommendations: [{ minGap: 2, text: "c" }] },
];

describe("default catalogue", () => {
  it("has about 40 items in six fields with five level descriptors each", () => {
    const c = CatalogueSchema.parse(DEFAULT_CATALOGUE);
    expect(c.items.length).toBe(40);
    expect(new Set(c.items.map((i) => i.area)).size).toBe(6);
    expect(c.items.every((i) => i.levels.length === 5)).toBe(true);
  });
  it("refuses duplicate codes, wrong level counts and broken JSON in German", () => {
    expect(parseCatalogueJson("{")).toEqual({ ok: false, errors: ["Der Text ist kein gültiges JSON."] });
    const dup = { ...DEFAULT_CATALOGUE, items: [DEFAULT_CATALOGUE.items[0], DEFAULT_CATALOGUE.items[0]] };
    const r = parseCatalogueJson(JSON.stringify(dup));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.join()).toContain("doppelt");
    const short = { ...DEFAULT_CATALOGUE, items: [{ ...DEFAULT_CATALOGUE.items[0], levels: ["a"] }] };
    expect(!parseCatalogueJson(JSON.stringify(short)).ok).toBe(true);
  });
});

describe("areas and gaps", () => {
  const ratings = [
    { itemId: 1, currentLevel: 1, targetLevel: 4 },
    { itemId: 2, currentLevel: 2, targetLevel: 3 },
    { itemId: 3, currentLevel: 2, targetLevel: 2 },
  ];
  it("averages per field in hundredths and counts rated items", () => {
    const s = summariseAreas(items, ratings);
    expect(s.map((a) => [a.area, a.rated, a.current, a.target])).toEqual([
      ["administration", 2, 150, 350],
      ["mobility", 1, 200, 200],
    ]);
    expect(summariseAreas(items, [])[0]!.current).toBeNull();
  });
  it("ranks gaps largest first and picks the proposal the gap reaches", () => {
    const gaps = rankGaps(items, ratings);
    expect(gaps.map((g) => [g.item.code, g.gap, g.proposal])).toEqual([
      ["VW-01", 3, "groß"],
      ["VW-02", 1, "b"],
    ]);
    expect(rankGaps(items, [{ itemId: 3, currentLevel: 0, targetLevel: 1 }])[0]!.proposal).toBeNull();
  });
});

describe("benchmark", () => {
  const codes = items.map(({ code, area }) => ({ code, area }));
  const p = (a: number, b: number, c?: number) => new Map(Object.entries({ "VW-01": a, "VW-02": b, ...(c === undefined ? {} : { "MO-01": c }) }));
  it("shows nothing with 4 contributors and figures with 5", () => {
    const four = benchmark(codes, p(1, 1, 1), [p(2, 2, 2), p(3, 3, 3), p(4, 4, 4)]);
    expect(four.items.every((i) => !i.figure.shown)).toBe(true);
    expect(four.areas.every((a) => !a.figure.shown && a.figure.contributors === 4)).toBe(true);
    const five = benchmark(codes, p(1, 1, 1), [p(2, 2, 2), p(3, 3, 3), p(4, 4, 4), p(0, 0)]);
    const vw1 = five.items.find((i) => i.code === "VW-01")!;
    expect(vw1.figure).toEqual({ shown: true, contributors: MIN_COHORT, value: { median: 2, position: "below" } });
    // MO-01 has only four values: still hidden, while the fields of the others are shown.
    expect(five.items.find((i) => i.code === "MO-01")!.figure.shown).toBe(false);
    const admin = five.areas.find((a) => a.area === "administration")!;
    expect(admin.figure).toEqual({ shown: true, contributors: 5, value: { score: 25 } });
  });
  it("scores best 100 and worst 0, all equal 100", () => {
    const best = benchmark(codes, p(4, 4), [p(0, 0), p(1, 1), p(2, 2), p(3, 3)]);
    expect(best.areas[0]!.figure).toMatchObject({ value: { score: 100 } });
    const worst = benchmark(codes, p(0, 0), [p(4, 4), p(1, 1), p(2, 2), p(3, 3)]);
    expect(worst.areas[0]!.figure).toMatchObject({ value: { score: 0 } });
    const equal = benchmark(codes, p(2, 2), [p(2, 2), p(2, 2), p(2, 2), p(2, 2)]);
    expect(equal.areas[0]!.figure).toMatchObject({ value: { score: 100 } });
  });
  it("never carries another participant's value", () => {
    const result = benchmark(codes, p(1, 1), [p(3, 2), p(3, 2), p(3, 2), p(3, 2)]);
    expect(JSON.stringify(result)).not.toMatch(/contributorValues|"values"/);
    expect(median([1, 2, 3, 4])).toBe(2.5);
  });
});

describe("programme matching", () => {
  const m = { kind: "gemeinde", state: "Brandenburg", population: 4000 };
  const base = { fieldsOfAction: ["Verwaltung"], applicantKinds: [], applicantState: null, minPopulation: null, maxPopulation: null, windowCloses: null };
  it("matches by purpose tag and eligibility", () => {
    expect(programmeFitsPurpose(base, "Verwaltung", m, "2026-12-03")).toBe(true);
    expect(programmeFitsPurpose(base, "Mobilität", m, "2026-12-03")).toBe(false);
    expect(programmeFitsPurpose({ ...base, fieldsOfAction: [] }, "Mobilität", m, "2026-12-03")).toBe(true);
    expect(programmeFitsPurpose({ ...base, applicantKinds: ["stadt"] }, "Verwaltung", m, "2026-12-03")).toBe(false);
    expect(programmeFitsPurpose({ ...base, applicantState: "Sachsen" }, "Verwaltung", m, "2026-12-03")).toBe(false);
    expect(programmeFitsPurpose({ ...base, minPopulation: 5000 }, "Verwaltung", m, "2026-12-03")).toBe(false);
    expect(programmeFitsPurpose({ ...base, windowCloses: "2026-12-01" }, "Verwaltung", m, "2026-12-03")).toBe(false);
  });
});

describe("rating form", () => {
  const form = (entries: Record<string, string>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(entries)) f.set(k, v);
    return f;
  };
  it("parses rated items and skips unrated ones", () => {
    const r = parseRatingForm(form({ "current-1": "1", "target-1": "3", "note-1": " ok ", "evidence-1": "https://example.org/a" }), [1, 2]);
    expect(r.errors).toEqual({});
    expect(r.ratings).toEqual([{ itemId: 1, currentLevel: 1, targetLevel: 3, note: "ok", evidenceUrl: "https://example.org/a" }]);
  });
  it("refuses a target below today, half ratings, bad levels and javascript: links", () => {
    const r = parseRatingForm(
      form({ "current-1": "3", "target-1": "1", "current-2": "2", "current-3": "7", "target-3": "1", "current-4": "1", "target-4": "1", "evidence-4": "javascript:alert(1)" }),
      [1, 2, 3, 4],
    );
    expect(r.errors).toEqual({
      "target-1": "Das Ziel darf nicht unter dem heutigen Stand liegen.",
      "target-2": "Bitte wählen Sie auch die Zielstufe.",
      "current-3": "Bitte wählen Sie eine Stufe von 0 bis 4.",
      "evidence-4": "Der Nachweis muss ein Link mit http:// oder https:// sein.",
    });
  });
});
