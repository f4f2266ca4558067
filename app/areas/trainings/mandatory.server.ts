import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { employees, mandatoryTrainings, memberships, trainingCourses, units } from "../../../db/schema";
import type { Role } from "../../../db/schema/org";
import { type Actor, newValues, oldValues, writeAudit } from "../../utils/audit.server";
import { type DbOrTx, type Tx, getDb, transaction } from "../../utils/db.server";
import { ValidationError } from "../../utils/errors";
import { todayIso } from "../../utils/format";
import { type Tenant, scoped, tenantRow } from "../../utils/tenant.server";
import { cancelDeadlines, scheduleDeadline } from "../../workflow/index.server";
import type { PersonalDataScope } from "./access.server";
import { type ComplianceStatus, complianceStatus, obligedSince } from "./compliance";
import type { AreaCaller } from "../../utils/caller.server";
import { assertCan } from "../../utils/permissions";

export const EMPLOYEE_SUBJECT = "employee";

export interface MandatoryInput {
  courseId: number;
  role: Role | null;
  unitId: number | null;
  renewalMonths: number | null;
}

export function listMandatory(tenant: Tenant, db: DbOrTx = getDb()) {
  return db
    .select({
      id: mandatoryTrainings.id,
      courseId: mandatoryTrainings.courseId,
      courseTitle: trainingCourses.title,
      role: mandatoryTrainings.role,
      unitId: mandatoryTrainings.unitId,
      unitName: units.name,
      renewalMonths: mandatoryTrainings.renewalMonths,
      createdAt: mandatoryTrainings.createdAt,
      version: mandatoryTrainings.version,
    })
    .from(mandatoryTrainings)
    .innerJoin(trainingCourses, eq(trainingCourses.id, mandatoryTrainings.courseId))
    .leftJoin(units, eq(units.id, mandatoryTrainings.unitId))
    .where(scoped(mandatoryTrainings, tenant))
    .orderBy(asc(trainingCourses.title))
    .all();
}

export function createMandatory(caller: AreaCaller, input: MandatoryInput): number {
  assertCan(caller, "training.manage");
  return transaction((tx) => {
    const course = tx.select({ id: trainingCourses.id }).from(trainingCourses).where(scoped(trainingCourses, caller, eq(trainingCourses.id, input.courseId))).get();
    if (!course) throw new ValidationError({ courseId: ["Bitte wählen Sie ein Schulungsformat dieser Kommune."] });
    if (input.unitId != null) {
      const unit = tx.select({ id: units.id }).from(units).where(scoped(units, caller, eq(units.id, input.unitId))).get();
      if (!unit) throw new ValidationError({ unitId: ["Diese Organisationseinheit gibt es in dieser Kommune nicht."] });
    }
    const duplicate = listMandatory(caller, tx).find(
      (m) => m.courseId === input.courseId && m.unitId === input.unitId && (m.role === input.role || m.role === null || input.role === null),
    );
    if (duplicate) {
      const where = duplicate.unitName ? `für „${duplicate.unitName}“` : "für die ganze Kommune";
      throw new ValidationError({
        courseId: [`„${duplicate.courseTitle}“ ist ${where} schon Pflichtschulung${duplicate.role ? " (für eine Rolle)" : ""}. Eine zweite Regel dazu ist nicht möglich; löschen Sie die bestehende, wenn Sie sie ersetzen möchten.`],
      });
    }
    const row = tx.insert(mandatoryTrainings).values(tenantRow(caller, input)).returning({ id: mandatoryTrainings.id }).get();
    writeAudit(tx, { actor: caller.actor, municipalityId: caller.municipalityId, entity: "mandatoryTraining", entityId: row.id, action: "create", changes: newValues(input) });
    return row.id;
  });
}

export function deleteMandatory(caller: AreaCaller, mandatoryId: number): void {
  assertCan(caller, "training.manage");
  transaction((tx) => {
    const row = tx.select().from(mandatoryTrainings).where(scoped(mandatoryTrainings, caller, eq(mandatoryTrainings.id, mandatoryId))).get();
    if (!row) throw new ValidationError({ form: ["Diese Pflichtschulung gibt es nicht mehr."] });
    tx.delete(mandatoryTrainings).where(scoped(mandatoryTrainings, caller, eq(mandatoryTrainings.id, mandatoryId))).run();
    const people = tx.select({ id: employees.id }).from(employees).where(scoped(employees, caller)).all();
    for (const p of people) cancelDeadlines(tx, caller, EMPLOYEE_SUBJECT, p.id, deadlineKey(mandatoryId));
    writeAudit(tx, { actor: caller.actor, municipalityId: caller.municipalityId, entity: "mandatoryTraining", entityId: mandatoryId, action: "delete", changes: oldValues({ courseId: row.courseId, role: row.role, unitId: row.unitId }) });
  });
}

export function deadlineKey(mandatoryId: number): string {
  return `mandatoryTraining-${mandatoryId}`;
}

export interface ComplianceCell {
  mandatoryId: number;
  status: ComplianceStatus;
  lastDate: string | null;
  dueDate: string | null;
}

export interface ComplianceRow {
  employeeId: number;
  name: string;
  unitId: number;
  unitName: string;
  userId: number | null;
  cells: ComplianceCell[];
}

/**
 * Who must do which mandatory training and their status, per person. Two set-based queries
 * (people with role, last attendance per person and course), combined in memory.
 */
export function complianceRows(db: DbOrTx, tenant: Tenant, today: string, filter: { employeeIds?: number[]; unitIds?: number[] } = {}): ComplianceRow[] {
  const mandatory = listMandatory(tenant, db);
  if (!mandatory.length) return [];
  const people = db
    .select({
      id: employees.id,
      firstName: employees.firstName,
      lastName: employees.lastName,
      unitId: employees.unitId,
      unitName: units.name,
      role: memberships.role,
      userId: memberships.userId,
      recordedAt: employees.createdAt,
    })
    .from(employees)
    .innerJoin(units, eq(units.id, employees.unitId))
    .leftJoin(memberships, and(eq(memberships.employeeId, employees.id), eq(memberships.municipalityId, employees.municipalityId)))
    .where(
      scoped(
        employees,
        tenant,
        eq(employees.active, true),
        filter.employeeIds ? inArray(employees.id, filter.employeeIds) : undefined,
        filter.unitIds ? inArray(employees.unitId, filter.unitIds) : undefined,
      ),
    )
    .orderBy(asc(units.name), asc(employees.lastName), asc(employees.firstName))
    .all();
  const last = db.all<{ employeeId: number; courseId: number; lastDate: string }>(sql`
    SELECT employee_id AS employeeId, course_id AS courseId, MAX(session_date) AS lastDate
    FROM training_registrations
    WHERE municipality_id = ${tenant.municipalityId} AND attendance = 'present' AND employee_id IS NOT NULL
    GROUP BY employee_id, course_id`);
  const lastByKey = new Map(last.map((l) => [`${l.employeeId}:${l.courseId}`, l.lastDate]));
  const result: ComplianceRow[] = [];
  for (const p of people) {
    const cells: ComplianceCell[] = [];
    for (const m of mandatory) {
      if (m.unitId != null && m.unitId !== p.unitId) continue;
      if (m.role != null && m.role !== p.role) continue;
      const lastDate = lastByKey.get(`${p.id}:${m.courseId}`) ?? null;
      const since = obligedSince(m.createdAt, p.recordedAt);
      cells.push({ mandatoryId: m.id, lastDate, ...complianceStatus(lastDate, m.renewalMonths, today, { obligedSince: since }) });
    }
    if (cells.length) {
      result.push({ employeeId: p.id, name: `${p.lastName}, ${p.firstName}`, unitId: p.unitId, unitName: p.unitName, userId: p.userId, cells });
    }
  }
  return result;
}

/** The compliance view: people in scope with their status per mandatory training, and counts per unit. */
export function complianceOverview(tenant: Tenant, scope: PersonalDataScope, today = todayIso()) {
  const db = getDb();
  const mandatory = listMandatory(tenant, db);
  const all = complianceRows(db, tenant, today);
  const perUnit = new Map<number, { unitId: number; unitName: string; compliant: number; due: number; overdue: number }>();
  for (const row of all) {
    const u = perUnit.get(row.unitId) ?? { unitId: row.unitId, unitName: row.unitName, compliant: 0, due: 0, overdue: 0 };
    for (const c of row.cells) u[c.status]++;
    perUnit.set(row.unitId, u);
  }
  const people = scope.all ? all : all.filter((r) => scope.unitIds.includes(r.unitId));
  return { mandatory, units: [...perUnit.values()].sort((a, b) => a.unitName.localeCompare(b.unitName, "de")), people };
}

function scheduleFor(tx: Tx, tenant: Tenant, row: ComplianceRow, mandatory: ReturnType<typeof listMandatory>, today: string) {
  for (const cell of row.cells) {
    const m = mandatory.find((x) => x.id === cell.mandatoryId)!;
    if (cell.lastDate && cell.dueDate === null) {
      cancelDeadlines(tx, tenant, EMPLOYEE_SUBJECT, row.employeeId, deadlineKey(m.id));
      continue;
    }
    scheduleDeadline(tx, tenant, {
      subjectType: EMPLOYEE_SUBJECT,
      subjectId: row.employeeId,
      key: deadlineKey(m.id),
      label: `Pflichtschulung „${m.courseTitle}“ ${cell.lastDate ? "auffrischen" : "absolvieren"}`,
      dueDate: cell.dueDate ?? today,
      remindDaysBefore: 30,
      ...(row.userId != null ? { assigneeUserId: row.userId } : { assigneeRole: "cdo" as const }),
    });
  }
}

/**
 * Upserts one deadline per mandatory training of this person, due when the training must be
 * renewed. Called inside the attendance transaction.
 */
export function scheduleRenewals(tx: Tx, tenant: Tenant, employeeId: number, today: string): void {
  const mandatory = listMandatory(tenant, tx);
  if (!mandatory.length) return;
  for (const row of complianceRows(tx, tenant, today, { employeeIds: [employeeId] })) scheduleFor(tx, tenant, row, mandatory, today);
}

/** Creates or updates the reminder deadlines for everyone due or overdue; returns how many. */
export function scheduleAllReminders(caller: Tenant & { actor: Actor }, today = todayIso()): number {
  return transaction((tx) => {
    const mandatory = listMandatory(caller, tx);
    let n = 0;
    for (const row of complianceRows(tx, caller, today)) {
      const pending = { ...row, cells: row.cells.filter((c) => c.status !== "compliant") };
      if (!pending.cells.length) continue;
      scheduleFor(tx, caller, pending, mandatory, today);
      n += pending.cells.length;
    }
    writeAudit(tx, { actor: caller.actor, municipalityId: caller.municipalityId, entity: "mandatoryTraining", action: "schedule_reminders", details: { deadlines: n } });
    return n;
  });
}
