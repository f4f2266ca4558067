import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { municipalities, nowIso, userSessions, users } from "./org";

/**
 * A person's account at an identity provider, linked to a Fahrplan login: after the first SSO
 * login (linked by verified e-mail or created) the provider's stable subject identifies the person,
 * so a changed e-mail at the provider still reaches the same account.
 */
export const oidcIdentities = sqliteTable(
  "oidc_identities",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    issuer: text("issuer").notNull(),
    subject: text("subject").notNull(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull().default(nowIso),
  },
  (t) => [uniqueIndex("oidc_identities_issuer_subject_unique").on(t.issuer, t.subject), index("oidc_identities_municipality_idx").on(t.municipalityId)],
);

/** A session started through SSO: the ID token, for the provider's logout (id_token_hint). */
export const oidcSessions = sqliteTable("oidc_sessions", {
  sessionId: text("session_id")
    .primaryKey()
    .references(() => userSessions.id, { onDelete: "cascade" }),
  municipalityId: integer("municipality_id")
    .notNull()
    .references(() => municipalities.id),
  idToken: text("id_token").notNull(),
});
