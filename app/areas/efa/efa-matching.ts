import type { AdoptionStatus, EfaOfferStatus } from "../../../db/schema/efa";
import { OZG_THEMENFELDER } from "./labels";

/**
 * Recommendation rule data for the maturity self-assessment (#15): which OZG Themenfelder match a
 * catalogue item, so a gap can point to EfA services the Kommune could reuse. By item code where
 * an item is about online services as a whole, otherwise by the item's purpose tag.
 */
export const EFA_THEMENFELDER_BY_ITEM: Readonly<Record<string, readonly string[]>> = {
  // Online-Verwaltungsleistungen, Bürgerkonto, Prozessmanagement, interkommunale Zusammenarbeit: every EfA service helps.
  "VW-01": OZG_THEMENFELDER,
  "VW-06": OZG_THEMENFELDER,
  "DO-06": OZG_THEMENFELDER,
  "DO-08": OZG_THEMENFELDER,
  "VW-03": ["Steuern & Zoll", "Querschnitt"],
  "IT-06": ["Querschnitt", "Recht & Ordnung"],
};

export const EFA_THEMENFELDER_BY_PURPOSE: Readonly<Record<string, readonly string[]>> = {
  Verwaltung: ["Querschnitt", "Recht & Ordnung", "Steuern & Zoll"],
  Bürgerservice: ["Engagement & Hobby", "Gesundheit", "Familie & Kind", "Querschnitt"],
  Bildung: ["Bildung", "Familie & Kind"],
  Mobilität: ["Mobilität & Reisen"],
  Energie: ["Umwelt"],
};

export const MAX_EFA_SUGGESTIONS = 3;

export interface EfaCandidate {
  id: number;
  ozgId: string;
  name: string;
  themenfeld: string;
  efaProvidingLand: string | null;
  efaStatus: EfaOfferStatus | null;
}

const OFFER_ORDER: Record<EfaOfferStatus, number> = { available: 0, inDevelopment: 1, planned: 2 };

/**
 * EfA services matching an item: an EfA offer exists, the Themenfeld fits, and the Kommune has not
 * already taken it live or marked it not relevant. Offers that can be reused now come first.
 */
export function matchEfaServices<S extends EfaCandidate>(
  item: { code: string; purposeTag: string },
  services: readonly S[],
  statusOf: (serviceId: number) => AdoptionStatus,
  limit = MAX_EFA_SUGGESTIONS,
): S[] {
  const fields = new Set(EFA_THEMENFELDER_BY_ITEM[item.code] ?? EFA_THEMENFELDER_BY_PURPOSE[item.purposeTag] ?? []);
  return services
    .filter((s) => s.efaStatus !== null && fields.has(s.themenfeld))
    .filter((s) => !["live", "notRelevant"].includes(statusOf(s.id)))
    .sort((a, b) => OFFER_ORDER[a.efaStatus!] - OFFER_ORDER[b.efaStatus!] || a.name.localeCompare(b.name, "de"))
    .slice(0, limit);
}
