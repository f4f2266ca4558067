import type { FinalReportData, ReceiptLine } from "../../app/reports/data/types";
import { buildFinancialStatement, orderReceipts } from "../../app/reports/data/financial-statement";

const CATEGORIES: Record<string, string> = {
  personnel: "Personal",
  materials: "Sachausgaben",
  investments: "Investitionen",
  externalServices: "Fremdleistungen",
};
const PAYEES = ["Müller & Söhne GmbH", "Kommunale IT-Dienstleister eG", "Büro für Öffentlichkeitsarbeit „Klartext“", "Stadtwerke Musterstadt GmbH", "Schulungszentrum Süd – Weiterbildung"];
const PURPOSES = ["Lizenzgebühren Bürgerportal", "Schulung Digitallotsen (2 Tage)", "Hardware: Tablets für den Außendienst inklusive Schutzhüllen und Ladegeräten", "Beratung Prozessanalyse Bürgeramt", "Personalkosten Projektstelle"];

/** Synthetic Verwendungsnachweis data with n receipts (deterministic), for tests and the bench. */
export function syntheticFinalReport(n: number): FinalReportData {
  const keys = Object.keys(CATEGORIES);
  const receipts: ReceiptLine[] = [];
  for (let i = 0; i < n; i++) {
    const category = keys[i % keys.length];
    const day = 1 + ((i * 7) % 28);
    const month = 1 + ((i * 5) % 12);
    receipts.push({
      receiptNumber: `B-${String(i + 1).padStart(4, "0")}`,
      date: `2025-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`,
      payee: PAYEES[i % PAYEES.length],
      purpose: PURPOSES[(i * 3) % PURPOSES.length],
      costCategory: category,
      costCategoryLabel: CATEGORIES[category],
      amountCents: 1000 + ((i * 7919) % 250_000),
    });
  }
  const ordered = orderReceipts(receipts, keys);
  const total = ordered.reduce((s, r) => s + r.amountCents, 0);
  const grantedCents = Math.floor(total * 0.65);
  const financialStatement = buildFinancialStatement({
    categoryLabels: CATEGORIES,
    planItems: keys.map((k, i) => ({ costCategory: k, plannedCents: Math.round(total / 4) + (i - 1) * 50_000 })),
    receipts: ordered,
    drawdowns: [{ requestedOn: "2025-03-01", receivedOn: "2025-03-20", receivedCents: grantedCents - 100_000 }],
    grantedCents,
    thirdPartyFundsCents: 0,
    fundingType: "share",
    rateBp: 6500,
  });
  return {
    municipality: { name: "Musterstadt", slug: "musterstadt" },
    generatedAt: "2026-11-25T09:30:00.000Z",
    generatedBy: "cdo@musterstadt.example",
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
    narrative:
      "Mit der Maßnahme wurde die Online-Terminvergabe im Bürgeramt eingeführt und die E-Akte für Meldeangelegenheiten pilotiert.\n\nDie Ziele wurden erreicht: 78 % der Termine werden online gebucht, die Wartezeit sank von 35 auf 9 Minuten. Abweichungen vom Finanzierungsplan ergaben sich bei den Sachausgaben (Preissteigerungen für Hardware), die durch Einsparungen bei den Fremdleistungen ausgeglichen wurden.",
    financialStatement,
    drawdowns: [{ requestedOn: "2025-03-01", receivedOn: "2025-03-20", receivedCents: grantedCents - 100_000 }],
    receipts: ordered,
    receiptTotalCents: total,
  };
}
