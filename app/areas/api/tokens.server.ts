import crypto from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { apiTokens, users } from "../../../db/schema";
import type { Role } from "../../../db/schema/org";
import { writeAudit } from "../../utils/audit.server";
import type { AreaCaller } from "../../utils/caller.server";
import { getDb, transaction } from "../../utils/db.server";
import { notFound } from "../../utils/http.server";
import { assertCan, can, type Permission } from "../../utils/permissions";
import { hitRateLimit } from "../../utils/rate-limit.server";
import { scoped, tenantRow } from "../../utils/tenant.server";
import { accessibleMunicipalities } from "../auth/access.server";
import { withoutTenantGuard } from "../../utils/tenant-guard.server";

/** The caller of an API request: a token's owner with their current role in the token's Kommune. */
export interface ApiCaller {
  municipalityId: number;
  userId: number;
  role: Role;
  tokenId: number;
  can(permission: Permission): boolean;
}

export const TOKEN_PREFIX = "fp_";
export const TOKEN_LIFETIMES = ["30", "90", "365", "0"] as const;

export const NewTokenSchema = z.object({
  name: z
    .string({ error: "Bitte geben Sie einen Namen für das Token ein, z. B. wofür Sie es verwenden." })
    .trim()
    .min(3, { error: "Der Name muss mindestens 3 Zeichen lang sein." })
    .max(80, { error: "Der Name darf höchstens 80 Zeichen lang sein." }),
  lifetimeDays: z.enum(TOKEN_LIFETIMES, { error: "Bitte wählen Sie eine Gültigkeitsdauer." }),
});
export type NewTokenInput = z.output<typeof NewTokenSchema>;

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

/** The signed-in user's tokens in the current Kommune, newest first (never the token itself). */
export function listOwnTokens(caller: AreaCaller) {
  return getDb()
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      createdAt: apiTokens.createdAt,
      expiresAt: apiTokens.expiresAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(scoped(apiTokens, caller, eq(apiTokens.userId, caller.actor.userId ?? -1)))
    .orderBy(desc(apiTokens.id))
    .all();
}

/**
 * Creates a personal token for the caller in the current Kommune. The token is returned once;
 * only its SHA-256 is stored, so nobody (not the admin either) can read it again.
 */
export function createApiToken(caller: AreaCaller, input: NewTokenInput, now = new Date()): { id: number; token: string } {
  assertCan(caller, "api.tokens");
  const userId = caller.actor.userId;
  if (userId == null) throw new Error("createApiToken needs a signed-in user");
  const token = TOKEN_PREFIX + crypto.randomBytes(32).toString("base64url");
  const days = Number(input.lifetimeDays);
  const expiresAt = days > 0 ? new Date(now.getTime() + days * 86_400_000).toISOString() : null;
  const id = transaction((tx) => {
    const row = tx
      .insert(apiTokens)
      .values(tenantRow(caller, { userId, name: input.name, tokenHash: hashToken(token), prefix: token.slice(0, 8), expiresAt }))
      .returning({ id: apiTokens.id })
      .get();
    writeAudit(tx, {
      actor: caller.actor,
      municipalityId: caller.municipalityId,
      entity: "apiToken",
      entityId: row.id,
      action: "create",
      changes: { name: { to: input.name }, prefix: { to: token.slice(0, 8) }, expiresAt: { to: expiresAt } },
    });
    return row.id;
  });
  return { id, token };
}

/** Revokes one of the caller's own tokens; it stops working with the next request. */
export function revokeApiToken(caller: AreaCaller, tokenId: number, now = new Date()): void {
  assertCan(caller, "api.tokens");
  transaction((tx) => {
    const token = tx
      .select()
      .from(apiTokens)
      .where(scoped(apiTokens, caller, eq(apiTokens.id, tokenId), eq(apiTokens.userId, caller.actor.userId ?? -1), isNull(apiTokens.revokedAt)))
      .get();
    if (!token) notFound("Dieses Token gibt es nicht oder es ist bereits widerrufen.");
    const revokedAt = now.toISOString();
    tx.update(apiTokens).set({ revokedAt }).where(scoped(apiTokens, caller, eq(apiTokens.id, tokenId))).run();
    writeAudit(tx, {
      actor: caller.actor,
      municipalityId: caller.municipalityId,
      entity: "apiToken",
      entityId: tokenId,
      action: "revoke",
      changes: { revokedAt: { to: revokedAt } },
      details: { name: token.name, prefix: token.prefix },
    });
  });
}

/** Requests per token and minute; a client that needs more should page less eagerly. */
export const TOKEN_RATE_LIMIT = { max: 120, windowMs: 60_000 };
/** Requests with a missing or wrong token per client address and minute (guessing). */
export const INVALID_TOKEN_RATE_LIMIT = { max: 30, windowMs: 60_000 };

export class ApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 429,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

const UNAUTHORIZED =
  "Bitte senden Sie ein gültiges persönliches API-Token im Header „Authorization: Bearer …“. Tokens legen Sie unter „Mein Konto → API-Token“ an.";

/**
 * Resolves the caller of an API request from its bearer token: not revoked, not expired, owner
 * active and still a member of the token's Kommune; the role is the owner's role there today, so
 * a changed role or a removed membership takes effect at once.
 */
export function authenticateApiRequest(request: Request, address: string, now = new Date()): ApiCaller {
  const header = request.headers.get("Authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  const token = match?.[1];
  const row = token?.startsWith(TOKEN_PREFIX)
    ? withoutTenantGuard("api-token", () =>
        getDb()
          .select({ token: apiTokens, active: users.active })
          .from(apiTokens)
          .innerJoin(users, eq(users.id, apiTokens.userId))
          .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt)))
          .get(),
      )
    : undefined;
  const valid = row && row.active && (row.token.expiresAt === null || row.token.expiresAt > now.toISOString());
  const membership = valid ? accessibleMunicipalities(row.token.userId).find((m) => m.id === row.token.municipalityId) : undefined;
  if (!row || !membership) {
    const limit = hitRateLimit(`api-invalid:${address}`, INVALID_TOKEN_RATE_LIMIT, now.getTime());
    if (!limit.allowed) throw new ApiError(429, "rate_limited", "Zu viele Anfragen ohne gültiges Token. Bitte warten Sie.", limit.retryAfterSeconds);
    throw new ApiError(401, "unauthorized", UNAUTHORIZED);
  }
  const limit = hitRateLimit(`api-token:${row.token.id}`, TOKEN_RATE_LIMIT, now.getTime());
  if (!limit.allowed) {
    throw new ApiError(429, "rate_limited", `Zu viele Anfragen mit diesem Token (höchstens ${TOKEN_RATE_LIMIT.max} je Minute).`, limit.retryAfterSeconds);
  }
  // Written at most once a minute per token, so reading does not write on every request.
  const lastUsed = row.token.lastUsedAt ? Date.parse(row.token.lastUsedAt) : 0;
  if (now.getTime() - lastUsed > 60_000) {
    getDb()
      .update(apiTokens)
      .set({ lastUsedAt: now.toISOString() })
      .where(and(eq(apiTokens.municipalityId, row.token.municipalityId), eq(apiTokens.id, row.token.id)))
      .run();
  }
  const role = membership.role;
  return { municipalityId: row.token.municipalityId, userId: row.token.userId, role, tokenId: row.token.id, can: (p) => can(role, p) };
}

/** 403 unless the token owner's role has the permission. */
export function requireApiPermission(caller: ApiCaller, permission: Permission): void {
  if (!caller.can(permission)) throw new ApiError(403, "forbidden", "Ihre Rolle in dieser Kommune darf diese Daten nicht lesen.");
}
