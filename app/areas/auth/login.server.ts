import { eq, inArray } from "drizzle-orm";
import { loginThrottles, users } from "../../../db/schema";
import { writeAudit } from "../../utils/audit.server";
import { getDb, transaction } from "../../utils/db.server";
import { dummyPasswordHash, verifyPassword } from "./password.server";
import {
  MAX_FAILURES_PER_ACCOUNT,
  MAX_FAILURES_PER_ADDRESS,
  type ThrottleState,
  lockedForMs,
  recordFailure,
  releaseAttempt,
} from "./throttle";
import { defaultMunicipalityId } from "./access.server";

export type LoginResult =
  | { ok: true; userId: number; municipalityId: number | null }
  | { ok: false; message: string };

const WRONG_CREDENTIALS = "E-Mail-Adresse oder Passwort ist nicht korrekt.";

function throttleKeys(email: string, address: string) {
  return { account: `email:${email}`, address: `ip:${address}` };
}

/**
 * Checks credentials with rate limiting per account and per address. The answer is the same
 * whether or not the account exists; every attempt is audited as a security event.
 *
 * The attempt is counted as a failure in one write transaction before the (slow) password check
 * and given back only on success: SQLite serialises write transactions across all workers, so N
 * parallel attempts count N and at most the allowed number of them ever reach the check.
 */
export async function attemptLogin(rawEmail: string, password: string, address: string): Promise<LoginResult> {
  const email = rawEmail.trim().toLowerCase();
  const keys = throttleKeys(email, address);
  const waitMs = reserveAttempt(email, keys, address, Date.now());
  if (waitMs > 0) {
    const minutes = Math.ceil(waitMs / 60_000);
    return {
      ok: false,
      message: `Zu viele fehlgeschlagene Anmeldeversuche. Bitte versuchen Sie es in ${minutes} ${minutes === 1 ? "Minute" : "Minuten"} erneut.`,
    };
  }

  const user = getDb().select().from(users).where(eq(users.email, email)).get();
  const valid = user
    ? user.active && (await verifyPassword(user.passwordHash, password))
    : await verifyPassword(await dummyPasswordHash(), password).then(() => false);

  if (!user || !valid) {
    transaction((tx) =>
      writeAudit(tx, {
        actor: { userId: user?.id ?? null, label: email },
        // Failed logins of a known account show up in that account's Kommune's log.
        municipalityId: user ? defaultMunicipalityId(user.id) : null,
        entity: "session",
        action: "login_failed",
        details: { email, address },
      }),
    );
    return { ok: false, message: WRONG_CREDENTIALS };
  }

  const municipalityId = defaultMunicipalityId(user.id);
  transaction((tx) => {
    tx.delete(loginThrottles).where(eq(loginThrottles.key, keys.account)).run();
    const addressState = tx.select().from(loginThrottles).where(eq(loginThrottles.key, keys.address)).get();
    const released = releaseAttempt(addressState);
    if (released) tx.update(loginThrottles).set(released).where(eq(loginThrottles.key, keys.address)).run();
    writeAudit(tx, {
      actor: { userId: user.id, label: user.email },
      municipalityId,
      entity: "session",
      action: "login",
      details: { address },
    });
  });
  return { ok: true, userId: user.id, municipalityId };
}

/**
 * Either counts the attempt against account and address (returns 0) or, when one of them is
 * locked, audits the refusal and returns the wait in milliseconds; both in one transaction.
 */
function reserveAttempt(email: string, keys: ReturnType<typeof throttleKeys>, address: string, now: number): number {
  return transaction((tx) => {
    const states = new Map<string, ThrottleState>(
      tx
        .select()
        .from(loginThrottles)
        .where(inArray(loginThrottles.key, [keys.account, keys.address]))
        .all()
        .map((r) => [r.key, r]),
    );
    const waitMs = Math.max(
      lockedForMs(states.get(keys.account), MAX_FAILURES_PER_ACCOUNT, now),
      lockedForMs(states.get(keys.address), MAX_FAILURES_PER_ADDRESS, now),
    );
    if (waitMs > 0) {
      writeAudit(tx, {
        actor: { userId: null, label: email },
        municipalityId: null,
        entity: "session",
        action: "login_blocked",
        details: { email, address },
      });
      return waitMs;
    }
    for (const key of [keys.account, keys.address]) {
      const next = recordFailure(states.get(key), now);
      tx.insert(loginThrottles)
        .values({ key, ...next })
        .onConflictDoUpdate({ target: loginThrottles.key, set: next })
        .run();
    }
    return 0;
  });
}

export function auditLogout(userId: number, email: string, municipalityId: number | null, method: "local" | "sso" = "local"): void {
  transaction((tx) =>
    writeAudit(tx, {
      actor: { userId, label: email },
      municipalityId,
      entity: "session",
      action: "logout",
      details: method === "sso" ? { method } : undefined,
    }),
  );
}
