import { eq } from "drizzle-orm";
import { trainingCourses, trainingSessions } from "../../../db/schema";
import type { MailKind } from "../../../db/schema/mail";
import type { DbOrTx, Tx } from "../../utils/db.server";
import { env } from "../../utils/env.server";
import { formatDate } from "../../utils/format";
import { absoluteUrl, mailHost } from "../../utils/mail/links.server";
import { enqueueMail, preferenceFooter } from "../../utils/mail/outbox.server";
import { employeeRecipient, senderAddress } from "../../utils/mail/recipients.server";
import { type Tenant, scoped } from "../../utils/tenant.server";
import { type CalendarSession, TIME_ZONE, buildInvitation, sessionUid } from "./ical";

/** Mails to participants about their seat, waitlist place or session, with an iTIP invitation where it fits. */
export type SessionMailKind = Extract<
  MailKind,
  "registrationConfirmed" | "waitlisted" | "waitlistMovedUp" | "registrationCancelled" | "sessionChanged" | "sessionCancelled"
>;

const berlinTime = new Intl.DateTimeFormat("de-DE", { timeZone: TIME_ZONE, hour: "2-digit", minute: "2-digit" });

function loadSession(db: DbOrTx, tenant: Tenant, sessionId: number): CalendarSession | undefined {
  const row = db
    .select({
      id: trainingSessions.id,
      municipalityId: trainingSessions.municipalityId,
      title: trainingCourses.title,
      description: trainingCourses.description,
      startsAt: trainingSessions.startsAt,
      endsAt: trainingSessions.endsAt,
      location: trainingSessions.location,
      onlineUrl: trainingSessions.onlineUrl,
    })
    .from(trainingSessions)
    .innerJoin(trainingCourses, eq(trainingCourses.id, trainingSessions.courseId))
    .where(scoped(trainingSessions, tenant, eq(trainingSessions.id, sessionId)))
    .get();
  return row ? { ...row, url: absoluteUrl(`/schulungen/termine/${row.id}`), cancelled: false } : undefined;
}

function when(s: CalendarSession): string {
  return `${formatDate(s.startsAt)}, ${berlinTime.format(new Date(s.startsAt))}–${berlinTime.format(new Date(s.endsAt))} Uhr`;
}

const SUBJECTS: Record<SessionMailKind, (title: string) => string> = {
  registrationConfirmed: (t) => `Anmeldung bestätigt: ${t}`,
  waitlisted: (t) => `Warteliste: ${t}`,
  waitlistMovedUp: (t) => `Nachgerückt – Sie sind angemeldet: ${t}`,
  registrationCancelled: (t) => `Anmeldung storniert: ${t}`,
  sessionChanged: (t) => `Termin geändert: ${t}`,
  sessionCancelled: (t) => `Termin abgesagt: ${t}`,
};

/**
 * Queues the mail for one participant inside the caller's transaction. Seats (confirmed, moved
 * up, changed) carry METHOD:REQUEST, cancellations METHOD:CANCEL with the same UID and a higher
 * SEQUENCE; a waitlist place has no invitation (nothing is booked yet).
 */
export function mailParticipant(
  tx: Tx,
  tenant: Tenant,
  input: { employeeId: number; sessionId: number; kind: SessionMailKind; by?: string; position?: number; reason?: string },
): number | null {
  const to = employeeRecipient(tx, tenant, input.employeeId);
  const session = loadSession(tx, tenant, input.sessionId);
  if (!to || !session) return null;
  const dateLine = when(session);
  const place = session.location ?? (session.onlineUrl ? `online: ${session.onlineUrl}` : "wird noch bekannt gegeben");
  const byLine = input.by ? ` (durch ${input.by})` : "";
  const paragraphs: Record<SessionMailKind, string> = {
    registrationConfirmed: `Sie sind für die Schulung „${session.title}“ angemeldet${byLine}. Die Einladung für Ihren Kalender hängt an.`,
    waitlisted: `Die Schulung „${session.title}“ ist ausgebucht. Sie stehen auf der Warteliste auf Platz ${input.position ?? 1}${byLine} und rücken automatisch nach, sobald ein Platz frei wird; dann erhalten Sie eine E-Mail mit Kalendereinladung.`,
    waitlistMovedUp: `Ein Platz ist frei geworden: Sie sind von der Warteliste nachgerückt und jetzt für „${session.title}“ angemeldet. Die Einladung für Ihren Kalender hängt an.`,
    registrationCancelled: `Ihre Anmeldung für „${session.title}“ wurde storniert${byLine}. Der Termin wird aus Ihrem Kalender entfernt.`,
    sessionChanged: `Der Termin der Schulung „${session.title}“ wurde geändert. Bitte beachten Sie die neuen Angaben; die Einladung in Ihrem Kalender wird aktualisiert.`,
    sessionCancelled: `Der Termin der Schulung „${session.title}“ wurde abgesagt.${input.reason ? ` Grund: ${input.reason}` : ""} Der Termin wird aus Ihrem Kalender entfernt.`,
  };
  const method = input.kind === "waitlisted" ? null : input.kind === "registrationCancelled" || input.kind === "sessionCancelled" ? "CANCEL" : "REQUEST";
  const host = mailHost();
  return enqueueMail(tx, {
    municipalityId: tenant.municipalityId,
    kind: input.kind,
    to,
    content: {
      subject: SUBJECTS[input.kind](`${session.title} am ${formatDate(session.startsAt)}`),
      greeting: `Guten Tag ${to.name},`,
      paragraphs: [paragraphs[input.kind]],
      facts: [
        ["Schulung", session.title],
        ["Wann", dateLine],
        ["Wo", place],
      ],
      action: { label: "Termin in Fahrplan öffnen", url: session.url },
      footer: preferenceFooter(absoluteUrl("/konto")),
    },
    ...(method
      ? {
          invitation: {
            method,
            uid: sessionUid(session, host),
            build: (sequence: number) =>
              buildInvitation(session, { method, sequence, organizer: senderAddress(env().MAIL_FROM), attendee: { name: to.name, email: to.email } }, host),
          },
        }
      : {}),
  });
}

/** The person who reported an external training hears the supervisor's decision. */
export function mailExternalDecision(
  tx: Tx,
  tenant: Tenant,
  input: { employeeId: number; title: string; confirmed: boolean; reason: string | null; by: string },
): number | null {
  const to = employeeRecipient(tx, tenant, input.employeeId);
  if (!to) return null;
  return enqueueMail(tx, {
    municipalityId: tenant.municipalityId,
    kind: "externalTrainingDecided",
    to,
    content: {
      subject: input.confirmed ? `Externe Fortbildung bestätigt: ${input.title}` : `Externe Fortbildung abgelehnt: ${input.title}`,
      greeting: `Guten Tag ${to.name},`,
      paragraphs: [
        input.confirmed
          ? `${input.by} hat Ihre externe Fortbildung „${input.title}“ bestätigt. Sie zählt jetzt für Ihre Schulungsnachweise.`
          : `${input.by} hat Ihre externe Fortbildung „${input.title}“ abgelehnt.`,
        ...(input.confirmed ? [] : [`Begründung: ${input.reason ?? "–"}`]),
      ],
      action: { label: "Externe Fortbildungen öffnen", url: absoluteUrl("/schulungen/extern") },
      footer: preferenceFooter(absoluteUrl("/konto")),
    },
  });
}
