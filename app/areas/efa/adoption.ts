import { z } from "zod";
import { ADOPTION_STATUSES, type AdoptionStatus } from "../../../db/schema/efa";

export { ADOPTION_STATUSES };

export const ADOPTION_STATUS_LABELS: Record<AdoptionStatus, string> = {
  notStarted: "nicht begonnen",
  connecting: "in Anbindung",
  live: "produktiv",
  notRelevant: "nicht relevant",
};

/** The OZG-Reifegradmodell: level → short name and what it means for the citizen. */
export const MATURITY_LEVELS = [
  { level: 0, name: "Offline", description: "Keine Online-Information; die Leistung gibt es nur vor Ort oder auf Papier." },
  { level: 1, name: "Information", description: "Informationen zur Leistung stehen online; der Antrag läuft analog." },
  { level: 2, name: "Formular-Assistent", description: "Das Formular ist online ausfüllbar, Nachweise und Unterschrift gehen noch auf Papier." },
  { level: 3, name: "Online-Leistung", description: "Antrag und Nachweise vollständig online, der Bescheid kommt digital." },
  { level: 4, name: "Online-Transaktion mit Once-Only", description: "Vollständig digital; Nachweise ruft die Verwaltung mit Einwilligung selbst bei anderen Behörden ab." },
] as const;

export const MAX_MATURITY_LEVEL = 4;
/** Level from which a service counts as digital for the KPI (OZG target: online, with proofs). */
export const KPI_MIN_LEVEL = 3;

export const levelLabel = (level: number) => `${level} – ${MATURITY_LEVELS[level]?.name ?? "?"}`;

/** What a Kommune recorded for a service; a service without entry counts as „nicht begonnen“, level 0. */
export interface AdoptionFigure {
  status: AdoptionStatus;
  maturityLevel: number;
}

export interface AdoptionKpi {
  /** Services of the catalogue that are relevant for the Kommune (status ≠ nicht relevant). */
  relevant: number;
  /** Of those, at level 3 or 4. */
  atTarget: number;
  /** atTarget / relevant in basis points (rounded); null without relevant services. */
  shareBp: number | null;
}

/** The one KPI of the area: share of relevant services at level ≥ 3. Pages, matrix and CSV call it. */
export function adoptionKpi(figures: readonly AdoptionFigure[]): AdoptionKpi {
  const relevant = figures.filter((f) => f.status !== "notRelevant");
  const atTarget = relevant.filter((f) => f.maturityLevel >= KPI_MIN_LEVEL).length;
  return { relevant: relevant.length, atTarget, shareBp: relevant.length ? Math.round((atTarget * 10000) / relevant.length) : null };
}

/** Figures of all catalogue services for one Kommune, with the defaults for services it has not touched. */
export function figuresFor(serviceIds: readonly number[], entries: ReadonlyMap<number, AdoptionFigure>): AdoptionFigure[] {
  return serviceIds.map((id) => entries.get(id) ?? { status: "notStarted", maturityLevel: 0 });
}

/** The form a Kommune sets a service's adoption with. */
export const AdoptionFormSchema = z
  .object({
    status: z.enum(ADOPTION_STATUSES, { error: "Bitte wählen Sie einen Status." }),
    maturityLevel: z.coerce.number({ error: "Bitte wählen Sie eine Stufe." }).int().min(0, "Die Stufe liegt zwischen 0 und 4.").max(MAX_MATURITY_LEVEL, "Die Stufe liegt zwischen 0 und 4."),
    projectId: z.preprocess((v) => (v === "" || v === undefined ? null : v), z.coerce.number().int().positive().nullable()),
    version: z.coerce.number().int().min(0),
  })
  .superRefine((v, ctx) => {
    if (v.status === "live" && v.maturityLevel < 2) {
      ctx.addIssue({ code: "custom", path: ["maturityLevel"], message: "Eine produktive Online-Leistung hat mindestens Stufe 2 (Formular-Assistent)." });
    }
  });
export type AdoptionFormValues = z.infer<typeof AdoptionFormSchema>;
