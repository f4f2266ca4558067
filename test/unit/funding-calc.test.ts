import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type ProgrammeTerms,
  applyRate,
  checkDrawdown,
  comparePlanActual,
  computeFinancing,
  grantShareBp,
  ownContributionByYear,
  reclaimInterestCents,
} from "~/areas/funding/calc";
import { COST_CATEGORY_KEYS } from "~/areas/funding/labels";

const share: ProgrammeTerms = {
  fundingType: "share",
  rateBp: 6500,
  weakRateBp: 9000,
  minGrantCents: 1_000_000,
  maxGrantCents: 50_000_000,
  roundingRule: "euroDown",
  eligibleCostCategories: ["materials", "externalServices", "investments"],
};

describe("computeFinancing", () => {
  it("grants 65 % of the eligible costs, rounded down to full euros", () => {
    const f = computeFinancing(share, [
      { costCategory: "externalServices", plannedCents: 10_000_033, eligible: true },
      { costCategory: "materials", plannedCents: 2_000_000, eligible: true },
    ]);
    expect(f.eligibleCents).toBe(12_000_033);
    expect(f.uncappedGrantCents).toBe(7_800_021);
    expect(f.grantCents).toBe(7_800_000);
    expect(f.ownContributionCents).toBe(12_000_033 - 7_800_000);
    expect(f.cappedAtMax).toBe(false);
  });

  it("keeps cents when the programme rounds to the cent", () => {
    const f = computeFinancing({ ...share, roundingRule: "cent" }, [{ costCategory: "materials", plannedCents: 2_000_033, eligible: true }]);
    expect(f.grantCents).toBe(1_300_021);
  });

  it("excludes categories the programme does not fund and explains it", () => {
    const f = computeFinancing(share, [
      { costCategory: "personnel", plannedCents: 5_000_000, eligible: true },
      { costCategory: "materials", plannedCents: 2_000_000, eligible: true },
    ]);
    expect(f.eligibleCents).toBe(2_000_000);
    expect(f.ineligibleCents).toBe(5_000_000);
    expect(f.notes.join(" ")).toContain("Nicht zuwendungsfähig nach dem Programm: Personal.");
  });

  it("caps at the maximum grant and says so", () => {
    const f = computeFinancing(share, [{ costCategory: "investments", plannedCents: 200_000_000, eligible: true }]);
    expect(f.grantCents).toBe(50_000_000);
    expect(f.cappedAtMax).toBe(true);
    expect(f.notes.join(" ")).toMatch(/Höchstbetrag von 500\.000,00\s€/);
  });

  it("flags a grant below the minimum", () => {
    const f = computeFinancing(share, [{ costCategory: "materials", plannedCents: 1_000_000, eligible: true }]);
    expect(f.grantCents).toBe(650_000);
    expect(f.belowMin).toBe(true);
    expect(f.notes.join(" ")).toContain("unter der Mindestzuwendung");
  });

  it("uses the higher rate for financially weak Kommunen", () => {
    const f = computeFinancing(share, [{ costCategory: "materials", plannedCents: 10_000_000, eligible: true }], { financiallyWeak: true });
    expect(f.rateBp).toBe(9000);
    expect(f.grantCents).toBe(9_000_000);
  });

  it("pays a fixed amount, never more than the eligible costs", () => {
    const fixed: ProgrammeTerms = { fundingType: "fixed", rateBp: 0, fixedAmountCents: 2_500_000, roundingRule: "cent", eligibleCostCategories: [] };
    expect(computeFinancing(fixed, [{ costCategory: "other", plannedCents: 8_000_000, eligible: true }]).grantCents).toBe(2_500_000);
    expect(computeFinancing(fixed, [{ costCategory: "other", plannedCents: 1_000_000, eligible: true }]).grantCents).toBe(1_000_000);
  });

  it("covers the gap under Fehlbedarfsfinanzierung", () => {
    const deficit: ProgrammeTerms = { fundingType: "deficit", rateBp: 0, roundingRule: "cent", eligibleCostCategories: [] };
    const f = computeFinancing(deficit, [{ costCategory: "other", plannedCents: 8_000_000, eligible: true }], { thirdPartyFundsCents: 3_000_000 });
    expect(f.grantCents).toBe(5_000_000);
    expect(f.ownContributionCents).toBe(0);
  });

  it("property: grant, third-party funds and own contribution always add up to the total and are never negative", () => {
    const item = fc.record({
      costCategory: fc.constantFrom(...COST_CATEGORY_KEYS),
      plannedCents: fc.integer({ min: 0, max: 5_000_000_000 }),
      eligible: fc.boolean(),
    });
    const terms = fc.record({
      fundingType: fc.constantFrom("share" as const, "fixed" as const, "deficit" as const),
      rateBp: fc.integer({ min: 0, max: 10000 }),
      weakRateBp: fc.option(fc.integer({ min: 0, max: 10000 })),
      fixedAmountCents: fc.option(fc.integer({ min: 0, max: 1_000_000_000 })),
      minGrantCents: fc.option(fc.integer({ min: 0, max: 100_000_000 })),
      maxGrantCents: fc.option(fc.integer({ min: 0, max: 5_000_000_000 })),
      roundingRule: fc.constantFrom("euroDown" as const, "cent" as const),
      eligibleCostCategories: fc.subarray([...COST_CATEGORY_KEYS]),
    });
    fc.assert(
      fc.property(terms, fc.array(item, { maxLength: 12 }), fc.integer({ min: 0, max: 2_000_000_000 }), fc.boolean(), (t, items, third, weak) => {
        const f = computeFinancing(t, items, { thirdPartyFundsCents: third, financiallyWeak: weak });
        expect(f.grantCents + f.thirdPartyFundsCents + f.ownContributionCents).toBe(f.totalCents);
        expect(f.grantCents).toBeGreaterThanOrEqual(0);
        expect(f.ownContributionCents).toBeGreaterThanOrEqual(0);
        expect(f.grantCents).toBeLessThanOrEqual(f.eligibleCents);
        if (t.maxGrantCents != null) expect(f.grantCents).toBeLessThanOrEqual(t.maxGrantCents);
        expect(Number.isInteger(f.grantCents)).toBe(true);
        if (t.roundingRule === "euroDown") expect(f.grantCents % 100).toBe(0);
      }),
    );
  });
});

describe("own contribution per budget year", () => {
  it("splits pro rata and puts the remainder on the last year", () => {
    const split = ownContributionByYear(
      [
        { budgetYear: 2027, plannedCents: 100 },
        { budgetYear: 2026, plannedCents: 200 },
      ],
      1000,
    );
    expect(split).toEqual([
      { budgetYear: 2026, ownContributionCents: 666 },
      { budgetYear: 2027, ownContributionCents: 334 },
    ]);
  });
  it("property: the years add up to the own contribution", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ budgetYear: fc.integer({ min: 2024, max: 2030 }), plannedCents: fc.integer({ min: 0, max: 1e9 }) }), { minLength: 1 }),
        fc.integer({ min: 0, max: 1e9 }),
        (items, own) => {
          expect(ownContributionByYear(items, own).reduce((s, y) => s + y.ownContributionCents, 0)).toBe(own);
        },
      ),
    );
  });
});

describe("drawdown check", () => {
  const base = { windowMonths: 2, grantCents: 6_500_000, alreadyRequestedCents: 0, receivedCents: 0, spentCents: 0, grantShareBp: 6500 };
  it("allows the grant share of the payments due within the window", () => {
    const r = checkDrawdown({ ...base, requestedCents: 650_000, plannedPaymentsCents: 1_000_000 });
    expect(r.allowedCents).toBe(650_000);
    expect(r.warnings).toEqual([]);
  });
  it("warns in German when asking for more than the window's payments justify", () => {
    const r = checkDrawdown({ ...base, requestedCents: 1_000_000, plannedPaymentsCents: 1_000_000 });
    expect(r.warnings[0]).toMatch(/übersteigt den Bedarf: Für die in den nächsten 2 Monaten fälligen Zahlungen von 10\.000,00\s€ dürfen anteilig \(65 %\) 6\.500,00\s€ abgerufen werden, also höchstens 6\.500,00\s€\./);
  });
  it("subtracts received funds that are not yet spent", () => {
    const r = checkDrawdown({ ...base, requestedCents: 650_000, plannedPaymentsCents: 1_000_000, receivedCents: 500_000, spentCents: 400_000 });
    expect(r.unspentReceivedCents).toBe(240_000);
    expect(r.allowedCents).toBe(410_000);
    expect(r.warnings[0]).toContain("abzüglich noch nicht verausgabter Mittel von 2.400,00");
  });
  it("warns when the grant is exhausted", () => {
    const r = checkDrawdown({ ...base, alreadyRequestedCents: 6_000_000, requestedCents: 600_000, plannedPaymentsCents: 10_000_000 });
    expect(r.warnings).toEqual([expect.stringContaining("noch nicht abgerufene Zuwendung von 5.000,00")]);
  });
  it("computes the pro-rata share", () => {
    expect(grantShareBp(6_500_000, 10_000_000)).toBe(6500);
    expect(grantShareBp(1, 0)).toBe(0);
  });
});

describe("plan/actual comparison", () => {
  const rules = { permittedDeviationBp: 2000, totalOverrunToleranceBp: 1000 };
  it("flags categories beyond the permitted percentage in words", () => {
    const c = comparePlanActual(
      new Map([
        ["externalServices", 100_000],
        ["materials", 100_000],
        ["investments", 100_000],
      ]),
      new Map([
        ["externalServices", 130_000],
        ["materials", 110_000],
        ["investments", 40_000],
        ["personnel", 5_000],
      ]),
      rules,
    );
    const by = Object.fromEntries(c.rows.map((r) => [r.costCategory, r]));
    expect(by.externalServices.flag).toBe("exceeded");
    expect(by.externalServices.message).toMatch(/überschritten um 30 % .* mehr als die zulässigen 20 %; Änderungsantrag nötig/);
    expect(by.materials.flag).toBe("withinTolerance");
    expect(by.materials.message).toContain("innerhalb der zulässigen 20 %");
    expect(by.investments.flag).toBe("underspent");
    expect(by.personnel.flag).toBe("unplanned");
    expect(by.personnel.message).toContain("nicht im Finanzierungsplan vorgesehen");
    expect(c.total.actualCents).toBe(285_000);
    expect(c.total.flag).toBe("ok");
  });
  it("flags the total overrun against the tolerance", () => {
    const within = comparePlanActual(new Map([["materials", 100_000]]), new Map([["materials", 108_000]]), rules);
    expect(within.total.message).toContain("bis 10 % unschädlich, wenn aus Eigenmitteln getragen");
    const beyond = comparePlanActual(new Map([["materials", 100_000]]), new Map([["materials", 125_000]]), rules);
    expect(beyond.total.flag).toBe("exceeded");
  });
});

describe("reclaim interest", () => {
  it("charges base rate plus 5 points per year, per day", () => {
    // 10.000 € at (1,27 % + 5 %) for 365 days = 627 €.
    expect(reclaimInterestCents(1_000_000, 127, 500, 365)).toBe(62_700);
    expect(reclaimInterestCents(1_000_000, 127, 500, 0)).toBe(0);
  });
  it("applyRate never loses precision for large amounts", () => {
    expect(applyRate(900_719_925_474_099, 6500)).toBe(585_467_951_558_164);
  });
});
