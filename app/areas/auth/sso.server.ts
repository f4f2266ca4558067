import crypto from "node:crypto";
import { and, eq, lt } from "drizzle-orm";
import * as oidc from "openid-client";
import { memberships, oidcIdentities, oidcLogins, oidcSessions, users, type OidcConfig } from "../../../db/schema";
import { newValues, writeAudit } from "../../utils/audit.server";
import { BoundedCache } from "../../utils/bounded-cache";
import { getDb, transaction } from "../../utils/db.server";
import { hashPassword } from "./password.server";
import {
  SSO_FAILED,
  SSO_REFUSED_NO_ACCOUNT,
  SSO_REFUSED_NO_GROUP,
  SSO_REFUSED_UNVERIFIED,
  claimGroups,
  parseGroupRoles,
  roleForGroups,
} from "./sso";
import { oidcConfigOf } from "./sso-config.server";
import { withoutTenantGuard } from "../../utils/tenant-guard.server";

/**
 * OpenID Connect login (authorization code flow with PKCE, state and nonce) through the identity
 * provider a Kommune configured. Start: a row in `oidc_logins` holds state, nonce and the PKCE
 * verifier for 10 minutes, and the browser gets the state in a cookie, so a callback is only
 * accepted in the browser that started it. Callback: the row is used up, the code exchanged
 * (openid-client checks state, nonce, issuer, audience and signature), the groups mapped to a role
 * of that Kommune, and the person found by the provider's subject, else linked by verified e-mail,
 * else created (if the Kommune allows it).
 */

export const LOGIN_TTL_MS = 10 * 60_000;

/** Why an SSO login was refused: the code in `/login?sso=…`, the German message on the page. */
export const SSO_REFUSALS = {
  "keine-gruppe": SSO_REFUSED_NO_GROUP,
  "kein-konto": SSO_REFUSED_NO_ACCOUNT,
  "nicht-bestaetigt": SSO_REFUSED_UNVERIFIED,
  deaktiviert: "Ihr Konto in Fahrplan ist deaktiviert. Bitte wenden Sie sich an die Administration Ihrer Kommune.",
  fehlgeschlagen: SSO_FAILED,
} as const;
export type SsoRefusal = keyof typeof SSO_REFUSALS;

export function isSsoRefusal(value: string | null): value is SsoRefusal {
  return value !== null && Object.hasOwn(SSO_REFUSALS, value);
}

/** One entry per configured provider and version; a Kommune has at most a few. */
const discovered = new BoundedCache<string, { at: number; config: Promise<oidc.Configuration> }>(500);
const DISCOVERY_TTL_MS = 10 * 60_000;

/** The provider's metadata (discovery), kept for 10 minutes per issuer and client. */
function providerConfig(row: OidcConfig): Promise<oidc.Configuration> {
  const key = `${row.issuer}\n${row.clientId}\n${row.version}`;
  const cached = discovered.get(key);
  if (cached && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.config;
  // http is accepted only for a provider on the own machine (isAllowedIssuer checked it on saving).
  const insecure = new URL(row.issuer).protocol === "http:" ? { execute: [oidc.allowInsecureRequests] } : undefined;
  const config = oidc.discovery(new URL(row.issuer), row.clientId, row.clientSecret, undefined, insecure);
  config.catch(() => discovered.delete(key));
  discovered.set(key, { at: Date.now(), config });
  return config;
}

export class SsoError extends Error {
  constructor(
    readonly refusal: SsoRefusal,
    readonly reason: string,
  ) {
    super(reason);
    this.name = "SsoError";
  }
}

function enabledConfig(municipalityId: number): OidcConfig {
  const row = oidcConfigOf(getDb(), municipalityId);
  if (!row || !row.enabled) throw new SsoError("fehlgeschlagen", "sso not enabled");
  return row;
}

/** Starts a login: returns the provider's authorization URL and the state for the browser cookie. */
export async function startSsoLogin(municipalityId: number, redirectUri: string, redirectTo: string): Promise<{ url: string; state: string }> {
  const row = enabledConfig(municipalityId);
  const config = await providerConfig(row);
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const now = Date.now();
  const db = getDb();
  withoutTenantGuard("sso-callback", () => db.delete(oidcLogins).where(lt(oidcLogins.createdAt, now - LOGIN_TTL_MS)).run());
  db.insert(oidcLogins).values({ state, municipalityId, nonce, codeVerifier, redirectTo, createdAt: now }).run();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: "openid email profile",
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
  });
  return { url: url.href, state };
}

export interface SsoLoginResult {
  userId: number;
  municipalityId: number;
  idToken: string;
  redirectTo: string;
}

interface Claims {
  sub: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  groups: string[];
}

function readClaims(source: Record<string, unknown>, groupClaim: string): Claims {
  const email = typeof source.email === "string" ? source.email.trim().toLowerCase() : null;
  return {
    sub: String(source.sub),
    email,
    // Only a literal true counts: a missing claim or the string "true" is not a verification.
    emailVerified: source.email_verified === true,
    name: typeof source.name === "string" && source.name.trim() ? source.name.trim().slice(0, 200) : null,
    groups: claimGroups(source[groupClaim]),
  };
}

function refuse(municipalityId: number, refusal: SsoRefusal, details: object): never {
  transaction((tx) =>
    writeAudit(tx, {
      actor: { userId: null, label: "SSO" },
      municipalityId,
      entity: "session",
      action: "login_refused",
      details: { method: "sso", reason: refusal, ...details },
    }),
  );
  throw new SsoError(refusal, `sso login refused: ${refusal}`);
}

/**
 * Finishes a login on the provider's callback. `callbackUrl` is the full URL the provider sent the
 * browser to; `cookieState` the state from the browser's cookie. Throws SsoError with the reason
 * for the login page; every refusal is audited.
 */
export async function finishSsoLogin(callbackUrl: URL, cookieState: string | null, redirectUri: string, address: string): Promise<SsoLoginResult> {
  const state = callbackUrl.searchParams.get("state");
  if (!state) throw new SsoError("fehlgeschlagen", "callback without state");
  // Used up at once, whatever happens next: a code or state is never accepted twice.
  const login = withoutTenantGuard("sso-callback", () => getDb().delete(oidcLogins).where(eq(oidcLogins.state, state)).returning().get());
  if (!login) throw new SsoError("fehlgeschlagen", "unknown or used state");
  if (!cookieState || !safeEqual(cookieState, state)) refuse(login.municipalityId, "fehlgeschlagen", { problem: "state cookie missing or different", address });
  if (Date.now() - login.createdAt > LOGIN_TTL_MS) refuse(login.municipalityId, "fehlgeschlagen", { problem: "login expired", address });
  const row = enabledConfig(login.municipalityId);
  const config = await providerConfig(row);

  const currentUrl = new URL(redirectUri);
  currentUrl.search = callbackUrl.search;
  let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
  try {
    tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: login.codeVerifier,
      expectedState: login.state,
      expectedNonce: login.nonce,
      idTokenExpected: true,
    });
  } catch (error) {
    refuse(login.municipalityId, "fehlgeschlagen", { problem: (error as Error).message.slice(0, 200), address });
  }
  const idClaims = tokens.claims();
  const idToken = tokens.id_token;
  if (!idClaims || !idToken) refuse(login.municipalityId, "fehlgeschlagen", { problem: "no id token", address });
  let merged: Record<string, unknown> = { ...idClaims };
  // Many providers put e-mail and groups only into the userinfo answer of the code flow.
  if (config.serverMetadata().userinfo_endpoint) {
    const info = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub).catch(() => null);
    if (info) merged = { ...info, ...idClaims };
  }
  const claims = readClaims(merged, row.groupClaim);
  const role = roleForGroups(claims.groups, parseGroupRoles(row.groupRoles));
  const who = { subject: claims.sub, address };
  if (!role) refuse(login.municipalityId, "keine-gruppe", { ...who, groups: claims.groups.slice(0, 20) });

  const db = getDb();
  // An identity (issuer + subject) belongs to the person, unique across Kommunen; the membership in
  // this Kommune is checked below.
  const identity = withoutTenantGuard("sso-callback", () =>
    db
      .select({ userId: oidcIdentities.userId })
      .from(oidcIdentities)
      .where(and(eq(oidcIdentities.issuer, row.issuer), eq(oidcIdentities.subject, claims.sub)))
      .get(),
  );
  let userId = identity?.userId ?? null;
  let linkedBy: "subject" | "email" | "created" = "subject";
  let passwordHash: string | null = null;
  if (userId === null) {
    if (!claims.email || !claims.emailVerified) refuse(login.municipalityId, "nicht-bestaetigt", who);
    const existing = db.select({ id: users.id }).from(users).where(eq(users.email, claims.email)).get();
    if (existing) {
      userId = existing.id;
      linkedBy = "email";
    } else if (row.createUsers) {
      linkedBy = "created";
      // No usable password: the person signs in through the provider (or sets one via reset).
      passwordHash = await hashPassword(crypto.randomBytes(32).toString("base64url"));
    } else {
      refuse(login.municipalityId, "kein-konto", who);
    }
  }
  if (userId !== null) {
    const active = db.select({ active: users.active }).from(users).where(eq(users.id, userId)).get();
    if (!active?.active) refuse(login.municipalityId, "deaktiviert", { ...who, userId });
  }

  const municipalityId = login.municipalityId;
  const finalUserId = transaction((tx) => {
    const actorLabel = claims.email ?? `sso:${claims.sub}`;
    let id = userId;
    if (id === null) {
      id = tx.insert(users).values({ email: claims.email!, name: claims.name ?? claims.email!, passwordHash: passwordHash! }).returning({ id: users.id }).get().id;
      writeAudit(tx, { actor: { userId: id, label: actorLabel }, municipalityId, entity: "user", entityId: id, action: "create", changes: newValues({ email: claims.email, name: claims.name ?? claims.email, via: "sso" }) });
    }
    if (linkedBy !== "subject") tx.insert(oidcIdentities).values({ municipalityId, issuer: row.issuer, subject: claims.sub, userId: id }).run();
    const actor = { userId: id, label: actorLabel };
    const membership = tx.select().from(memberships).where(and(eq(memberships.userId, id), eq(memberships.municipalityId, municipalityId))).get();
    if (!membership) {
      const membershipId = tx.insert(memberships).values({ userId: id, municipalityId, role }).returning({ id: memberships.id }).get().id;
      writeAudit(tx, { actor, municipalityId, entity: "membership", entityId: membershipId, action: "create", changes: newValues({ userId: id, role, via: "sso" }) });
    } else if (membership.role !== role) {
      // The provider's groups decide the role in this Kommune at every login.
      tx.update(memberships).set({ role, version: membership.version + 1 }).where(and(eq(memberships.id, membership.id), eq(memberships.municipalityId, municipalityId))).run();
      writeAudit(tx, { actor, municipalityId, entity: "membership", entityId: membership.id, action: "update", changes: { role: { from: membership.role, to: role } }, details: { via: "sso" } });
    }
    writeAudit(tx, { actor, municipalityId, entity: "session", action: "login", details: { method: "sso", linkedBy, role, address } });
    return id;
  });
  return { userId: finalUserId, municipalityId, idToken, redirectTo: login.redirectTo };
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/** Remembers the ID token of a session started through SSO, for the provider's logout. */
export function rememberSsoSession(sessionId: string, municipalityId: number, idToken: string): void {
  getDb().insert(oidcSessions).values({ sessionId, municipalityId, idToken }).run();
}

/**
 * The provider's logout address for a session started through SSO (RP-initiated logout), or null
 * when the session was a local one or the provider offers no end_session_endpoint.
 */
export async function ssoLogoutUrl(sessionId: string, postLogoutRedirectUri: string): Promise<string | null> {
  const session = withoutTenantGuard("sso-callback", () => getDb().select().from(oidcSessions).where(eq(oidcSessions.sessionId, sessionId)).get());
  if (!session) return null;
  const row = oidcConfigOf(getDb(), session.municipalityId);
  if (!row) return null;
  try {
    const config = await providerConfig(row);
    if (!config.serverMetadata().end_session_endpoint) return null;
    return oidc.buildEndSessionUrl(config, { id_token_hint: session.idToken, post_logout_redirect_uri: postLogoutRedirectUri }).href;
  } catch {
    // The provider is unreachable: the local session still ends.
    return null;
  }
}
