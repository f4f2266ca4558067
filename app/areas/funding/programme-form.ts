import { z } from "zod";
import {
  ANCILLARY_PROVISIONS,
  COST_CATEGORIES,
  FUNDING_TYPES,
  ROUNDING_RULES,
} from "../../../db/schema/funding";
import { MUNICIPALITY_KINDS } from "../../../db/schema/org";
import { parseEuroToCents, parseGermanDate } from "../../utils/format";
import { optionalLinkField } from "../../utils/zod-fields";

/** Form fields shared by the programme, application and money forms; messages are German. */
export const euroField = (label: string) =>
  z.string({ error: `${label}: Bitte einen Betrag eingeben.` }).transform((v, ctx) => {
    const cents = parseEuroToCents(v);
    if (cents === null || cents < 0) {
      ctx.addIssue({ code: "custom", message: `${label}: „${v}“ ist kein gültiger Betrag (z. B. 12.500,00).` });
      return z.NEVER;
    }
    return cents;
  });

export const optionalEuroField = (label: string) => euroField(label).optional().transform((v) => v ?? null);

export const dateField = (label: string) =>
  z.string({ error: `${label}: Bitte ein Datum eingeben.` }).transform((v, ctx) => {
    const iso = parseGermanDate(v);
    if (!iso) {
      ctx.addIssue({ code: "custom", message: `${label}: „${v}“ ist kein gültiges Datum (TT.MM.JJJJ).` });
      return z.NEVER;
    }
    return iso;
  });

export const optionalDateField = (label: string) => dateField(label).optional().transform((v) => v ?? null);

/** "65" or "65,5" (percent) → basis points. */
export const percentField = (label: string) =>
  z.string({ error: `${label}: Bitte einen Prozentsatz eingeben.` }).transform((v, ctx) => {
    const m = /^(\d{1,3})(?:,(\d{1,2}))?\s*%?$/.exec(v.trim());
    const bp = m ? Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0")) : NaN;
    if (!m || bp > 10000) {
      ctx.addIssue({ code: "custom", message: `${label}: „${v}“ ist kein Prozentsatz zwischen 0 und 100 (z. B. 65 oder 65,5).` });
      return z.NEVER;
    }
    return bp;
  });

const optionalInt = (label: string, max: number) =>
  z.coerce
    .number<string>({ error: `${label}: Bitte eine ganze Zahl eingeben.` })
    .int({ error: `${label}: Bitte eine ganze Zahl eingeben.` })
    .min(0, { error: `${label} darf nicht negativ sein.` })
    .max(max, { error: `${label} darf höchstens ${max} sein.` })
    .optional()
    .transform((v) => v ?? null);

const requiredText = (label: string, max = 200) =>
  z
    .string({ error: `Bitte ${label} angeben.` })
    .trim()
    .min(1, { error: `Bitte ${label} angeben.` })
    .max(max, { error: `${label} ist zu lang (höchstens ${max} Zeichen).` });

export const ProgrammeSchema = z
  .object({
    version: z.coerce.number<string>().int().default(0),
    shared: z.boolean().default(false),
    isExample: z.boolean().default(false),
    funder: requiredText("den Fördergeber"),
    programmeAgency: z.string().trim().max(200).optional().transform((v) => v ?? null),
    name: requiredText("den Namen des Programms"),
    description: z.string().trim().max(4000).default(""),
    sourceUrl: optionalLinkField("Bitte eine vollständige Adresse angeben, die mit https:// oder http:// beginnt, z. B. https://www.example.de/richtlinie."),
    fieldsOfAction: z
      .string()
      .optional()
      .transform((v) => (v ?? "").split(",").map((s) => s.trim()).filter(Boolean)),
    applicantKinds: z.array(z.enum(MUNICIPALITY_KINDS)).default([]),
    applicantState: z.string().trim().max(80).optional().transform((v) => v ?? null),
    minPopulation: optionalInt("Mindesteinwohnerzahl", 100_000_000),
    maxPopulation: optionalInt("Höchsteinwohnerzahl", 100_000_000),
    fundingType: z.enum(FUNDING_TYPES, { error: "Bitte die Finanzierungsart wählen." }),
    rateBp: percentField("Förderquote").optional().transform((v) => v ?? 0),
    weakRateBp: percentField("Förderquote bei Haushaltsnotlage").optional().transform((v) => v ?? null),
    fixedAmountCents: optionalEuroField("Festbetrag"),
    minGrantCents: optionalEuroField("Mindestzuwendung"),
    maxGrantCents: optionalEuroField("Höchstzuwendung"),
    eligibleCostCategories: z.array(z.enum(COST_CATEGORIES)).default([]),
    windowOpens: optionalDateField("Antragsfenster ab"),
    windowCloses: optionalDateField("Antragsfrist"),
    outlineFirst: z.boolean().default(false),
    outlineDeadline: optionalDateField("Frist für die Projektskizze"),
    ancillaryProvisions: z.enum(ANCILLARY_PROVISIONS, { error: "Bitte die Nebenbestimmungen wählen." }),
    roundingRule: z.enum(ROUNDING_RULES, { error: "Bitte die Rundungsregel wählen." }),
    drawdownWindowMonths: z.coerce.number<string>({ error: "Bitte eine Zahl eingeben." }).int().min(1, { error: "Mindestens 1 Monat." }).max(24, { error: "Höchstens 24 Monate." }),
    interimReportMonths: optionalInt("Frist Zwischennachweis", 24),
    finalReportMonths: z.coerce.number<string>({ error: "Bitte eine Zahl eingeben." }).int().min(1, { error: "Mindestens 1 Monat." }).max(36, { error: "Höchstens 36 Monate." }),
    finalReportFixedDay: z
      .string()
      .trim()
      .optional()
      .transform((v, ctx) => {
        if (!v) return null;
        const m = /^(\d{1,2})\.(\d{1,2})\.?$/.exec(v);
        const day = m ? Number(m[1]) : 0;
        const month = m ? Number(m[2]) : 0;
        if (!m || month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(2025, month, 0)).getUTCDate()) {
          ctx.addIssue({ code: "custom", message: `Fester Termin „${v}“ ist ungültig (TT.MM., z. B. 31.03.).` });
          return z.NEVER;
        }
        return `${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
      }),
    permittedDeviationBp: percentField("Zulässige Abweichung je Kostenart"),
    totalOverrunToleranceBp: percentField("Unschädliche Gesamtüberschreitung"),
    reclaimInterestBp: percentField("Zinsaufschlag bei Rückforderung"),
  })
  .superRefine((p, ctx) => {
    if (p.fundingType === "share" && p.rateBp === 0) ctx.addIssue({ code: "custom", path: ["rateBp"], message: "Bei Anteilfinanzierung ist eine Förderquote nötig." });
    if (p.fundingType === "fixed" && !p.fixedAmountCents) ctx.addIssue({ code: "custom", path: ["fixedAmountCents"], message: "Bei Festbetragsfinanzierung ist ein Festbetrag nötig." });
    if (p.minGrantCents != null && p.maxGrantCents != null && p.minGrantCents > p.maxGrantCents) {
      ctx.addIssue({ code: "custom", path: ["maxGrantCents"], message: "Die Höchstzuwendung liegt unter der Mindestzuwendung." });
    }
    if (p.minPopulation != null && p.maxPopulation != null && p.minPopulation > p.maxPopulation) {
      ctx.addIssue({ code: "custom", path: ["maxPopulation"], message: "Die Höchsteinwohnerzahl liegt unter der Mindesteinwohnerzahl." });
    }
    if (p.windowOpens && p.windowCloses && p.windowOpens > p.windowCloses) {
      ctx.addIssue({ code: "custom", path: ["windowCloses"], message: "Die Antragsfrist liegt vor dem Beginn des Antragsfensters." });
    }
    if (p.outlineFirst && !p.outlineDeadline && !p.windowCloses) {
      ctx.addIssue({ code: "custom", path: ["outlineDeadline"], message: "Bei zweistufigem Verfahren bitte die Frist für die Projektskizze angeben (oder eine Antragsfrist)." });
    }
  });

export type ProgrammeInput = z.output<typeof ProgrammeSchema>;

const percentInput = (bp: number | null) => (bp == null ? "" : String(bp / 100).replace(".", ","));
const isoToGerman = (iso: string | null) => (iso ? iso.split("-").reverse().join(".") : "");

/** Form values for a programme (German formats), also the defaults of a new one. */
export function programmeToFormValues(p: {
  version: number;
  municipalityId: number | null;
  isExample: boolean;
  funder: string;
  programmeAgency: string | null;
  name: string;
  description: string;
  sourceUrl: string | null;
  fieldsOfAction: string[];
  applicantKinds: string[];
  applicantState: string | null;
  minPopulation: number | null;
  maxPopulation: number | null;
  fundingType: string;
  rateBp: number;
  weakRateBp: number | null;
  fixedAmountCents: number | null;
  minGrantCents: number | null;
  maxGrantCents: number | null;
  eligibleCostCategories: string[];
  windowOpens: string | null;
  windowCloses: string | null;
  outlineFirst: boolean;
  outlineDeadline: string | null;
  ancillaryProvisions: string;
  roundingRule: string;
  drawdownWindowMonths: number;
  interimReportMonths: number | null;
  finalReportMonths: number;
  finalReportFixedDay: string | null;
  permittedDeviationBp: number;
  totalOverrunToleranceBp: number;
  reclaimInterestBp: number;
}): Record<string, string | string[] | undefined> {
  const euro = (c: number | null) => (c == null ? "" : (c / 100).toFixed(2).replace(".", ","));
  return {
    version: String(p.version),
    shared: p.municipalityId === null ? "on" : undefined,
    isExample: p.isExample ? "on" : undefined,
    funder: p.funder,
    programmeAgency: p.programmeAgency ?? "",
    name: p.name,
    description: p.description,
    sourceUrl: p.sourceUrl ?? "",
    fieldsOfAction: p.fieldsOfAction.join(", "),
    applicantKinds: p.applicantKinds,
    applicantState: p.applicantState ?? "",
    minPopulation: p.minPopulation == null ? "" : String(p.minPopulation),
    maxPopulation: p.maxPopulation == null ? "" : String(p.maxPopulation),
    fundingType: p.fundingType,
    rateBp: percentInput(p.rateBp),
    weakRateBp: percentInput(p.weakRateBp),
    fixedAmountCents: euro(p.fixedAmountCents),
    minGrantCents: euro(p.minGrantCents),
    maxGrantCents: euro(p.maxGrantCents),
    eligibleCostCategories: p.eligibleCostCategories,
    windowOpens: isoToGerman(p.windowOpens),
    windowCloses: isoToGerman(p.windowCloses),
    outlineFirst: p.outlineFirst ? "on" : undefined,
    outlineDeadline: isoToGerman(p.outlineDeadline),
    ancillaryProvisions: p.ancillaryProvisions,
    roundingRule: p.roundingRule,
    drawdownWindowMonths: String(p.drawdownWindowMonths),
    interimReportMonths: p.interimReportMonths == null ? "" : String(p.interimReportMonths),
    finalReportMonths: String(p.finalReportMonths),
    finalReportFixedDay: p.finalReportFixedDay ? `${p.finalReportFixedDay.slice(3)}.${p.finalReportFixedDay.slice(0, 2)}.` : "",
    permittedDeviationBp: percentInput(p.permittedDeviationBp),
    totalOverrunToleranceBp: percentInput(p.totalOverrunToleranceBp),
    reclaimInterestBp: percentInput(p.reclaimInterestBp),
  };
}

/** A new programme starts with the usual ANBest-Gk defaults. */
export const NEW_PROGRAMME_DEFAULTS = {
  version: "0",
  fundingType: "share",
  ancillaryProvisions: "ANBest-Gk",
  roundingRule: "euroDown",
  drawdownWindowMonths: "2",
  interimReportMonths: "4",
  finalReportMonths: "6",
  permittedDeviationBp: "20",
  totalOverrunToleranceBp: "10",
  reclaimInterestBp: "5",
};
