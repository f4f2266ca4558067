import { and, eq } from "drizzle-orm";
import { employees, memberships, users } from "../../../db/schema/org";
import type { DbOrTx } from "../db.server";
import type { Tenant } from "../tenant.server";
import type { MailRecipient } from "./outbox.server";

/** A login as recipient; undefined for an inactive account. */
export function userRecipient(db: DbOrTx, userId: number): MailRecipient | undefined {
  const user = db.select({ id: users.id, email: users.email, name: users.name, active: users.active }).from(users).where(eq(users.id, userId)).get();
  return user?.active ? { userId: user.id, email: user.email, name: user.name } : undefined;
}

/**
 * An employee as recipient: the login linked to them in this Kommune (its preference applies),
 * else the address of the staff list; undefined without either.
 */
export function employeeRecipient(db: DbOrTx, tenant: Tenant, employeeId: number): MailRecipient | undefined {
  const member = db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.municipalityId, tenant.municipalityId), eq(memberships.employeeId, employeeId)))
    .get();
  if (member) {
    const viaLogin = userRecipient(db, member.userId);
    if (viaLogin) return viaLogin;
  }
  const employee = db
    .select({ email: employees.email, firstName: employees.firstName, lastName: employees.lastName, active: employees.active })
    .from(employees)
    .where(and(eq(employees.municipalityId, tenant.municipalityId), eq(employees.id, employeeId)))
    .get();
  if (!employee?.active || !employee.email) return undefined;
  return { userId: null, email: employee.email, name: `${employee.firstName} ${employee.lastName}` };
}

/** The address part of MAIL_FROM ("Name <a@b>" or "a@b"). */
export function senderAddress(from: string): { name: string; email: string } {
  const match = /^(.*)<([^>]+)>$/.exec(from.trim());
  return match ? { name: match[1]!.trim().replace(/^"|"$/g, "") || "Fahrplan", email: match[2]! } : { name: "Fahrplan", email: from.trim() };
}
