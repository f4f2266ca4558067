import { and, asc, eq, inArray, isNull, lt } from "drizzle-orm";
import { mailOutbox } from "../../../db/schema/mail";
import { type Db, getDb } from "../db.server";
import { digestCutoff } from "./digest";
import { absoluteUrl } from "./links.server";
import { userRecipient } from "./recipients.server";
import { type StoredAttachment, enqueueMail, preferenceFooter } from "./outbox.server";
import { withoutTenantGuard } from "../tenant-guard.server";

/**
 * The daily digest: for each person and Kommune, every mail held (preference "täglich") before
 * this morning's 07:00 goes out as one mail listing subjects and links, with the calendar
 * invitations attached. One transaction per digest: the held rows become "digested" exactly when
 * the digest row is written, so a crash never loses or repeats them.
 */
export function sendDigests(db: Db = getDb(), now = new Date()): number {
  const cutoff = digestCutoff(now).toISOString();
  // The digest job picks the held mails of all Kommunen, then works per person and Kommune.
  const groups = withoutTenantGuard("jobs", () =>
    db
      .selectDistinct({ recipientEmail: mailOutbox.recipientEmail, municipalityId: mailOutbox.municipalityId, recipientUserId: mailOutbox.recipientUserId })
      .from(mailOutbox)
      .where(and(eq(mailOutbox.state, "held"), lt(mailOutbox.createdAt, cutoff)))
      .all(),
  );
  let sent = 0;
  for (const group of groups) {
    // Platform mails (no Kommune) are their own group.
    const ownedBy = group.municipalityId === null ? isNull(mailOutbox.municipalityId) : eq(mailOutbox.municipalityId, group.municipalityId);
    db.transaction(
      (tx) => {
        const held = tx
          .select()
          .from(mailOutbox)
          .where(
            and(
              eq(mailOutbox.state, "held"),
              lt(mailOutbox.createdAt, cutoff),
              eq(mailOutbox.recipientEmail, group.recipientEmail),
              ownedBy,
            ),
          )
          .orderBy(asc(mailOutbox.id))
          .all();
        if (!held.length) return;
        const attachments: StoredAttachment[] = held.flatMap((r) => (r.attachments ? (JSON.parse(r.attachments) as StoredAttachment[]) : []));
        const name = (group.recipientUserId === null ? undefined : userRecipient(tx, group.recipientUserId)?.name) ?? group.recipientEmail;
        const digestId = enqueueMail(tx, {
          municipalityId: group.municipalityId,
          kind: "digest",
          to: { userId: group.recipientUserId, email: group.recipientEmail, name },
          sendNow: true,
          attachments: attachments.map((a, i) => ({ ...a, filename: `${i + 1}-${a.filename}` })),
          content: {
            subject: `Fahrplan: Ihre Tageszusammenfassung (${held.length} ${held.length === 1 ? "Nachricht" : "Nachrichten"})`,
            greeting: `Guten Tag ${name},`,
            paragraphs: [
              `seit der letzten Zusammenfassung gab es ${held.length === 1 ? "diese Nachricht" : `diese ${held.length} Nachrichten`} für Sie:`,
              ...held.map((r) => `• ${r.subject}${r.linkUrl ? `\n  ${r.linkUrl}` : ""}`),
            ],
            action: { label: "Meine Aufgaben öffnen", url: absoluteUrl("/aufgaben") },
            footer: preferenceFooter(absoluteUrl("/konto")),
          },
        });
        tx.update(mailOutbox)
          .set({ state: "digested", digestId, textBody: "", htmlBody: "", attachments: null })
          .where(and(ownedBy, inArray(mailOutbox.id, held.map((r) => r.id))))
          .run();
        sent++;
      },
      { behavior: "immediate" },
    );
  }
  return sent;
}

export const MAIL_DIGEST_JOB = { name: "mail-digest", intervalMs: 15 * 60 * 1000, run: () => void sendDigests() };
