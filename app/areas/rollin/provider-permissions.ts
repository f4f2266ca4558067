import type { ProviderRole } from "../../../db/schema/rollin";

/**
 * Provider-level rights of a Roll-in-Service, next to the Kommune matrix in utils/permissions.ts:
 * the coordinator runs the provider (assignments, templates), a manager runs programmes in the
 * Kommunen assigned to them.
 */
export const PROVIDER_PERMISSIONS = {
  "provider.cockpit": ["coordinator", "manager"],
  "provider.assign": ["coordinator"],
  "programme.edit": ["coordinator"],
  "programme.rollOut": ["coordinator", "manager"],
  "programme.editSteps": ["coordinator", "manager"],
  "ozg.importCatalogue": ["coordinator"],
} as const satisfies Record<string, readonly ProviderRole[]>;
export type ProviderPermission = keyof typeof PROVIDER_PERMISSIONS;

export const PROVIDER_PERMISSION_LABELS: Record<ProviderPermission, string> = {
  "provider.cockpit": "Cockpit des Roll-in-Service ansehen",
  "provider.assign": "Kommunen den Betreuerinnen und Betreuern zuordnen",
  "programme.edit": "Programmvorlagen pflegen",
  "programme.rollOut": "Programme in Kommunen ausrollen",
  "programme.editSteps": "Programmschritte bearbeiten",
  "ozg.importCatalogue": "OZG-Leistungskatalog importieren",
};

export const PROVIDER_ROLE_LABELS: Record<ProviderRole, string> = {
  coordinator: "Koordination",
  manager: "Betreuung (Roll-in-Manager/in)",
};

export function providerCan(role: ProviderRole | null | undefined, permission: ProviderPermission): boolean {
  return !!role && (PROVIDER_PERMISSIONS[permission] as readonly ProviderRole[]).includes(role);
}

/** First line of every provider-level area function; the same 403 answer as assertCan. */
export function assertProviderCan(caller: { readonly providerRole: ProviderRole | null }, permission: ProviderPermission): void {
  if (providerCan(caller.providerRole, permission)) return;
  const message = `Dafür fehlt Ihnen die Berechtigung: „${PROVIDER_PERMISSION_LABELS[permission]}“.`;
  throw new Response(JSON.stringify({ message }), { status: 403, statusText: "Forbidden", headers: { "Content-Type": "application/json; charset=utf-8" } });
}
