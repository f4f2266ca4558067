import { eq, isNotNull } from "drizzle-orm";
import { employees, municipalities, trainingCourses, trainingRegistrations, trainingSessions } from "../../../db/schema";
import type { CertificateData } from "../../reports/data/types";
import { getDb } from "../../utils/db.server";
import { type Tenant, scoped } from "../../utils/tenant.server";
import { fullName } from "./access.server";
import { normaliseCertificateCode } from "./certificate-code";
import { certificateValid } from "./certificate-status";
import { withoutTenantGuard } from "../../utils/tenant-guard.server";

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

export type CertificateCheck =
  | { result: "valid"; holderName: string | null; courseTitle: string; sessionDate: string }
  | { result: "revoked"; courseTitle: string; sessionDate: string }
  | { result: "unknown" };

/**
 * Public check of a printed code: whether the certificate is valid, revoked (attendance corrected
 * or the registration cancelled afterwards) or unknown. A valid one shows the holder's name, the
 * course and the date and nothing more (no Kommune, no unit); after anonymisation the name is
 * gone too. A revoked one shows no name.
 */
export function checkCertificate(input: string): CertificateCheck {
  const code = normaliseCertificateCode(input);
  if (!code) return { result: "unknown" };
  const row = withoutTenantGuard("certificate-check", () =>
    getDb()
      .select({
        attendance: trainingRegistrations.attendance,
        status: trainingRegistrations.status,
        firstName: employees.firstName,
        lastName: employees.lastName,
        courseTitle: trainingCourses.title,
        sessionDate: trainingSessions.sessionDate,
      })
      .from(trainingRegistrations)
      .innerJoin(trainingSessions, eq(trainingSessions.id, trainingRegistrations.sessionId))
      .innerJoin(trainingCourses, eq(trainingCourses.id, trainingSessions.courseId))
      .leftJoin(employees, eq(employees.id, trainingRegistrations.employeeId))
      .where(eq(trainingRegistrations.certificateCode, code))
      .get(),
  );
  if (!row) return { result: "unknown" };
  if (!certificateValid({ certificateCode: code, attendance: row.attendance, status: row.status })) {
    return { result: "revoked", courseTitle: row.courseTitle, sessionDate: row.sessionDate };
  }
  const holderName = row.firstName != null && row.lastName != null ? fullName({ firstName: row.firstName, lastName: row.lastName }) : null;
  return { result: "valid", holderName, courseTitle: row.courseTitle, sessionDate: row.sessionDate };
}
