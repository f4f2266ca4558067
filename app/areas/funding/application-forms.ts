import { z } from "zod";
import { COST_CATEGORIES, DOCUMENT_TYPES } from "../../../db/schema/funding";
import { dateField, euroField, optionalDateField, optionalEuroField } from "./programme-form";

/** The forms of an application page; one schema per intent, shared by client and server. */
const version = z.coerce.number().int().min(1);
const requiredText = (message: string, max = 500) =>
  z.string({ error: message }).trim().min(1, { error: message }).max(max, { error: `Höchstens ${max} Zeichen.` });

export const BasicsSchema = z.object({
  intent: z.literal("basics"),
  version,
  title: requiredText("Bitte einen Titel angeben.", 200),
  description: z.string().trim().max(4000).default(""),
  thirdPartyFundsCents: euroField("Drittmittel").optional().transform((v) => v ?? 0),
  /** Vorsteuerabzug: the Kommune deducts input tax, so receipts count net. */
  inputTaxDeductible: z.boolean().default(false),
});

const planItemFields = {
  costCategory: z.enum(COST_CATEGORIES, { error: "Bitte eine Kostenart wählen." }),
  description: requiredText("Bitte die Kostenposition beschreiben.", 200),
  budgetYear: z.coerce
    .number<string>({ error: "Bitte ein Haushaltsjahr angeben." })
    .int({ error: "Bitte ein Haushaltsjahr angeben." })
    .min(2000, { error: "Das Haushaltsjahr muss zwischen 2000 und 2100 liegen." })
    .max(2100, { error: "Das Haushaltsjahr muss zwischen 2000 und 2100 liegen." }),
  plannedCents: euroField("Betrag").refine((v) => v > 0, { error: "Der Betrag muss größer als 0 sein." }),
  eligible: z.boolean().default(false),
};

export const PlanItemSchema = z.object({ intent: z.literal("addPlanItem"), ...planItemFields });

const itemId = z.coerce.number().int().positive();

/** Korrektur of one finance-plan item (all fields, with its version). */
export const UpdatePlanItemSchema = z.object({ intent: z.literal("updatePlanItem"), itemId, version, ...planItemFields });

export const RemovePlanItemSchema = z.object({ intent: z.literal("removePlanItem"), itemId, version });

export const OwnContributionSchema = z.object({
  intent: z.literal("confirmOwnContribution"),
  version,
  budgetRef: requiredText("Bitte die Haushaltsstelle angeben, unter der der Eigenanteil veranschlagt ist.", 200),
});

export const SubmittedOnSchema = z.object({ intent: z.literal("submittedOn"), version, submittedOn: dateField("Eingereicht am") });

export const DecisionSchema = z.discriminatedUnion("outcome", [
  z.object({
    intent: z.literal("decision"),
    outcome: z.literal("granted"),
    version,
    fileNumber: requiredText("Bitte das Aktenzeichen angeben.", 100),
    decisionDate: dateField("Datum des Bescheids"),
    grantedCents: euroField("Bewilligte Zuwendung").refine((v) => v > 0, { error: "Die bewilligte Zuwendung muss größer als 0 sein." }),
    fundingPeriodStart: dateField("Beginn des Bewilligungszeitraums"),
    fundingPeriodEnd: dateField("Ende des Bewilligungszeitraums"),
    decisionProvisions: z.string().trim().max(2000).optional().transform((v) => v ?? null),
    earmarkingUntil: optionalDateField("Zweckbindung bis"),
  }),
  z.object({
    intent: z.literal("decision"),
    outcome: z.literal("rejected"),
    version,
    decisionDate: dateField("Datum des Bescheids"),
    rejectionReason: requiredText("Bitte den Grund der Ablehnung angeben.", 2000),
  }),
], { error: "Bitte wählen Sie, ob bewilligt oder abgelehnt wurde." });

export const DrawdownSchema = z.object({
  intent: z.literal("drawdown"),
  requestedOn: dateField("Abgerufen am"),
  requestedCents: euroField("Abrufbetrag").refine((v) => v > 0, { error: "Der Abrufbetrag muss größer als 0 sein." }),
  plannedPaymentsCents: euroField("Fällige Zahlungen im Verwendungszeitraum"),
  note: z.string().trim().max(1000).optional().transform((v) => v ?? null),
  confirmWarnings: z.boolean().default(false),
  /** Written reason for requesting despite the spending-window warning (stored and audited). */
  overrideReason: z.string().trim().max(1000).optional().transform((v) => v || null),
});

const drawdownId = z.coerce.number().int().positive();

/** Korrektur of a drawdown: request and (optionally) receipt of funds, with a reason. */
export const DrawdownCorrectionSchema = z.object({
  intent: z.literal("correctDrawdown"),
  drawdownId,
  version,
  requestedOn: dateField("Abgerufen am"),
  requestedCents: euroField("Abrufbetrag").refine((v) => v > 0, { error: "Der Abrufbetrag muss größer als 0 sein." }),
  receivedOn: optionalDateField("Eingegangen am"),
  receivedCents: optionalEuroField("Eingegangener Betrag"),
  reason: requiredText("Bitte den Grund der Korrektur angeben.", 1000),
});

/** Stornierung: the drawdown stays on record, struck through, and no longer counts. */
export const DrawdownCancelSchema = z.object({
  intent: z.literal("cancelDrawdown"),
  drawdownId,
  version,
  cancelledOn: dateField("Storniert am"),
  cancelReason: requiredText("Bitte den Grund der Stornierung angeben.", 1000),
});

export const DrawdownReceivedSchema = z.object({
  intent: z.literal("drawdownReceived"),
  drawdownId,
  version,
  receivedOn: dateField("Eingegangen am"),
  receivedCents: euroField("Eingegangener Betrag").refine((v) => v > 0, { error: "Der Betrag muss größer als 0 sein." }),
});

export const ReclaimSchema = z.object({
  intent: z.literal("reclaim"),
  version,
  reclaimCents: euroField("Rückforderungsbetrag").refine((v) => v > 0, { error: "Der Betrag muss größer als 0 sein." }),
  reclaimSince: dateField("Zinsen ab"),
  reason: requiredText("Bitte den Grund der Rückforderung angeben.", 2000),
});

export const DocumentUploadSchema = z.object({
  intent: z.literal("upload"),
  documentType: z.enum(DOCUMENT_TYPES, { error: "Bitte die Art des Dokuments wählen." }),
});

/** Änderungsbescheid: the funder's answer to an amendment request, with the amended values. */
export const AmendmentSchema = z.discriminatedUnion(
  "outcome",
  [
    z.object({
      intent: z.literal("amendment"),
      outcome: z.literal("granted"),
      version,
      decisionDate: dateField("Datum des Änderungsbescheids"),
      fundingPeriodStart: dateField("Beginn des Bewilligungszeitraums"),
      fundingPeriodEnd: dateField("Ende des Bewilligungszeitraums"),
      grantedCents: euroField("Bewilligte Zuwendung").refine((v) => v > 0, { error: "Die bewilligte Zuwendung muss größer als 0 sein." }),
      note: z.string().trim().max(2000).optional().transform((v) => v || null),
    }),
    z.object({
      intent: z.literal("amendment"),
      outcome: z.literal("rejected"),
      version,
      decisionDate: dateField("Datum des Änderungsbescheids"),
      note: requiredText("Bitte den Grund der Ablehnung angeben.", 2000),
    }),
  ],
  { error: "Bitte wählen Sie, ob die Änderung bewilligt oder abgelehnt wurde." },
);
