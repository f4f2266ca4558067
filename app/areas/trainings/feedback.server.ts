import { eq } from "drizzle-orm";
import { trainingFeedback, trainingRegistrations, trainingSessions } from "../../../db/schema";
import { newValues, writeAudit } from "../../utils/audit.server";
import { getDb, transaction } from "../../utils/db.server";
import { ValidationError } from "../../utils/errors";
import { forbidden } from "../../utils/http.server";
import { type Tenant, scoped, tenantRow } from "../../utils/tenant.server";
import type { AreaCaller } from "../../utils/caller.server";
import { assertCan } from "../../utils/permissions";

/** Feedback after a session, once per participant who was present. */
export function submitFeedback(caller: AreaCaller & { employeeId: number | null }, employeeId: number, sessionId: number, input: { rating: number; comment: string }): void {
  assertCan(caller, "training.view");
  if (employeeId !== caller.employeeId) forbidden("Feedback geben Teilnehmende nur für sich selbst.");
  transaction((tx) => {
    const reg = tx
      .select()
      .from(trainingRegistrations)
      .where(scoped(trainingRegistrations, caller, eq(trainingRegistrations.sessionId, sessionId), eq(trainingRegistrations.employeeId, employeeId)))
      .get();
    if (!reg || reg.attendance !== "present") throw new ValidationError({ form: ["Feedback können nur Personen geben, die an dem Termin teilgenommen haben."] });
    const existing = tx.select({ id: trainingFeedback.id }).from(trainingFeedback).where(scoped(trainingFeedback, caller, eq(trainingFeedback.registrationId, reg.id))).get();
    if (existing) throw new ValidationError({ form: ["Sie haben zu diesem Termin bereits Feedback gegeben. Vielen Dank!"] });
    const session = tx.select({ courseId: trainingSessions.courseId }).from(trainingSessions).where(scoped(trainingSessions, caller, eq(trainingSessions.id, sessionId))).get()!;
    const row = tx
      .insert(trainingFeedback)
      .values(tenantRow(caller, { registrationId: reg.id, sessionId, courseId: session.courseId, rating: input.rating, comment: input.comment }))
      .returning({ id: trainingFeedback.id })
      .get();
    // The audit names the entry, not the content: feedback is shown without names.
    writeAudit(tx, { actor: caller.actor, municipalityId: caller.municipalityId, entity: "trainingFeedback", entityId: row.id, action: "create", changes: newValues({ rating: input.rating }), parent: { entity: "trainingSession", id: sessionId } });
  });
}

export function hasGivenFeedback(tenant: Tenant, registrationId: number): boolean {
  return !!getDb().select({ id: trainingFeedback.id }).from(trainingFeedback).where(scoped(trainingFeedback, tenant, eq(trainingFeedback.registrationId, registrationId))).get();
}
