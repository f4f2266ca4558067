import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BASE_RATES, reclaimInterest } from "~/areas/funding/base-rates";
import {
  type LedgerInput,
  type LedgerReceipt,
  balanceStatement,
  checkDrawdownRequest,
  checkReceipt,
  computeLedger,
  overrunFindings,
  reconciliation,
  unspentFundsCents,
} from "~/areas/funding/money";

const receipt = (over: Partial<LedgerReceipt>): LedgerReceipt => ({
  id: 1,
  receiptNumber: "B-1",
  receiptDate: "2026-03-01",
  paidOn: "2026-03-10",
  payee: "Firma",
  purpose: "Leistung",
  costCategory: "externalServices",
  amountCents: 119_000,
  netCents: 100_000,
  vatCents: 19_000,
  ...over,
});

const base: LedgerInput = {
  application: {
    grantedCents: 65_000,
    decisionDate: "2026-01-15",
    fundingPeriodStart: "2026-02-01",
    fundingPeriodEnd: "2026-12-31",
    thirdPartyFundsCents: 0,
    inputTaxDeductible: false,
  },
  programme: { eligibleCostCategories: ["externalServices"], permittedDeviationBp: 2000, totalOverrunToleranceBp: 1000, drawdownWindowMonths: 2 },
  planItems: [{ costCategory: "externalServices", plannedCents: 100_000, eligible: true }],
  drawdowns: [],
  receipts: [],
};

describe("computeLedger", () => {
  it("counts only eligible receipts for the used grant, net with Vorsteuerabzug and gross without", () => {
    const receipts = [
      receipt({ id: 1, receiptNumber: "B-1" }),
      receipt({ id: 2, receiptNumber: "B-2", costCategory: "personnel", amountCents: 50_000, netCents: null, vatCents: null }),
    ];
    const gross = computeLedger({ ...base, receipts });
    // grant share = 65.000 / 100.000 eligible planned = 65 %; only the external service counts.
    expect(gross.grantShareBp).toBe(6500);
    expect(gross.eligibleCents).toBe(119_000);
    expect(gross.grantUsedCents).toBe(65_000); // 77.350 capped at the grant
    expect(gross.ineligibleCents).toBe(50_000);
    expect(gross.lines[1]!.ineligibleReason).toMatch(/Personal/);
    // Below the cap the used grant is the share of the eligible amount alone: the not eligible
    // personnel receipt (500 €) must not raise it (65 % of all gross receipts was the observed defect).
    const small = computeLedger({ ...base, receipts: [receipt({ id: 1, receiptNumber: "B-1", amountCents: 11_900, netCents: 10_000, vatCents: 1_900 }), receipts[1]!] });
    expect(small.eligibleCents).toBe(11_900);
    expect(small.grantUsedCents).toBe(7_735);
    const net = computeLedger({ ...base, application: { ...base.application, inputTaxDeductible: true }, receipts: [receipts[0]!] });
    expect(net.countedCents).toBe(100_000);
    expect(net.grantUsedCents).toBe(65_000);
    expect(net.vatCents).toBe(19_000);
  });

  it("treats receipts outside the funding period and marked receipts as not eligible, with the reason", () => {
    const l = computeLedger({
      ...base,
      receipts: [receipt({ id: 1, receiptDate: "2027-01-05" }), receipt({ id: 2, receiptNumber: "B-2", notEligibleReason: "Doppelt abgerechnet" })],
    });
    expect(l.eligibleCents).toBe(0);
    expect(l.lines.map((x) => x.ineligibleReason)).toEqual(["Doppelt abgerechnet", expect.stringMatching(/außerhalb des Bewilligungszeitraums/)]);
  });

  it("numbers the Belegliste in time order", () => {
    const l = computeLedger({ ...base, receipts: [receipt({ id: 1, receiptNumber: "B-9", receiptDate: "2026-05-01" }), receipt({ id: 2, receiptNumber: "B-1", receiptDate: "2026-04-01" })] });
    expect(l.lines.map((x) => [x.runningNumber, x.receiptNumber])).toEqual([[1, "B-1"], [2, "B-9"]]);
  });

  it("lists requested but not received drawdowns and explains negative own funds", () => {
    const l = computeLedger({
      ...base,
      drawdowns: [
        { id: 1, requestedOn: "2026-02-01", requestedCents: 40_000, receivedOn: "2026-02-10", receivedCents: 40_000 },
        { id: 2, requestedOn: "2026-03-01", requestedCents: 20_000, receivedOn: null, receivedCents: null },
      ],
      receipts: [receipt({ amountCents: 10_000, netCents: null, vatCents: null })],
    });
    expect(l.pendingDrawdownCents).toBe(20_000);
    expect(l.pendingDrawdowns.map((d) => d.id)).toEqual([2]);
    expect(l.ownFundsCents).toBe(-30_000);
    expect(l.ownFundsNote).toMatch(/Eigenmittel negativ.*300,00/);
    expect(computeLedger(base).ownFundsNote).toBeNull();
  });

  it("always reconciles and never uses more grant than granted (generated scenarios)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ amount: fc.integer({ min: 1, max: 10_000_000 }), eligible: fc.boolean(), day: fc.integer({ min: 1, max: 28 }) }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 0, max: 50_000_000 }),
        (rows, grant) => {
          const l = computeLedger({
            ...base,
            application: { ...base.application, grantedCents: grant },
            planItems: [{ costCategory: "externalServices", plannedCents: 50_000_000, eligible: true }],
            receipts: rows.map((r, i) =>
              receipt({ id: i + 1, receiptNumber: `B-${i}`, amountCents: r.amount, netCents: null, vatCents: null, receiptDate: `2026-06-${String(r.day).padStart(2, "0")}`, costCategory: r.eligible ? "externalServices" : "other" }),
            ),
          });
          expect(reconciliation(l)).toEqual([]);
          expect(l.grantUsedCents).toBeLessThanOrEqual(grant);
          expect(l.eligibleCents).toBe(rows.filter((r) => r.eligible).reduce((s, r) => s + r.amount, 0));
        },
      ),
    );
  });
});

describe("balanceStatement", () => {
  it("names an overpayment a reclaim with dated interest, and a shortfall funds still to draw", () => {
    const over = balanceStatement({ receivedCents: 100_000_00, grantUsedCents: 90_000_00 }, { overpaidSince: "2025-01-01", asOf: "2026-01-01" });
    expect(over.kind).toBe("overpaid");
    expect(over.amountCents).toBe(10_000_00);
    // 2025-01-01..06-30: 181 days at 7,27 %; 2025-07-01..12-31: 184 days at 6,27 %.
    const expected = Math.floor((1_000_000 * 727 * 181) / (10000 * 365)) + Math.floor((1_000_000 * 627 * 184) / (10000 * 365));
    expect(over.kind === "overpaid" && over.interest?.totalCents).toBe(expected);
    const under = balanceStatement({ receivedCents: 10, grantUsedCents: 30 }, { overpaidSince: null, asOf: "2026-01-01" });
    expect(under).toMatchObject({ kind: "toDraw", amountCents: 20, label: "Noch abzurufende Zuwendung" });
  });
});

describe("reclaimInterest", () => {
  it("uses the base rate valid on each day and refuses dates before the table", () => {
    const r = reclaimInterest(365_00, "2023-06-30", "2023-07-02");
    expect(r.periods.map((p) => p.rateBp)).toEqual([162 + 500, 312 + 500]);
    expect(r.totalCents).toBe(Math.floor((36500 * 662) / 10000 / 365 * 1) + Math.floor((36500 * 812) / 10000 / 365));
    expect(() => reclaimInterest(100, "2010-01-01", "2011-01-01")).toThrow();
    expect(BASE_RATES.length).toBeGreaterThan(1);
  });
});

describe("checkDrawdownRequest", () => {
  it("refuses drawdowns before the decision and above the grant, hard", () => {
    expect(checkDrawdownRequest({ requestedOn: "2026-02-01", requestedCents: 100, decisionDate: "2026-01-15", grantCents: 1000, otherRequestedCents: 900 })).toEqual({});
    const e = checkDrawdownRequest({ requestedOn: "2026-01-01", requestedCents: 101, decisionDate: "2026-01-15", grantCents: 1000, otherRequestedCents: 900 });
    expect(e.requestedOn?.[0]).toMatch(/vor dem Zuwendungsbescheid vom 15\.01\.2026/);
    expect(e.requestedCents?.[0]).toMatch(/Höchstens 1,00\s€/);
  });
});

describe("checkReceipt", () => {
  it("refuses a receipt outside the period unless marked not eligible with a reason", () => {
    const app = { fundingPeriodStart: "2026-02-01", fundingPeriodEnd: "2026-12-31" };
    expect(checkReceipt({ receiptDate: "2026-01-31", paidOn: null, notEligibleReason: null }, app).receiptDate?.[0]).toMatch(/außerhalb/);
    expect(checkReceipt({ receiptDate: "2026-01-31", paidOn: null, notEligibleReason: "vor Beginn bestellt" }, app)).toEqual({});
    expect(checkReceipt({ receiptDate: "2026-03-01", paidOn: "2026-02-01", notEligibleReason: null }, app).paidOn).toHaveLength(1);
  });
});

describe("overrunFindings and unspentFundsCents", () => {
  it("reports per-item and total overruns beyond the programme limits", () => {
    const l = computeLedger({ ...base, receipts: [receipt({ amountCents: 130_000, netCents: null, vatCents: null })] });
    const codes = overrunFindings(l).map((f) => f.code);
    expect(codes).toEqual(["itemOverrun", "totalOverrun"]);
    expect(overrunFindings(computeLedger({ ...base, receipts: [receipt({ amountCents: 100_000, netCents: null, vatCents: null })] }))).toEqual([]);
  });

  it("counts received funds not used within the window after receipt", () => {
    const drawdowns = [{ id: 7, requestedOn: "2026-02-01", requestedCents: 50_000, receivedOn: "2026-02-10", receivedCents: 50_000 }];
    const l = computeLedger({ ...base, drawdowns, receipts: [receipt({ amountCents: 40_000, netCents: null, vatCents: null, paidOn: "2026-03-01" })] });
    // 65 % of 400 € = 260 € used; 240 € left after the window closed on 10.04.2026.
    expect(unspentFundsCents(l, drawdowns, 2, "2026-05-01")).toEqual({ totalCents: 24_000, items: [{ drawdownId: 7, receivedOn: "2026-02-10", windowEnds: "2026-04-10", unspentCents: 24_000 }] });
    expect(unspentFundsCents(l, drawdowns, 2, "2026-04-01").totalCents).toBe(0);
  });
});
