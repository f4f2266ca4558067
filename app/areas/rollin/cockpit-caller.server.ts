import type { Role } from "../../../db/schema";
import type { ProviderRole } from "../../../db/schema/rollin";
import { type AccessibleMunicipality, accessibleMunicipalities } from "../auth/access.server";
import { requireUser } from "../../utils/context.server";
import { type DbOrTx, getDb } from "../../utils/db.server";
import { forbidden } from "../../utils/http.server";
import { can } from "../../utils/permissions";
import { providerCan } from "./provider-permissions";
import { type ProviderCaller, providerCallerFor } from "./provider.server";

/**
 * Who looks at the cockpit: "the Kommunen I act for". Either a Roll-in-Service person (the
 * Kommunen of their provider, or those assigned to them) or a member of several Kommunen (an admin
 * or CDO of an Amt's Gemeinden): the Kommunen of their memberships. Built only from the session
 * (`requireCockpit`) or by tests.
 */
export interface CockpitCaller {
  readonly kind: "provider" | "member";
  readonly userId: number;
  /** The page title: the provider's name, or "Meine Kommunen". */
  readonly title: string;
  /** Groups (Amt, Landkreis) are defined by a provider; members have none. */
  readonly serviceProviderId: number | null;
  readonly providerRole: ProviderRole | null;
  readonly municipalityIds: readonly number[];
  /** The role the caller acts in there: the Roll-in role for provider staff, else the membership's own role. */
  roleIn(municipalityId: number): Role | null;
}

export const MEMBER_COCKPIT_TITLE = "Meine Kommunen";

export function providerCockpitCaller(caller: ProviderCaller): CockpitCaller {
  return {
    kind: "provider",
    userId: caller.userId,
    title: caller.providerName,
    serviceProviderId: caller.serviceProviderId,
    providerRole: caller.providerRole,
    municipalityIds: caller.municipalityIds,
    roleIn: (id) => (caller.municipalityIds.includes(id) ? "rollInManager" : null),
  };
}

/** The memberships that belong in a member's cockpit: those whose role may see the Kommune's Übersicht. */
export function cockpitMemberships(list: readonly AccessibleMunicipality[]): AccessibleMunicipality[] {
  return list.filter((m) => can(m.role, "dashboard.view"));
}

/** A member's cockpit needs at least two Kommunen; with one, the Kommune's own Übersicht is the start page. */
export function hasMemberCockpit(list: readonly AccessibleMunicipality[]): boolean {
  return cockpitMemberships(list).length >= 2;
}

/** The cockpit caller of a Kommune member (not provider staff): their memberships with the role of each. */
export function memberCockpitCaller(userId: number): CockpitCaller {
  const mine = cockpitMemberships(accessibleMunicipalities(userId));
  const roles = new Map(mine.map((m) => [m.id, m.role]));
  return {
    kind: "member",
    userId,
    title: MEMBER_COCKPIT_TITLE,
    serviceProviderId: null,
    providerRole: null,
    municipalityIds: mine.map((m) => m.id),
    roleIn: (id) => roles.get(id) ?? null,
  };
}

/** The cockpit caller of a user: provider staff as before, else a member of several Kommunen; null for neither. */
export function cockpitCallerFor(db: DbOrTx, userId: number): CockpitCaller | null {
  const provider = providerCallerFor(db, userId);
  if (provider) return providerCan(provider.providerRole, "provider.cockpit") ? providerCockpitCaller(provider) : null;
  const member = memberCockpitCaller(userId);
  return member.municipalityIds.length >= 2 ? member : null;
}

/** Start of the cockpit pages' loaders: the caller, or 403 with a German reason for users of one Kommune. */
export async function requireCockpit(request: Request): Promise<CockpitCaller> {
  const { user } = await requireUser(request);
  const caller = cockpitCallerFor(getDb(), user.id);
  if (!caller) {
    forbidden("Das Cockpit gibt es für Roll-in-Services und für Konten mit mehreren Kommunen. Ihre Kommune finden Sie in der Übersicht.");
  }
  return caller;
}
