import { and, eq, sql } from "drizzle-orm";
import {
  type Role,
  memberships,
  municipalities,
  managerAssignments,
  providerAssignments,
  providerStaff,
  users,
} from "../../../db/schema";
import { preparedQuery } from "../../utils/db.server";

export interface AccessibleMunicipality {
  id: number;
  name: string;
  role: Role;
  employeeId: number | null;
}

/**
 * The Kommunen a user may act in, with the role there: their memberships, plus, for
 * Roll-in-Service managers, exactly the Kommunen assigned to their provider.
 */
export function accessibleMunicipalities(userId: number): AccessibleMunicipality[] {
  const result = new Map<number, AccessibleMunicipality>();
  const member = preparedQuery("access.memberships", (db) =>
    db
      .select({
        id: municipalities.id,
        name: municipalities.name,
        role: memberships.role,
        employeeId: memberships.employeeId,
      })
      .from(memberships)
      .innerJoin(municipalities, eq(municipalities.id, memberships.municipalityId))
      .where(eq(memberships.userId, sql.placeholder("userId")))
      .prepare(),
  ).all({ userId });
  for (const m of member) result.set(m.id, m);

  const provided = providerRoleOf(userId) === "manager"
    ? preparedQuery("access.managerAssignments", (db) =>
        db
          .select({ id: municipalities.id, name: municipalities.name })
          .from(users)
          .innerJoin(providerAssignments, eq(providerAssignments.serviceProviderId, users.serviceProviderId))
          .innerJoin(
            managerAssignments,
            and(eq(managerAssignments.municipalityId, providerAssignments.municipalityId), eq(managerAssignments.userId, users.id)),
          )
          .innerJoin(municipalities, eq(municipalities.id, providerAssignments.municipalityId))
          .where(and(eq(users.id, sql.placeholder("userId")), eq(users.active, true)))
          .prepare(),
      ).all({ userId })
    : preparedQuery("access.providerAssignments", (db) =>
        db
          .select({ id: municipalities.id, name: municipalities.name })
          .from(users)
          .innerJoin(providerAssignments, eq(providerAssignments.serviceProviderId, users.serviceProviderId))
          .innerJoin(municipalities, eq(municipalities.id, providerAssignments.municipalityId))
          .where(and(eq(users.id, sql.placeholder("userId")), eq(users.active, true)))
          .prepare(),
      ).all({ userId });
  for (const m of provided) {
    if (!result.has(m.id)) result.set(m.id, { ...m, role: "rollInManager", employeeId: null });
  }
  return [...result.values()].sort((a, b) => byName.compare(a.name, b.name));
}

const byName = new Intl.Collator("de");

/**
 * The provider-level role of a Roll-in-Service person: a manager acts only in the Kommunen assigned
 * to them; a coordinator (and a provider account without a staff entry, as before roles existed)
 * in all of the provider's Kommunen. Null for users of no provider.
 */
export function providerRoleOf(userId: number): "coordinator" | "manager" | null {
  const row = preparedQuery("access.providerRole", (db) =>
    db
      .select({ providerId: users.serviceProviderId, role: providerStaff.role })
      .from(users)
      .leftJoin(providerStaff, and(eq(providerStaff.userId, users.id), eq(providerStaff.serviceProviderId, users.serviceProviderId)))
      .where(and(eq(users.id, sql.placeholder("userId")), eq(users.active, true)))
      .prepare(),
  ).get({ userId });
  if (!row || row.providerId === null) return null;
  return row.role ?? "coordinator";
}

export function defaultMunicipalityId(userId: number): number | null {
  return accessibleMunicipalities(userId)[0]?.id ?? null;
}
