import crypto from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import { passwordResetTokens } from "../../../db/schema/mail";
import { userSessions, users } from "../../../db/schema/org";
import { writeAudit } from "../../utils/audit.server";
import { getDb, transaction } from "../../utils/db.server";
import { ValidationError } from "../../utils/errors";
import { absoluteUrl } from "../../utils/mail/links.server";
import { enqueueMail } from "../../utils/mail/outbox.server";
import { hitRateLimit } from "../../utils/rate-limit.server";
import { defaultMunicipalityId } from "./access.server";
import { hashPassword, passwordPolicyError } from "./password.server";
import { INVALID_TOKEN_MESSAGE } from "./password-reset-messages";

/**
 * "Passwort vergessen": a single-use link valid 60 minutes. Only the SHA-256 of the token is
 * stored, so a copy of the database opens no account. The answer is the same whether the address
 * belongs to an account or not, and takes at least MIN_ANSWER_MS either way.
 */

export const RESET_VALID_MS = 60 * 60 * 1000;
export const RESET_LIMITS = {
  perAddress: { max: 3, windowMs: 60 * 60 * 1000 },
  perClient: { max: 10, windowMs: 60 * 60 * 1000 },
};
const MIN_ANSWER_MS = 400;

export function hashResetToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export type ResetRequestResult = { ok: true } | { ok: false; retryAfterSeconds: number };

export async function requestPasswordReset(rawEmail: string, clientAddress: string, now = Date.now()): Promise<ResetRequestResult> {
  const started = Date.now();
  const email = rawEmail.trim().toLowerCase();
  const byClient = hitRateLimit(`password-reset-ip:${clientAddress}`, RESET_LIMITS.perClient, now);
  const byAddress = hitRateLimit(`password-reset-email:${email}`, RESET_LIMITS.perAddress, now);
  if (!byClient.allowed || !byAddress.allowed) {
    return { ok: false, retryAfterSeconds: Math.max(byClient.allowed ? 0 : byClient.retryAfterSeconds, byAddress.allowed ? 0 : byAddress.retryAfterSeconds) };
  }
  // The token is made either way, so both paths do the same work.
  const token = crypto.randomBytes(32).toString("base64url");
  const user = getDb().select().from(users).where(eq(users.email, email)).get();
  if (user?.active) {
    const municipalityId = defaultMunicipalityId(user.id);
    transaction((tx) => {
      tx.insert(passwordResetTokens).values({ userId: user.id, tokenHash: hashResetToken(token), expiresAt: now + RESET_VALID_MS }).run();
      const link = absoluteUrl(`/passwort-neu/${token}`);
      enqueueMail(tx, {
        municipalityId,
        kind: "passwordReset",
        to: { userId: user.id, email: user.email, name: user.name },
        legal: true,
        content: {
          subject: "Fahrplan: Passwort zurücksetzen",
          greeting: `Guten Tag ${user.name},`,
          paragraphs: [
            "für Ihr Fahrplan-Konto wurde ein neues Passwort angefordert. Mit dem folgenden Link setzen Sie es; er ist 60 Minuten gültig und funktioniert nur einmal.",
            "Wenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail: Ihr bisheriges Passwort bleibt gültig.",
          ],
          action: { label: "Neues Passwort festlegen", url: link },
          footer: "Diese Sicherheitsnachricht sendet Fahrplan unabhängig von Ihren E-Mail-Einstellungen.",
        },
      });
      writeAudit(tx, {
        actor: { userId: null, label: email },
        municipalityId,
        entity: "user",
        entityId: user.id,
        action: "request_password_reset",
        details: { address: clientAddress },
      });
    });
  }
  const wait = MIN_ANSWER_MS - (Date.now() - started);
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  return { ok: true };
}

/** The account a still valid, unused token belongs to; undefined otherwise. */
export function checkResetToken(token: string, now = Date.now()): { userId: number; email: string } | undefined {
  return getDb()
    .select({ userId: users.id, email: users.email })
    .from(passwordResetTokens)
    .innerJoin(users, eq(users.id, passwordResetTokens.userId))
    .where(and(eq(passwordResetTokens.tokenHash, hashResetToken(token)), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, now), eq(users.active, true)))
    .get();
}

/**
 * Sets the new password with a valid token: the token (and every other open one of the account)
 * is used up and all sessions of the account end, in one transaction. The token is claimed by a
 * conditional UPDATE, so two parallel submissions cannot both succeed.
 */
export async function resetPassword(token: string, newPassword: string, clientAddress: string, now = Date.now()): Promise<void> {
  const policy = passwordPolicyError(newPassword);
  if (policy) throw new ValidationError({ newPassword: [policy] });
  if (!checkResetToken(token, now)) throw new ValidationError({ form: [INVALID_TOKEN_MESSAGE] });
  const passwordHash = await hashPassword(newPassword);
  transaction((tx) => {
    const claimed = tx
      .update(passwordResetTokens)
      .set({ usedAt: new Date(now).toISOString() })
      .where(and(eq(passwordResetTokens.tokenHash, hashResetToken(token)), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, now)))
      .returning({ userId: passwordResetTokens.userId })
      .get();
    if (!claimed) throw new ValidationError({ form: [INVALID_TOKEN_MESSAGE] });
    const user = tx.select().from(users).where(eq(users.id, claimed.userId)).get()!;
    tx.update(passwordResetTokens)
      .set({ usedAt: new Date(now).toISOString() })
      .where(and(eq(passwordResetTokens.userId, user.id), isNull(passwordResetTokens.usedAt)))
      .run();
    tx.update(users).set({ passwordHash, version: user.version + 1 }).where(eq(users.id, user.id)).run();
    tx.delete(userSessions).where(eq(userSessions.userId, user.id)).run();
    writeAudit(tx, {
      actor: { userId: user.id, label: user.email },
      municipalityId: defaultMunicipalityId(user.id),
      entity: "user",
      entityId: user.id,
      action: "reset_password",
      details: { address: clientAddress },
    });
  });
}
