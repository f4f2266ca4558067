import { asc, count, eq } from "drizzle-orm";
import { employees, municipalities, units } from "../../../db/schema";
import { getDb } from "../../utils/db.server";
import { type Tenant, scoped } from "../../utils/tenant.server";

export function getMunicipality(t: Tenant) {
  return getDb().select().from(municipalities).where(eq(municipalities.id, t.municipalityId)).get()!;
}

/** Units of the Kommune with their employee counts, in tree order (parents before children). */
export function listUnits(t: Tenant) {
  const db = getDb();
  const rows = db
    .select({
      id: units.id,
      name: units.name,
      shortName: units.shortName,
      kind: units.kind,
      parentId: units.parentId,
      employeeCount: count(employees.id),
    })
    .from(units)
    .leftJoin(employees, eq(employees.unitId, units.id))
    .where(scoped(units, t))
    .groupBy(units.id)
    .orderBy(asc(units.name))
    .all();
  const byParent = new Map<number | null, typeof rows>();
  for (const r of rows) byParent.set(r.parentId, [...(byParent.get(r.parentId) ?? []), r]);
  const ordered: (typeof rows[number] & { depth: number })[] = [];
  const walk = (parentId: number | null, depth: number) => {
    for (const r of byParent.get(parentId) ?? []) {
      ordered.push({ ...r, depth });
      walk(r.id, depth + 1);
    }
  };
  walk(null, 0);
  return ordered;
}

export function listEmployees(t: Tenant, unitId?: number) {
  return getDb()
    .select({
      id: employees.id,
      firstName: employees.firstName,
      lastName: employees.lastName,
      email: employees.email,
      jobTitle: employees.jobTitle,
      unitId: employees.unitId,
      unitName: units.name,
    })
    .from(employees)
    .innerJoin(units, eq(units.id, employees.unitId))
    .where(scoped(employees, t, unitId ? eq(employees.unitId, unitId) : undefined))
    .orderBy(asc(employees.lastName), asc(employees.firstName))
    .all();
}
