import { asc, desc, eq, sql } from "drizzle-orm";
import { employees, trainingCourses, trainingRegistrations, trainingSessions, units } from "../../../db/schema";
import type { AppContext } from "../../utils/context.server";
import { getDb, transaction } from "../../utils/db.server";
import { ValidationError } from "../../utils/errors";
import { assertCan } from "../../utils/permissions";
import { todayIso } from "../../utils/format";
import { newValues, writeAudit } from "../../utils/audit.server";
import { type Tenant, scoped, tenantRow } from "../../utils/tenant.server";
import { type PersonalDataScope, findEmployee, fullName, mayActFor } from "./access.server";
import { mailParticipant } from "./mails.server";
import { OPEN_FOR_REGISTRATION, notifyEmployee, sessionWorkflowState, syncCapacityState } from "./session-workflow.server";
import { placeFor, waitlistPosition } from "./waitlist";
import { promoteWaitlist, seatCounts, sessionTitle } from "./waitlist.server";
import { certificateValid } from "./certificate-status";

export type RegistrationCaller = Pick<AppContext, "municipalityId" | "actor" | "role" | "employeeId" | "user">;

/**
 * Registers an employee for a session: a seat while there is one, otherwise the end of the
 * waitlist. Seats are counted inside BEGIN IMMEDIATE, so concurrent requests cannot overbook.
 */
export function register(
  caller: RegistrationCaller,
  scope: PersonalDataScope,
  sessionId: number,
  employeeId: number,
  today = todayIso(),
): { registrationId: number; status: "registered" | "waitlisted" } {
  assertCan(caller, "training.register");
  return transaction((tx) => {
    const session = tx.select().from(trainingSessions).where(scoped(trainingSessions, caller, eq(trainingSessions.id, sessionId))).get();
    if (!session) throw new ValidationError({ form: ["Den Termin gibt es nicht."] });
    const employee = findEmployee(tx, caller, employeeId);
    if (!employee || !employee.active) throw new ValidationError({ employeeId: ["Diese Person gibt es in dieser Kommune nicht."] });
    if (!mayActFor(caller.employeeId, scope, employee)) {
      throw new ValidationError({ employeeId: ["Sie können nur sich selbst oder Beschäftigte Ihrer eigenen Einheit anmelden."] });
    }
    const state = sessionWorkflowState(tx, caller, sessionId);
    if (!state || !(OPEN_FOR_REGISTRATION as readonly string[]).includes(state.state)) {
      throw new ValidationError({ form: [`Für diesen Termin ist keine Anmeldung möglich (Status: ${state?.label ?? "unbekannt"}).`] });
    }
    if (today > session.registrationDeadline) {
      throw new ValidationError({ form: ["Der Anmeldeschluss für diesen Termin ist vorbei."] });
    }
    const existing = tx
      .select()
      .from(trainingRegistrations)
      .where(scoped(trainingRegistrations, caller, eq(trainingRegistrations.sessionId, sessionId), eq(trainingRegistrations.employeeId, employeeId)))
      .get();
    if (existing && existing.status !== "cancelled") {
      throw new ValidationError({
        form: [existing.status === "registered" ? `${fullName(employee)} ist bereits angemeldet.` : `${fullName(employee)} steht bereits auf der Warteliste.`],
      });
    }
    const seats = seatCounts(tx, caller, sessionId);
    // Someone waiting has priority over a newcomer, even if a seat looks free.
    const status = seats.waitlisted > 0 ? "waitlisted" : placeFor(session.capacity, seats.registered);
    const now = new Date().toISOString();
    const values = {
      status,
      requestedAt: now,
      registeredByUserId: caller.user.id,
      unitId: employee.unitId,
      courseId: session.courseId,
      sessionDate: session.sessionDate,
      attendance: null,
      attendanceRecordedAt: null,
    };
    let registrationId: number;
    if (existing) {
      tx.update(trainingRegistrations)
        .set({ ...values, version: sql`${trainingRegistrations.version} + 1` })
        .where(scoped(trainingRegistrations, caller, eq(trainingRegistrations.id, existing.id)))
        .run();
      registrationId = existing.id;
    } else {
      registrationId = tx
        .insert(trainingRegistrations)
        .values(tenantRow(caller, { ...values, sessionId, employeeId }))
        .returning({ id: trainingRegistrations.id })
        .get().id;
    }
    writeAudit(tx, {
      actor: caller.actor,
      municipalityId: caller.municipalityId,
      entity: "trainingRegistration",
      entityId: registrationId,
      action: status === "registered" ? "register" : "waitlist",
      changes: newValues({ employeeId, status }),
      parent: { entity: "trainingSession", id: sessionId },
    });
    const title = sessionTitle(tx, caller, sessionId);
    const by = employeeId === caller.employeeId ? "" : ` (angemeldet durch ${caller.user.name})`;
    notifyEmployee(
      tx,
      caller,
      employeeId,
      status === "registered"
        ? `Sie sind für ${title} angemeldet${by}.`
        : `${title} ist ausgebucht. Sie stehen auf der Warteliste auf Platz ${seats.waitlisted + 1} und rücken automatisch nach${by}.`,
      `/schulungen/termine/${sessionId}`,
    );
    mailParticipant(tx, caller, {
      employeeId,
      sessionId,
      kind: status === "registered" ? "registrationConfirmed" : "waitlisted",
      by: employeeId === caller.employeeId ? undefined : caller.user.name,
      position: seats.waitlisted + 1,
    });
    syncCapacityState(tx, caller, sessionId, seats.registered + (status === "registered" ? 1 : 0), session.capacity);
    return { registrationId, status };
  });
}

/** Cancels a seat or waitlist place; a freed seat goes to the first person on the waitlist. */
export function cancelRegistration(caller: RegistrationCaller, scope: PersonalDataScope, registrationId: number): { promoted: number[] } {
  assertCan(caller, "training.register");
  return transaction((tx) => {
    const reg = tx.select().from(trainingRegistrations).where(scoped(trainingRegistrations, caller, eq(trainingRegistrations.id, registrationId))).get();
    if (!reg || reg.employeeId == null) throw new ValidationError({ form: ["Diese Anmeldung gibt es nicht."] });
    if (!mayActFor(caller.employeeId, scope, { id: reg.employeeId, unitId: reg.unitId })) {
      throw new ValidationError({ form: ["Sie können nur eigene Anmeldungen oder die Ihrer Einheit stornieren."] });
    }
    if (reg.status === "cancelled") throw new ValidationError({ form: ["Diese Anmeldung ist bereits storniert."] });
    if (reg.attendance) throw new ValidationError({ form: ["Die Teilnahme ist bereits erfasst; die Anmeldung kann nicht mehr storniert werden."] });
    const session = tx.select().from(trainingSessions).where(scoped(trainingSessions, caller, eq(trainingSessions.id, reg.sessionId))).get()!;
    tx.update(trainingRegistrations)
      .set({ status: "cancelled", version: sql`${trainingRegistrations.version} + 1` })
      .where(scoped(trainingRegistrations, caller, eq(trainingRegistrations.id, reg.id)))
      .run();
    // The cancellation mail (METHOD:CANCEL) is queued before the move-up mails of the freed seat.
    mailParticipant(tx, caller, {
      employeeId: reg.employeeId,
      sessionId: reg.sessionId,
      kind: "registrationCancelled",
      by: reg.employeeId === caller.employeeId ? undefined : caller.user.name,
    });
    const promoted = reg.status === "registered" ? promoteWaitlist(tx, caller, reg.sessionId, session.capacity) : [];
    writeAudit(tx, {
      actor: caller.actor,
      municipalityId: caller.municipalityId,
      entity: "trainingRegistration",
      entityId: reg.id,
      action: "cancel",
      changes: { status: { from: reg.status, to: "cancelled" } },
      details: { employeeId: reg.employeeId, promotedRegistrationIds: promoted },
      parent: { entity: "trainingSession", id: reg.sessionId },
    });
    if (reg.employeeId !== caller.employeeId) {
      notifyEmployee(tx, caller, reg.employeeId, `Ihre Anmeldung für ${sessionTitle(tx, caller, reg.sessionId)} wurde von ${caller.user.name} storniert.`, `/schulungen/termine/${reg.sessionId}`);
    }
    const seats = seatCounts(tx, caller, reg.sessionId);
    syncCapacityState(tx, caller, reg.sessionId, seats.registered, session.capacity);
    return { promoted };
  });
}

/** Participants and waitlist of a session, in order, with names only for callers who may see them. */
export function participants(tenant: Tenant, sessionId: number, scope: PersonalDataScope, options: { isTrainer?: boolean } = {}) {
  const rows = getDb()
    .select({
      id: trainingRegistrations.id,
      employeeId: trainingRegistrations.employeeId,
      unitId: trainingRegistrations.unitId,
      unitName: units.name,
      status: trainingRegistrations.status,
      requestedAt: trainingRegistrations.requestedAt,
      attendance: trainingRegistrations.attendance,
      certificateCode: trainingRegistrations.certificateCode,
      version: trainingRegistrations.version,
      firstName: employees.firstName,
      lastName: employees.lastName,
      personnelNumber: employees.personnelNumber,
    })
    .from(trainingRegistrations)
    .innerJoin(units, eq(units.id, trainingRegistrations.unitId))
    .leftJoin(employees, eq(employees.id, trainingRegistrations.employeeId))
    .where(scoped(trainingRegistrations, tenant, eq(trainingRegistrations.sessionId, sessionId)))
    .orderBy(asc(trainingRegistrations.requestedAt), asc(trainingRegistrations.id))
    .all();
  const waitlist = rows.filter((r) => r.status === "waitlisted");
  return rows
    .filter((r) => r.status !== "cancelled")
    .map((r) => {
      // The trainer needs every name for the attendance list; others see their own units' people.
      const visible = r.employeeId != null && (options.isTrainer || scope.all || scope.unitIds.includes(r.unitId));
      return {
        id: r.id,
        employeeId: visible ? r.employeeId : null,
        name: r.employeeId == null ? "Anonymisiert" : visible ? `${r.lastName}, ${r.firstName}` : null,
        personnelNumber: visible ? r.personnelNumber : null,
        unitName: r.unitName,
        status: r.status,
        waitlistPosition: r.status === "waitlisted" ? waitlistPosition(r.id, waitlist) : null,
        attendance: r.attendance,
        hasCertificate: certificateValid(r),
        // Cancelling for someone else is for their supervisor or HR, not for the trainer.
        mayCancel: r.employeeId != null && (scope.all || scope.unitIds.includes(r.unitId)),
        version: r.version,
      };
    });
}

/** The caller's own registration for a session (any status), with waitlist position. */
export function ownRegistration(tenant: Tenant, sessionId: number, employeeId: number | null) {
  if (employeeId == null) return null;
  const db = getDb();
  const reg = db
    .select()
    .from(trainingRegistrations)
    .where(scoped(trainingRegistrations, tenant, eq(trainingRegistrations.sessionId, sessionId), eq(trainingRegistrations.employeeId, employeeId)))
    .get();
  if (!reg) return null;
  const waitlist = db
    .select({ id: trainingRegistrations.id, requestedAt: trainingRegistrations.requestedAt })
    .from(trainingRegistrations)
    .where(scoped(trainingRegistrations, tenant, eq(trainingRegistrations.sessionId, sessionId), eq(trainingRegistrations.status, "waitlisted")))
    .all();
  return { ...reg, waitlistPosition: reg.status === "waitlisted" ? waitlistPosition(reg.id, waitlist) : null };
}

/** Sessions of one person (registered, waitlisted or attended), newest first. */
export function registrationsOf(tenant: Tenant, employeeId: number) {
  return getDb()
    .select({
      id: trainingRegistrations.id,
      sessionId: trainingSessions.id,
      courseTitle: trainingCourses.title,
      topic: trainingCourses.topic,
      durationMinutes: trainingCourses.durationMinutes,
      startsAt: trainingSessions.startsAt,
      sessionDate: trainingSessions.sessionDate,
      status: trainingRegistrations.status,
      attendance: trainingRegistrations.attendance,
      certificateCode: trainingRegistrations.certificateCode,
    })
    .from(trainingRegistrations)
    .innerJoin(trainingSessions, eq(trainingSessions.id, trainingRegistrations.sessionId))
    .innerJoin(trainingCourses, eq(trainingCourses.id, trainingSessions.courseId))
    .where(scoped(trainingRegistrations, tenant, eq(trainingRegistrations.employeeId, employeeId)))
    .orderBy(desc(trainingSessions.startsAt))
    .all()
    .map(({ certificateCode, ...r }) => ({ ...r, hasCertificate: certificateValid({ certificateCode, attendance: r.attendance, status: r.status }) }));
}
