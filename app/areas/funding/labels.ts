import type {
  AncillaryProvisions,
  CostCategory,
  DocumentType,
  FundingType,
  RoundingRule,
} from "../../../db/schema/funding";

/** German labels for the funding area's codes (client-safe: types only from the schema). */
export const COST_CATEGORY_LABELS: Record<CostCategory, string> = {
  personnel: "Personal",
  materials: "Sachausgaben",
  investments: "Investitionen",
  externalServices: "Fremdleistungen",
  other: "Sonstiges",
};

export const COST_CATEGORY_KEYS = Object.keys(COST_CATEGORY_LABELS) as CostCategory[];

export const FUNDING_TYPE_LABELS: Record<FundingType, string> = {
  share: "Anteilfinanzierung",
  fixed: "Festbetragsfinanzierung",
  deficit: "Fehlbedarfsfinanzierung",
};

export const ROUNDING_RULE_LABELS: Record<RoundingRule, string> = {
  euroDown: "abrunden auf volle Euro",
  cent: "centgenau (abgerundet)",
};

export const ANCILLARY_PROVISION_LABELS: Record<AncillaryProvisions, string> = {
  "ANBest-Gk": "ANBest-Gk (Bund, Gebietskörperschaften)",
  "ANBest-P": "ANBest-P (Projektförderung)",
  "ANBest-K": "ANBest-K (kommunal, Land)",
  "ANBest-EU": "ANBest-EU (EU-Mittel)",
  other: "andere Nebenbestimmungen",
};

export const DOCUMENT_TYPE_LABELS: Record<DocumentType, string> = {
  projectOutline: "Projektskizze",
  projectDescription: "Vorhabenbeschreibung",
  financePlan: "Finanzierungsplan",
  budgetConfirmation: "Haushaltsbestätigung (Eigenanteil)",
  quote: "Angebot / Kostenschätzung",
  grantDecision: "Zuwendungsbescheid",
  report: "Nachweis / Bericht",
  receipt: "Beleg",
  other: "Sonstiges",
};

export const MUNICIPALITY_KIND_LABELS = {
  stadt: "Städte",
  gemeinde: "Gemeinden",
  landkreis: "Landkreise",
  amt: "Ämter",
} as const;
