import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { municipalities, oidcConfigs, type OidcConfig } from "../../../db/schema";
import { changedValues, newValues, writeAudit } from "../../utils/audit.server";
import type { AreaCaller } from "../../utils/caller.server";
import { type DbOrTx, getDb, transaction } from "../../utils/db.server";
import { ConflictError, ValidationError } from "../../utils/errors";
import { assertCan } from "../../utils/permissions";
import { type GroupRoles, isAllowedIssuer } from "./sso";
import { ASSIGNABLE_ROLES } from "./roles";

/**
 * The SSO set-up of one Kommune (one row of `oidc_configs`): which identity provider, which client,
 * which claim carries the groups, which group becomes which role, and whether a first login creates
 * the account. A provider used by the whole platform is configured in each Kommune that uses it,
 * with that Kommune's own group → role mapping (the same issuer and client may appear in several).
 */
export const OidcConfigSchema = z.object({
  enabled: z.boolean(),
  displayName: z.string().trim().min(2, { error: "Bitte geben Sie einen Namen für die Schaltfläche an (mindestens 2 Zeichen)." }).max(60),
  issuer: z
    .string()
    .trim()
    .refine(isAllowedIssuer, { error: "Die Adresse des Identitätsanbieters muss mit https:// beginnen (http nur für localhost)." }),
  clientId: z.string().trim().min(1, { error: "Bitte geben Sie die Client-ID an." }).max(200),
  /** Empty keeps the stored secret (the form never shows it again). */
  clientSecret: z.string().max(500, { error: "Das Client-Secret darf höchstens 500 Zeichen lang sein." }),
  groupClaim: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.:/-]{1,100}$/, { error: "Der Name des Gruppen-Claims darf nur Buchstaben, Ziffern und _ . : / - enthalten." }),
  groupRoles: z.record(z.string(), z.enum(ASSIGNABLE_ROLES)),
  createUsers: z.boolean(),
});
export type OidcConfigValues = z.infer<typeof OidcConfigSchema>;

export function oidcConfigOf(db: DbOrTx, municipalityId: number): OidcConfig | undefined {
  return db.select().from(oidcConfigs).where(eq(oidcConfigs.municipalityId, municipalityId)).get();
}

/** Creates or replaces the Kommune's SSO set-up (admins only), audited without the secret. */
export function saveOidcConfig(caller: AreaCaller, input: OidcConfigValues, expectedVersion: number | null): void {
  assertCan(caller, "admin.users");
  const values = OidcConfigSchema.parse(input);
  const visible = (r: Omit<OidcConfig, "id" | "municipalityId" | "createdAt" | "updatedAt" | "version">) => ({ enabled: r.enabled, displayName: r.displayName, issuer: r.issuer, clientId: r.clientId, groupClaim: r.groupClaim, groupRoles: r.groupRoles, createUsers: r.createUsers });
  transaction((tx) => {
    const existing = oidcConfigOf(tx, caller.municipalityId);
    const clientSecret = values.clientSecret || existing?.clientSecret;
    if (!clientSecret) throw new ValidationError({ clientSecret: ["Bitte geben Sie das Client-Secret an."] });
    const row = { ...values, clientSecret, groupRoles: JSON.stringify(values.groupRoles satisfies GroupRoles) };
    if (!existing) {
      const id = tx.insert(oidcConfigs).values({ municipalityId: caller.municipalityId, ...row }).returning({ id: oidcConfigs.id }).get().id;
      writeAudit(tx, { actor: caller.actor, municipalityId: caller.municipalityId, entity: "oidcConfig", entityId: id, action: "create", changes: newValues(visible(row)) });
      return;
    }
    if (expectedVersion !== null && existing.version !== expectedVersion) {
      throw new ConflictError("Die Einstellungen wurden inzwischen von jemand anderem geändert. Bitte laden Sie die Seite neu.");
    }
    tx.update(oidcConfigs)
      .set({ ...row, updatedAt: new Date().toISOString(), version: existing.version + 1 })
      .where(and(eq(oidcConfigs.id, existing.id), eq(oidcConfigs.municipalityId, caller.municipalityId)))
      .run();
    const changes = changedValues(visible(existing), visible(row));
    if (existing.clientSecret !== row.clientSecret) changes.clientSecret = { from: "[alt]", to: "[neu]" };
    writeAudit(tx, { actor: caller.actor, municipalityId: caller.municipalityId, entity: "oidcConfig", entityId: existing.id, action: "update", changes });
  });
}

export interface LoginProvider {
  municipalityId: number;
  municipalityName: string;
  displayName: string;
}

/** The enabled providers for the login page ("Anmelden mit …"), one per Kommune. */
export function loginProviders(db: DbOrTx = getDb()): LoginProvider[] {
  return db
    .select({ municipalityId: oidcConfigs.municipalityId, municipalityName: municipalities.name, displayName: oidcConfigs.displayName })
    .from(oidcConfigs)
    .innerJoin(municipalities, eq(municipalities.id, oidcConfigs.municipalityId))
    .where(eq(oidcConfigs.enabled, true))
    .orderBy(asc(municipalities.name))
    .all();
}
