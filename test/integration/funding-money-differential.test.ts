/**
 * Differential test: every money figure of the grant reports (VN, ZN), the Statusbericht and the
 * Projektsteckbrief equals what the page loaders show, for the demo data (report data and the
 * rendered PDF's text) and for generated scenarios (fast-check over the pure ledger).
 */
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { fundingApplications } from "../../db/schema";
import type { CostCategory } from "../../db/schema/funding";
import { type LedgerInput, computeLedger, reconciliation } from "~/areas/funding/money";
import { finalReportData, interimReportData } from "~/reports/data/grant-report";
import { loadReportData } from "~/reports/data/index.server";
import type { FinalReportData, InterimReportData, ProjectProfileData, StatusReportData } from "~/reports/data/types";
import { renderReport } from "~/reports/renderer.server";
import { loadTemplate, reportFonts } from "~/reports/templates.server";
import { stopRenderWorker } from "~/reports/worker.server";
import * as applicationRoute from "~/routes/_app.foerderung.antraege.$applicationId._index";
import * as overviewRoute from "~/routes/_app.foerderung._index";
import * as trainingsRoute from "~/routes/_app.schulungen._index";
import { getDb } from "~/utils/db.server";
import { formatEuro, formatPercentBp, todayIso } from "~/utils/format";
import { pdfTools } from "../support/pdf-tools";
import { syntheticFinalReport } from "../support/report-fixtures";
import { callLoader, signIn } from "../support/requests";

afterAll(() => stopRenderWorker());

const eur = (cents: number) => formatEuro(cents).replace(/\u00a0/g, " ");

describe("demo data: reports and pages show the same money", () => {
  it("VN, ZN, Statusbericht and Steckbrief agree with the application page, the funding overview and the trainings page", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const demo = getDb().select().from(fundingApplications).where(eq(fundingApplications.fileNumber, "DK-2-4711/BE")).get()!;
    const tenant = { municipalityId: demo.municipalityId };
    const page = await (await callLoader(applicationRoute.loader, `/foerderung/antraege/${demo.id}`, { caller: cdo, params: { applicationId: String(demo.id) } })).json();
    const request = { subjectId: demo.id, generatedBy: "test", narrative: "" };
    const vn = loadReportData(getDb(), tenant, { ...request, type: "verwendungsnachweis" }).data as FinalReportData;
    const g = vn.financialStatement.grant;
    expect(g.grantedCents).toBe(page.money.grantCents);
    expect(g.requestedCents).toBe(page.money.requestedCents);
    expect(g.receivedCents).toBe(page.money.receivedCents);
    expect(g.usedCents).toBe(page.money.grantUsedCents);
    expect(g.eligibleCents).toBe(page.money.eligibleCents);
    expect(g.grantShareBp).toBe(page.money.grantShareBp);
    expect(vn.financialStatement.totals.actualExpenditureCents).toBe(page.money.spentCents);
    expect(vn.financialStatement.income.find((l) => l.label === "Eigenmittel")!.actualCents).toBe(page.money.ownFundsCents);
    expect(vn.financialStatement.expenditure.map((l) => [l.costCategory, l.plannedCents, l.actualCents])).toEqual(
      page.comparison.rows.map((r: { costCategory: string; plannedCents: number; actualCents: number }) => [r.costCategory, r.plannedCents, r.actualCents]),
    );
    // every drawdown that counts, requested-but-not-received ones included
    expect(vn.drawdowns.reduce((s, d) => s + d.requestedCents, 0)).toBe(page.money.requestedCents);

    // ZN: the budget years together give the VN's receipts and eligible amounts, and no year carries the whole grant
    const years = [Number(demo.fundingPeriodStart!.slice(0, 4)), Number(demo.fundingPeriodEnd!.slice(0, 4))];
    const zns = [...new Set(years)].map((budgetYear) => loadReportData(getDb(), tenant, { ...request, type: "zwischennachweis", budgetYear }).data as InterimReportData);
    expect(zns.reduce((s, z) => s + z.receiptTotalCents, 0)).toBe(vn.receiptTotalCents);
    expect(zns.reduce((s, z) => s + z.financialStatement.grant.eligibleCents, 0)).toBe(g.eligibleCents);
    for (const z of zns) {
      expect(z.financialStatement.grant.grantShareBp).toBe(g.grantShareBp);
      const own = z.financialStatement.income.find((l) => l.label === "Eigenmittel")!;
      expect(own.plannedCents).toBeGreaterThanOrEqual(0);
    }

    // Statusbericht: secured funding as on the funding overview; training coverage as on the trainings page
    const overview = await (await callLoader(overviewRoute.loader, "/foerderung", { caller: cdo })).json();
    const status = loadReportData(getDb(), tenant, { ...request, type: "statusbericht" }).data as StatusReportData;
    const granted = overview.applications.filter((a: { grantedCents: number | null; state: string }) => a.grantedCents != null && status.fundingSecured.some((f) => f.title === (a as unknown as { title: string }).title));
    expect(status.fundingSecuredTotalCents).toBe(granted.reduce((s: number, a: { grantedCents: number }) => s + a.grantedCents, 0));
    const trainings = await (await callLoader(trainingsRoute.loader, "/schulungen", { caller: cdo })).json();
    expect(status.kpis.find((k) => k.label.startsWith("Schulungsquote"))!.value).toBe(formatPercentBp(trainings.coverage.total.coverageBp));
    const trainedGoal = status.goals.find((goal) => goal.indicator.startsWith("Anteil geschulter"));
    expect(trainedGoal, "demo goal measured by the Schulungsquote").toBeDefined();
    expect(`${trainedGoal!.actual} %`).toBe(formatPercentBp(trainings.coverage.total.coverageBp));

    // Steckbrief: the funding rows carry the ledger's figures; the overview's received figure is the same
    const profile = loadReportData(getDb(), tenant, { ...request, type: "projektsteckbrief", subjectId: demo.projectId }).data as ProjectProfileData;
    const row = profile.funding.find((f) => f.title === demo.title)!;
    expect(row.plannedCostsCents).toBe(page.money.totalPlannedCents);
    expect(row.receivedCents).toBe(page.money.receivedCents);
    expect(overview.applications.find((a: { id: number }) => a.id === demo.id).receivedCents).toBe(page.money.receivedCents);
    expect(overview.applications.find((a: { id: number }) => a.id === demo.id).spentCents).toBe(page.money.spentCents);

    // the rendered demo VN prints the same figures
    const { template, file } = loadTemplate("verwendungsnachweis");
    const tools = pdfTools(await renderReport({ template, templateFile: file, data: vn, assets: reportFonts() }));
    try {
      const text = tools.text();
      expect(text).toMatch(new RegExp(`davon eingegangen\\s+${eur(page.money.receivedCents).replace(/\./g, "\\.")}`));
      expect(text).toMatch(new RegExp(`Zuwendungsfähig verwendet\\s+${eur(page.money.grantUsedCents).replace(/\./g, "\\.")}`));
      expect(text).toMatch(new RegExp(`Abgerufen\\s+${eur(page.money.requestedCents).replace(/\./g, "\\.")}`));
      expect(text).toContain(eur(page.money.spentCents));
      if (todayIso() <= demo.fundingPeriodEnd!) {
        for (const p of text.split("\f").filter((x) => x.trim())) expect(p).toContain("ENTWURF");
      }
    } finally {
      tools.cleanup();
    }
  }, 120_000);
});

const CATEGORIES: CostCategory[] = ["personnel", "materials", "investments", "externalServices"];
const day = fc.integer({ min: 0, max: 900 }).map((n) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
const scenario: fc.Arbitrary<LedgerInput> = fc
  .record({
    grant: fc.integer({ min: 0, max: 50_000_000 }),
    third: fc.integer({ min: 0, max: 5_000_000 }),
    deductible: fc.boolean(),
    excluded: fc.subarray(CATEGORIES, { maxLength: 2 }),
    plan: fc.array(fc.record({ costCategory: fc.constantFrom(...CATEGORIES), plannedCents: fc.integer({ min: 0, max: 30_000_000 }), eligible: fc.boolean(), budgetYear: fc.constantFrom(2025, 2026) }), { maxLength: 8 }),
    drawdowns: fc.array(fc.record({ requestedOn: day, requestedCents: fc.integer({ min: 1, max: 10_000_000 }), received: fc.option(fc.integer({ min: 0, max: 10_000_000 })) }), { maxLength: 5 }),
    receipts: fc.array(
      fc.record({ receiptDate: day, costCategory: fc.constantFrom(...CATEGORIES), amountCents: fc.integer({ min: 1, max: 5_000_000 }), vatShare: fc.option(fc.integer({ min: 0, max: 19 })), mark: fc.option(fc.constant("Doppelt abgerechnet.")) }),
      { maxLength: 30 },
    ),
  })
  .map((s) => ({
    application: { grantedCents: s.grant, decisionDate: "2025-01-01", fundingPeriodStart: "2025-03-01", fundingPeriodEnd: "2026-10-31", thirdPartyFundsCents: s.third, inputTaxDeductible: s.deductible },
    programme: { eligibleCostCategories: CATEGORIES.filter((c) => !s.excluded.includes(c)), permittedDeviationBp: 2000, totalOverrunToleranceBp: 1000, drawdownWindowMonths: 2 },
    planItems: s.plan,
    drawdowns: s.drawdowns.map((d, i) => ({ id: i + 1, requestedOn: d.requestedOn, requestedCents: d.requestedCents, receivedOn: d.received === null ? null : d.requestedOn, receivedCents: d.received })),
    receipts: s.receipts.map((r, i) => {
      const vat = r.vatShare === null ? null : Math.floor((r.amountCents * r.vatShare) / 119);
      return { id: i + 1, receiptNumber: `B-${i + 1}`, receiptDate: r.receiptDate, paidOn: r.receiptDate, payee: "=HYPERLINK(1)", purpose: "Z", costCategory: r.costCategory, amountCents: r.amountCents, netCents: vat === null ? null : r.amountCents - vat, vatCents: vat, notEligibleReason: r.mark };
    }),
  }));

const meta = {
  municipality: { name: "Musterstadt", slug: "musterstadt" },
  generatedAt: "2026-11-30T10:00:00.000Z",
  generatedBy: "test",
  asOf: "2026-11-30",
  cover: syntheticFinalReport(1).cover,
  contact: { recipient: "Stadt Musterstadt", unit: "–", person: "–", email: "–" },
  narrative: "Sachbericht",
  amendments: [],
};

describe("generated scenarios: report data equals the ledger the pages read", () => {
  it("VN and ZN figures are the ledger's; income reconciles with expenditure; own funds never negative without the note", () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const ledger = computeLedger(input);
        const vn = finalReportData(input, meta);
        const g = vn.financialStatement.grant;
        expect([g.grantedCents, g.requestedCents, g.receivedCents, g.pendingCents, g.eligibleCents, g.usedCents]).toEqual([
          ledger.grantCents, ledger.requestedCents, ledger.receivedCents, ledger.pendingDrawdownCents, ledger.eligibleCents, ledger.grantUsedCents,
        ]);
        expect(g.balanceCents).toBe(ledger.receivedCents - ledger.grantUsedCents);
        expect(vn.financialStatement.totals.actualIncomeCents).toBe(vn.financialStatement.totals.actualExpenditureCents);
        expect(vn.receipts.reduce((s, r) => s + r.eligibleCents, 0)).toBe(ledger.eligibleCents);
        expect(vn.receipts.reduce((s, r) => s + r.amountCents, 0)).toBe(ledger.grossCents);
        expect(vn.drawdowns.length).toBe(input.drawdowns.length);
        expect(reconciliation(ledger).filter((f) => !f.message.startsWith("Die Abrufe"))).toEqual([]);
        for (const line of vn.financialStatement.income) {
          if (line.label === "Eigenmittel" && (line.actualCents < 0 || line.plannedCents < 0)) expect(vn.financialStatement.ownFundsNote).not.toBe("");
        }
        // ZN per budget year: same eligibility rule, the years add up to the VN (all receipts fall in 2025–2027)
        const zns = [2025, 2026, 2027].map((budgetYear) => interimReportData(input, meta, { budgetYear, from: `${budgetYear}-01-01`, to: `${budgetYear}-12-31` }));
        expect(zns.reduce((s, z) => s + z.financialStatement.grant.eligibleCents, 0)).toBe(ledger.eligibleCents);
        expect(zns.reduce((s, z) => s + z.receiptTotalCents, 0)).toBe(ledger.grossCents);
        for (const z of zns) {
          expect(z.financialStatement.grant.grantedCents).toBeLessThanOrEqual(ledger.grantCents);
          for (const r of z.ineligibleReceipts) expect(vn.ineligibleReceipts.find((v) => v.receiptNumber === r.receiptNumber)?.ineligibleReason).toBe(r.ineligibleReason);
        }
      }),
      { numRuns: 150 },
    );
  });
});
