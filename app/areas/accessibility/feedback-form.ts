import { z } from "zod";

/** The feedback form of the Erklärung zur Barrierefreiheit: one schema for browser and server. */
export const FEEDBACK_MESSAGE_MAX = 5000;

export const AccessibilityFeedbackSchema = z.object({
  municipalityId: z.coerce
    .number<string>({ error: "Bitte wählen Sie die Kommune, an die Ihre Rückmeldung gehen soll." })
    .int({ error: "Bitte wählen Sie die Kommune, an die Ihre Rückmeldung gehen soll." })
    .positive({ error: "Bitte wählen Sie die Kommune, an die Ihre Rückmeldung gehen soll." }),
  page: z.string().trim().max(300, { error: "Bitte fassen Sie die Angabe zur Seite kürzer (höchstens 300 Zeichen)." }).optional(),
  message: z
    .string({ error: "Bitte beschreiben Sie die Barriere oder Ihr Anliegen." })
    .trim()
    .min(10, { error: "Bitte beschreiben Sie die Barriere oder Ihr Anliegen in wenigen Sätzen (mindestens 10 Zeichen)." })
    .max(FEEDBACK_MESSAGE_MAX, { error: `Ihre Nachricht ist zu lang (höchstens ${FEEDBACK_MESSAGE_MAX} Zeichen).` }),
  contactName: z.string().trim().max(200, { error: "Der Name ist zu lang (höchstens 200 Zeichen)." }).optional(),
  contactEmail: z
    .string()
    .trim()
    .max(254, { error: "Die E-Mail-Adresse ist zu lang." })
    .email({ error: "Bitte geben Sie eine gültige E-Mail-Adresse ein oder lassen Sie das Feld leer." })
    .optional(),
});

export type AccessibilityFeedbackInput = z.infer<typeof AccessibilityFeedbackSchema>;
