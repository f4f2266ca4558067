/**
 * The "Entwurf" mark of the grant reports: a Verwendungsnachweis before the end of the funding period
 * and a Zwischennachweis before the end of its period (the budget year within the funding period)
 * carry the same mark through the same data field, printed on every page by the renderer.
 */
import { describe, expect, it } from "vitest";
import { type GrantReportMeta, finalReportData, interimReportData } from "~/reports/data/grant-report";
import { renderReport } from "~/reports/renderer.server";
import { loadTemplate, reportFonts } from "~/reports/templates.server";
import { pdfTools } from "../support/pdf-tools";
import { syntheticFinalReport, syntheticLedgerInput } from "../support/report-fixtures";

const base = syntheticFinalReport(1);
const meta = (asOf: string, earlyReason: string | null = null): GrantReportMeta => ({
  municipality: base.municipality,
  generatedAt: `${asOf}T09:00:00.000Z`,
  generatedBy: "test",
  asOf,
  // the synthetic grant runs 01.01.2025–31.12.2025
  cover: base.cover,
  contact: base.contact,
  narrative: "Sachbericht",
  amendments: [],
  earlyReason,
});
const year2025 = { budgetYear: 2025, from: "2025-01-01", to: "2025-12-31" };

describe("draft mark of VN and ZN", () => {
  it("marks a VN before the end of the funding period, not after it and not when issued early", () => {
    const input = syntheticLedgerInput(3);
    expect(finalReportData(input, meta("2025-12-31")).watermark).toBe("Entwurf");
    expect(finalReportData(input, meta("2026-01-01")).watermark).toBeUndefined();
    expect(finalReportData(input, meta("2025-06-30", "Maßnahme vorzeitig abgeschlossen.")).watermark).toBeUndefined();
  });

  it("marks a ZN before the end of its period with the same field and label as the VN", () => {
    const input = syntheticLedgerInput(3);
    const draft = interimReportData(input, meta("2025-12-31"), year2025);
    expect(draft.watermark).toBe("Entwurf");
    expect(draft.documentLabel).toBe("Zwischennachweis 2025 (Entwurf – der Nachweiszeitraum endet am 31.12.2025)");
    const vnDraft = finalReportData(input, meta("2025-12-31"));
    expect(vnDraft.documentLabel).toBe("Verwendungsnachweis (Entwurf – der Bewilligungszeitraum endet am 31.12.2025)");
    const final = interimReportData(input, meta("2026-01-01"), year2025);
    expect(final.watermark).toBeUndefined();
    expect(final.documentLabel).toBe("Zwischennachweis für das Haushaltsjahr 2025");
  });

  it("a ZN's period ends with the funding period when that ends within the year", () => {
    const input = syntheticLedgerInput(3);
    const lastYear = { budgetYear: 2025, from: "2025-01-01", to: "2025-10-31" };
    expect(interimReportData(input, meta("2025-11-01"), lastYear).watermark).toBeUndefined();
    expect(interimReportData(input, meta("2025-10-31"), lastYear).watermark).toBe("Entwurf");
  });

  it("prints ENTWURF on every page of a draft ZN and the draft label as its heading; a final ZN has neither", async () => {
    const input = syntheticLedgerInput(60);
    const { template, file } = loadTemplate("zwischennachweis");
    const render = async (asOf: string) => {
      const tools = pdfTools(await renderReport({ template, templateFile: file, data: interimReportData(input, meta(asOf), year2025), assets: reportFonts() }));
      try {
        return tools.text();
      } finally {
        tools.cleanup();
      }
    };
    const draftPages = (await render("2025-12-01")).split("\f").filter((p) => p.trim());
    expect(draftPages.length).toBeGreaterThan(1);
    for (const page of draftPages) {
      expect(page).toContain("ENTWURF");
      expect(page).toContain("Entwurf – nicht zur Einreichung bestimmt");
    }
    expect(draftPages[0]).toMatch(/Zwischennachweis 2025 \(Entwurf – der\s+Nachweiszeitraum endet am\s+31\.12\.2025\)/);
    const finalText = await render("2026-02-01");
    expect(finalText).not.toContain("ENTWURF");
    expect(finalText).toContain("Zwischennachweis für das Haushaltsjahr 2025");
  }, 60_000);
});

describe("ZN overruns: a category planned in another budget year", () => {
  const input = syntheticLedgerInput(40);
  const category = input.planItems[0]!.costCategory;
  // The plan puts this category into 2026; the receipts of 2025 are a shift between years.
  const shifted = { ...input, planItems: input.planItems.map((i) => (i.costCategory === category ? { ...i, budgetYear: 2026 } : i)) };

  it("is named a shift with the years and the overall plan, not an unplanned expense needing an amendment", () => {
    const zn = interimReportData(shifted, meta("2026-02-01"), year2025);
    const row = zn.financialStatement.expenditure.find((e) => e.costCategory === category)!;
    expect(row.plannedCents).toBe(0);
    expect(row.actualCents).toBeGreaterThan(0);
    const messages = zn.financialStatement.overruns.map((o) => o.message).filter((m) => m.startsWith(`${row.costCategoryLabel}: `));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/im Finanzierungsplan nicht für 2025, sondern für 2026 vorgesehen \(insgesamt [\d.,]+\s€\)/);
    expect(messages[0]).not.toMatch(/Änderungsantrag/);
  });

  it("keeps the amendment message for a category the plan has in no year", () => {
    const unplanned = { ...input, planItems: input.planItems.filter((i) => i.costCategory !== category) };
    const zn = interimReportData(unplanned, meta("2026-02-01"), year2025);
    const label = zn.financialStatement.expenditure.find((e) => e.costCategory === category)!.costCategoryLabel;
    const messages = zn.financialStatement.overruns.map((o) => o.message).filter((m) => m.startsWith(`${label}: `));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/nicht im Finanzierungsplan vorgesehen: .*Änderungsantrag/);
  });
});
