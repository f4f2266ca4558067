import { randomUUID } from "node:crypto";
import { and, eq, isNull, max } from "drizzle-orm";
import { type MailKind, mailOutbox, mailPreferences } from "../../../db/schema/mail";
import type { DbOrTx, Tx } from "../db.server";
import { mailHost } from "./links.server";
import { type MailContent, renderMail } from "./render";

export interface MailRecipient {
  /** The login, when the person has one: its preference applies. */
  userId: number | null;
  email: string;
  name: string;
}

/** An iTIP invitation (RFC 5546) attached to the mail. */
export interface MailInvitation {
  method: "REQUEST" | "CANCEL";
  uid: string;
  /** Builds the calendar with the SEQUENCE the outbox assigns (higher than any sent before). */
  build: (sequence: number) => string;
}

export interface StoredAttachment {
  filename: string;
  method: "REQUEST" | "CANCEL";
  content: string;
}

export interface EnqueueMailInput {
  municipalityId: number | null;
  kind: MailKind;
  to: MailRecipient;
  content: MailContent;
  invitation?: MailInvitation;
  /** Legal or security notices (password reset) go out whatever the person's preference. */
  legal?: boolean;
  /** Ready attachments (the digest carries the invitations of the mails it collects). */
  attachments?: StoredAttachment[];
  /** The digest itself is sent at once (it is what the person chose). */
  sendNow?: boolean;
}

export function mailMode(db: DbOrTx, userId: number | null): "immediate" | "digest" | "off" {
  if (userId === null) return "immediate";
  return db.select({ mode: mailPreferences.mode }).from(mailPreferences).where(eq(mailPreferences.userId, userId)).get()?.mode ?? "immediate";
}

function nextSequence(tx: Tx, municipalityId: number | null, uid: string, email: string): number {
  const kommune = municipalityId === null ? isNull(mailOutbox.municipalityId) : eq(mailOutbox.municipalityId, municipalityId);
  const row = tx
    .select({ seq: max(mailOutbox.icalSequence) })
    .from(mailOutbox)
    .where(and(kommune, eq(mailOutbox.icalUid, uid), eq(mailOutbox.recipientEmail, email)))
    .get();
  return row?.seq === null || row?.seq === undefined ? 0 : row.seq + 1;
}

/**
 * Writes a mail into the outbox inside the caller's transaction, so the mail exists exactly when
 * the event that causes it commits. Returns the row id, or null when the person switched mails off.
 */
export function enqueueMail(tx: Tx, input: EnqueueMailInput): number | null {
  const email = input.to.email.trim();
  if (!email || !email.includes("@")) return null;
  const mode = input.legal || input.sendNow ? "immediate" : mailMode(tx, input.to.userId);
  if (mode === "off") return null;
  const rendered = renderMail(input.content);
  let attachments: StoredAttachment[] | null = input.attachments?.length ? input.attachments : null;
  let icalSequence: number | null = null;
  if (input.invitation) {
    icalSequence = nextSequence(tx, input.municipalityId, input.invitation.uid, email);
    attachments = [
      {
        filename: input.invitation.method === "CANCEL" ? "absage.ics" : "einladung.ics",
        method: input.invitation.method,
        content: input.invitation.build(icalSequence),
      },
    ];
  }
  const row = tx
    .insert(mailOutbox)
    .values({
      municipalityId: input.municipalityId,
      kind: input.kind,
      recipientUserId: input.to.userId,
      recipientEmail: email,
      subject: rendered.subject,
      textBody: rendered.text,
      htmlBody: rendered.html,
      linkUrl: input.content.action?.url ?? null,
      attachments: attachments ? JSON.stringify(attachments) : null,
      messageId: `<${randomUUID()}@${mailHost()}>`,
      icalUid: input.invitation?.uid ?? null,
      icalSequence,
      state: mode === "digest" ? "held" : "pending",
      nextAttemptAt: Date.now(),
    })
    .returning({ id: mailOutbox.id })
    .get();
  return row.id;
}

/** Standard footer: why the mail came and where to change that. */
export function preferenceFooter(accountUrl: string): string {
  return `Diese Nachricht hat Fahrplan automatisch gesendet. Ob Sie E-Mails sofort, einmal täglich gesammelt oder gar nicht erhalten, stellen Sie unter „Mein Konto“ ein: ${accountUrl}`;
}
