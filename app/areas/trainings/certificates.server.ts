import { and, eq, isNotNull } from "drizzle-orm";
import { employees, municipalities, trainingCourses, trainingRegistrations, trainingSessions } from "../../../db/schema";
import type { CertificateData } from "../../reports/data/types";
import { getDb } from "../../utils/db.server";
import { type Tenant, scoped } from "../../utils/tenant.server";
import { normaliseCertificateCode } from "./certificate-code";

/**
 * What the Teilnahmebescheinigung shows for one registration: only for recorded presence of a
 * person not yet anonymised. `origin` makes the printed check URL absolute.
 */
export function certificateData(tenant: Tenant, registrationId: number, origin: string, generatedBy: string): CertificateData | undefined {
  const db = getDb();
  const row = db
    .select({
      code: trainingRegistrations.certificateCode,
      firstName: employees.firstName,
      lastName: employees.lastName,
      courseTitle: trainingCourses.title,
      courseDescription: trainingCourses.description,
      durationMinutes: trainingCourses.durationMinutes,
      sessionDate: trainingSessions.sessionDate,
      location: trainingSessions.location,
      onlineUrl: trainingSessions.onlineUrl,
      trainerEmployeeId: trainingSessions.trainerEmployeeId,
      trainerName: trainingSessions.trainerName,
      municipalityName: municipalities.name,
      municipalitySlug: municipalities.slug,
    })
    .from(trainingRegistrations)
    .innerJoin(employees, eq(employees.id, trainingRegistrations.employeeId))
    .innerJoin(trainingSessions, eq(trainingSessions.id, trainingRegistrations.sessionId))
    .innerJoin(trainingCourses, eq(trainingCourses.id, trainingSessions.courseId))
    .innerJoin(municipalities, eq(municipalities.id, trainingRegistrations.municipalityId))
    .where(
      scoped(
        trainingRegistrations,
        tenant,
        eq(trainingRegistrations.id, registrationId),
        eq(trainingRegistrations.attendance, "present"),
        isNotNull(trainingRegistrations.certificateCode),
      ),
    )
    .get();
  if (!row || !row.code) return undefined;
  const trainer = row.trainerEmployeeId
    ? db
        .select({ firstName: employees.firstName, lastName: employees.lastName })
        .from(employees)
        .where(scoped(employees, tenant, eq(employees.id, row.trainerEmployeeId)))
        .get()
    : undefined;
  return {
    municipality: { name: row.municipalityName, slug: row.municipalitySlug },
    generatedAt: new Date().toISOString(),
    generatedBy,
    participantName: `${row.firstName} ${row.lastName}`,
    courseTitle: row.courseTitle,
    courseDescription: row.courseDescription,
    sessionDate: row.sessionDate,
    hours: row.durationMinutes / 60,
    trainer: trainer ? `${trainer.firstName} ${trainer.lastName}` : (row.trainerName ?? ""),
    place: row.location ?? "Online",
    verificationCode: row.code,
    checkUrl: `${origin}/bescheinigung/${row.code}`,
  };
}

/** Whose certificate is it: for deciding who may download it (the person, their supervisor, HR). */
export function certificateOwner(tenant: Tenant, registrationId: number) {
  return getDb()
    .select({ employeeId: trainingRegistrations.employeeId, unitId: trainingRegistrations.unitId })
    .from(trainingRegistrations)
    .where(scoped(trainingRegistrations, tenant, eq(trainingRegistrations.id, registrationId)))
    .get();
}

/**
 * Public check: is there a certificate with this code for a recorded presence? Deliberately
 * answers nothing else (no name, no Kommune), so the URL reveals no personal data.
 */
export function isGenuineCertificate(input: string): boolean {
  const code = normaliseCertificateCode(input);
  if (!code) return false;
  const row = getDb()
    .select({ id: trainingRegistrations.id })
    .from(trainingRegistrations)
    .where(and(eq(trainingRegistrations.certificateCode, code), eq(trainingRegistrations.attendance, "present")))
    .get();
  return row !== undefined;
}
