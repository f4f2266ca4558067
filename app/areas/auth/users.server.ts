import { and, asc, eq, ne } from "drizzle-orm";
import { employees, memberships, providerAssignments, serviceProviders, units, userSessions, users } from "../../../db/schema";
import type { Role } from "../../../db/schema/org";
import { auditUpdate, newValues, oldValues, writeAudit } from "../../utils/audit.server";
import type { AppContext } from "../../utils/context.server";
import { type DbOrTx, getDb, transaction } from "../../utils/db.server";
import { ConflictError, ValidationError } from "../../utils/errors";
import { scoped } from "../../utils/tenant.server";
import { hashPassword, passwordPolicyError, verifyPassword } from "./password.server";
import { accessibleMunicipalities } from "./access.server";
import { assertCan } from "../../utils/permissions";

/** Users with a membership in the caller's Kommune. */
export function listMembers(ctx: AppContext) {
  return getDb()
    .select({
      membershipId: memberships.id,
      userId: users.id,
      email: users.email,
      name: users.name,
      role: memberships.role,
      active: users.active,
      version: memberships.version,
      employeeId: memberships.employeeId,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(scoped(memberships, ctx))
    .orderBy(asc(users.name))
    .all();
}

export function getMember(ctx: AppContext, membershipId: number) {
  return listMembers(ctx).find((m) => m.membershipId === membershipId);
}

/** Employees of the Kommune for the "linked employee" select, with the membership already linked. */
export function employeeChoices(ctx: AppContext) {
  return getDb()
    .select({
      id: employees.id,
      firstName: employees.firstName,
      lastName: employees.lastName,
      unitName: units.name,
      linkedMembershipId: memberships.id,
    })
    .from(employees)
    .innerJoin(units, eq(units.id, employees.unitId))
    .leftJoin(memberships, eq(memberships.employeeId, employees.id))
    .where(scoped(employees, ctx))
    .orderBy(asc(employees.lastName), asc(employees.firstName))
    .all();
}

/** Roll-in-Service people who act in this Kommune through their provider's assignment (a manager only where assigned). */
export function providerManagers(ctx: AppContext) {
  return providerPeople(ctx).filter((p) => accessibleMunicipalities(p.userId).some((m) => m.id === ctx.municipalityId));
}

function providerPeople(ctx: AppContext) {
  return getDb()
    .select({ userId: users.id, name: users.name, email: users.email, provider: serviceProviders.name })
    .from(providerAssignments)
    .innerJoin(serviceProviders, eq(serviceProviders.id, providerAssignments.serviceProviderId))
    .innerJoin(users, eq(users.serviceProviderId, serviceProviders.id))
    .where(and(eq(providerAssignments.municipalityId, ctx.municipalityId), eq(users.active, true)))
    .orderBy(asc(users.name))
    .all();
}

/** The employee must belong to this Kommune and must not be linked to another login already. */
function assertEmployeeInTenant(db: DbOrTx, ctx: AppContext, employeeId: number | null | undefined, membershipId?: number) {
  if (!employeeId) return;
  const found = db.select({ id: employees.id }).from(employees).where(scoped(employees, ctx, eq(employees.id, employeeId))).get();
  if (!found) throw new ValidationError({ employeeId: ["Diese Person gibt es in Ihrer Kommune nicht."] });
  const linked = db
    .select({ id: memberships.id })
    .from(memberships)
    .where(
      scoped(
        memberships,
        ctx,
        eq(memberships.employeeId, employeeId),
        membershipId ? ne(memberships.id, membershipId) : undefined,
      ),
    )
    .get();
  if (linked) throw new ValidationError({ employeeId: ["Diese Person ist bereits mit einem anderen Konto verknüpft."] });
}

export interface NewMemberInput {
  email: string;
  name: string;
  role: Role;
  password: string;
  employeeId?: number | null;
}

/**
 * Adds a person to the Kommune: creates the login when the e-mail address is new, otherwise adds
 * a membership to the existing login (whose password stays untouched).
 */
export async function addMember(ctx: AppContext, input: NewMemberInput): Promise<number> {
  assertCan(ctx, "admin.users");
  const email = input.email.trim().toLowerCase();
  const policy = passwordPolicyError(input.password);
  const existing = getDb().select().from(users).where(eq(users.email, email)).get();
  if (!existing && policy) throw new ValidationError({ password: [policy] });
  assertEmployeeInTenant(getDb(), ctx, input.employeeId);
  const passwordHash = existing ? null : await hashPassword(input.password);
  return transaction((tx) => {
    // Checked again inside the transaction: someone may have linked the employee while hashing.
    assertEmployeeInTenant(tx, ctx, input.employeeId);
    let userId = existing?.id;
    if (!userId) {
      userId = tx.insert(users).values({ email, name: input.name, passwordHash: passwordHash! }).returning({ id: users.id }).get().id;
      writeAudit(tx, {
        actor: ctx.actor,
        municipalityId: ctx.municipalityId,
        entity: "user",
        entityId: userId,
        action: "create",
        changes: newValues({ email, name: input.name }),
      });
    }
    const already = tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(scoped(memberships, ctx, eq(memberships.userId, userId)))
      .get();
    if (already) throw new ValidationError({ email: ["Diese Person ist bereits Mitglied Ihrer Kommune."] });
    const membershipId = tx
      .insert(memberships)
      .values({ userId, municipalityId: ctx.municipalityId, role: input.role, employeeId: input.employeeId ?? null })
      .returning({ id: memberships.id })
      .get().id;
    writeAudit(tx, {
      actor: ctx.actor,
      municipalityId: ctx.municipalityId,
      entity: "membership",
      entityId: membershipId,
      action: "create",
      changes: newValues({ userId, role: input.role, employeeId: input.employeeId ?? null }),
    });
    return membershipId;
  });
}

export function updateMember(
  ctx: AppContext,
  membershipId: number,
  version: number,
  input: { role: Role; employeeId: number | null },
): void {
  assertCan(ctx, "admin.users");
  transaction((tx) => {
    assertEmployeeInTenant(tx, ctx, input.employeeId, membershipId);
    const before = tx.select().from(memberships).where(scoped(memberships, ctx, eq(memberships.id, membershipId))).get();
    if (!before) throw new ConflictError("Diese Mitgliedschaft gibt es nicht mehr.");
    if (before.userId === ctx.user.id && input.role !== "admin") {
      throw new ValidationError({ role: ["Sie können sich die Administrationsrolle nicht selbst entziehen."] });
    }
    const result = tx
      .update(memberships)
      .set({ role: input.role, employeeId: input.employeeId, version: version + 1 })
      .where(scoped(memberships, ctx, eq(memberships.id, membershipId), eq(memberships.version, version)))
      .run();
    if (result.changes !== 1) throw new ConflictError();
    auditUpdate(tx, {
      actor: ctx.actor,
      municipalityId: ctx.municipalityId,
      entity: "membership",
      entityId: membershipId,
      before: { role: before.role, employeeId: before.employeeId },
      after: input,
    });
  });
}

export function removeMember(ctx: AppContext, membershipId: number, version: number): void {
  assertCan(ctx, "admin.users");
  transaction((tx) => {
    const before = tx.select().from(memberships).where(scoped(memberships, ctx, eq(memberships.id, membershipId))).get();
    if (!before) throw new ConflictError("Diese Mitgliedschaft gibt es nicht mehr.");
    if (before.userId === ctx.user.id) {
      throw new ValidationError({ form: ["Sie können Ihre eigene Mitgliedschaft nicht entfernen."] });
    }
    const result = tx
      .delete(memberships)
      .where(and(scoped(memberships, ctx, eq(memberships.id, membershipId)), eq(memberships.version, version)))
      .run();
    if (result.changes !== 1) throw new ConflictError();
    writeAudit(tx, {
      actor: ctx.actor,
      municipalityId: ctx.municipalityId,
      entity: "membership",
      entityId: membershipId,
      action: "delete",
      changes: oldValues({ userId: before.userId, role: before.role, employeeId: before.employeeId }),
    });
  });
}

/** A user changes their own password; the current one must be given. */
export async function changeOwnPassword(ctx: AppContext, current: string, next: string): Promise<void> {
  const user = getDb().select().from(users).where(eq(users.id, ctx.user.id)).get()!;
  if (!(await verifyPassword(user.passwordHash, current))) {
    throw new ValidationError({ currentPassword: ["Das aktuelle Passwort ist nicht korrekt."] });
  }
  const policy = passwordPolicyError(next);
  if (policy) throw new ValidationError({ newPassword: [policy] });
  const passwordHash = await hashPassword(next);
  transaction((tx) => {
    tx.update(users).set({ passwordHash, version: user.version + 1 }).where(eq(users.id, user.id)).run();
    // Anyone still signed in elsewhere with the old password is signed out.
    tx.delete(userSessions).where(and(eq(userSessions.userId, user.id), ne(userSessions.id, ctx.sessionId))).run();
    writeAudit(tx, {
      actor: ctx.actor,
      municipalityId: ctx.municipalityId,
      entity: "user",
      entityId: user.id,
      action: "change_password",
    });
  });
}
