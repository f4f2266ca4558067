import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { employees, units } from "../../../db/schema";
import { writeAudit } from "../../utils/audit.server";
import { getDb, transaction } from "../../utils/db.server";
import { ValidationError } from "../../utils/errors";
import { todayIso } from "../../utils/format";
import { type Tenant, scoped, tenantRow } from "../../utils/tenant.server";
import type { PersonalDataScope } from "../trainings/access.server";
import { coverageSince } from "../trainings/compliance";
import { complianceRows } from "../trainings/mandatory.server";
import { parseEmployeeCsv } from "./hr-csv";
import type { AreaCaller } from "../../utils/caller.server";
import { assertCan } from "../../utils/permissions";

/**
 * Employees of one unit (or all units in scope) with their training record in brief: trainings
 * and hours in the last 12 months, the latest training, and open mandatory trainings.
 * Set-based: one query for the people, one aggregate query, one compliance pass.
 */
export function employeesWithRecord(tenant: Tenant, scope: PersonalDataScope, unitId: number | null, today = todayIso()) {
  const db = getDb();
  const unitFilter = unitId != null ? [unitId] : scope.all ? null : scope.unitIds;
  if (unitFilter && unitFilter.length === 0) return [];
  const people = db
    .select({
      id: employees.id,
      personnelNumber: employees.personnelNumber,
      firstName: employees.firstName,
      lastName: employees.lastName,
      jobTitle: employees.jobTitle,
      isSupervisor: employees.isSupervisor,
      unitId: employees.unitId,
      unitName: units.name,
    })
    .from(employees)
    .innerJoin(units, eq(units.id, employees.unitId))
    .where(scoped(employees, tenant, eq(employees.active, true), unitFilter ? inArray(employees.unitId, unitFilter) : undefined))
    .orderBy(asc(units.name), asc(employees.lastName), asc(employees.firstName))
    .all();
  const since = coverageSince(today);
  const stats = db.all<{ employeeId: number; trainings: number; minutes: number; lastDate: string | null }>(sql`
    SELECT employee_id AS employeeId, COUNT(*) AS trainings, SUM(minutes) AS minutes, MAX(d) AS lastDate FROM (
      SELECT r.employee_id, c.duration_minutes AS minutes, r.session_date AS d
      FROM training_registrations r
      JOIN training_courses c ON c.id = r.course_id
      WHERE r.municipality_id = ${tenant.municipalityId} AND r.attendance = 'present' AND r.employee_id IS NOT NULL AND r.session_date >= ${since}
      UNION ALL
      SELECT x.employee_id, x.duration_minutes, x.date
      FROM external_trainings x
      WHERE x.municipality_id = ${tenant.municipalityId} AND x.status = 'confirmed' AND x.employee_id IS NOT NULL AND x.date >= ${since}
    ) GROUP BY employee_id`);
  const statsBy = new Map(stats.map((s) => [s.employeeId, s]));
  const compliance = new Map(complianceRows(db, tenant, today, unitFilter ? { unitIds: unitFilter } : {}).map((r) => [r.employeeId, r]));
  return people.map((p) => {
    const s = statsBy.get(p.id);
    const cells = compliance.get(p.id)?.cells ?? [];
    return {
      ...p,
      trainingsLast12Months: s?.trainings ?? 0,
      minutesLast12Months: s?.minutes ?? 0,
      lastTrainingDate: s?.lastDate ?? null,
      mandatoryTotal: cells.length,
      mandatoryOverdue: cells.filter((c) => c.status === "overdue").length,
      mandatoryDue: cells.filter((c) => c.status === "due").length,
    };
  });
}

export function getEmployee(tenant: Tenant, employeeId: number) {
  return getDb()
    .select({
      id: employees.id,
      personnelNumber: employees.personnelNumber,
      firstName: employees.firstName,
      lastName: employees.lastName,
      email: employees.email,
      jobTitle: employees.jobTitle,
      isSupervisor: employees.isSupervisor,
      active: employees.active,
      unitId: employees.unitId,
      unitName: units.name,
    })
    .from(employees)
    .innerJoin(units, eq(units.id, employees.unitId))
    .where(scoped(employees, tenant, eq(employees.id, employeeId)))
    .get();
}

/**
 * Imports an HR export: new personnel numbers are added, known ones updated (unit, name, e-mail,
 * function, supervisor flag, leaving date → inactive). Every error is reported with its line;
 * nothing is saved unless the whole file is valid.
 */
export function importEmployees(caller: AreaCaller, text: string, today = todayIso()): { created: number; updated: number } {
  assertCan(caller, "employee.edit");
  const parsed = parseEmployeeCsv(text);
  if (parsed.errors.length) throw new ValidationError({ file: parsed.errors });
  return transaction((tx) => {
    const unitRows = tx.select({ id: units.id, name: units.name, shortName: units.shortName }).from(units).where(scoped(units, caller)).all();
    const unitBy = new Map<string, number>();
    for (const u of unitRows) {
      unitBy.set(u.name.toLowerCase(), u.id);
      if (u.shortName) unitBy.set(u.shortName.toLowerCase(), u.id);
    }
    const errors: string[] = [];
    const resolved = parsed.rows.map((row) => {
      const unitId = unitBy.get(row.unit.toLowerCase());
      if (unitId === undefined) errors.push(`Zeile ${row.line}: Organisationseinheit „${row.unit}“ gibt es in dieser Kommune nicht.`);
      return { row, unitId: unitId ?? 0 };
    });
    if (errors.length) throw new ValidationError({ file: errors });
    const numbers = parsed.rows.map((r) => r.personnelNumber);
    const existing = new Map(
      tx
        .select({ id: employees.id, personnelNumber: employees.personnelNumber })
        .from(employees)
        .where(scoped(employees, caller, inArray(employees.personnelNumber, numbers)))
        .all()
        .map((e) => [e.personnelNumber!, e.id]),
    );
    let created = 0;
    let updated = 0;
    for (const { row, unitId } of resolved) {
      const values = {
        unitId,
        firstName: row.firstName,
        lastName: row.lastName,
        email: row.email,
        jobTitle: row.jobTitle,
        isSupervisor: row.isSupervisor,
        active: row.leavingDate == null || row.leavingDate > today,
      };
      const id = existing.get(row.personnelNumber);
      if (id) {
        tx.update(employees)
          .set({ ...values, version: sql`${employees.version} + 1` })
          .where(and(scoped(employees, caller, eq(employees.id, id))))
          .run();
        updated++;
      } else {
        tx.insert(employees).values(tenantRow(caller, { ...values, personnelNumber: row.personnelNumber })).run();
        created++;
      }
    }
    writeAudit(tx, { actor: caller.actor, municipalityId: caller.municipalityId, entity: "employee", action: "import", details: { created, updated, rows: parsed.rows.length } });
    return { created, updated };
  });
}
