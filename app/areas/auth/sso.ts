import { z } from "zod";
import type { Role } from "../../../db/schema/org";
import { ASSIGNABLE_ROLES } from "./roles";

export type MappableRole = (typeof ASSIGNABLE_ROLES)[number];

/** Group name → role, as the admin maps the identity provider's groups for one Kommune. */
export type GroupRoles = Record<string, MappableRole>;

/** When a person is in groups of several roles, the one with the most rights wins (matrix order). */
const PRIORITY: readonly MappableRole[] = ["admin", "cdo", "finance", "projectLead", "staff", "viewer"];

export const GROUP_NAME = /^[^,\n\r]{1,200}$/;

/** Reads the admin's comma-separated group list of one role ("  a, b ,," → ["a", "b"]). */
export function splitGroups(text: string | undefined): string[] {
  return [...new Set((text ?? "").split(",").map((g) => g.trim()).filter(Boolean))];
}

/**
 * Builds the mapping from one group list per role; a group named for two roles is a German error
 * (which role would it be?).
 */
export function buildGroupRoles(lists: Partial<Record<MappableRole, string[]>>): { ok: true; groupRoles: GroupRoles } | { ok: false; message: string } {
  const groupRoles: GroupRoles = {};
  for (const role of PRIORITY) {
    for (const group of lists[role] ?? []) {
      if (groupRoles[group] && groupRoles[group] !== role) {
        return { ok: false, message: `Die Gruppe „${group}“ ist mehreren Rollen zugeordnet. Jede Gruppe darf nur einer Rolle entsprechen.` };
      }
      groupRoles[group] = role;
    }
  }
  return { ok: true, groupRoles };
}

/** The per-role lists of a stored mapping, for the form. */
export function groupsByRole(groupRoles: GroupRoles): Record<MappableRole, string[]> {
  const lists = Object.fromEntries(ASSIGNABLE_ROLES.map((r) => [r, [] as string[]])) as unknown as Record<MappableRole, string[]>;
  for (const [group, role] of Object.entries(groupRoles)) lists[role].push(group);
  return lists;
}

const StoredGroupRoles = z.record(z.string(), z.enum(ASSIGNABLE_ROLES));

/** The stored JSON; anything unreadable maps nobody (refusing is the safe failure). */
export function parseGroupRoles(json: string): GroupRoles {
  try {
    const parsed = StoredGroupRoles.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** The groups a claim carries: an array of strings, or a single string. */
export function claimGroups(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return [];
}

/** The role for a person's groups, or null when none of them is mapped. */
export function roleForGroups(groups: readonly string[], groupRoles: GroupRoles): Role | null {
  const roles = new Set(groups.map((g) => groupRoles[g]).filter(Boolean));
  return PRIORITY.find((r) => roles.has(r)) ?? null;
}

/**
 * Whether an issuer address may be used: https, or http only on the own machine (a provider run
 * next to the server, as in tests and development).
 */
export function isAllowedIssuer(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password || url.hash) return false;
  if (url.protocol === "https:") return true;
  return url.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
}

export const SSO_REFUSED_NO_GROUP =
  "Ihr Konto beim Identitätsanbieter gehört keiner Gruppe an, die für diese Kommune freigegeben ist. Bitte wenden Sie sich an die Administration Ihrer Kommune.";
export const SSO_REFUSED_NO_ACCOUNT =
  "Für Ihre E-Mail-Adresse gibt es in Fahrplan kein Konto, und diese Kommune legt Konten nicht automatisch an. Bitte wenden Sie sich an die Administration Ihrer Kommune.";
export const SSO_REFUSED_UNVERIFIED =
  "Der Identitätsanbieter hat Ihre E-Mail-Adresse nicht als bestätigt übermittelt. Ohne bestätigte Adresse ist keine Anmeldung möglich.";
export const SSO_FAILED =
  "Die Anmeldung über den Identitätsanbieter ist fehlgeschlagen oder abgelaufen. Bitte versuchen Sie es erneut.";
