import { and, asc, eq, inArray } from "drizzle-orm";
import {
  managerAssignments,
  municipalities,
  providerAssignments,
  providerGroups,
  providerStaff,
  serviceProviders,
  users,
} from "../../../db/schema";
import type { ProviderRole } from "../../../db/schema/rollin";
import { providerRoleOf } from "../auth/access.server";
import { type Actor, writeAudit } from "../../utils/audit.server";
import { requireUser } from "../../utils/context.server";
import { type DbOrTx, getDb, transaction } from "../../utils/db.server";
import { ValidationError } from "../../utils/errors";
import { forbidden } from "../../utils/http.server";
import type { Caller } from "../../utils/intents.server";
import { MAX_BULK_ASSIGNMENTS } from "./assignments";
import { type ProviderPermission, assertProviderCan, providerCan } from "./provider-permissions";
import { withoutTenantGuard } from "../../utils/tenant-guard.server";

/**
 * Who calls a provider-level function: the person, their provider and provider role, and exactly
 * the Kommunen they may act for (a manager: those assigned to them; the coordinator: all of the
 * provider's). Built only from the session (`requireProvider`) or by trusted seeds.
 */
export interface ProviderCaller {
  readonly userId: number;
  readonly actor: Actor;
  readonly serviceProviderId: number;
  readonly providerName: string;
  readonly providerRole: ProviderRole | null;
  readonly municipalityIds: readonly number[];
}

/**
 * The Kommunen the caller may act for, with their group (the provider's; a member of several
 * Kommunen has no provider, so no groups); sorted by name.
 */
export function callerMunicipalities(db: DbOrTx, caller: { readonly serviceProviderId: number | null; readonly municipalityIds: readonly number[] }) {
  if (caller.municipalityIds.length === 0) return [];
  // -1 matches no provider's groups: members see their Kommunen without any provider's grouping.
  const providerId = caller.serviceProviderId ?? -1;
  return db
    .select({ id: municipalities.id, name: municipalities.name, kind: municipalities.kind, group: providerGroups.name })
    .from(municipalities)
    .leftJoin(providerGroups, and(eq(providerGroups.municipalityId, municipalities.id), eq(providerGroups.serviceProviderId, providerId)))
    .where(inArray(municipalities.id, [...caller.municipalityIds]))
    .orderBy(asc(municipalities.name))
    .all();
}

/** Builds the caller of a provider person; null for users of no provider. */
export function providerCallerFor(db: DbOrTx, userId: number): ProviderCaller | null {
  const user = db
    .select({ email: users.email, providerId: users.serviceProviderId, providerName: serviceProviders.name })
    .from(users)
    .innerJoin(serviceProviders, eq(serviceProviders.id, users.serviceProviderId))
    .where(and(eq(users.id, userId), eq(users.active, true)))
    .get();
  if (!user || user.providerId === null) return null;
  const role = providerRoleOf(userId);
  const providerId = user.providerId;
  const all = withoutTenantGuard("service-provider", () =>
    db.select({ id: providerAssignments.municipalityId }).from(providerAssignments).where(eq(providerAssignments.serviceProviderId, providerId)).all(),
  ).map((r) => r.id);
  const mine =
    role === "manager"
      ? new Set(
          withoutTenantGuard("service-provider", () =>
            db
              .select({ id: managerAssignments.municipalityId })
              .from(managerAssignments)
              .where(and(eq(managerAssignments.userId, userId), eq(managerAssignments.serviceProviderId, providerId)))
              .all(),
          ).map((r) => r.id),
        )
      : null;
  return {
    userId,
    actor: { userId, label: user.email },
    serviceProviderId: user.providerId,
    providerName: user.providerName,
    providerRole: role,
    municipalityIds: mine ? all.filter((id) => mine.has(id)) : all,
  };
}

/** Start of every provider page's loader and action: the caller, or 403 for users of no provider. */
export async function requireProvider(request: Request, permission: ProviderPermission): Promise<ProviderCaller> {
  const { user } = await requireUser(request);
  const caller = providerCallerFor(getDb(), user.id);
  if (!caller) forbidden("Diese Seite gibt es nur für Roll-in-Services.");
  if (!providerCan(caller.providerRole, permission)) forbidden();
  return caller;
}

/** A Kommune the caller acts for, or a German error naming it as unknown. */
export function assertActsFor(caller: ProviderCaller, municipalityId: number, field = "municipalityIds"): void {
  if (!caller.municipalityIds.includes(municipalityId)) {
    throw new ValidationError({ [field]: ["Diese Kommune betreut Ihr Roll-in-Service nicht (oder nicht Sie)."] });
  }
}

/** The provider's people with their role and the Kommunen assigned to each. */
export function listProviderStaff(db: DbOrTx, caller: ProviderCaller) {
  const people = db
    .select({ userId: users.id, name: users.name, email: users.email, role: providerStaff.role })
    .from(users)
    .leftJoin(providerStaff, eq(providerStaff.userId, users.id))
    .where(and(eq(users.serviceProviderId, caller.serviceProviderId), eq(users.active, true)))
    .orderBy(asc(users.name))
    .all();
  const assigned = withoutTenantGuard("service-provider", () =>
    db
      .select({ userId: managerAssignments.userId, municipalityId: managerAssignments.municipalityId })
      .from(managerAssignments)
      .where(eq(managerAssignments.serviceProviderId, caller.serviceProviderId))
      .all(),
  );
  return people.map((p) => ({
    ...p,
    role: (p.role ?? "coordinator") as ProviderRole,
    municipalityIds: assigned.filter((a) => a.userId === p.userId).map((a) => a.municipalityId),
  }));
}

function requireManager(tx: DbOrTx, caller: ProviderCaller, userId: number) {
  const person = listProviderStaff(tx, caller).find((p) => p.userId === userId);
  if (!person || person.role !== "manager") throw new ValidationError({ userId: ["Bitte wählen Sie eine Betreuerin oder einen Betreuer Ihres Roll-in-Service."] });
  return person;
}

function insertAssignment(tx: DbOrTx, caller: ProviderCaller, person: { userId: number; email: string }, municipalityId: number) {
  const created = tx
    .insert(managerAssignments)
    .values({ serviceProviderId: caller.serviceProviderId, municipalityId, userId: person.userId })
    .returning({ id: managerAssignments.id })
    .get();
  writeAudit(tx, { actor: caller.actor, municipalityId, entity: "managerAssignment", entityId: created.id, action: "assign", changes: { manager: { to: person.email } } });
}

/** Assigns one of the provider's Kommunen to a manager (coordinator only); audited in the Kommune. */
export function assignManager(caller: ProviderCaller, input: { userId: number; municipalityId: number }): void {
  assertProviderCan(caller, "provider.assign");
  transaction((tx) => {
    const person = requireManager(tx, caller, input.userId);
    assertActsFor(caller, input.municipalityId, "municipalityId");
    if (person.municipalityIds.includes(input.municipalityId)) throw new ValidationError({ municipalityId: ["Diese Kommune ist der Person bereits zugeordnet."] });
    insertAssignment(tx, caller, person, input.municipalityId);
  });
}

/**
 * Assigns several of the provider's Kommunen to one manager at once (coordinator only): all or
 * nothing, one audit entry per new assignment in its Kommune. Kommunen the person already looks
 * after are left as they are and reported; a Kommune outside the provider refuses the whole call.
 */
export function assignManagerBulk(
  caller: ProviderCaller,
  input: { userId: number; municipalityIds: readonly number[] },
): { managerName: string; assigned: string[]; alreadyAssigned: string[] } {
  assertProviderCan(caller, "provider.assign");
  const ids = [...new Set(input.municipalityIds)];
  if (ids.length === 0) throw new ValidationError({ municipalityIds: ["Bitte wählen Sie mindestens eine Kommune."] });
  if (ids.length > MAX_BULK_ASSIGNMENTS) throw new ValidationError({ municipalityIds: [`Bitte wählen Sie höchstens ${MAX_BULK_ASSIGNMENTS} Kommunen auf einmal.`] });
  return transaction((tx) => {
    const person = requireManager(tx, caller, input.userId);
    if (ids.some((id) => !caller.municipalityIds.includes(id))) {
      throw new ValidationError({ municipalityIds: ["Mindestens eine der gewählten Kommunen betreut Ihr Roll-in-Service nicht. Es wurde nichts gespeichert."] });
    }
    const names = new Map(callerMunicipalities(tx, caller).map((m) => [m.id, m.name]));
    const already = ids.filter((id) => person.municipalityIds.includes(id));
    const fresh = ids.filter((id) => !person.municipalityIds.includes(id));
    if (fresh.length === 0) {
      throw new ValidationError({ municipalityIds: [already.length === 1 ? "Diese Kommune ist der Person bereits zugeordnet." : "Die gewählten Kommunen sind der Person bereits alle zugeordnet."] });
    }
    for (const id of fresh) insertAssignment(tx, caller, person, id);
    const byName = (list: number[]) => list.map((id) => names.get(id)!).sort((a, b) => a.localeCompare(b, "de"));
    return { managerName: person.name, assigned: byName(fresh), alreadyAssigned: byName(already) };
  });
}

/** Ends a manager's assignment to a Kommune (coordinator only); names both for the answer. */
export function unassignManager(caller: ProviderCaller, input: { userId: number; municipalityId: number }): { managerName: string; municipalityName: string } {
  assertProviderCan(caller, "provider.assign");
  return transaction((tx) => {
    const person = requireManager(tx, caller, input.userId);
    const row = tx
      .select({ id: managerAssignments.id })
      .from(managerAssignments)
      .where(
        and(
          eq(managerAssignments.serviceProviderId, caller.serviceProviderId),
          eq(managerAssignments.userId, input.userId),
          eq(managerAssignments.municipalityId, input.municipalityId),
        ),
      )
      .get();
    if (!row) throw new ValidationError({ municipalityId: ["Diese Zuordnung gibt es nicht (mehr)."] });
    tx.delete(managerAssignments).where(and(eq(managerAssignments.id, row.id), eq(managerAssignments.municipalityId, input.municipalityId))).run();
    writeAudit(tx, { actor: caller.actor, municipalityId: input.municipalityId, entity: "managerAssignment", entityId: row.id, action: "unassign", changes: { manager: { from: person.email } } });
    const municipality = callerMunicipalities(tx, caller).find((m) => m.id === input.municipalityId);
    return { managerName: person.name, municipalityName: municipality?.name ?? "" };
  });
}

/** The caller of a provider page's action (`intentAction({ caller: providerCaller, … })`). */
export const providerCaller: Caller<ProviderCaller, ProviderPermission> = {
  // Every provider person has the cockpit: without a route permission, any of them may call.
  require: (request, permission) => requireProvider(request, permission ?? "provider.cockpit"),
  can: (caller, permission) => providerCan(caller.providerRole, permission),
};
