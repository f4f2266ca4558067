import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { municipalities, nowIso, users } from "./org";

/**
 * Single sign-on of one Kommune through its identity provider (OpenID Connect). The client secret
 * is stored because the server sends it to the provider; it is never shown again in the UI.
 * `groupRoles` is a JSON object group name → role.
 */
export const oidcConfigs = sqliteTable(
  "oidc_configs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    enabled: integer("enabled", { mode: "boolean" }).notNull().default(false),
    /** Shown on the login page: "Anmelden mit <displayName>". */
    displayName: text("display_name").notNull().default("Single Sign-on"),
    issuer: text("issuer").notNull(),
    clientId: text("client_id").notNull(),
    clientSecret: text("client_secret").notNull(),
    groupClaim: text("group_claim").notNull().default("groups"),
    groupRoles: text("group_roles").notNull().default("{}"),
    /** Create an account on first login; otherwise only existing accounts (by verified e-mail) may sign in. */
    createUsers: integer("create_users", { mode: "boolean" }).notNull().default(false),
    createdAt: text("created_at").notNull().default(nowIso),
    updatedAt: text("updated_at").notNull().default(nowIso),
    version: integer("version").notNull().default(1),
  },
  (t) => [uniqueIndex("oidc_configs_municipality_unique").on(t.municipalityId)],
);

/** A started SSO login: state, nonce and PKCE verifier until the provider calls back (10 minutes). */
export const oidcLogins = sqliteTable(
  "oidc_logins",
  {
    state: text("state").primaryKey(),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    nonce: text("nonce").notNull(),
    codeVerifier: text("code_verifier").notNull(),
    redirectTo: text("redirect_to").notNull().default("/"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("oidc_logins_municipality_idx").on(t.municipalityId)],
);

/**
 * Personal access tokens for the read API: only the SHA-256 of the token is stored; the token acts
 * with its owner's role in exactly one Kommune.
 */
export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull(),
    /** The first characters, so the owner can tell tokens apart. */
    prefix: text("prefix").notNull(),
    expiresAt: text("expires_at"),
    lastUsedAt: text("last_used_at"),
    revokedAt: text("revoked_at"),
    createdAt: text("created_at").notNull().default(nowIso),
  },
  (t) => [
    uniqueIndex("api_tokens_hash_unique").on(t.tokenHash),
    index("api_tokens_municipality_user_idx").on(t.municipalityId, t.userId),
  ],
);

export type OidcConfig = typeof oidcConfigs.$inferSelect;
export type ApiToken = typeof apiTokens.$inferSelect;
