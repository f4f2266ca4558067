import { asc, desc, eq, gte, isNotNull, lt, sql } from "drizzle-orm";
import { employees, trainingCourses, trainingRegistrations, trainingSessions } from "../../../db/schema";
import { auditUpdate, newValues, writeAudit } from "../../utils/audit.server";
import { type DbOrTx, getDb, transaction } from "../../utils/db.server";
import { ValidationError } from "../../utils/errors";
import { formatDate } from "../../utils/format";
import { type Tenant, scoped, tenantRow, updateVersioned } from "../../utils/tenant.server";
import { safeLinkUrl } from "../../utils/url";
import { type WorkflowCaller, workflowStates } from "../../workflow/index.server";
import { getCourse } from "./courses.server";
import { SESSION_SUBJECT, refreshSessionDeadlines, sessionWorkflowState, startSessionWorkflow, syncCapacityState } from "./session-workflow.server";
import { berlinDate, berlinTimeProblem, berlinToUtcIso } from "./time";
import { mailParticipant } from "./mails.server";
import { promoteWaitlist, seatCounts } from "./waitlist.server";
import { assertCan } from "../../utils/permissions";

export interface SessionInput {
  courseId: number;
  date: string;
  startTime: string;
  endTime: string;
  location: string | null;
  onlineUrl: string | null;
  trainerEmployeeId: number | null;
  trainerName: string | null;
  capacity: number;
  registrationDeadline: string;
}

export function getSession(tenant: Tenant, sessionId: number, db: DbOrTx = getDb()) {
  return db.select().from(trainingSessions).where(scoped(trainingSessions, tenant, eq(trainingSessions.id, sessionId))).get();
}

const registeredCount = sql<number>`sum(case when ${trainingRegistrations.status} = 'registered' then 1 else 0 end)`;
const waitlistedCount = sql<number>`sum(case when ${trainingRegistrations.status} = 'waitlisted' then 1 else 0 end)`;

/** Sessions from a day on (upcoming) or before it (past), with course, seats and workflow state. */
export function listSessions(tenant: Tenant, options: { from?: string; before?: string; courseId?: number; limit?: number } = {}) {
  const db = getDb();
  const rows = db
    .select({
      id: trainingSessions.id,
      courseId: trainingSessions.courseId,
      courseTitle: trainingCourses.title,
      topic: trainingCourses.topic,
      format: trainingCourses.format,
      startsAt: trainingSessions.startsAt,
      endsAt: trainingSessions.endsAt,
      sessionDate: trainingSessions.sessionDate,
      location: trainingSessions.location,
      onlineUrl: trainingSessions.onlineUrl,
      capacity: trainingSessions.capacity,
      registrationDeadline: trainingSessions.registrationDeadline,
      registered: registeredCount,
      waitlisted: waitlistedCount,
    })
    .from(trainingSessions)
    .innerJoin(trainingCourses, eq(trainingCourses.id, trainingSessions.courseId))
    .leftJoin(trainingRegistrations, eq(trainingRegistrations.sessionId, trainingSessions.id))
    .where(
      scoped(
        trainingSessions,
        tenant,
        options.from ? gte(trainingSessions.sessionDate, options.from) : undefined,
        options.before ? lt(trainingSessions.sessionDate, options.before) : undefined,
        options.courseId ? eq(trainingSessions.courseId, options.courseId) : undefined,
      ),
    )
    .groupBy(trainingSessions.id)
    .orderBy(options.before ? desc(trainingSessions.startsAt) : asc(trainingSessions.startsAt))
    .limit(options.limit ?? 100)
    .all();
  // One query for all states instead of one workflow view per row.
  const states = workflowStates(db, tenant, SESSION_SUBJECT, rows.map((r) => r.id));
  return rows.map((r) => {
    const state = states.get(r.id);
    return { ...r, registered: r.registered ?? 0, waitlisted: r.waitlisted ?? 0, state: state?.state ?? null, stateLabel: state?.stateLabel ?? "–" };
  });
}

/** The session with its course and trainer, for the detail page. */
export function sessionDetail(tenant: Tenant, sessionId: number) {
  const db = getDb();
  const session = getSession(tenant, sessionId, db);
  if (!session) return undefined;
  const course = getCourse(tenant, session.courseId, db)!;
  const trainer = session.trainerEmployeeId
    ? db
        .select({ firstName: employees.firstName, lastName: employees.lastName })
        .from(employees)
        .where(scoped(employees, tenant, eq(employees.id, session.trainerEmployeeId)))
        .get()
    : undefined;
  return {
    session,
    course,
    trainerLabel: trainer ? `${trainer.firstName} ${trainer.lastName}` : session.trainerName ?? "–",
    seats: seatCounts(db, tenant, sessionId),
    state: sessionWorkflowState(db, tenant, sessionId),
  };
}

/** Why a time was refused: wrong shape, or a wall-clock time skipped by the change to summer time. */
function timeError(date: string, time: string, label: string): string {
  return berlinTimeProblem(date, time) === "dstGap"
    ? `Die ${label} ${time} Uhr gibt es am ${formatDate(date)} nicht (Umstellung auf Sommerzeit). Bitte wählen Sie eine andere Uhrzeit.`
    : `Bitte geben Sie eine gültige ${label} ein (SS:MM).`;
}

/** Checks and converts form input; German messages per field. */
function toRow(db: DbOrTx, tenant: Tenant, input: SessionInput) {
  const errors: Record<string, string[]> = {};
  if (!getCourse(tenant, input.courseId, db)) errors.courseId = ["Bitte wählen Sie ein Schulungsformat dieser Kommune."];
  const startsAt = berlinToUtcIso(input.date, input.startTime);
  const endsAt = berlinToUtcIso(input.date, input.endTime);
  if (!startsAt) errors.startTime = [timeError(input.date, input.startTime, "Beginnzeit")];
  if (!endsAt) errors.endTime = [timeError(input.date, input.endTime, "Endzeit")];
  if (startsAt && endsAt && endsAt <= startsAt) errors.endTime = ["Das Ende muss nach dem Beginn liegen."];
  if (input.registrationDeadline > input.date) errors.registrationDeadline = ["Der Anmeldeschluss darf nicht nach dem Termin liegen."];
  if (input.onlineUrl && !safeLinkUrl(input.onlineUrl)) errors.onlineUrl = ["Bitte geben Sie einen vollständigen Link an, der mit https:// oder http:// beginnt."];
  if (!input.location && !input.onlineUrl) errors.location = ["Bitte geben Sie einen Ort oder einen Online-Link an."];
  if (!input.trainerEmployeeId && !input.trainerName) errors.trainerName = ["Bitte wählen Sie eine interne Trainerin / einen internen Trainer oder geben Sie einen externen Namen ein."];
  if (input.trainerEmployeeId) {
    const trainer = db
      .select({ id: employees.id })
      .from(employees)
      .where(scoped(employees, tenant, eq(employees.id, input.trainerEmployeeId)))
      .get();
    if (!trainer) errors.trainerEmployeeId = ["Diese Person gibt es in dieser Kommune nicht."];
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return {
    courseId: input.courseId,
    startsAt: startsAt!,
    endsAt: endsAt!,
    sessionDate: berlinDate(startsAt!),
    location: input.location,
    onlineUrl: input.onlineUrl,
    trainerEmployeeId: input.trainerEmployeeId,
    trainerName: input.trainerEmployeeId ? null : input.trainerName,
    capacity: input.capacity,
    registrationDeadline: input.registrationDeadline,
  };
}

/** Creates the session and starts its `trainingSession` workflow in the same transaction. */
export function createSession(caller: WorkflowCaller, input: SessionInput): number {
  assertCan(caller, "training.manage");
  return transaction((tx) => {
    const values = toRow(tx, caller, input);
    const row = tx.insert(trainingSessions).values(tenantRow(caller, values)).returning({ id: trainingSessions.id }).get();
    writeAudit(tx, { actor: caller.actor, municipalityId: caller.municipalityId, entity: "trainingSession", entityId: row.id, action: "create", changes: newValues(values) });
    startSessionWorkflow(tx, caller, row.id);
    return row.id;
  });
}

/**
 * Updates the session. Raising the capacity moves waitlisted people up (in order); lowering it
 * below the seats already taken is refused rather than silently dropping anyone.
 */
export function updateSession(
  caller: WorkflowCaller,
  sessionId: number,
  expectedVersion: number,
  input: SessionInput,
): void {
  assertCan(caller, "training.manage");
  transaction((tx) => {
    const before = getSession(caller, sessionId, tx);
    if (!before) throw new ValidationError({ form: ["Den Termin gibt es nicht mehr."] });
    const values = toRow(tx, caller, input);
    const seats = seatCounts(tx, caller, sessionId);
    if (values.capacity < seats.registered) {
      throw new ValidationError({ capacity: [`Es sind bereits ${seats.registered} Personen angemeldet; die Kapazität kann nicht darunter liegen.`] });
    }
    updateVersioned(tx, trainingSessions, caller, sessionId, expectedVersion, values);
    tx.update(trainingRegistrations)
      .set({ courseId: values.courseId, sessionDate: values.sessionDate })
      .where(scoped(trainingRegistrations, caller, eq(trainingRegistrations.sessionId, sessionId)))
      .run();
    auditUpdate(tx, { actor: caller.actor, municipalityId: caller.municipalityId, entity: "trainingSession", entityId: sessionId, before, after: { ...before, ...values } });
    // People with a seat get the changed invitation when time or place changed.
    const moved = (["startsAt", "endsAt", "location", "onlineUrl"] as const).some((k) => (before[k] ?? null) !== (values[k] ?? null));
    if (moved) {
      const seated = tx
        .select({ employeeId: trainingRegistrations.employeeId })
        .from(trainingRegistrations)
        .where(scoped(trainingRegistrations, caller, eq(trainingRegistrations.sessionId, sessionId), eq(trainingRegistrations.status, "registered"), isNotNull(trainingRegistrations.employeeId)))
        .all();
      for (const p of seated) mailParticipant(tx, caller, { employeeId: p.employeeId!, sessionId, kind: "sessionChanged" });
    }
    if (values.capacity > before.capacity) promoteWaitlist(tx, caller, sessionId, values.capacity);
    const after = seatCounts(tx, caller, sessionId);
    syncCapacityState(tx, caller, sessionId, after.registered, values.capacity);
    refreshSessionDeadlines(tx, caller, sessionId);
  });
}

export function sessionsOfCourse(tenant: Tenant, courseId: number) {
  return listSessions(tenant, { courseId, limit: 200 });
}

