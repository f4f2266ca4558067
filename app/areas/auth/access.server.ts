import { and, eq, sql } from "drizzle-orm";
import {
  type Role,
  memberships,
  municipalities,
  providerAssignments,
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

  const provided = preparedQuery("access.providerAssignments", (db) =>
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

export function defaultMunicipalityId(userId: number): number | null {
  return accessibleMunicipalities(userId)[0]?.id ?? null;
}
