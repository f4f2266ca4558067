import type { CostCategory } from "../../db/schema/funding";
import type { LedgerInput, LedgerReceipt } from "../../app/areas/funding/money";
import { finalReportData } from "../../app/reports/data/grant-report";
import type { FinalReportData } from "../../app/reports/data/types";

const CATEGORIES: Record<string, string> = {
  personnel: "Personal",
  materials: "Sachausgaben",
  investments: "Investitionen",
  externalServices: "Fremdleistungen",
};
const PAYEES = ["Müller & Söhne GmbH", "Kommunale IT-Dienstleister eG", "Büro für Öffentlichkeitsarbeit „Klartext“", "Stadtwerke Musterstadt GmbH", "Schulungszentrum Süd – Weiterbildung"];
const PURPOSES = ["Lizenzgebühren Bürgerportal", "Schulung Digitallotsen (2 Tage)", "Hardware: Tablets für den Außendienst inklusive Schutzhüllen und Ladegeräten", "Beratung Prozessanalyse Bürgeramt", "Personalkosten Projektstelle"];

/** Synthetic ledger input with n receipts (deterministic), for tests and the bench. */
export function syntheticLedgerInput(n: number): LedgerInput {
  const keys = Object.keys(CATEGORIES) as CostCategory[];
  const receipts: LedgerReceipt[] = [];
  for (let i = 0; i < n; i++) {
    const day = 1 + ((i * 7) % 28);
    const month = 1 + ((i * 5) % 12);
    const date = `2025-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
    const amountCents = 1000 + ((i * 7919) % 250_000);
    const netCents = Math.round(amountCents / 1.19);
    receipts.push({
      id: i + 1,
      receiptNumber: `B-${String(i + 1).padStart(4, "0")}`,
      receiptDate: date,
      paidOn: i % 17 === 0 ? null : date,
      payee: PAYEES[i % PAYEES.length],
      purpose: PURPOSES[(i * 3) % PURPOSES.length],
      costCategory: keys[i % keys.length],
      amountCents,
      netCents,
      vatCents: amountCents - netCents,
      notEligibleReason: i % 41 === 5 ? "Skontoabzug nicht in Anspruch genommen (Nr. 1.4 ANBest-Gk)." : null,
    });
  }
  const total = receipts.reduce((s, r) => s + r.amountCents, 0);
  const grantedCents = Math.floor(total * 0.65);
  return {
    application: {
      grantedCents,
      decisionDate: "2025-01-15",
      fundingPeriodStart: "2025-01-01",
      fundingPeriodEnd: "2025-12-31",
      thirdPartyFundsCents: 0,
      inputTaxDeductible: false,
    },
    programme: { eligibleCostCategories: [], permittedDeviationBp: 2000, totalOverrunToleranceBp: 1000, drawdownWindowMonths: 2 },
    planItems: keys.map((k, i) => ({ costCategory: k, plannedCents: Math.round(total / 4) + (i - 1) * 50_000, eligible: true, budgetYear: 2025 })),
    drawdowns: [
      { id: 1, requestedOn: "2025-03-01", requestedCents: grantedCents - 200_000, receivedOn: "2025-03-20", receivedCents: grantedCents - 200_000 },
      { id: 2, requestedOn: "2025-12-01", requestedCents: 100_000, receivedOn: null, receivedCents: null, overrideReason: "Schlussrechnung vor Jahresende fällig." },
    ],
    receipts,
  };
}

/** Synthetic Verwendungsnachweis data with n receipts (deterministic), for tests and the bench. */
export function syntheticFinalReport(n: number): FinalReportData {
  const input = syntheticLedgerInput(n);
  const grantedCents = input.application.grantedCents!;
  return finalReportData(input, {
    municipality: { name: "Musterstadt", slug: "musterstadt" },
    generatedAt: "2026-11-25T09:30:00.000Z",
    generatedBy: "cdo@musterstadt.example",
    asOf: "2026-11-25",
    cover: {
      applicationId: 1,
      recipient: "Stadt Musterstadt, Stabsstelle Digitalisierung",
      fileNumber: "DIG-2025-0042",
      decisionDate: "2025-01-15",
      grantedCents,
      fundingPeriodStart: "2025-01-01",
      fundingPeriodEnd: "2025-12-31",
      measureTitle: "Digitales Bürgeramt – Online-Terminvergabe und E-Akte",
      projectTitle: "Digitales Bürgeramt",
      programmeName: "Kommunal digital",
      funder: "Land Brandenburg, Ministerium des Innern und für Kommunales",
      programmeAgency: null,
      fundingTypeLabel: "Anteilfinanzierung",
      fundingRateBp: 6500,
      ancillaryProvisions: "ANBest-Gk",
    },
    contact: { recipient: "Stadt Musterstadt", unit: "Stabsstelle Digitalisierung", person: "Maria Beispiel", email: "digital@musterstadt.example" },
    amendments: [{ recordedOn: "2025-06-10T08:00:00.000Z", text: "Änderungsbescheid vom 10.06.2025: Änderung bewilligt – Umschichtung zu Sachausgaben" }],
    narrative:
      "Mit der Maßnahme wurde die Online-Terminvergabe im Bürgeramt eingeführt und die E-Akte für Meldeangelegenheiten pilotiert.\n\nDie Ziele wurden erreicht: 78 % der Termine werden online gebucht, die Wartezeit sank von 35 auf 9 Minuten. Abweichungen vom Finanzierungsplan ergaben sich bei den Sachausgaben (Preissteigerungen für Hardware), die durch Einsparungen bei den Fremdleistungen ausgeglichen wurden.",
  });
}
