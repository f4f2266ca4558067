import { and, desc, eq } from "drizzle-orm";
import { auditLog, employees, memberships, municipalities, units, users } from "../../db/schema";
import { getDb } from "../../app/utils/db.server";

/** Look-ups in the demo data for the foundation tests. */
export function municipalityId(name: string): number {
  return getDb().select().from(municipalities).where(eq(municipalities.name, name)).get()!.id;
}

export function userId(email: string): number {
  return getDb().select().from(users).where(eq(users.email, email)).get()!.id;
}

export function membershipOf(email: string, municipality: string) {
  return getDb()
    .select()
    .from(memberships)
    .where(and(eq(memberships.userId, userId(email)), eq(memberships.municipalityId, municipalityId(municipality))))
    .get();
}

export function firstUnit(municipality: string) {
  return getDb().select().from(units).where(eq(units.municipalityId, municipalityId(municipality))).get()!;
}

export function unitByName(municipality: string, name: string) {
  return getDb()
    .select()
    .from(units)
    .where(and(eq(units.municipalityId, municipalityId(municipality)), eq(units.name, name)))
    .get()!;
}

/** An employee of the Kommune without a linked login. */
export function unlinkedEmployee(municipality: string) {
  const linked = new Set(
    getDb()
      .select({ id: memberships.employeeId })
      .from(memberships)
      .all()
      .map((m) => m.id),
  );
  return getDb()
    .select()
    .from(employees)
    .where(eq(employees.municipalityId, municipalityId(municipality)))
    .all()
    .find((e) => !linked.has(e.id))!;
}

export function lastAudit() {
  return getDb().select().from(auditLog).orderBy(desc(auditLog.id)).limit(1).get()!;
}

export function auditCount(): number {
  return getDb().select().from(auditLog).all().length;
}
