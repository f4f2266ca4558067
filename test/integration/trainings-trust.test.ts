import { eq } from "drizzle-orm";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { employees, memberships, municipalities, trainingRegistrations, trainingSessions, units, users } from "../../db/schema";
import { supervisedUnitIds } from "~/areas/trainings/access.server";
import { sessionIcs } from "~/areas/trainings/calendar.server";
import { decideExternalTraining, logExternalTraining, pendingForSupervisor } from "~/areas/trainings/external.server";
import { createMandatory, listMandatory } from "~/areas/trainings/mandatory.server";
import { getDb } from "~/utils/db.server";
import { ValidationError } from "~/utils/errors";

const db = () => getDb();

function musterstadt() {
  return { municipalityId: db().select().from(municipalities).where(eq(municipalities.name, "Musterstadt")).get()!.id };
}
function userByEmail(email: string) {
  const user = db().select().from(users).where(eq(users.email, email)).get()!;
  const membership = db().select().from(memberships).where(eq(memberships.userId, user.id)).get()!;
  return { userId: user.id, employeeId: membership.employeeId, role: membership.role, actor: { userId: user.id, label: user.name } };
}
function errorsOf(fn: () => unknown): Record<string, string[]> {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError) return e.fieldErrors;
    throw e;
  }
  throw new Error("expected a ValidationError");
}

describe("external trainings without a supervisor who has a login", () => {
  it("go to the CDO office, who can decide them; entries with a supervisor stay with the supervisor", () => {
    const tenant = musterstadt();
    // A municipal company outside the administration's tree, led by someone without an account.
    const unit = db().insert(units).values({ municipalityId: tenant.municipalityId, parentId: null, kind: "company", name: "Bäderbetrieb GmbH" }).returning().get();
    db().insert(employees).values({ municipalityId: tenant.municipalityId, unitId: unit.id, firstName: "Bruno", lastName: "Bademeister", isSupervisor: true }).run();
    const staff = db().insert(employees).values({ municipalityId: tenant.municipalityId, unitId: unit.id, firstName: "Sina", lastName: "Schwimm" }).returning().get();
    const cdo = userByEmail("cdo@musterstadt.example");
    const cdoScope = { all: true, unitIds: supervisedUnitIds(db(), tenant, cdo.employeeId) };
    expect(cdoScope.unitIds).not.toContain(unit.id);

    const id = logExternalTraining({ ...tenant, actor: cdo.actor, role: cdo.role }, staff.id, { title: "Rettungsschwimmer", provider: "DLRG", date: "2026-10-01", durationMinutes: 480 }, null);
    const pending = pendingForSupervisor(tenant, cdoScope, cdo.employeeId).find((p) => p.id === id);
    expect(pending).toMatchObject({ viaCdoOffice: true, title: "Rettungsschwimmer" });

    // A staff member without any scope neither sees nor decides it.
    const mia = userByEmail("mitarbeiter@musterstadt.example");
    expect(pendingForSupervisor(tenant, { all: false, unitIds: [] }, mia.employeeId)).toEqual([]);
    expect(errorsOf(() => decideExternalTraining({ ...tenant, actor: mia.actor, role: mia.role, employeeId: mia.employeeId }, { all: false, unitIds: [] }, id, pending!.version, { confirm: true, reason: null })).form[0]).toMatch(/Führungskraft der Einheit/);

    decideExternalTraining({ ...tenant, actor: cdo.actor, role: cdo.role, employeeId: cdo.employeeId }, cdoScope, id, pending!.version, { confirm: true, reason: null });
    expect(pendingForSupervisor(tenant, cdoScope, cdo.employeeId).some((p) => p.id === id)).toBe(false);
  });
});

describe("mandatory training rules", () => {
  it("refuses a duplicate rule for the same course and unit, naming the existing one", () => {
    const tenant = musterstadt();
    const cdo = userByEmail("cdo@musterstadt.example");
    const existing = listMandatory(tenant).find((m) => m.unitId === null && m.role === null)!;
    const before = listMandatory(tenant).length;
    const errors = errorsOf(() => createMandatory({ ...tenant, actor: cdo.actor, role: cdo.role }, { courseId: existing.courseId, role: null, unitId: null, renewalMonths: 6 }));
    expect(errors.courseId[0]).toBe(
      `„${existing.courseTitle}“ ist für die ganze Kommune schon Pflichtschulung. Eine zweite Regel dazu ist nicht möglich; löschen Sie die bestehende, wenn Sie sie ersetzen möchten.`,
    );
    // A rule for one role is covered by the Kommune-wide rule as well.
    expect(() => createMandatory({ ...tenant, actor: cdo.actor, role: cdo.role }, { courseId: existing.courseId, role: "finance", unitId: null, renewalMonths: 6 })).toThrow(ValidationError);
    expect(listMandatory(tenant)).toHaveLength(before);
  });
});

describe("calendar for a waitlisted person", () => {
  it("serves the session .ics as TENTATIVE to someone on the waitlist", () => {
    const tenant = musterstadt();
    const session = db().select().from(trainingSessions).where(eq(trainingSessions.municipalityId, tenant.municipalityId)).all().at(-1)!;
    const person = db().select().from(employees).where(eq(employees.municipalityId, tenant.municipalityId)).all().at(-1)!;
    db().insert(trainingRegistrations)
      .values({ municipalityId: tenant.municipalityId, sessionId: session.id, employeeId: person.id, unitId: person.unitId, courseId: session.courseId, sessionDate: session.sessionDate, status: "waitlisted" })
      .run();
    const waiting = { sessionId: session.id, employeeId: person.id };
    expect(waiting).toBeDefined();
    const statusFor = (employeeId: number | null) => {
      const ics = sessionIcs({ ...tenant, employeeId }, waiting!.sessionId, "https://fahrplan.example")!;
      return new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent("vevent")!.getFirstPropertyValue("status");
    };
    expect(statusFor(waiting!.employeeId)).toBe("TENTATIVE");
    expect(statusFor(null)).toBe("CONFIRMED");
  });
});
