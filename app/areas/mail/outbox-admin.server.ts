import { withoutTenantGuard } from "../../utils/tenant-guard.server";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { MAIL_MODES, type MailMode, mailOutbox, mailPreferences } from "../../../db/schema/mail";
import { writeAudit } from "../../utils/audit.server";
import type { AreaCaller } from "../../utils/caller.server";
import { type DbOrTx, transaction } from "../../utils/db.server";
import { ValidationError } from "../../utils/errors";
import { assertCan } from "../../utils/permissions";

/** The Kommune's outbox for its admins: no bodies (they may hold a reset link), newest first. */
export function listOutbox(db: DbOrTx, caller: AreaCaller, limit = 200) {
  assertCan(caller, "mail.manage");
  const rows = db
    .select({
      id: mailOutbox.id,
      kind: mailOutbox.kind,
      recipientEmail: mailOutbox.recipientEmail,
      subject: mailOutbox.subject,
      state: mailOutbox.state,
      attempts: mailOutbox.attempts,
      lastError: mailOutbox.lastError,
      nextAttemptAt: mailOutbox.nextAttemptAt,
      sentAt: mailOutbox.sentAt,
      createdAt: mailOutbox.createdAt,
    })
    .from(mailOutbox)
    .where(eq(mailOutbox.municipalityId, caller.municipalityId))
    .orderBy(desc(mailOutbox.id))
    .limit(limit)
    .all();
  const counts = db
    .select({ state: mailOutbox.state, n: sql<number>`count(*)` })
    .from(mailOutbox)
    .where(eq(mailOutbox.municipalityId, caller.municipalityId))
    .groupBy(mailOutbox.state)
    .all();
  return { rows, counts: Object.fromEntries(counts.map((c) => [c.state, c.n])) as Record<string, number> };
}

/** "Erneut senden": a failed (or waiting) mail of the Kommune goes back to the queue now. */
export function retryMail(caller: AreaCaller, outboxId: number): void {
  assertCan(caller, "mail.manage");
  transaction((tx) => {
    const row = tx
      .update(mailOutbox)
      .set({ state: "pending", nextAttemptAt: Date.now(), attempts: 0 })
      .where(and(eq(mailOutbox.id, outboxId), eq(mailOutbox.municipalityId, caller.municipalityId), inArray(mailOutbox.state, ["failed", "pending"])))
      .returning({ id: mailOutbox.id, subject: mailOutbox.subject })
      .get();
    if (!row) throw new ValidationError({ form: ["Diese E-Mail kann nicht erneut gesendet werden (schon gesendet oder nicht in dieser Kommune)."] });
    writeAudit(tx, { actor: caller.actor, municipalityId: caller.municipalityId, entity: "mail", entityId: row.id, action: "retry", details: { subject: row.subject } });
  });
}

/** The signed-in person's own choice: mails immediately, as a daily digest, or off. */
export function setMailPreference(caller: AreaCaller, mode: MailMode): void {
  const userId = caller.actor.userId;
  if (userId === null || !MAIL_MODES.includes(mode)) throw new ValidationError({ mode: ["Bitte wählen Sie eine der Möglichkeiten."] });
  transaction((tx) => {
    const before = tx.select({ mode: mailPreferences.mode }).from(mailPreferences).where(eq(mailPreferences.userId, userId)).get()?.mode ?? "immediate";
    tx.insert(mailPreferences)
      .values({ userId, mode, updatedAt: new Date().toISOString() })
      .onConflictDoUpdate({ target: mailPreferences.userId, set: { mode, updatedAt: new Date().toISOString() } })
      .run();
    // Mails already waiting for the digest go out right away when the person switches to "sofort".
    if (mode === "immediate") {
      withoutTenantGuard("own-mails", () =>
        tx.update(mailOutbox).set({ state: "pending", nextAttemptAt: Date.now() }).where(and(eq(mailOutbox.recipientUserId, userId), eq(mailOutbox.state, "held"))).run(),
      );
    }
    writeAudit(tx, {
      actor: caller.actor,
      municipalityId: caller.municipalityId,
      entity: "user",
      entityId: userId,
      action: "set_mail_preference",
      changes: { mode: { from: before, to: mode } },
    });
  });
}
