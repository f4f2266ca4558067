import { asc, count, eq, sql } from "drizzle-orm";
import { trainingCourses, trainingRegistrations, trainingSessions } from "../../../db/schema";
import type { DbOrTx, Tx } from "../../utils/db.server";
import { type Tenant, scoped } from "../../utils/tenant.server";
import { formatDate } from "../../utils/format";
import { mailParticipant } from "./mails.server";
import { notifyEmployee } from "./session-workflow.server";
import { promotions } from "./waitlist";

/** Seats taken and waitlist length, counted in one query. */
export function seatCounts(db: DbOrTx, tenant: Tenant, sessionId: number) {
  const rows = db
    .select({ status: trainingRegistrations.status, n: count() })
    .from(trainingRegistrations)
    .where(scoped(trainingRegistrations, tenant, eq(trainingRegistrations.sessionId, sessionId)))
    .groupBy(trainingRegistrations.status)
    .all();
  const of = (s: string) => rows.find((r) => r.status === s)?.n ?? 0;
  return { registered: of("registered"), waitlisted: of("waitlisted") };
}

export function sessionTitle(db: DbOrTx, tenant: Tenant, sessionId: number): string {
  const row = db
    .select({ title: trainingCourses.title, date: trainingSessions.sessionDate })
    .from(trainingSessions)
    .innerJoin(trainingCourses, eq(trainingCourses.id, trainingSessions.courseId))
    .where(scoped(trainingSessions, tenant, eq(trainingSessions.id, sessionId)))
    .get();
  return row ? `„${row.title}“ am ${formatDate(row.date)}` : "Schulungstermin";
}

/**
 * Moves waitlisted people up into free seats, in waitlist order, and tells each of them. Runs
 * inside the caller's BEGIN IMMEDIATE transaction, so two cancellations cannot hand out the same
 * seat. Returns the promoted registration ids.
 */
export function promoteWaitlist(tx: Tx, tenant: Tenant, sessionId: number, capacity: number): number[] {
  const { registered } = seatCounts(tx, tenant, sessionId);
  const waitlist = tx
    .select({ id: trainingRegistrations.id, requestedAt: trainingRegistrations.requestedAt, employeeId: trainingRegistrations.employeeId })
    .from(trainingRegistrations)
    .where(scoped(trainingRegistrations, tenant, eq(trainingRegistrations.sessionId, sessionId), eq(trainingRegistrations.status, "waitlisted")))
    .orderBy(asc(trainingRegistrations.requestedAt), asc(trainingRegistrations.id))
    .all();
  const moving = promotions(capacity, registered, waitlist);
  if (!moving.length) return [];
  const title = sessionTitle(tx, tenant, sessionId);
  for (const entry of moving) {
    tx.update(trainingRegistrations)
      .set({ status: "registered", version: sql`${trainingRegistrations.version} + 1` })
      .where(scoped(trainingRegistrations, tenant, eq(trainingRegistrations.id, entry.id)))
      .run();
    if (entry.employeeId != null) {
      notifyEmployee(tx, tenant, entry.employeeId, `Sie sind von der Warteliste nachgerückt und jetzt für ${title} angemeldet.`, `/schulungen/termine/${sessionId}`);
      mailParticipant(tx, tenant, { employeeId: entry.employeeId, sessionId, kind: "waitlistMovedUp" });
    }
  }
  return moving.map((m) => m.id);
}
