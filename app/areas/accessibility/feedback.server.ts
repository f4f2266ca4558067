import { desc, eq } from "drizzle-orm";
import { accessibilityFeedback, municipalities } from "../../../db/schema";
import { writeAudit } from "../../utils/audit.server";
import { getDb, transaction } from "../../utils/db.server";
import { assertCan } from "../../utils/permissions";
import { hitRateLimit } from "../../utils/rate-limit.server";
import type { AreaCaller } from "../../utils/caller.server";
import { scoped } from "../../utils/tenant.server";
import type { AccessibilityFeedbackInput } from "./feedback-form";

/**
 * Per client address: enough for a person reporting several barriers, too few for a flood.
 */
export const FEEDBACK_LIMIT = { max: 5, windowMs: 60 * 60_000 };

/** The Kommunen a person can address feedback to (names are public: they run the service). */
export function feedbackRecipients(): { id: number; name: string }[] {
  return getDb().select({ id: municipalities.id, name: municipalities.name }).from(municipalities).orderBy(municipalities.name).all();
}

export type FeedbackOutcome = { ok: true; id: number } | { ok: false; reason: "rateLimited"; retryAfterSeconds: number } | { ok: false; reason: "unknownMunicipality" };

/**
 * Stores feedback sent without login and audits it in the same transaction. There is no caller
 * and no role: anyone may send feedback (BITV 2.0 § 7); the rate limit per address guards it.
 * The audit entry names the page but not the person's name or e-mail (the log is append-only).
 */
export function submitAccessibilityFeedback(input: AccessibilityFeedbackInput, clientAddress: string): FeedbackOutcome {
  const limit = hitRateLimit(`accessibilityFeedback:${clientAddress}`, FEEDBACK_LIMIT);
  if (!limit.allowed) return { ok: false, reason: "rateLimited", retryAfterSeconds: limit.retryAfterSeconds };
  return transaction((tx) => {
    const recipient = tx.select({ id: municipalities.id }).from(municipalities).where(eq(municipalities.id, input.municipalityId)).get();
    if (!recipient) return { ok: false, reason: "unknownMunicipality" } as const;
    const row = tx
      .insert(accessibilityFeedback)
      .values({
        municipalityId: recipient.id,
        page: input.page || null,
        message: input.message,
        contactName: input.contactName || null,
        contactEmail: input.contactEmail || null,
      })
      .returning({ id: accessibilityFeedback.id })
      .get();
    writeAudit(tx, {
      actor: { userId: null, label: "Öffentliches Formular" },
      municipalityId: recipient.id,
      entity: "accessibilityFeedback",
      entityId: row.id,
      action: "create",
      details: { page: input.page || null, withContact: Boolean(input.contactEmail) },
    });
    return { ok: true, id: row.id } as const;
  });
}

/** The feedback sent to the caller's Kommune, newest first. */
export function listAccessibilityFeedback(caller: AreaCaller, limit = 200) {
  assertCan(caller, "feedback.view");
  return getDb()
    .select({
      id: accessibilityFeedback.id,
      page: accessibilityFeedback.page,
      message: accessibilityFeedback.message,
      contactName: accessibilityFeedback.contactName,
      contactEmail: accessibilityFeedback.contactEmail,
      createdAt: accessibilityFeedback.createdAt,
    })
    .from(accessibilityFeedback)
    .where(scoped(accessibilityFeedback, caller))
    .orderBy(desc(accessibilityFeedback.createdAt), desc(accessibilityFeedback.id))
    .limit(limit)
    .all();
}
