import nodemailer, { type Transporter } from "nodemailer";
import { and, eq, sql } from "drizzle-orm";
import { mailOutbox } from "../../../db/schema/mail";
import { type Db, getDb } from "../db.server";
import { env } from "../env.server";
import { logger } from "../logger.server";
import type { StoredAttachment } from "./outbox.server";
import { MAX_ATTEMPTS, backoffMs } from "./render";
import { withoutTenantGuard } from "../tenant-guard.server";

/**
 * The outbox sender. Runs only where the background jobs run (one worker of the cluster, see
 * server.js), every 2 seconds, so a mail leaves within seconds of its event.
 *
 * Delivery guarantee: each row is claimed by one atomic UPDATE (state "sending", claim deadline),
 * handed to SMTP with the row's fixed Message-ID, then marked "sent". A crash before the SMTP
 * server has accepted the message (the final "." of DATA answered with 250) leaves the row in
 * "sending"; at the next start it goes back to "pending" and is sent again – the SMTP server
 * never saw a complete message, so it arrives once. Only a crash in the few milliseconds between
 * the server's 250 and our UPDATE can deliver it twice, with the same Message-ID, which mail
 * clients (Outlook, Thunderbird) and Exchange's duplicate detection treat as one message.
 */

export interface SenderOptions {
  transport: Transporter;
  from: string;
  now?: () => number;
  /** How long a claim holds before another run may take the row over. */
  leaseMs?: number;
  backoffBaseMs?: number;
  /** Stop after this many mails per run so a big backlog does not block other jobs. */
  maxPerRun?: number;
}

export interface DeliveryResult {
  sent: number;
  retried: number;
  failed: number;
}

type OutboxRow = typeof mailOutbox.$inferSelect;

function claimNext(db: Db, now: number, leaseMs: number): OutboxRow | undefined {
  const due = sql`(SELECT id FROM mail_outbox
    WHERE (state = 'pending' AND next_attempt_at <= ${now}) OR (state = 'sending' AND claimed_until < ${now})
    ORDER BY next_attempt_at, id LIMIT 1)`;
  return db
    .update(mailOutbox)
    .set({ state: "sending", claimedUntil: now + leaseMs, attempts: sql`${mailOutbox.attempts} + 1` })
    .where(eq(mailOutbox.id, due))
    .returning()
    .get();
}

function errorText(error: unknown): string {
  const e = error as { responseCode?: number; response?: string; code?: string; message?: string };
  const text = e.response ?? e.message ?? String(error);
  return `${e.responseCode ?? e.code ?? "Fehler"}: ${text}`.slice(0, 500);
}

function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
}

async function deliver(row: OutboxRow, options: SenderOptions): Promise<void> {
  const attachments: StoredAttachment[] = row.attachments ? JSON.parse(row.attachments) : [];
  const single = attachments.length === 1 ? attachments[0] : undefined;
  await options.transport.sendMail({
    from: options.from,
    to: row.recipientEmail,
    subject: row.subject,
    text: row.textBody,
    html: row.htmlBody,
    messageId: row.messageId,
    headers: { "Auto-Submitted": "auto-generated", "X-Fahrplan-Outbox-Id": String(row.id) },
    // One invitation: as the calendar alternative (text/calendar; method=…) that Outlook shows
    // with Accept/Decline. Several (the digest): as attachments with the method parameter.
    ...(single ? { icalEvent: { method: single.method, filename: single.filename, content: single.content } } : {}),
    ...(attachments.length > 1
      ? { attachments: attachments.map((a) => ({ filename: a.filename, content: a.content, contentType: `text/calendar; charset=utf-8; method=${a.method}` })) }
      : {}),
  });
}

/** Sends every due mail, one at a time; safe to run again at any time. The outbox of all Kommunen is one queue. */
export function deliverDueMails(db: Db, options: SenderOptions): Promise<DeliveryResult> {
  return withoutTenantGuard("jobs", () => deliverQueue(db, options));
}

async function deliverQueue(db: Db, options: SenderOptions): Promise<DeliveryResult> {
  const now = options.now ?? Date.now;
  const leaseMs = options.leaseMs ?? 120_000;
  const result: DeliveryResult = { sent: 0, retried: 0, failed: 0 };
  for (let i = 0; i < (options.maxPerRun ?? 100); i++) {
    const row = claimNext(db, now(), leaseMs);
    if (!row) break;
    try {
      await deliver(row, options);
      db.update(mailOutbox)
        .set({ state: "sent", sentAt: new Date(now()).toISOString(), claimedUntil: null, lastError: null, textBody: "", htmlBody: "", attachments: null })
        .where(and(eq(mailOutbox.id, row.id), eq(mailOutbox.state, "sending")))
        .run();
      result.sent++;
    } catch (error) {
      const giveUp = isPermanent(error) || row.attempts >= MAX_ATTEMPTS;
      db.update(mailOutbox)
        .set({
          state: giveUp ? "failed" : "pending",
          claimedUntil: null,
          lastError: errorText(error),
          nextAttemptAt: now() + backoffMs(row.attempts, options.backoffBaseMs),
        })
        .where(and(eq(mailOutbox.id, row.id), eq(mailOutbox.state, "sending")))
        .run();
      logger.warn({ outboxId: row.id, attempts: row.attempts, giveUp, err: errorText(error) }, "mail delivery failed");
      if (giveUp) result.failed++;
      else result.retried++;
    }
  }
  return result;
}

/**
 * At the start of a sender no other sender runs (one job process per server, see server.js):
 * rows still "sending" belong to a process that died mid-delivery and go back to the queue.
 */
export function recoverInterruptedDeliveries(db: Db): number {
  return withoutTenantGuard("jobs", () => db.update(mailOutbox).set({ state: "pending", claimedUntil: null }).where(eq(mailOutbox.state, "sending")).run()).changes;
}

let cached: { url: string; transport: Transporter } | undefined;

/** The nodemailer transport for SMTP_URL (smtp:// with STARTTLS when offered, smtps:// with TLS). */
export function smtpTransport(url: string): Transporter {
  if (cached?.url === url) return cached.transport;
  // Timeouts well below the claim (2 minutes), so a hanging server cannot outlive the claim.
  cached = { url, transport: nodemailer.createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 }) };
  return cached.transport;
}

let recovered = false;

export const MAIL_SENDER_JOB = {
  name: "mail-outbox",
  intervalMs: 2_000,
  async run() {
    const config = env();
    if (!config.SMTP_URL) return;
    const db = getDb();
    if (!recovered) {
      recovered = true;
      const n = recoverInterruptedDeliveries(db);
      if (n > 0) logger.warn({ mails: n }, "mails interrupted by a previous stop are queued again");
    }
    await deliverDueMails(db, { transport: smtpTransport(config.SMTP_URL), from: config.MAIL_FROM });
  },
};
