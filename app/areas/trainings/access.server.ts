import { and, eq, inArray } from "drizzle-orm";
import { employees, units } from "../../../db/schema";
import type { AppContext } from "../../utils/context.server";
import { type DbOrTx, getDb } from "../../utils/db.server";
import { forbidden } from "../../utils/http.server";
import { type Tenant, scoped } from "../../utils/tenant.server";
import { trainingNavLinks } from "./navigation";

/** What a caller may see of training records (personal data, DSGVO). */
export interface PersonalDataScope {
  /** All people of the Kommune (role with training.viewPersonalData). */
  all: boolean;
  /** Units whose people the caller leads (own unit and its sub-units, as a supervisor). */
  unitIds: number[];
}

/**
 * Units led by the caller: a supervisor (employee with isSupervisor) leads their own unit and
 * every unit below it.
 */
export function supervisedUnitIds(db: DbOrTx, tenant: Tenant, employeeId: number | null): number[] {
  if (employeeId == null) return [];
  const me = db
    .select({ unitId: employees.unitId, isSupervisor: employees.isSupervisor, active: employees.active })
    .from(employees)
    .where(scoped(employees, tenant, eq(employees.id, employeeId)))
    .get();
  if (!me?.isSupervisor || !me.active) return [];
  const all = db.select({ id: units.id, parentId: units.parentId }).from(units).where(scoped(units, tenant)).all();
  const result = new Set<number>([me.unitId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const u of all) {
      if (u.parentId != null && result.has(u.parentId) && !result.has(u.id)) {
        result.add(u.id);
        grew = true;
      }
    }
  }
  return [...result];
}

export function personalDataScope(ctx: AppContext, db: DbOrTx = getDb()): PersonalDataScope {
  return { all: ctx.can("training.viewPersonalData"), unitIds: supervisedUnitIds(db, ctx, ctx.employeeId) };
}

export function seesAnyone(scope: PersonalDataScope): boolean {
  return scope.all || scope.unitIds.length > 0;
}

/**
 * Whether the caller may open the Beschäftigte list: supervisors (their units), roles that see
 * personal training data, and roles that see the staff register (names only).
 */
export function mayOpenStaffList(ctx: AppContext, scope: PersonalDataScope = personalDataScope(ctx)): boolean {
  return seesAnyone(scope) || ctx.can("employee.view");
}

/** The training sub-navigation of the caller. */
export function trainingNavFor(ctx: AppContext): { to: string; label: string }[] {
  return trainingNavLinks(ctx.can, mayOpenStaffList(ctx));
}

/** The employee record of the caller, or 403 with a German explanation. */
export function requireOwnEmployee(ctx: AppContext): number {
  if (ctx.employeeId == null) {
    forbidden("Ihr Konto ist in dieser Kommune mit keinem Beschäftigtendatensatz verknüpft. Bitte wenden Sie sich an die Administration.");
  }
  return ctx.employeeId;
}

/** Employee of this Kommune (active), or undefined. */
export function findEmployee(db: DbOrTx, tenant: Tenant, employeeId: number) {
  return db
    .select({
      id: employees.id,
      unitId: employees.unitId,
      firstName: employees.firstName,
      lastName: employees.lastName,
      email: employees.email,
      personnelNumber: employees.personnelNumber,
      active: employees.active,
    })
    .from(employees)
    .where(scoped(employees, tenant, eq(employees.id, employeeId)))
    .get();
}

/** May the caller act for (register, see the record of) this employee? Self, supervisor or full access. */
export function mayActFor(callerEmployeeId: number | null, scope: PersonalDataScope, employee: { id: number; unitId: number }): boolean {
  return employee.id === callerEmployeeId || scope.all || scope.unitIds.includes(employee.unitId);
}

/** Active employees the caller may register or whose records they may see, for select lists. */
export function employeesInScope(db: DbOrTx, tenant: Tenant, scope: PersonalDataScope) {
  if (!seesAnyone(scope)) return [];
  return db
    .select({ id: employees.id, firstName: employees.firstName, lastName: employees.lastName, unitId: employees.unitId })
    .from(employees)
    .where(
      scoped(
        employees,
        tenant,
        eq(employees.active, true),
        scope.all ? undefined : and(inArray(employees.unitId, scope.unitIds)),
      ),
    )
    .orderBy(employees.lastName, employees.firstName)
    .all();
}

export function fullName(e: { firstName: string; lastName: string }): string {
  return `${e.firstName} ${e.lastName}`;
}
