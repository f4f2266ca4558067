import fs from "node:fs";
import path from "node:path";
import { eq, inArray, isNotNull, lt, max, sql } from "drizzle-orm";
import {
  externalTrainings,
  mandatoryTrainings,
  municipalities,
  trainingCourses,
  trainingRegistrations,
  trainingSessions,
  trainingSettings,
} from "../../../db/schema";
import { SYSTEM_ACTOR, changedValues, writeAudit } from "../../utils/audit.server";
import { type DbOrTx, getDb, transaction } from "../../utils/db.server";
import { ValidationError } from "../../utils/errors";
import { todayIso } from "../../utils/format";
import { type Tenant, scoped, tenantRow } from "../../utils/tenant.server";
import { addMonthsIso } from "../../utils/calendar";
import { proofDirectory } from "./external.server";
import type { AreaCaller } from "../../utils/caller.server";
import { assertCan } from "../../utils/permissions";
import { withoutTenantGuard } from "../../utils/tenant-guard.server";

export const DEFAULT_RETENTION_MONTHS = 36;
/** Below this, anonymising could erase trainings that still count for coverage (12 months). */
export const MIN_RETENTION_MONTHS = 13;

export function trainingSettingsOf(db: DbOrTx, tenant: Tenant) {
  const row = db.select().from(trainingSettings).where(scoped(trainingSettings, tenant)).get();
  return { retentionMonths: row?.retentionMonths ?? DEFAULT_RETENTION_MONTHS, version: row?.version ?? 0 };
}

/**
 * Sets the retention period. It must cover the coverage window and the longest renewal
 * interval, or anonymising would make people look untrained.
 */
export function updateRetention(caller: AreaCaller, retentionMonths: number, expectedVersion: number): void {
  assertCan(caller, "training.manage");
  transaction((tx) => {
    const longest = tx.select({ m: max(mandatoryTrainings.renewalMonths) }).from(mandatoryTrainings).where(scoped(mandatoryTrainings, caller)).get()?.m ?? 0;
    const minimum = Math.max(MIN_RETENTION_MONTHS, longest + 1);
    if (retentionMonths < minimum) {
      throw new ValidationError({ retentionMonths: [`Die Aufbewahrungsfrist muss mindestens ${minimum} Monate betragen (Schulungsquote über 12 Monate und längste Auffrischungsfrist).`] });
    }
    const current = trainingSettingsOf(tx, caller);
    if (current.version !== expectedVersion) throw new ValidationError({ form: ["Die Einstellung wurde inzwischen geändert. Bitte laden Sie die Seite neu."] });
    tx.insert(trainingSettings)
      .values(tenantRow(caller, { retentionMonths }))
      .onConflictDoUpdate({ target: trainingSettings.municipalityId, set: { retentionMonths, version: sql`${trainingSettings.version} + 1` } })
      .run();
    writeAudit(tx, { actor: caller.actor, municipalityId: caller.municipalityId, entity: "trainingSettings", action: "update", changes: changedValues({ retentionMonths: current.retentionMonths }, { retentionMonths }) });
  });
}

/**
 * Anonymises training records of sessions (and external trainings) before the retention
 * cut-off: the person link, proof files and rejection reasons go, the unit snapshot, course,
 * date, hours and attendance stay, so all aggregates per unit and course are unchanged.
 */
export function anonymiseExpired(tenant: Tenant, today = todayIso()): { registrations: number; externalTrainings: number } {
  const { retentionMonths } = trainingSettingsOf(getDb(), tenant);
  const cutoff = addMonthsIso(today, -retentionMonths);
  const now = new Date().toISOString();
  const removedFiles: string[] = [];
  const result = transaction((tx) => {
    const oldSessions = tx.select({ id: trainingSessions.id }).from(trainingSessions).where(scoped(trainingSessions, tenant, lt(trainingSessions.sessionDate, cutoff)));
    const registrations = tx
      .update(trainingRegistrations)
      .set({ employeeId: null, registeredByUserId: null, anonymisedAt: now })
      .where(scoped(trainingRegistrations, tenant, isNotNull(trainingRegistrations.employeeId), inArray(trainingRegistrations.sessionId, oldSessions)))
      .run().changes;
    const expired = tx
      .select({ id: externalTrainings.id, sha: externalTrainings.proofSha256 })
      .from(externalTrainings)
      .where(scoped(externalTrainings, tenant, isNotNull(externalTrainings.employeeId), lt(externalTrainings.date, cutoff)))
      .all();
    if (expired.length) {
      tx.update(externalTrainings)
        .set({ employeeId: null, proofSha256: null, proofFileName: null, proofMimeType: null, rejectionReason: null, decidedByUserId: null, anonymisedAt: now })
        .where(scoped(externalTrainings, tenant, inArray(externalTrainings.id, expired.map((e) => e.id))))
        .run();
      for (const e of expired) {
        if (!e.sha) continue;
        // Content-addressed: delete the file only when no other entry still points to it.
        const sha = e.sha;
        const stillUsed = withoutTenantGuard("content-addressed-files", () =>
          tx.select({ id: externalTrainings.id }).from(externalTrainings).where(eq(externalTrainings.proofSha256, sha)).get(),
        );
        if (!stillUsed) removedFiles.push(e.sha);
      }
    }
    if (registrations || expired.length) {
      writeAudit(tx, {
        actor: SYSTEM_ACTOR,
        municipalityId: tenant.municipalityId,
        entity: "trainingRecords",
        action: "anonymise",
        details: { cutoff, retentionMonths, registrations, externalTrainings: expired.length },
      });
    }
    return { registrations, externalTrainings: expired.length };
  });
  for (const sha of removedFiles) fs.rmSync(path.join(proofDirectory(), sha), { force: true });
  return result;
}

/** The retention job: every Kommune with its own period. Idempotent, catches up after downtime. */
export function runRetention(today = todayIso()) {
  const all = getDb().select({ id: municipalities.id }).from(municipalities).all();
  return all.map((m) => ({ municipalityId: m.id, ...anonymiseExpired({ municipalityId: m.id }, today) }));
}

/** Attendances and hours per unit and course: the aggregates the retention must not change. */
export function attendanceStatistics(tenant: Tenant, db: DbOrTx = getDb()) {
  return db
    .select({
      unitId: trainingRegistrations.unitId,
      courseId: trainingSessions.courseId,
      attendances: sql<number>`count(*)`,
      minutes: sql<number>`sum(${trainingCourses.durationMinutes})`,
    })
    .from(trainingRegistrations)
    .innerJoin(trainingSessions, eq(trainingSessions.id, trainingRegistrations.sessionId))
    .innerJoin(trainingCourses, eq(trainingCourses.id, trainingSessions.courseId))
    .where(scoped(trainingRegistrations, tenant, eq(trainingRegistrations.attendance, "present")))
    .groupBy(trainingRegistrations.unitId, trainingSessions.courseId)
    .orderBy(trainingRegistrations.unitId, trainingSessions.courseId)
    .all();
}
