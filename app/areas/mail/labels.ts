import type { MailKind, MailMode, MailState } from "../../../db/schema/mail";

export const MAIL_STATE_LABELS: Record<MailState, string> = {
  pending: "wartet auf Versand",
  sending: "wird gesendet",
  sent: "gesendet",
  failed: "fehlgeschlagen",
  held: "wartet auf Tageszusammenfassung",
  digested: "in Tageszusammenfassung gesendet",
};

export const MAIL_KIND_LABELS: Record<MailKind, string> = {
  taskAssigned: "Aufgabe zugewiesen",
  deadlineReminder: "Fristerinnerung",
  deadlineOverdue: "Frist überschritten",
  registrationConfirmed: "Anmeldebestätigung",
  waitlisted: "Warteliste",
  waitlistMovedUp: "Nachgerückt",
  registrationCancelled: "Anmeldung storniert",
  sessionChanged: "Termin geändert",
  sessionCancelled: "Termin abgesagt",
  externalTrainingDecided: "Externe Fortbildung entschieden",
  passwordReset: "Passwort zurücksetzen",
  digest: "Tageszusammenfassung",
};

export const MAIL_MODE_LABELS: Record<MailMode, string> = {
  immediate: "Sofort – jede Nachricht einzeln",
  digest: "Einmal täglich gesammelt (ab 7 Uhr)",
  off: "Keine E-Mails (Sicherheitsnachrichten wie „Passwort zurücksetzen“ kommen trotzdem)",
};

/** The choices on /konto, in order (kept here so the page does not pull the schema into the browser). */
export const MAIL_MODE_CHOICES = ["immediate", "digest", "off"] as const satisfies readonly MailMode[];
