import { eq, sql } from "drizzle-orm";
import { employees, trainingRegistrations, trainingSessions } from "../../../db/schema";
import type { AttendanceStatus } from "../../../db/schema/trainings";
import type { Actor } from "../../utils/audit.server";
import { writeAudit } from "../../utils/audit.server";
import type { AppContext } from "../../utils/context.server";
import { type Tx, transaction } from "../../utils/db.server";
import { ConflictError, ValidationError } from "../../utils/errors";
import { todayIso } from "../../utils/format";
import { type Tenant, scoped } from "../../utils/tenant.server";
import { parseAttendanceCsv } from "./attendance-csv";
import { newCertificateCode } from "./certificate-code";
import { scheduleRenewals } from "./mandatory.server";
import { sessionWorkflowState } from "./session-workflow.server";

export interface AttendanceEntry {
  registrationId: number;
  attendance: AttendanceStatus;
  /** The row version the trainer saw; omitted by the CSV import, which works on current rows. */
  expectedVersion?: number;
}

/** Admins/CDO office, or the session's internal trainer. */
export function mayRecordAttendance(ctx: Pick<AppContext, "can" | "employeeId">, session: { trainerEmployeeId: number | null }): boolean {
  return ctx.can("training.recordAttendance") || (ctx.employeeId != null && session.trainerEmployeeId === ctx.employeeId);
}

function applyAttendance(tx: Tx, caller: Tenant & { actor: Actor }, sessionId: number, entries: readonly AttendanceEntry[], today: string) {
  const session = tx.select().from(trainingSessions).where(scoped(trainingSessions, caller, eq(trainingSessions.id, sessionId))).get();
  if (!session) throw new ValidationError({ form: ["Den Termin gibt es nicht."] });
  if (session.sessionDate > today) throw new ValidationError({ form: ["Die Anwesenheit kann erst ab dem Tag des Termins erfasst werden."] });
  if (sessionWorkflowState(tx, caller, sessionId)?.state === "cancelled") {
    throw new ValidationError({ form: ["Der Termin wurde abgesagt; es kann keine Anwesenheit erfasst werden."] });
  }
  const rows = tx
    .select()
    .from(trainingRegistrations)
    .where(scoped(trainingRegistrations, caller, eq(trainingRegistrations.sessionId, sessionId), eq(trainingRegistrations.status, "registered")))
    .all();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const now = new Date().toISOString();
  const changes: { registrationId: number; from: string | null; to: AttendanceStatus }[] = [];
  for (const entry of entries) {
    const row = byId.get(entry.registrationId);
    if (!row) throw new ValidationError({ form: ["Eine Person der Liste ist für diesen Termin nicht (mehr) angemeldet. Bitte laden Sie die Seite neu."] });
    if (entry.expectedVersion !== undefined && entry.expectedVersion !== row.version) throw new ConflictError();
    if (row.attendance === entry.attendance) continue;
    const certificateCode = entry.attendance === "present" ? (row.certificateCode ?? newCertificateCode()) : null;
    tx.update(trainingRegistrations)
      .set({ attendance: entry.attendance, attendanceRecordedAt: now, certificateCode, version: sql`${trainingRegistrations.version} + 1` })
      .where(scoped(trainingRegistrations, caller, eq(trainingRegistrations.id, row.id)))
      .run();
    changes.push({ registrationId: row.id, from: row.attendance, to: entry.attendance });
    if (row.employeeId != null) scheduleRenewals(tx, caller, row.employeeId, today);
  }
  writeAudit(tx, { actor: caller.actor, municipalityId: caller.municipalityId, entity: "trainingSession", entityId: sessionId, action: "record_attendance", details: { entries: changes } });
  return changes.length;
}

/** Saves the participant list in one transaction: all rows or none. */
export function recordAttendance(caller: Tenant & { actor: Actor }, sessionId: number, entries: readonly AttendanceEntry[], today = todayIso()): number {
  return transaction((tx) => applyAttendance(tx, caller, sessionId, entries, today));
}

/**
 * Imports an attendance list (CSV). Every row must name a person registered for this session;
 * any error (with its line) saves nothing.
 */
export function importAttendance(caller: Tenant & { actor: Actor }, sessionId: number, text: string, today = todayIso()): number {
  const parsed = parseAttendanceCsv(text);
  if (parsed.errors.length) throw new ValidationError({ file: parsed.errors });
  return transaction((tx) => {
    const registered = tx
      .select({ id: trainingRegistrations.id, personnelNumber: employees.personnelNumber, email: employees.email })
      .from(trainingRegistrations)
      .innerJoin(employees, eq(employees.id, trainingRegistrations.employeeId))
      .where(scoped(trainingRegistrations, caller, eq(trainingRegistrations.sessionId, sessionId), eq(trainingRegistrations.status, "registered")))
      .all();
    const errors: string[] = [];
    const entries: AttendanceEntry[] = [];
    for (const row of parsed.rows) {
      const match = registered.find(
        (r) => (row.personnelNumber != null && r.personnelNumber === row.personnelNumber) || (row.email != null && r.email?.toLowerCase() === row.email),
      );
      if (!match) {
        errors.push(`Zeile ${row.line}: ${row.personnelNumber ? `Personalnummer ${row.personnelNumber}` : row.email} ist für diesen Termin nicht angemeldet.`);
        continue;
      }
      entries.push({ registrationId: match.id, attendance: row.attendance });
    }
    if (errors.length) throw new ValidationError({ file: errors });
    return applyAttendance(tx, caller, sessionId, entries, today);
  });
}
