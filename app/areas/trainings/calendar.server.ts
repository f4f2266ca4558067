import crypto from "node:crypto";
import { and, eq, inArray, isNotNull } from "drizzle-orm";
import { memberships, trainingCourses, trainingRegistrations, trainingSessions, users } from "../../../db/schema";
import { type Actor, writeAudit } from "../../utils/audit.server";
import { getDb, transaction } from "../../utils/db.server";
import { type Tenant, scoped } from "../../utils/tenant.server";
import type { RegistrationStatus } from "../../../db/schema/trainings";
import { type CalendarSession, buildCalendar } from "./ical";
import { sessionWorkflowState } from "./session-workflow.server";
import { withoutTenantGuard } from "../../utils/tenant-guard.server";

const sessionColumns = {
  id: trainingSessions.id,
  municipalityId: trainingSessions.municipalityId,
  title: trainingCourses.title,
  description: trainingCourses.description,
  startsAt: trainingSessions.startsAt,
  endsAt: trainingSessions.endsAt,
  location: trainingSessions.location,
  onlineUrl: trainingSessions.onlineUrl,
};

function toCalendarSession(
  row: Omit<CalendarSession, "url" | "cancelled" | "waitlisted"> & { registrationStatus?: RegistrationStatus | null },
  origin: string,
): CalendarSession {
  const { registrationStatus, ...session } = row;
  const state = sessionWorkflowState(getDb(), { municipalityId: row.municipalityId }, row.id);
  return {
    ...session,
    url: `${origin}/schulungen/termine/${row.id}`,
    cancelled: state?.state === "cancelled",
    waitlisted: registrationStatus === "waitlisted",
  };
}

/**
 * The .ics of one session of the caller's Kommune; undefined when it is not theirs. For a
 * caller on the waitlist the event is TENTATIVE, for everyone else CONFIRMED (or CANCELLED).
 */
export function sessionIcs(tenant: Tenant & { employeeId: number | null }, sessionId: number, origin: string): string | undefined {
  const db = getDb();
  const row = db
    .select(sessionColumns)
    .from(trainingSessions)
    .innerJoin(trainingCourses, eq(trainingCourses.id, trainingSessions.courseId))
    .where(scoped(trainingSessions, tenant, eq(trainingSessions.id, sessionId)))
    .get();
  if (!row) return undefined;
  const own =
    tenant.employeeId == null
      ? undefined
      : db
          .select({ status: trainingRegistrations.status })
          .from(trainingRegistrations)
          .where(scoped(trainingRegistrations, tenant, eq(trainingRegistrations.sessionId, sessionId), eq(trainingRegistrations.employeeId, tenant.employeeId)))
          .get();
  return buildCalendar(row.title, [toCalendarSession({ ...row, registrationStatus: own?.status ?? null }, origin)], new URL(origin).hostname);
}

/**
 * The personal feed behind a secret token: every session the user holds a seat for (CONFIRMED)
 * or a waitlist place for (TENTATIVE) in every Kommune they belong to. Undefined for an unknown
 * token.
 */
export function personalFeed(token: string, origin: string): string | undefined {
  if (token.length < 20) return undefined;
  const db = getDb();
  const user = db.select({ id: users.id, name: users.name }).from(users).where(and(eq(users.calendarToken, token), eq(users.active, true))).get();
  if (!user) return undefined;
  const employeeIds = withoutTenantGuard("ical-feed", () =>
    db
      .select({ employeeId: memberships.employeeId })
      .from(memberships)
      .where(and(eq(memberships.userId, user.id), isNotNull(memberships.employeeId)))
      .all(),
  ).map((m) => m.employeeId!);
  // The feed spans the person's Kommunen: their employee records (each in one Kommune) pick the rows.
  const rows = employeeIds.length
    ? withoutTenantGuard("ical-feed", () =>
        db
          .select({ ...sessionColumns, registrationStatus: trainingRegistrations.status })
          .from(trainingRegistrations)
          .innerJoin(trainingSessions, eq(trainingSessions.id, trainingRegistrations.sessionId))
          .innerJoin(trainingCourses, eq(trainingCourses.id, trainingSessions.courseId))
          .where(and(inArray(trainingRegistrations.employeeId, employeeIds), inArray(trainingRegistrations.status, ["registered", "waitlisted"])))
          .orderBy(trainingSessions.startsAt)
          .all(),
      )
    : [];
  return buildCalendar(`Schulungen – ${user.name}`, rows.map((r) => toCalendarSession(r, origin)), new URL(origin).hostname);
}

export function calendarToken(userId: number): string | null {
  return getDb().select({ token: users.calendarToken }).from(users).where(eq(users.id, userId)).get()?.token ?? null;
}

/** Issues a new secret feed token; the old URL stops working at once. */
export function regenerateCalendarToken(actor: Actor & { userId: number }, municipalityId: number): string {
  const token = crypto.randomBytes(24).toString("base64url");
  transaction((tx) => {
    tx.update(users).set({ calendarToken: token }).where(eq(users.id, actor.userId)).run();
    writeAudit(tx, { actor, municipalityId, entity: "user", entityId: actor.userId, action: "regenerate_calendar_token" });
  });
  return token;
}
