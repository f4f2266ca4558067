import { and, eq, ne } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { employees, trainingRegistrations, trainingSessions } from "../../db/schema";
import type { Role } from "../../db/schema/org";
import { certificateData } from "~/areas/trainings/certificates.server";
import { register } from "~/areas/trainings/registrations.server";
import { getDb } from "~/utils/db.server";
import { auditCount, municipalityId, userId } from "../support/foundation";

const db = () => getDb();

function callerOf(role: Role, municipality = "Musterstadt") {
  const email = "rat@musterstadt.example";
  return { municipalityId: municipalityId(municipality), actor: { userId: userId(email), label: email }, role, user: { id: userId(email), email, name: "Test", isPlatformAdmin: false } };
}

async function refusal(call: () => unknown): Promise<Response | undefined> {
  try {
    await call();
  } catch (error) {
    if (error instanceof Response) return error;
  }
  return undefined;
}

describe("register() checks training.register itself", () => {
  it("refuses a viewer who registers their own employee record, before anything is written", async () => {
    const m = municipalityId("Musterstadt");
    const session = db().select().from(trainingSessions).where(eq(trainingSessions.municipalityId, m)).get()!;
    const employee = db().select().from(employees).where(and(eq(employees.municipalityId, m), eq(employees.active, true))).get()!;
    const before = auditCount();
    const registrationsBefore = db().select().from(trainingRegistrations).where(eq(trainingRegistrations.employeeId, employee.id)).all().length;
    const caller = { ...callerOf("viewer"), employeeId: employee.id };
    const response = await refusal(() => register(caller, { all: false, unitIds: [] }, session.id, employee.id));
    expect(response?.status).toBe(403);
    expect((await response!.json()).message).toBe("Dafür fehlt Ihnen die Berechtigung: „Für Schulungen anmelden“.");
    expect(auditCount()).toBe(before);
    expect(db().select().from(trainingRegistrations).where(eq(trainingRegistrations.employeeId, employee.id)).all()).toHaveLength(registrationsBefore);
  });
});

describe("certificate trainer lookup is tenant-scoped", () => {
  it("does not print the name of another Kommune's employee set as trainer", () => {
    const m = municipalityId("Musterstadt");
    const row = db()
      .select({ id: trainingRegistrations.id, sessionId: trainingRegistrations.sessionId })
      .from(trainingRegistrations)
      .where(and(eq(trainingRegistrations.municipalityId, m), eq(trainingRegistrations.attendance, "present")))
      .all()
      .find((r) => db().select().from(trainingRegistrations).where(eq(trainingRegistrations.id, r.id)).get()!.certificateCode);
    expect(row).toBeDefined();
    const foreign = db().select().from(employees).where(ne(employees.municipalityId, m)).get()!;
    db().update(trainingSessions).set({ trainerEmployeeId: foreign.id, trainerName: null }).where(eq(trainingSessions.id, row!.sessionId)).run();
    const data = certificateData({ municipalityId: m }, row!.id, "http://localhost", "Test")!;
    expect(data.trainer).not.toContain(foreign.lastName);
    expect(data.trainer).toBe("");
  });
});
