import type { EfaOfferStatus } from "../../../db/schema/efa";

/** Labels of the OZG catalogue, free of the CSV reader so that pages can import them. */

/** Columns of the catalogue CSV (docs/areas/efa.md). */
export const OZG_CSV_REQUIRED = ["OZG-ID", "Name", "Themenfeld"] as const;
export const OZG_CSV_OPTIONAL = ["LeiKa-Schlüssel", "EfA-Land", "EfA-Status"] as const;
/** The 14 Themenfelder of the OZG-Umsetzungskatalog. */
export const OZG_THEMENFELDER = [
  "Arbeit & Ruhestand",
  "Bauen & Wohnen",
  "Bildung",
  "Ein- & Auswanderung",
  "Engagement & Hobby",
  "Familie & Kind",
  "Forschung & Förderung",
  "Gesundheit",
  "Mobilität & Reisen",
  "Querschnitt",
  "Recht & Ordnung",
  "Steuern & Zoll",
  "Umwelt",
  "Unternehmensführung & -entwicklung",
] as const;

export const LAENDER = [
  "Baden-Württemberg",
  "Bayern",
  "Berlin",
  "Brandenburg",
  "Bremen",
  "Hamburg",
  "Hessen",
  "Mecklenburg-Vorpommern",
  "Niedersachsen",
  "Nordrhein-Westfalen",
  "Rheinland-Pfalz",
  "Saarland",
  "Sachsen",
  "Sachsen-Anhalt",
  "Schleswig-Holstein",
  "Thüringen",
  "Bund",
] as const;

export const EFA_STATUS_LABELS: Record<EfaOfferStatus, string> = {
  planned: "in Planung",
  inDevelopment: "in Umsetzung",
  available: "verfügbar (nachnutzbar)",
};

/** An import whose file name says "Beispieldaten" shows as example data, never as the official catalogue. */
export function isExampleSource(fileName: string): boolean {
  return /beispiel/i.test(fileName);
}

