import { describe, expect, it } from "vitest";
import { createChartCache, presentationalChildren, renderChartSvg, roundedGeometry } from "~/utils/charts.server";
import { bandStep, budgetSpec, goalProgressSpec, portfolioSpec, projectsByFieldAndStatusSpec, wrapLabel } from "~/areas/dashboard/charts";
import { coverageChartSpec } from "~/areas/trainings/coverage-chart";

describe("dashboard charts", () => {
  it("keeps the accessible name on the root and strips inner roles and ARIA attributes", () => {
    const svg = '<svg role="img" aria-label="Titel" width="1"><g role="graphics-object" aria-roledescription="x"><path aria-hidden="true" d="M0"/></g></svg>';
    expect(presentationalChildren(svg)).toBe('<svg role="img" aria-label="Titel" width="1"><g><path d="M0"/></g></svg>');
  });

  it("rounds geometry to hundredths of a pixel but leaves labels alone", () => {
    const svg = '<svg width="10"><path d="M1.23456,-0.5L2.999999,3Z" transform="translate(0.125,10.5)"/><text transform="translate(1.5,2)">1.234.567,891 €</text></svg>';
    expect(roundedGeometry(svg)).toBe(
      '<svg width="10"><path d="M1.23,-0.5L3,3Z" transform="translate(0.13,10.5)"/><text transform="translate(1.5,2)">1.234.567,891 €</text></svg>',
    );
  });

  it("renders the portfolio as one named image with the classification legend, and caches it", async () => {
    const spec = portfolioSpec([
      { title: "A", classification: "Nachzügler", topics: 1, organisation: 1, technology: 2 },
      { title: "B", classification: "Leuchtturm", topics: 4, organisation: 3.5, technology: 3.8 },
    ]);
    const svg = await renderChartSvg(spec, "Portfolio");
    expect(svg).toMatch(/^<svg role="img" aria-label="Portfolio"/);
    expect(svg).toContain("Nachzügler");
    expect(svg).toContain("Digitale Organisation (0–4)");
    expect(svg.slice(svg.indexOf(">") + 1)).not.toMatch(/\srole="/);
    expect(await renderChartSvg(portfolioSpec([
      { title: "A", classification: "Nachzügler", topics: 1, organisation: 1, technology: 2 },
      { title: "B", classification: "Leuchtturm", topics: 4, organisation: 3.5, technology: 3.8 },
    ]), "Portfolio")).toBe(svg);
  });

  it("keeps at most its bound of charts, least recently used out first, and renders each spec once", async () => {
    const cache = createChartCache(2);
    const spec = (n: number) => budgetSpec([{ fieldOfAction: `Feld ${n}`, plannedCents: n * 100, spentCents: 0 }]);
    const first = cache.render(spec(1), "A");
    expect(cache.render(spec(1), "A")).toBe(first);
    await cache.render(spec(2), "B");
    await cache.render(spec(1), "A"); // A is now the most recently used
    await cache.render(spec(3), "C"); // evicts B
    expect(cache.size()).toBe(2);
    expect(cache.render(spec(1), "A")).toBe(first);
    expect((await cache.render(spec(2), "B")).svg).toContain("Feld 2");
    expect(cache.size()).toBe(2);
  });

  it("puts planned and spent euros side by side and orders statuses as the lifecycle", () => {
    const budget = budgetSpec([{ fieldOfAction: "Bildung", plannedCents: 100_00, spentCents: 25_00 }]) as { data: { values: unknown[] } };
    expect(budget.data.values).toEqual([
      { fieldOfAction: "Bildung", kind: "geplant", euro: 100 },
      { fieldOfAction: "Bildung", kind: "ausgegeben", euro: 25 },
    ]);
    const status = projectsByFieldAndStatusSpec([{ fieldOfAction: "Bildung", status: "Idee", count: 2 }], ["Idee", "Geplant"]) as {
      encoding: { color: { scale: { domain: string[] } } };
    };
    expect(status.encoding.color.scale.domain).toEqual(["Idee", "Geplant"]);
  });
});

describe("chart labels are wrapped, never cut off", () => {
  const LONG = "Bürgerservice und Verwaltung digital für alle Ortsteile";

  it("gives each row room for all lines of its wrapped label, so two-line labels do not run into the next row", () => {
    const twoLines = "Bürgerservice und Verwaltungsleistungen";
    expect(wrapLabel(twoLines)).toHaveLength(2);
    expect(bandStep(["Bildung"], 24)).toBe(24);
    expect(bandStep(["Bildung", twoLines], 24)).toBeGreaterThanOrEqual(2 * 14);
    const status = projectsByFieldAndStatusSpec([{ fieldOfAction: twoLines, status: "Idee", count: 1 }], ["Idee"]) as { height: { step: number } };
    expect(status.height.step).toBeGreaterThanOrEqual(2 * 14);
    // Budget: two bars per field share the band of one label.
    const budget = budgetSpec([{ fieldOfAction: twoLines, plannedCents: 1, spentCents: 1 }]) as { height: { step: number } };
    expect(2 * budget.height.step).toBeGreaterThanOrEqual(2 * 14);
  });

  it("wraps a long label into lines at word boundaries without losing a word", () => {
    const lines = wrapLabel(LONG, 24);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.every((l) => l.length <= 24)).toBe(true);
    expect(lines.join(" ")).toBe(LONG);
    expect(wrapLabel("Kurz", 24)).toEqual(["Kurz"]);
    // a single word longer than a line stays whole
    expect(wrapLabel("Donaudampfschifffahrtsgesellschaft", 10)).toEqual(["Donaudampfschifffahrtsgesellschaft"]);
  });

  it("shows every word of a long field of action in the rendered SVG and no ellipsis", async () => {
    const { renderChartSvg } = await import("~/utils/charts.server");
    for (const spec of [
      projectsByFieldAndStatusSpec([{ fieldOfAction: LONG, status: "läuft", count: 2 }], ["läuft"]),
      budgetSpec([{ fieldOfAction: LONG, plannedCents: 100_00, spentCents: 50_00 }]),
      goalProgressSpec([{ goal: LONG, percent: 40 }]),
      // the Schulungsquote per unit: a long unit name, longer than Vega's default label limit
      coverageChartSpec(
        [{ unitId: 1, unitName: `${LONG} – Wohnungsbaugesellschaft Musterstadt mbH`, employees: 4, trainedRecently: 2, covered: 2, coverageBp: 5000, meetsTarget: false } as never],
        8000,
      ),
    ]) {
      const svg = await renderChartSvg(spec, "Test");
      expect(svg).not.toContain("…");
      for (const word of LONG.split(" ")) expect(svg).toContain(word);
    }
  });
});
