import { z } from "zod";
import { parseEuroToCents } from "../../utils/format";
import { germanDateField } from "../../utils/zod-fields";

/**
 * Joint projects (interkommunale Zusammenarbeit): pure rules and the partner form. A partner's
 * agreed cost share is stored in integer cents (not basis points): it is money the partner
 * budgets, summed into its figures as it is, and the hard rule compares it with the project's
 * planned budget in cents.
 */

export const JOINT_READ_ONLY_MESSAGE =
  "Dieses Projekt ist ein gemeinsames Projekt einer anderen Kommune. Ihre Kommune ist Partnerin und kann es nur ansehen; ändern kann es nur die federführende Kommune.";

export const JOINT_MARK = "Gemeinsames Projekt – federführend:";

/** The marking partners see next to a joint project. */
export function jointMark(leadName: string): string {
  return `${JOINT_MARK} ${leadName}`;
}

const shareAmount = z
  .string({ error: "Bitte geben Sie den vereinbarten Kostenanteil ein." })
  .trim()
  .min(1, { error: "Bitte geben Sie den vereinbarten Kostenanteil ein." })
  .transform((value, ctx) => {
    const cents = parseEuroToCents(value);
    if (cents === null) {
      ctx.addIssue({ code: "custom", message: "Der Kostenanteil ist kein gültiger Betrag (z. B. 12.500,00)." });
      return z.NEVER;
    }
    if (cents < 0) {
      ctx.addIssue({ code: "custom", message: "Der Kostenanteil darf nicht negativ sein." });
      return z.NEVER;
    }
    return cents;
  });

const partnerFields = {
  share: shareAmount,
  agreedOn: germanDateField("Das Datum der Vereinbarung", "das Datum der Vereinbarung"),
  note: z
    .string()
    .trim()
    .max(1000, { error: "Die Notiz darf höchstens 1.000 Zeichen lang sein." })
    .optional()
    .transform((v) => v ?? ""),
};

/** Adding a partner: the Kommune, its share, the date of the agreement, a note. */
export const PartnerAddSchema = z.object({
  partnerMunicipalityId: z
    .number({ error: "Bitte wählen Sie die Partnerkommune." })
    .int({ error: "Bitte wählen Sie die Partnerkommune." })
    .positive({ error: "Bitte wählen Sie die Partnerkommune." }),
  ...partnerFields,
});

/** Changing a partner's share, date or note (with the version the user saw). */
export const PartnerUpdateSchema = z.object({
  partnerId: z.number().int().positive(),
  version: z.number().int().positive(),
  ...partnerFields,
});

export interface PartnerInput {
  shareCents: number;
  agreedOn: string;
  note: string;
}

/**
 * The hard rule: all partners' shares together may not exceed the project's planned budget. Returns
 * the German message for the share field, or null when the share fits.
 */
export function shareProblem(budgetPlannedCents: number, otherSharesCents: number, shareCents: number, format: (cents: number) => string): string | null {
  if (otherSharesCents + shareCents <= budgetPlannedCents) return null;
  const left = Math.max(0, budgetPlannedCents - otherSharesCents);
  if (budgetPlannedCents === 0) {
    return "Das Projekt hat noch kein geplantes Budget. Tragen Sie zuerst das Budget ein; die Anteile der Partner dürfen es zusammen nicht übersteigen.";
  }
  return `Die Anteile aller Partner dürfen zusammen das geplante Budget von ${format(budgetPlannedCents)} nicht übersteigen. Für diesen Partner sind höchstens ${format(left)} möglich.`;
}

/** The message when a project's budget would drop below what its partners agreed to pay. */
export function budgetBelowSharesMessage(sharesCents: number, format: (cents: number) => string): string {
  return `Das geplante Budget darf nicht unter der Summe der vereinbarten Anteile der Partnerkommunen (${format(sharesCents)}) liegen. Passen Sie zuerst die Anteile an.`;
}
