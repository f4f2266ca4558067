import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { municipalities, nowIso, users } from "./org";

/** What a mail is about; the admin outbox and the digest label them in German. */
export const MAIL_KINDS = [
  "taskAssigned",
  "deadlineReminder",
  "deadlineOverdue",
  "registrationConfirmed",
  "waitlisted",
  "waitlistMovedUp",
  "registrationCancelled",
  "sessionChanged",
  "sessionCancelled",
  "externalTrainingDecided",
  "passwordReset",
  "digest",
] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/**
 * pending: waits for the sender (or for SMTP_URL); sending: claimed by the sender until
 * `claimedUntil`; sent; failed: given up (permanent SMTP error or too many attempts, an admin can
 * retry); held: waits for the person's daily digest; digested: went out inside digest `digestId`.
 */
export const MAIL_STATES = ["pending", "sending", "sent", "failed", "held", "digested"] as const;
export type MailState = (typeof MAIL_STATES)[number];

/**
 * Transactional outbox: a mail is a row written in the same transaction as the event that causes
 * it, and the sender delivers it later. The bodies are emptied once the mail is sent (they may hold
 * a password reset link); subject, recipient and state stay for the admin's overview.
 */
export const mailOutbox = sqliteTable(
  "mail_outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** The Kommune whose event caused the mail; its admins see it in the outbox. */
    municipalityId: integer("municipality_id").references(() => municipalities.id),
    kind: text("kind", { enum: MAIL_KINDS }).notNull(),
    recipientUserId: integer("recipient_user_id").references(() => users.id),
    recipientEmail: text("recipient_email").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    htmlBody: text("html_body").notNull(),
    /** The mail's main link, listed in the daily digest. */
    linkUrl: text("link_url"),
    /** JSON list of { filename, contentType, method?, content } (iTIP invitations). */
    attachments: text("attachments"),
    /** Stable Message-ID of this row: a retry after a crash carries the same one. */
    messageId: text("message_id").notNull().unique(),
    /** iCalendar UID and SEQUENCE of an attached invitation, to number the next one higher. */
    icalUid: text("ical_uid"),
    icalSequence: integer("ical_sequence"),
    state: text("state", { enum: MAIL_STATES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    /** Epoch ms: not before this time (backoff). */
    nextAttemptAt: integer("next_attempt_at").notNull(),
    /** Epoch ms: the sender's claim on a row in "sending" ends here (a crashed sender's claim expires). */
    claimedUntil: integer("claimed_until"),
    lastError: text("last_error"),
    sentAt: text("sent_at"),
    digestId: integer("digest_id"),
    createdAt: text("created_at").notNull().default(nowIso),
  },
  (t) => [
    index("mail_outbox_due_idx").on(t.state, t.nextAttemptAt),
    index("mail_outbox_municipality_idx").on(t.municipalityId, t.id),
    index("mail_outbox_held_idx").on(t.state, t.recipientEmail),
    index("mail_outbox_ical_idx").on(t.icalUid),
  ],
);

export const MAIL_MODES = ["immediate", "digest", "off"] as const;
export type MailMode = (typeof MAIL_MODES)[number];

/** Per-person choice on /konto; no row means "immediate". */
export const mailPreferences = sqliteTable("mail_preferences", {
  userId: integer("user_id")
    .primaryKey()
    .references(() => users.id),
  mode: text("mode", { enum: MAIL_MODES }).notNull(),
  updatedAt: text("updated_at").notNull().default(nowIso),
});

/** "Passwort vergessen": only the SHA-256 of the emailed token is stored; single use, 60 minutes. */
export const passwordResetTokens = sqliteTable(
  "password_reset_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    tokenHash: text("token_hash").notNull().unique(),
    /** Epoch ms. */
    expiresAt: integer("expires_at").notNull(),
    usedAt: text("used_at"),
    createdAt: text("created_at").notNull().default(nowIso),
  },
  (t) => [index("password_reset_tokens_user_idx").on(t.userId)],
);
