import { describe, expect, it } from "vitest";
import { type LedgerInput, type LedgerReceipt, computeLedger } from "~/areas/funding/money";
import { blockingMessage, submissionCheck } from "~/areas/funding/submission-check";
import { overrunLimitCents } from "~/areas/funding/calc";

const receipt = (over: Partial<LedgerReceipt>): LedgerReceipt => ({
  id: 1,
  receiptNumber: "B-1",
  receiptDate: "2026-03-01",
  paidOn: "2026-03-10",
  payee: "Firma",
  purpose: "Leistung",
  costCategory: "externalServices",
  amountCents: 100_000,
  netCents: null,
  vatCents: null,
  ...over,
});

const input: LedgerInput = {
  application: { grantedCents: 65_000, decisionDate: "2026-01-15", fundingPeriodStart: "2026-02-01", fundingPeriodEnd: "2026-12-31", thirdPartyFundsCents: 0, inputTaxDeductible: false },
  programme: { eligibleCostCategories: [], permittedDeviationBp: 2000, totalOverrunToleranceBp: 1000, drawdownWindowMonths: 2 },
  planItems: [{ costCategory: "externalServices", plannedCents: 100_000, eligible: true }],
  drawdowns: [{ id: 1, requestedOn: "2026-02-20", requestedCents: 65_000, receivedOn: "2026-02-25", receivedCents: 65_000 }],
  receipts: [receipt({})],
};

function check(over: Partial<LedgerInput> = {}, narrative = "Das Vorhaben ist umgesetzt.") {
  const full = { ...input, ...over };
  return submissionCheck({ ledger: computeLedger(full), drawdowns: full.drawdowns, drawdownWindowMonths: 2, narrative, asOf: "2027-01-15" });
}

describe("Prüfung vor Einreichung", () => {
  it("has no point for a clean application, so archiving is allowed", () => {
    expect(check()).toEqual([]);
    expect(blockingMessage(check())).toBeNull();
  });

  it("blocks on a missing Sachbericht and on receipts without payment date, naming them", () => {
    const points = check({ receipts: [receipt({ paidOn: null }), receipt({ id: 2, receiptNumber: "B-2", amountCents: 1 })] }, "  ");
    expect(points.map((p) => [p.code, p.blocking])).toEqual([
      ["sachbericht", true],
      ["unpaidReceipts", true],
    ]);
    expect(points[1].message).toBe("1 Beleg hat kein Zahlungsdatum: B-1. Nachgewiesen werden nur bezahlte Ausgaben.");
    expect(blockingMessage(points)).toMatch(/^Der Verwendungsnachweis kann noch nicht archiviert werden\. Offen \(Prüfung vor Einreichung\): 1\. Der Sachbericht fehlt .* 2\. 1 Beleg hat/);
  });

  it("blocks on an item overrun beyond P % and a total overrun beyond 10 %, not within them", () => {
    expect(overrunLimitCents(100_000, 2000)).toBe(120_000);
    expect(check({ receipts: [receipt({ amountCents: 120_000 })] }).filter((p) => p.blocking)).toEqual([
      { code: "overrun", blocking: true, message: expect.stringContaining("Gesamtausgaben überschreiten den Plan um 20 %") },
    ]);
    const item = check({
      planItems: [...input.planItems, { costCategory: "materials", plannedCents: 100_000, eligible: true }],
      receipts: [receipt({ amountCents: 121_000 }), receipt({ id: 2, receiptNumber: "B-2", costCategory: "materials", amountCents: 79_000 })],
    });
    expect(item.map((p) => p.message)).toEqual([expect.stringMatching(/^Fremdleistungen: überschritten um 21 %/)]);
    expect(check({ receipts: [receipt({ amountCents: 110_000 })] })).toEqual([]);
  });

  it("informs on not eligible receipts, unspent funds past the window and pending drawdowns without blocking", () => {
    const points = check({
      receipts: [receipt({ notEligibleReason: "Bewirtung" })],
      drawdowns: [
        { id: 1, requestedOn: "2026-02-20", requestedCents: 64_000, receivedOn: "2026-02-25", receivedCents: 64_000 },
        { id: 2, requestedOn: "2026-12-01", requestedCents: 1_000, receivedOn: null, receivedCents: null },
      ],
    });
    expect(points.map((p) => [p.code, p.blocking])).toEqual([
      ["unspentFunds", false],
      ["ineligibleReceipts", false],
      ["pendingDrawdowns", false],
    ]);
    expect(points[0].message).toContain("Vom Eingang am 25.02.2026 sind 640,00");
    expect(points[1].message).toContain("B-1 – Bewirtung");
    expect(blockingMessage(points)).toBeNull();
  });

  it("blocks when the drawdowns exceed the grant (totals do not reconcile)", () => {
    const points = check({ drawdowns: [{ id: 1, requestedOn: "2026-02-20", requestedCents: 70_000, receivedOn: "2026-02-25", receivedCents: 65_000 }] });
    expect(points.filter((p) => p.blocking).map((p) => p.message)).toEqual([expect.stringContaining("übersteigen die Zuwendung")]);
  });
});
