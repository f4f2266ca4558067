import { eq, sql } from "drizzle-orm";
import { employees, trainingRegistrations, trainingSessions } from "../../../db/schema";
import type { AttendanceStatus } from "../../../db/schema/trainings";
import { writeAudit } from "../../utils/audit.server";
import type { AreaCaller } from "../../utils/caller.server";
import { type Tx, getDb, transaction } from "../../utils/db.server";
import { ConflictError, ValidationError } from "../../utils/errors";
import { formatDate } from "../../utils/format";
import { forbidden } from "../../utils/http.server";
import { can } from "../../utils/permissions";
import { scoped } from "../../utils/tenant.server";
import { parseAttendanceCsv } from "./attendance-csv";
import { berlinDate, berlinTime } from "./time";

/** The line number a parser message starts with ("Zeile 4: …"); 0 for file-level messages. */
function lineOf(message: string): number {
  return Number(/^Zeile (\d+)/.exec(message)?.[1] ?? 0);
}
import { newCertificateCode } from "./certificate-code";
import { scheduleRenewals } from "./mandatory.server";
import { sessionWorkflowState } from "./session-workflow.server";

export interface AttendanceEntry {
  registrationId: number;
  attendance: AttendanceStatus;
  /** The row version the trainer saw; omitted by the CSV import, which works on current rows. */
  expectedVersion?: number;
}

const NOT_TRAINER = "Die Anwesenheit erfassen die Trainerin / der Trainer des Termins oder die Schulungsverwaltung.";

/** Admins/CDO office, or the session's internal trainer. */
export function mayRecordAttendance(caller: Pick<AttendanceCaller, "role" | "employeeId">, session: { trainerEmployeeId: number | null }): boolean {
  return can(caller.role, "training.recordAttendance") || (caller.employeeId != null && session.trainerEmployeeId === caller.employeeId);
}

/**
 * Attendance (and with it a certificate) exists only once the session has begun: refused before
 * its start instant, not merely before its calendar day.
 */
export function attendanceNotYetOpen(session: { startsAt: string }, now: Date): string | null {
  if (now.toISOString() >= session.startsAt) return null;
  return `Die Anwesenheit kann erst ab Beginn des Termins erfasst werden (${formatDate(berlinDate(session.startsAt))}, ${berlinTime(session.startsAt)} Uhr).`;
}

/** Who records attendance: the role's permission or the session's trainer (the linked employee). */
export type AttendanceCaller = AreaCaller & { readonly employeeId: number | null };

function applyAttendance(tx: Tx, caller: AttendanceCaller, sessionId: number, entries: readonly AttendanceEntry[], now: Date) {
  const session = tx.select().from(trainingSessions).where(scoped(trainingSessions, caller, eq(trainingSessions.id, sessionId))).get();
  if (!session) throw new ValidationError({ form: ["Den Termin gibt es nicht."] });
  if (!mayRecordAttendance(caller, session)) forbidden(NOT_TRAINER);
  const notYet = attendanceNotYetOpen(session, now);
  if (notYet) throw new ValidationError({ form: [notYet] });
  const today = berlinDate(now.toISOString());
  if (sessionWorkflowState(tx, caller, sessionId)?.state === "cancelled") {
    throw new ValidationError({ form: ["Der Termin wurde abgesagt; es kann keine Anwesenheit erfasst werden."] });
  }
  const rows = tx
    .select()
    .from(trainingRegistrations)
    .where(scoped(trainingRegistrations, caller, eq(trainingRegistrations.sessionId, sessionId), eq(trainingRegistrations.status, "registered")))
    .all();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const recordedAt = now.toISOString();
  const changes: { registrationId: number; from: string | null; to: AttendanceStatus }[] = [];
  for (const entry of entries) {
    const row = byId.get(entry.registrationId);
    if (!row) throw new ValidationError({ form: ["Eine Person der Liste ist für diesen Termin nicht (mehr) angemeldet. Bitte laden Sie die Seite neu."] });
    if (entry.expectedVersion !== undefined && entry.expectedVersion !== row.version) throw new ConflictError();
    if (row.attendance === entry.attendance) continue;
    // A corrected attendance keeps the code: the public check then answers "widerrufen".
    const certificateCode = row.certificateCode ?? (entry.attendance === "present" ? newCertificateCode() : null);
    tx.update(trainingRegistrations)
      .set({ attendance: entry.attendance, attendanceRecordedAt: recordedAt, certificateCode, version: sql`${trainingRegistrations.version} + 1` })
      .where(scoped(trainingRegistrations, caller, eq(trainingRegistrations.id, row.id)))
      .run();
    changes.push({ registrationId: row.id, from: row.attendance, to: entry.attendance });
    if (row.employeeId != null) scheduleRenewals(tx, caller, row.employeeId, today);
  }
  writeAudit(tx, { actor: caller.actor, municipalityId: caller.municipalityId, entity: "trainingSession", entityId: sessionId, action: "record_attendance", details: { entries: changes } });
  return changes.length;
}

/** Saves the participant list in one transaction: all rows or none. */
export function recordAttendance(caller: AttendanceCaller, sessionId: number, entries: readonly AttendanceEntry[], now = new Date()): number {
  return transaction((tx) => applyAttendance(tx, caller, sessionId, entries, now));
}

/**
 * Imports an attendance list (CSV). Every row must name a person registered for this session;
 * any error saves nothing, and every bad row is reported with its line (shape errors and unknown
 * people together, in line order), so a list is fixed in one round.
 */
export function importAttendance(caller: AttendanceCaller, sessionId: number, text: string, now = new Date()): number {
  // Checked before the file is read: its error messages name who is registered.
  const session = getDb().select({ trainerEmployeeId: trainingSessions.trainerEmployeeId }).from(trainingSessions).where(scoped(trainingSessions, caller, eq(trainingSessions.id, sessionId))).get();
  if (!mayRecordAttendance(caller, session ?? { trainerEmployeeId: null })) forbidden(NOT_TRAINER);
  const parsed = parseAttendanceCsv(text);
  if (!parsed.rows.length && parsed.errors.length) throw new ValidationError({ file: parsed.errors });
  return transaction((tx) => {
    const registered = tx
      .select({ id: trainingRegistrations.id, personnelNumber: employees.personnelNumber, email: employees.email })
      .from(trainingRegistrations)
      .innerJoin(employees, eq(employees.id, trainingRegistrations.employeeId))
      .where(scoped(trainingRegistrations, caller, eq(trainingRegistrations.sessionId, sessionId), eq(trainingRegistrations.status, "registered")))
      .all();
    const errors: { line: number; message: string }[] = parsed.errors.map((message) => ({ line: lineOf(message), message }));
    const entries: AttendanceEntry[] = [];
    for (const row of parsed.rows) {
      const match = registered.find(
        (r) => (row.personnelNumber != null && r.personnelNumber === row.personnelNumber) || (row.email != null && r.email?.toLowerCase() === row.email),
      );
      if (!match) {
        const who = row.personnelNumber ? `Personalnummer ${row.personnelNumber}` : row.email;
        errors.push({ line: row.line, message: `Zeile ${row.line}: ${who} ist für diesen Termin nicht angemeldet.` });
        continue;
      }
      entries.push({ registrationId: match.id, attendance: row.attendance });
    }
    if (errors.length) throw new ValidationError({ file: errors.sort((a, b) => a.line - b.line).map((e) => e.message) });
    return applyAttendance(tx, caller, sessionId, entries, now);
  });
}
