import { eq, inArray, isNotNull } from "drizzle-orm";
import { z } from "zod";
import { employees, trainingCourses, trainingRegistrations, trainingSessions } from "../../../db/schema";
import { formatDate } from "../../utils/format";
import { registerJob } from "../../utils/jobs.server";
import { scoped } from "../../utils/tenant.server";
import { registerEffect, registerSubject } from "../../workflow/index.server";
import { EMPLOYEE_SUBJECT } from "./mandatory.server";
import { runRetention } from "./privacy.server";
import { mailParticipant } from "./mails.server";
import { REGISTRATION_OPEN, SESSION_SUBJECT, notifyEmployee } from "./session-workflow.server";
import { seatCounts } from "./waitlist.server";
import { logger } from "../../utils/logger.server";

const RETENTION_JOB = {
  name: "training-retention",
  // Daily; the job anonymises everything past the cut-off, so a missed day is caught up next run.
  intervalMs: 24 * 60 * 60 * 1000,
  run: () => {
    const done = runRetention().filter((r) => r.registrations || r.externalTrainings);
    for (const r of done) {
      logger.info({ job: "trainings.retention", municipalityId: r.municipalityId, registrations: r.registrations, external: r.externalTrainings }, "retention anonymised records");
    }
  },
};

/**
 * Registers training sessions and employees as workflow subjects, the cancellation effect and the
 * retention job; idempotent. Registration is open only in the definition's `registrationOpen` state
 * (and `fullyBooked`, for the waitlist), so every version must keep it; the automatic
 * "Ausgebucht"/"Anmeldung offen" steps are optional (syncCapacityState skips them when missing).
 */
export function registerTrainings(): void {
  // Sessions run through the built-in `trainingSession` definition; its Anmeldeschluss deadline
  // reads `registrationDeadline`.
  registerSubject(SESSION_SUBJECT, {
    label: "Schulungstermin",
    load: (db, tenant, subjectId) => {
      const row = db
        .select({ session: trainingSessions, title: trainingCourses.title })
        .from(trainingSessions)
        .innerJoin(trainingCourses, eq(trainingCourses.id, trainingSessions.courseId))
        .where(scoped(trainingSessions, tenant, eq(trainingSessions.id, subjectId)))
        .get();
      if (!row) return undefined;
      const seats = seatCounts(db, tenant, subjectId);
      return {
        title: `${row.title} am ${formatDate(row.session.sessionDate)}`,
        url: `/schulungen/termine/${subjectId}`,
        data: {
          courseId: row.session.courseId,
          startsAt: row.session.startsAt,
          sessionDate: row.session.sessionDate,
          registrationDeadline: row.session.registrationDeadline,
          capacity: row.session.capacity,
          registered: seats.registered,
          waitlisted: seats.waitlisted,
        },
      };
    },
    requires: [{ states: [REGISTRATION_OPEN], reason: "Nur in diesem Status (und „fullyBooked“) können sich Beschäftigte anmelden." }],
  });

  // "Termin absagen" tells everyone registered or on the waitlist, with the reason given.
  registerEffect("notifySessionParticipants", {
    label: "Angemeldete und Warteliste benachrichtigen",
    params: z.object({ message: z.string().min(1) }),
    describe: () => "benachrichtigt: angemeldete Personen und Warteliste",
    run: (ctx, p) => {
      const people = ctx.tx
        .select({ employeeId: trainingRegistrations.employeeId })
        .from(trainingRegistrations)
        .where(
          scoped(
            trainingRegistrations,
            ctx.tenant,
            eq(trainingRegistrations.sessionId, ctx.instance.subjectId),
            inArray(trainingRegistrations.status, ["registered", "waitlisted"]),
            isNotNull(trainingRegistrations.employeeId),
          ),
        )
        .all();
      const reason = ctx.comment ? ` Grund: ${ctx.comment}` : "";
      for (const person of people) {
        notifyEmployee(ctx.tx, ctx.tenant, person.employeeId!, `${p.message}: ${ctx.subject.title}.${reason}`, ctx.subject.url);
        mailParticipant(ctx.tx, ctx.tenant, { employeeId: person.employeeId!, sessionId: ctx.instance.subjectId, kind: "sessionCancelled", reason: ctx.comment ?? undefined });
      }
    },
  });

  // Renewal deadlines of mandatory trainings are kept per person (no workflow instance).
  registerSubject(EMPLOYEE_SUBJECT, {
    label: "Beschäftigte/r",
    load: (db, tenant, subjectId) => {
      const e = db
        .select({ firstName: employees.firstName, lastName: employees.lastName, unitId: employees.unitId })
        .from(employees)
        .where(scoped(employees, tenant, eq(employees.id, subjectId)))
        .get();
      if (!e) return undefined;
      return { title: `${e.firstName} ${e.lastName}`, url: `/beschaeftigte/${subjectId}`, data: { unitId: e.unitId } };
    },
  });
  registerJob(RETENTION_JOB);
}
