import { and, eq, like } from "drizzle-orm";
import ICAL from "ical.js";
import { beforeAll, describe, expect, it } from "vitest";
import {
  auditLog,
  employees,
  externalTrainings,
  memberships,
  municipalities,
  trainingCourses,
  trainingRegistrations,
  trainingSessions,
  users,
  workflowDeadlines,
  workflowNotifications,
} from "../../db/schema";
import { anonymiseExpired, attendanceStatistics } from "~/areas/trainings/privacy.server";
import { personalDataExport } from "~/areas/trainings/personal-data-export.server";
import { berlinTime } from "~/areas/trainings/time";
import { attemptLogin } from "~/areas/auth/login.server";
import { DEMO_PASSWORD } from "../../db/seed/organisation";
import { unitCoverage } from "~/areas/trainings/coverage.server";
import { coverageSince } from "~/areas/trainings/compliance";
import { complianceRows } from "~/areas/trainings/mandatory.server";
import { getWorkflow } from "~/workflow/index.server";
import { getDb } from "~/utils/db.server";
import { todayIso } from "~/utils/format";
import * as overviewRoute from "~/routes/_app.schulungen._index";
import * as coursesRoute from "~/routes/_app.schulungen.formate._index";
import * as courseRoute from "~/routes/_app.schulungen.formate.$courseId";
import * as newCourseRoute from "~/routes/_app.schulungen.formate.neu";
import * as newSessionRoute from "~/routes/_app.schulungen.termine.neu";
import * as sessionRoute from "~/routes/_app.schulungen.termine.$sessionId._index";
import * as editSessionRoute from "~/routes/_app.schulungen.termine.$sessionId.bearbeiten";
import * as attendanceRoute from "~/routes/_app.schulungen.termine.$sessionId.anwesenheit";
import * as sessionIcsRoute from "~/routes/schulungen.termine.$sessionId.kalender[.ics]";
import * as feedRoute from "~/routes/kalender.$token.schulungen[.ics]";
import * as certificatePdfRoute from "~/routes/schulungen.anmeldungen.$registrationId.bescheinigung[.pdf]";
import * as certificateCheckRoute from "~/routes/bescheinigung.$code";
import * as externalRoute from "~/routes/_app.schulungen.extern";
import * as proofRoute from "~/routes/schulungen.extern.$externalId.nachweis";
import * as mandatoryRoute from "~/routes/_app.schulungen.pflichtschulungen";
import * as settingsRoute from "~/routes/_app.schulungen.einstellungen";
import * as employeesRoute from "~/routes/_app.beschaeftigte._index";
import * as employeeRoute from "~/routes/_app.beschaeftigte.$employeeId";
import * as importRoute from "~/routes/_app.beschaeftigte.import";
import * as myDataRoute from "~/routes/konto.meine-daten[.json]";
import * as dashboardRoute from "~/routes/_app._index";
import { type Caller, callAction, callLoader, signIn } from "../support/requests";
// As at server start: the areas register their workflow subjects.

const db = () => getDb();
let musterstadt: number;
let kleinhausen: number;

function municipalityId(name: string) {
  return db().select().from(municipalities).where(eq(municipalities.name, name)).get()!.id;
}
function employeeOf(email: string) {
  const user = db().select().from(users).where(eq(users.email, email)).get()!;
  return db().select().from(memberships).where(eq(memberships.userId, user.id)).get()!.employeeId!;
}
function sessionOf(title: string, municipality: number, date?: string) {
  const rows = db()
    .select({ id: trainingSessions.id, date: trainingSessions.sessionDate })
    .from(trainingSessions)
    .innerJoin(trainingCourses, eq(trainingCourses.id, trainingSessions.courseId))
    .where(and(eq(trainingCourses.title, title), eq(trainingSessions.municipalityId, municipality)))
    .all();
  return (date ? rows.find((r) => r.date === date) : rows[rows.length - 1])!.id;
}
function notificationsOf(email: string) {
  const user = db().select().from(users).where(eq(users.email, email)).get()!;
  return db().select().from(workflowNotifications).where(eq(workflowNotifications.userId, user.id)).all();
}
function registrationOf(sessionId: number, employeeId: number) {
  return db()
    .select()
    .from(trainingRegistrations)
    .where(and(eq(trainingRegistrations.sessionId, sessionId), eq(trainingRegistrations.employeeId, employeeId)))
    .get();
}
function csvForm(caller: Caller, text: string, extra: Record<string, string>, field = "file", name = "liste.csv", type = "text/csv") {
  const form = new FormData();
  form.set("csrf", caller.csrf);
  for (const [k, v] of Object.entries(extra)) form.set(k, v);
  form.set(field, new File([text], name, { type }));
  return form;
}

beforeAll(() => {
  musterstadt = municipalityId("Musterstadt");
  kleinhausen = municipalityId("Kleinhausen");
});

describe("registration, waitlist and move-up", () => {
  it("puts staff on the waitlist of a full session, moves them up when someone cancels, and notifies them", async () => {
    const today = todayIso();
    const sessionId = sessionOf("E-Akte kompakt", musterstadt, today);
    const mia = await signIn("mitarbeiter@musterstadt.example");
    const miaEmployee = employeeOf("mitarbeiter@musterstadt.example");
    const res = await callAction(sessionRoute.action, `/schulungen/termine/${sessionId}`, { caller: mia, params: { sessionId: String(sessionId) }, form: { intent: "register" } });
    expect(res.status).toBe(200);
    expect((await res.json()).message).toMatch(/Warteliste/);
    expect(registrationOf(sessionId, miaEmployee)?.status).toBe("waitlisted");
    expect(notificationsOf("mitarbeiter@musterstadt.example").at(-1)?.message).toMatch(/ausgebucht.*Warteliste auf Platz 1/);

    // registering twice is refused with a German message
    const again = await callAction(sessionRoute.action, `/schulungen/termine/${sessionId}`, { caller: mia, params: { sessionId: String(sessionId) }, form: { intent: "register" } });
    expect(again.status).toBe(400);
    expect((await again.json()).result.error[""][0]).toMatch(/steht bereits auf der Warteliste/);

    // a second person queues behind Mia
    const klaus = await signIn("kaemmerei@musterstadt.example");
    await callAction(sessionRoute.action, `/schulungen/termine/${sessionId}`, { caller: klaus, params: { sessionId: String(sessionId) }, form: { intent: "register" } });
    const page = await (await callLoader(sessionRoute.loader, `/schulungen/termine/${sessionId}`, { caller: mia, params: { sessionId: String(sessionId) } })).json();
    expect(page.own).toMatchObject({ status: "waitlisted", waitlistPosition: 1 });
    expect(page.state.state).toBe("fullyBooked");

    // the CDO cancels one of the two seats: Mia (first on the list) moves up, not Klaus
    const cdo = await signIn("cdo@musterstadt.example");
    const seat = db()
      .select()
      .from(trainingRegistrations)
      .where(and(eq(trainingRegistrations.sessionId, sessionId), eq(trainingRegistrations.status, "registered")))
      .all()[0];
    const cancel = await callAction(sessionRoute.action, `/schulungen/termine/${sessionId}`, { caller: cdo, params: { sessionId: String(sessionId) }, form: { intent: "cancel", registrationId: String(seat.id) } });
    expect(cancel.status).toBe(200);
    expect((await cancel.json()).message).toMatch(/nachgerückt/);
    expect(registrationOf(sessionId, miaEmployee)?.status).toBe("registered");
    expect(registrationOf(sessionId, employeeOf("kaemmerei@musterstadt.example"))?.status).toBe("waitlisted");
    expect(notificationsOf("mitarbeiter@musterstadt.example").at(-1)?.message).toMatch(/von der Warteliste nachgerückt/);
    // still full (the seat went to the waitlist), so the workflow stays "Ausgebucht"
    expect(getWorkflow(db(), { municipalityId: musterstadt }, "trainingSession", sessionId)?.state).toBe("fullyBooked");
    expect(db().select().from(auditLog).where(and(eq(auditLog.entity, "trainingRegistration"), eq(auditLog.action, "cancel"))).all().length).toBeGreaterThan(0);
  });

  it("marks a session fully booked when the last seat is taken and reopens it when a seat frees up", async () => {
    const sessionId = sessionOf("OZG-Prozesse gestalten", musterstadt);
    db().update(trainingSessions).set({ capacity: 1 }).where(eq(trainingSessions.id, sessionId)).run();
    const peter = await signIn("projektleitung@musterstadt.example");
    await callAction(sessionRoute.action, "/", { caller: peter, params: { sessionId: String(sessionId) }, form: { intent: "register" } });
    expect(getWorkflow(db(), { municipalityId: musterstadt }, "trainingSession", sessionId)?.state).toBe("fullyBooked");
    const reg = registrationOf(sessionId, employeeOf("projektleitung@musterstadt.example"))!;
    await callAction(sessionRoute.action, "/", { caller: peter, params: { sessionId: String(sessionId) }, form: { intent: "cancel", registrationId: String(reg.id) } });
    expect(getWorkflow(db(), { municipalityId: musterstadt }, "trainingSession", sessionId)?.state).toBe("registrationOpen");
  });

  it("lets a unit lead register their own people but nobody else's", async () => {
    const sessionId = sessionOf("Digitalkompetenz für alle", musterstadt);
    const peter = await signIn("projektleitung@musterstadt.example"); // supervisor of Fachbereich IT
    const itPerson = db()
      .select({ id: employees.id })
      .from(employees)
      .innerJoin(users, eq(users.email, "projektleitung@musterstadt.example"))
      .where(and(eq(employees.municipalityId, musterstadt), eq(employees.isSupervisor, false), eq(employees.unitId, db().select().from(employees).where(eq(employees.id, employeeOf("projektleitung@musterstadt.example"))).get()!.unitId)))
      .get()!.id;
    const ok = await callAction(sessionRoute.action, "/", { caller: peter, params: { sessionId: String(sessionId) }, form: { intent: "register", employeeId: String(itPerson) } });
    expect(ok.status).toBe(200);
    expect(registrationOf(sessionId, itPerson)?.status).toBe("registered");
    const mia = employeeOf("mitarbeiter@musterstadt.example");
    const refused = await callAction(sessionRoute.action, "/", { caller: peter, params: { sessionId: String(sessionId) }, form: { intent: "register", employeeId: String(mia) } });
    expect(refused.status).toBe(400);
    expect((await refused.json()).result.error.employeeId[0]).toMatch(/nur sich selbst oder Beschäftigte Ihrer eigenen Einheit/);
    expect(registrationOf(sessionId, mia)).toBeUndefined();
  });

  it("refuses registration for a session that is not open", async () => {
    const planned = sessionOf("Agil arbeiten in der Verwaltung", musterstadt);
    const mia = await signIn("mitarbeiter@musterstadt.example");
    const res = await callAction(sessionRoute.action, "/", { caller: mia, params: { sessionId: String(planned) }, form: { intent: "register" } });
    expect(res.status).toBe(400);
    expect((await res.json()).result.error[""][0]).toMatch(/keine Anmeldung möglich \(Status: Geplant\)/);
  });
});

describe("attendance", () => {
  it("lets the trainer record attendance in one form, issues certificates and raises coverage", async () => {
    const today = todayIso();
    const sessionId = sessionOf("E-Akte kompakt", musterstadt, today);
    const peter = await signIn("projektleitung@musterstadt.example");
    const list = await (await callLoader(attendanceRoute.loader, "/", { caller: peter, params: { sessionId: String(sessionId) } })).json();
    expect(list.participants.length).toBe(2);
    const before = unitCoverage({ municipalityId: musterstadt }).total.trainedRecently;
    const form: Record<string, string> = { intent: "record" };
    for (const p of list.participants) {
      form[`attendance-${p.id}`] = "present";
      form[`version-${p.id}`] = String(p.version);
    }
    const res = await callAction(attendanceRoute.action, "/", { caller: peter, params: { sessionId: String(sessionId) }, form });
    expect(res.status).toBe(200);
    const rows = db().select().from(trainingRegistrations).where(and(eq(trainingRegistrations.sessionId, sessionId), eq(trainingRegistrations.status, "registered"))).all();
    expect(rows.every((r) => r.attendance === "present" && /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(r.certificateCode ?? ""))).toBe(true);
    expect(unitCoverage({ municipalityId: musterstadt }).total.trainedRecently).toBeGreaterThanOrEqual(before);

    // a stale version (someone else saved meanwhile) is a conflict, nothing changes
    const stale: Record<string, string> = { intent: "record", [`attendance-${list.participants[0].id}`]: "absent", [`version-${list.participants[0].id}`]: String(list.participants[0].version) };
    const conflict = await callAction(attendanceRoute.action, "/", { caller: peter, params: { sessionId: String(sessionId) }, form: stale });
    expect(conflict.status).toBe(409);
    expect(db().select().from(trainingRegistrations).where(eq(trainingRegistrations.id, list.participants[0].id)).get()?.attendance).toBe("present");
  });

  it("imports attendance from CSV and saves nothing when any row is wrong", async () => {
    const today = todayIso();
    const sessionId = sessionOf("E-Akte kompakt", musterstadt, today);
    const cdo = await signIn("cdo@musterstadt.example");
    const registered = db()
      .select({ id: trainingRegistrations.id, personnelNumber: employees.personnelNumber, email: employees.email })
      .from(trainingRegistrations)
      .innerJoin(employees, eq(employees.id, trainingRegistrations.employeeId))
      .where(and(eq(trainingRegistrations.sessionId, sessionId), eq(trainingRegistrations.status, "registered")))
      .all();
    const first = registered[0];
    // Every bad row is reported at once, shape errors and unknown people in line order.
    const bad = `\uFEFFPersonalnummer;E-Mail;Anwesenheit\n${first.personnelNumber ?? ""};${first.personnelNumber ? "" : first.email};entschuldigt\n99999;;anwesend\n;;anwesend\n88888;;vielleicht\n77777;;abwesend\n`;
    const res = await callAction(attendanceRoute.action, "/", { caller: cdo, params: { sessionId: String(sessionId) }, form: csvForm(cdo, bad, { intent: "import" }) });
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual([
      "Zeile 3: Personalnummer 99999 ist für diesen Termin nicht angemeldet.",
      "Zeile 4: Personalnummer oder E-Mail fehlt.",
      "Zeile 5: Anwesenheit „vielleicht“ ist ungültig (erlaubt: anwesend, abwesend, entschuldigt).",
      "Zeile 6: Personalnummer 77777 ist für diesen Termin nicht angemeldet.",
    ]);
    expect(db().select().from(trainingRegistrations).where(eq(trainingRegistrations.id, first.id)).get()?.attendance).toBe("present");

    const good = `Personalnummer;E-Mail;Anwesenheit\n${first.personnelNumber ?? ""};${first.personnelNumber ? "" : first.email};entschuldigt\n`;
    const ok = await callAction(attendanceRoute.action, "/", { caller: cdo, params: { sessionId: String(sessionId) }, form: csvForm(cdo, good, { intent: "import" }) });
    expect(ok.status).toBe(200);
    const after = db().select().from(trainingRegistrations).where(eq(trainingRegistrations.id, first.id)).get()!;
    expect(after.attendance).toBe("excused");
    // The code stays on record so that the public check answers "widerrufen" for it.
    expect(after.certificateCode).not.toBeNull();
    const revoked = await callLoader(certificateCheckRoute.loader, "/", { params: { code: after.certificateCode! } });
    expect(await revoked.json()).toMatchObject({ check: { result: "revoked", courseTitle: "E-Akte kompakt" } });
  });

  it("refuses attendance before the session day and for people who are not the trainer", async () => {
    const future = sessionOf("Digitalkompetenz für alle", musterstadt);
    const cdo = await signIn("cdo@musterstadt.example");
    const reg = db().select().from(trainingRegistrations).where(eq(trainingRegistrations.sessionId, future)).get()!;
    const res = await callAction(attendanceRoute.action, "/", { caller: cdo, params: { sessionId: String(future) }, form: { intent: "record", [`attendance-${reg.id}`]: "present", [`version-${reg.id}`]: String(reg.version) } });
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0]).toMatch(/erst ab Beginn des Termins/);
    const mia = await signIn("mitarbeiter@musterstadt.example");
    const forbidden = await callLoader(attendanceRoute.loader, "/", { caller: mia, params: { sessionId: String(future) } });
    expect(forbidden.status).toBe(403);
  });
});

describe("external trainings", () => {
  it("lets staff log with a proof, rejects wrong file types, and only the unit's supervisor decides", async () => {
    const mia = await signIn("mitarbeiter@musterstadt.example");
    const badProof = csvForm(mia, "MZ not a pdf", { intent: "log", title: "Barrierefreie Dokumente", provider: "Landesakademie", date: "2026-10-01", hours: "4" }, "proof", "nachweis.exe", "application/pdf");
    const refused = await callAction(externalRoute.action, "/schulungen/extern", { caller: mia, form: badProof });
    expect(refused.status).toBe(400);
    expect((await refused.json()).log.error.proof).toEqual(["Als Nachweis sind nur PDF-, PNG- oder JPEG-Dateien erlaubt."]);
    expect(db().select().from(externalTrainings).where(eq(externalTrainings.title, "Barrierefreie Dokumente")).all()).toHaveLength(0);

    const good = csvForm(mia, "%PDF-1.4 Nachweis", { intent: "log", title: "Barrierefreie Dokumente", provider: "Landesakademie", date: "2026-10-01", hours: "4" }, "proof", "nachweis.pdf", "application/pdf");
    const ok = await callAction(externalRoute.action, "/schulungen/extern", { caller: mia, form: good });
    expect(ok.status).toBe(200);
    const entry = db().select().from(externalTrainings).where(eq(externalTrainings.title, "Barrierefreie Dokumente")).get()!;
    expect(entry).toMatchObject({ status: "pending", durationMinutes: 240, proofMimeType: "application/pdf" });
    expect(entry.proofSha256).toMatch(/^[0-9a-f]{64}$/);
    const proof = await callLoader(proofRoute.loader, "/", { caller: mia, params: { externalId: String(entry.id) } });
    expect(proof.status).toBe(200);
    expect(await proof.text()).toBe("%PDF-1.4 Nachweis");
    // a colleague without supervisor role cannot see the proof
    const klaus = await signIn("kaemmerei@musterstadt.example");
    expect((await callLoader(proofRoute.loader, "/", { caller: klaus, params: { externalId: String(entry.id) } })).status).toBe(404);

    // Peter leads Fachbereich IT, not the Bürgeramt: refused
    const peter = await signIn("projektleitung@musterstadt.example");
    const notHis = await callAction(externalRoute.action, "/", { caller: peter, form: { intent: "decide", id: String(entry.id), version: String(entry.version), decision: "confirm" } });
    expect(notHis.status).toBe(400);
    expect((await notHis.json()).decision.errors[0]).toMatch(/Nur die Führungskraft der Einheit/);
    expect(db().select().from(externalTrainings).where(eq(externalTrainings.id, entry.id)).get()?.status).toBe("pending");
  });

  it("lets the IT lead confirm or reject (with reason) an IT employee's entry, notifying them", async () => {
    const peter = await signIn("projektleitung@musterstadt.example");
    const page = await (await callLoader(externalRoute.loader, "/", { caller: peter })).json();
    expect(page.isSupervisor).toBe(true);
    const entry = page.pending.find((p: { title: string }) => p.title === "Cloud-Grundlagen für Kommunen");
    expect(entry).toBeTruthy();
    const noReason = await callAction(externalRoute.action, "/", { caller: peter, form: { intent: "decide", id: String(entry.id), version: String(entry.version), decision: "reject" } });
    expect(noReason.status).toBe(400);
    expect((await noReason.json()).decision.errors).toEqual(["Bitte begründen Sie die Ablehnung."]);
    const ok = await callAction(externalRoute.action, "/", { caller: peter, form: { intent: "decide", id: String(entry.id), version: String(entry.version), decision: "confirm" } });
    expect(ok.status).toBe(200);
    expect(db().select().from(externalTrainings).where(eq(externalTrainings.id, entry.id)).get()?.status).toBe("confirmed");
    const again = await callAction(externalRoute.action, "/", { caller: peter, form: { intent: "decide", id: String(entry.id), version: String(entry.version), decision: "confirm" } });
    expect(again.status).toBe(400);
  });
});

describe("mandatory trainings and reminders", () => {
  it("shows compliance per unit and schedules one deadline per person and mandatory training", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const page = await (await callLoader(mandatoryRoute.loader, "/", { caller: cdo })).json();
    expect(page.mandatory.length).toBe(2);
    expect(page.unitStatus.length).toBeGreaterThan(5);
    expect(page.people.length).toBeGreaterThan(30);
    const res = await callAction(mandatoryRoute.action, "/", { caller: cdo, form: { intent: "reminders" } });
    expect(res.status).toBe(200);
    const deadlines = db().select().from(workflowDeadlines).where(and(eq(workflowDeadlines.municipalityId, musterstadt), like(workflowDeadlines.key, "mandatoryTraining-%"))).all();
    expect(deadlines.length).toBeGreaterThan(0);
    // running it twice upserts instead of duplicating
    await callAction(mandatoryRoute.action, "/", { caller: cdo, form: { intent: "reminders" } });
    expect(db().select().from(workflowDeadlines).where(and(eq(workflowDeadlines.municipalityId, musterstadt), like(workflowDeadlines.key, "mandatoryTraining-%"))).all().length).toBe(deadlines.length);
  });

  it("hides names from a staff member but shows unit aggregates", async () => {
    const mia = await signIn("mitarbeiter@musterstadt.example");
    const page = await (await callLoader(mandatoryRoute.loader, "/", { caller: mia })).json();
    expect(page.seesPeople).toBe(false);
    expect(page.people).toEqual([]);
    expect(page.unitStatus.length).toBeGreaterThan(0);
    const refused = await callAction(mandatoryRoute.action, "/", { caller: mia, form: { intent: "reminders" } });
    expect(refused.status).toBe(403);
  });

  it("validates a new mandatory training and refuses courses of another Kommune", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const foreign = db().select().from(trainingCourses).where(eq(trainingCourses.municipalityId, kleinhausen)).get()!;
    const res = await callAction(mandatoryRoute.action, "/", { caller: cdo, form: { intent: "create", courseId: String(foreign.id), renewalMonths: "12" } });
    expect(res.status).toBe(400);
    expect((await res.json()).create.error.courseId).toEqual(["Bitte wählen Sie ein Schulungsformat dieser Kommune."]);
    const bad = await callAction(mandatoryRoute.action, "/", { caller: cdo, form: { intent: "create", courseId: String(foreign.id), renewalMonths: "0" } });
    expect((await bad.json()).create.error.renewalMonths).toEqual(["Mindestens 1 Monat."]);
  });
});

describe("courses and sessions", () => {
  it("creates a course and a session (which starts its workflow), with German field errors", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const invalid = await callAction(newCourseRoute.action, "/", { caller: cdo, form: { title: "X", topic: "eFile", durationHours: "abc", format: "online" } });
    expect(invalid.status).toBe(400);
    const errors = (await invalid.json()).error;
    expect(errors.title).toEqual(["Der Titel ist zu kurz."]);
    expect(errors.durationHours[0]).toMatch(/Dauer als Zahl/);
    const created = await callAction(newCourseRoute.action, "/", { caller: cdo, form: { title: "Fachverfahren Meldewesen", topic: "specialistProcedures", durationHours: "2,5", format: "hybrid" } });
    expect(created.status).toBe(302);
    const courseId = Number(created.headers.get("Location")!.split("/").pop());
    expect(db().select().from(trainingCourses).where(eq(trainingCourses.id, courseId)).get()).toMatchObject({ durationMinutes: 150, municipalityId: musterstadt });

    const wrongTimes = await callAction(newSessionRoute.action, "/", { caller: cdo, form: { courseId: String(courseId), date: "2027-03-10", startTime: "14:00", endTime: "10:00", location: "Raum 1", trainerName: "Extern", capacity: "10", registrationDeadline: "2027-03-11" } });
    expect(wrongTimes.status).toBe(400);
    const body = (await wrongTimes.json()).error;
    expect(body.endTime).toEqual(["Das Ende muss nach dem Beginn liegen."]);
    expect(body.registrationDeadline).toEqual(["Der Anmeldeschluss darf nicht nach dem Termin liegen."]);
    const ok = await callAction(newSessionRoute.action, "/", { caller: cdo, form: { courseId: String(courseId), date: "2027-03-10", startTime: "09:00", endTime: "11:30", location: "Raum 1", trainerName: "Extern", capacity: "10", registrationDeadline: "2027-03-05" } });
    expect(ok.status).toBe(302);
    const sessionId = Number(ok.headers.get("Location")!.split("/").pop());
    const session = db().select().from(trainingSessions).where(eq(trainingSessions.id, sessionId)).get()!;
    expect(session).toMatchObject({ startsAt: "2027-03-10T08:00:00.000Z", endsAt: "2027-03-10T10:30:00.000Z", sessionDate: "2027-03-10" });
    expect(getWorkflow(db(), { municipalityId: musterstadt }, "trainingSession", sessionId)?.state).toBe("planned");
    const staff = await signIn("mitarbeiter@musterstadt.example");
    expect((await callAction(newSessionRoute.action, "/", { caller: staff, form: {} })).status).toBe(403);
  });

  it("raising the capacity moves the waitlist up; lowering below the seats taken is refused", async () => {
    const today = todayIso();
    const sessionId = sessionOf("E-Akte kompakt", musterstadt, today);
    const cdo = await signIn("cdo@musterstadt.example");
    const page = await (await callLoader(editSessionRoute.loader, "/", { caller: cdo, params: { sessionId: String(sessionId) } })).json();
    const tooSmall = await callAction(editSessionRoute.action, "/", { caller: cdo, params: { sessionId: String(sessionId) }, form: { ...page.defaults, capacity: "1" } });
    expect(tooSmall.status).toBe(400);
    expect((await tooSmall.json()).error.capacity[0]).toMatch(/bereits 2 Personen angemeldet/);
    const waiting = db().select().from(trainingRegistrations).where(and(eq(trainingRegistrations.sessionId, sessionId), eq(trainingRegistrations.status, "waitlisted"))).all();
    const bigger = await callAction(editSessionRoute.action, "/", { caller: cdo, params: { sessionId: String(sessionId) }, form: { ...page.defaults, capacity: "5" } });
    expect(bigger.status).toBe(302);
    for (const w of waiting) expect(db().select().from(trainingRegistrations).where(eq(trainingRegistrations.id, w.id)).get()?.status).toBe("registered");
    expect(getWorkflow(db(), { municipalityId: musterstadt }, "trainingSession", sessionId)?.state).toBe("registrationOpen");
    // the version the form carried is now stale
    const stale = await callAction(editSessionRoute.action, "/", { caller: cdo, params: { sessionId: String(sessionId) }, form: { ...page.defaults, capacity: "6" } });
    expect(stale.status).toBe(409);
  });

  it("aggregates feedback per course, once per participant who was present", async () => {
    const sessionId = sessionOf("E-Akte kompakt", musterstadt, todayIso());
    const mia = await signIn("mitarbeiter@musterstadt.example");
    const miaReg = registrationOf(sessionId, employeeOf("mitarbeiter@musterstadt.example"));
    expect(miaReg?.status).toBe("registered");
    // Klaus moved up when the capacity was raised but has no recorded presence
    const klaus = await signIn("kaemmerei@musterstadt.example");
    const notYet = await callAction(sessionRoute.action, "/", { caller: klaus, params: { sessionId: String(sessionId) }, form: { intent: "feedback", rating: "5" } });
    expect(notYet.status).toBe(400);
    expect((await notYet.json()).result.error[""][0]).toMatch(/nur Personen geben, die an dem Termin teilgenommen haben/);
    db().update(trainingRegistrations).set({ attendance: "present", certificateCode: "ABCD-EFGH-JK12" }).where(eq(trainingRegistrations.id, miaReg!.id)).run();
    const badRating = await callAction(sessionRoute.action, "/", { caller: mia, params: { sessionId: String(sessionId) }, form: { intent: "feedback", rating: "7" } });
    expect((await badRating.json()).result.error[""]).toEqual(["Bitte wählen Sie eine Bewertung von 1 bis 5."]);
    const ok = await callAction(sessionRoute.action, "/", { caller: mia, params: { sessionId: String(sessionId) }, form: { intent: "feedback", rating: "4", comment: "Sehr praxisnah" } });
    expect(ok.status).toBe(200);
    const twice = await callAction(sessionRoute.action, "/", { caller: mia, params: { sessionId: String(sessionId) }, form: { intent: "feedback", rating: "1" } });
    expect(twice.status).toBe(400);
    const courseId = db().select().from(trainingSessions).where(eq(trainingSessions.id, sessionId)).get()!.courseId;
    const course = await (await callLoader(courseRoute.loader, "/", { caller: mia, params: { courseId: String(courseId) } })).json();
    expect(course.feedback.summary[0]).toMatchObject({ ratings: 1, average: 4 });
    expect(course.feedback.comments[0].comment).toBe("Sehr praxisnah");
  });
});

describe("certificates", () => {
  it("renders the PDF for the participant and verifies the code publicly, revealing nothing else", async () => {
    const sessionId = sessionOf("E-Akte kompakt", musterstadt, todayIso());
    const reg = db().select().from(trainingRegistrations).where(and(eq(trainingRegistrations.sessionId, sessionId), eq(trainingRegistrations.attendance, "present"))).all().find((r) => r.certificateCode)!;
    const cdo = await signIn("cdo@musterstadt.example");
    const pdf = await callLoader(certificatePdfRoute.loader, "/", { caller: cdo, params: { registrationId: String(reg.id) } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
    const klaus = await signIn("kaemmerei@musterstadt.example");
    expect((await callLoader(certificatePdfRoute.loader, "/", { caller: klaus, params: { registrationId: String(reg.id) } })).status).toBe(404);

    const genuine = await callLoader(certificateCheckRoute.loader, `/bescheinigung/${reg.certificateCode}`, { params: { code: reg.certificateCode!.toLowerCase() } });
    expect(genuine.status).toBe(200);
    const holder = db().select().from(employees).where(eq(employees.id, reg.employeeId!)).get()!;
    expect(await genuine.json()).toEqual({
      code: reg.certificateCode!.toLowerCase(),
      check: { result: "valid", holderName: `${holder.firstName} ${holder.lastName}`, courseTitle: "E-Akte kompakt", sessionDate: todayIso() },
    });
    const fake = await callLoader(certificateCheckRoute.loader, "/bescheinigung/XXXX", { params: { code: "ZZZZ-ZZZZ-ZZZZ" } });
    expect(fake.status).toBe(404);
    expect(await fake.json()).toEqual({ code: "ZZZZ-ZZZZ-ZZZZ", check: { result: "unknown" } });
  });
});

describe("calendars", () => {
  it("serves a session .ics and a personal feed that ical.js parses, with Europe/Berlin times", async () => {
    const sessionId = sessionOf("E-Akte kompakt", musterstadt, todayIso());
    const mia = await signIn("mitarbeiter@musterstadt.example");
    const ics = await callLoader(sessionIcsRoute.loader, "/", { caller: mia, params: { sessionId: String(sessionId) } });
    expect(ics.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    const parsed = new ICAL.Component(ICAL.parse(await ics.text()));
    const event = new ICAL.Event(parsed.getFirstSubcomponent("vevent")!);
    expect(event.summary).toBe("E-Akte kompakt");
    const stored = db().select().from(trainingSessions).where(eq(trainingSessions.id, sessionId)).get()!;
    expect(event.startDate.toString()).toMatch(new RegExp(`T${berlinTime(stored.startsAt)}:00$`));

    const generate = await callAction(overviewRoute.action, "/schulungen", { caller: mia, form: { intent: "regenerateCalendar" } });
    expect(generate.status).toBe(200);
    const first = (await (await callLoader(overviewRoute.loader, "/schulungen", { caller: mia })).json()).feedUrl as string;
    const token = first.split("/kalender/")[1].split("/")[0];
    const feed = await callLoader(feedRoute.loader, "/", { params: { token } });
    expect(feed.status).toBe(200);
    const events = new ICAL.Component(ICAL.parse(await feed.text())).getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.summary)).toContain("E-Akte kompakt");
    await callAction(overviewRoute.action, "/schulungen", { caller: mia, form: { intent: "regenerateCalendar" } });
    expect((await callLoader(feedRoute.loader, "/", { params: { token } })).status).toBe(404);
    expect((await callLoader(feedRoute.loader, "/", { params: { token: "x".repeat(32) } })).status).toBe(404);
  });
});

describe("employees", () => {
  it("imports an HR export, reporting every error with its line and saving nothing on error", async () => {
    const admin = await signIn("admin@fahrplan.example", "Musterstadt");
    const count = () => db().select().from(employees).where(eq(employees.municipalityId, musterstadt)).all().length;
    const before = count();
    const bad = "\uFEFFPersonalnummer;Nachname;Vorname;E-Mail;Organisationseinheit;Funktion;Führungskraft;Austrittsdatum\n5001;Neu;Nina;;Bürgeramt;;nein;\n5002;Neu;Nils;;Rathauskeller;;nein;\n5003;;Nora;;Hauptamt;;;31.02.2026\n";
    const res = await callAction(importRoute.action, "/", { caller: admin, form: csvForm(admin, bad, {}) });
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual([
      "Zeile 4: Nachname fehlt; Austrittsdatum ist kein gültiges Datum (TT.MM.JJJJ).",
    ]);
    const unknownUnit = "Personalnummer;Nachname;Vorname;Organisationseinheit\n5001;Neu;Nina;Bürgeramt\n5002;Neu;Nils;Rathauskeller\n";
    const res2 = await callAction(importRoute.action, "/", { caller: admin, form: csvForm(admin, unknownUnit, {}) });
    expect((await res2.json()).errors).toEqual(["Zeile 3: Organisationseinheit „Rathauskeller“ gibt es in dieser Kommune nicht."]);
    expect(count()).toBe(before);

    const existing = db().select().from(employees).where(eq(employees.id, employeeOf("mitarbeiter@musterstadt.example"))).get()!;
    const good = `Personalnummer;Nachname;Vorname;Organisationseinheit;Führungskraft;Austrittsdatum\n5001;Neu;Nina;33;ja;\n5002;Neu;Nils;Hauptamt;nein;01.01.2020\n`;
    const ok = await callAction(importRoute.action, "/", { caller: admin, form: csvForm(admin, good, {}) });
    expect(await ok.json()).toMatchObject({ result: { created: 2, updated: 0 } });
    expect(count()).toBe(before + 2);
    expect(db().select().from(employees).where(eq(employees.personnelNumber, "5002")).get()?.active).toBe(false);
    expect(existing.personnelNumber).toBeNull();
    const cdo = await signIn("cdo@musterstadt.example");
    expect((await callAction(importRoute.action, "/", { caller: cdo, form: csvForm(cdo, good, {}) })).status).toBe(403);
  });

  it("shows supervisors only their own units' people, the CDO everyone, staff nothing (and no tab that would answer 403)", async () => {
    const peter = await signIn("projektleitung@musterstadt.example");
    const his = await (await callLoader(employeesRoute.loader, "/beschaeftigte", { caller: peter })).json();
    expect(new Set(his.people.map((p: { unitName: string }) => p.unitName))).toEqual(new Set(["Fachbereich IT"]));
    const cdo = await signIn("cdo@musterstadt.example");
    const all = await (await callLoader(employeesRoute.loader, "/beschaeftigte", { caller: cdo })).json();
    expect(all.people.length).toBeGreaterThan(his.people.length);
    const mia = await signIn("mitarbeiter@musterstadt.example");
    expect((await callLoader(employeesRoute.loader, "/beschaeftigte", { caller: mia })).status).toBe(403);
    const tabs = async (caller: typeof mia) =>
      ((await (await callLoader(overviewRoute.loader, "/schulungen", { caller })).json()).nav as { label: string }[]).map((l) => l.label);
    expect(await tabs(mia)).not.toContain("Beschäftigte");
    expect(await tabs(peter)).toContain("Beschäftigte");
    expect(await tabs(cdo)).toContain("Beschäftigte");
    const miaId = employeeOf("mitarbeiter@musterstadt.example");
    expect((await callLoader(employeeRoute.loader, "/", { caller: mia, params: { employeeId: String(miaId) } })).status).toBe(200);
    expect((await callLoader(employeeRoute.loader, "/", { caller: peter, params: { employeeId: String(miaId) } })).status).toBe(403);
  });
});

describe("cross-Kommune access", () => {
  it("answers 404 for every training route with a Kleinhausen record", async () => {
    const kCourse = db().select().from(trainingCourses).where(eq(trainingCourses.municipalityId, kleinhausen)).get()!;
    const kSession = db().select().from(trainingSessions).where(eq(trainingSessions.municipalityId, kleinhausen)).get()!;
    const kReg = db().select().from(trainingRegistrations).where(eq(trainingRegistrations.municipalityId, kleinhausen)).get()!;
    const kExternal = db().select().from(externalTrainings).where(eq(externalTrainings.municipalityId, kleinhausen)).get()!;
    const kEmployee = db().select().from(employees).where(eq(employees.municipalityId, kleinhausen)).get()!;
    const cdo = await signIn("cdo@musterstadt.example");
    const s = { sessionId: String(kSession.id) };
    const checks: [string, Promise<Response>][] = [
      ["course", callLoader(courseRoute.loader, "/", { caller: cdo, params: { courseId: String(kCourse.id) } })],
      ["course action", callAction(courseRoute.action, "/", { caller: cdo, params: { courseId: String(kCourse.id) }, form: {} })],
      ["session", callLoader(sessionRoute.loader, "/", { caller: cdo, params: s })],
      ["session action", callAction(sessionRoute.action, "/", { caller: cdo, params: s, form: { intent: "register" } })],
      ["edit", callLoader(editSessionRoute.loader, "/", { caller: cdo, params: s })],
      ["edit action", callAction(editSessionRoute.action, "/", { caller: cdo, params: s, form: {} })],
      ["attendance", callLoader(attendanceRoute.loader, "/", { caller: cdo, params: s })],
      ["attendance action", callAction(attendanceRoute.action, "/", { caller: cdo, params: s, form: { intent: "record" } })],
      ["ics", callLoader(sessionIcsRoute.loader, "/", { caller: cdo, params: s })],
      ["certificate", callLoader(certificatePdfRoute.loader, "/", { caller: cdo, params: { registrationId: String(kReg.id) } })],
      ["proof", callLoader(proofRoute.loader, "/", { caller: cdo, params: { externalId: String(kExternal.id) } })],
      ["employee", callLoader(employeeRoute.loader, "/", { caller: cdo, params: { employeeId: String(kEmployee.id) } })],
    ];
    for (const [name, response] of checks) expect([name, (await response).status]).toEqual([name, 404]);
    // a decision about another Kommune's external training is refused and changes nothing
    const decide = await callAction(externalRoute.action, "/", { caller: cdo, form: { intent: "decide", id: String(kExternal.id), version: String(kExternal.version), decision: "confirm" } });
    expect(decide.status).toBe(400);
    expect(db().select().from(externalTrainings).where(eq(externalTrainings.id, kExternal.id)).get()?.status).toBe("pending");
    // the overview lists only Musterstadt's sessions
    const overview = await (await callLoader(overviewRoute.loader, "/schulungen", { caller: cdo })).json();
    expect(overview.upcoming.every((u: { id: number }) => u.id !== kSession.id)).toBe(true);
    const list = await (await callLoader(coursesRoute.loader, "/", { caller: cdo })).json();
    expect(list.courses.map((c: { id: number }) => c.id)).not.toContain(kCourse.id);
  });
});

describe("coverage, dashboard and settings", () => {
  it("computes the same coverage in SQL as the per-person compliance rules", () => {
    const tenant = { municipalityId: musterstadt };
    const today = todayIso();
    const since = coverageSince(today);
    const overdue = new Set(complianceRows(db(), tenant, today).filter((r) => r.cells.some((c) => c.status === "overdue")).map((r) => r.employeeId));
    const trained = new Set([
      ...db().select().from(trainingRegistrations).where(and(eq(trainingRegistrations.municipalityId, musterstadt), eq(trainingRegistrations.attendance, "present"))).all().filter((r) => r.sessionDate >= since).map((r) => r.employeeId),
      ...db().select().from(externalTrainings).where(and(eq(externalTrainings.municipalityId, musterstadt), eq(externalTrainings.status, "confirmed"))).all().filter((x) => x.date >= since).map((x) => x.employeeId),
    ]);
    const active = db().select().from(employees).where(and(eq(employees.municipalityId, musterstadt), eq(employees.active, true))).all();
    const expected = active.filter((e) => trained.has(e.id) && !overdue.has(e.id)).length;
    const total = unitCoverage(tenant, today).total;
    expect(total.employees).toBe(active.length);
    expect(total.trainedRecently).toBe(active.filter((e) => trained.has(e.id)).length);
    expect(total.covered).toBe(expected);
  });

  it("shows coverage per unit with the agenda target on the overview and the dashboard", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const overview = await (await callLoader(overviewRoute.loader, "/schulungen", { caller: cdo })).json();
    expect(overview.coverage.targetBp).toBe(8000);
    expect(overview.svg).toMatch(/^<svg role="img" aria-label="Schulungsquote je Organisationseinheit"/);
    expect(overview.coverage.units.length).toBeGreaterThan(5);
    const dashboard = await (await callLoader(dashboardRoute.loader, "/", { caller: cdo })).json();
    expect(dashboard.training.coverageBp).toBe(overview.coverage.total.coverageBp);
  });

  it("refuses a retention shorter than the coverage window or the longest renewal", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const page = await (await callLoader(settingsRoute.loader, "/", { caller: cdo })).json();
    expect(page.settings.retentionMonths).toBe(36);
    const short = await callAction(settingsRoute.action, "/", { caller: cdo, form: { retentionMonths: "12", version: String(page.settings.version) } });
    expect(short.status).toBe(400);
    expect((await short.json()).error.retentionMonths[0]).toMatch(/mindestens 25 Monate/);
    const ok = await callAction(settingsRoute.action, "/", { caller: cdo, form: { retentionMonths: "30", version: String(page.settings.version) } });
    expect(ok.status).toBe(200);
  });
});

describe("DSGVO", () => {
  it("exports all data held about the signed-in person as JSON", async () => {
    // One real sign-in and one wrong password, so the login record has both kinds.
    expect((await attemptLogin("mitarbeiter@musterstadt.example", DEMO_PASSWORD, "192.0.2.10")).ok).toBe(true);
    expect((await attemptLogin("mitarbeiter@musterstadt.example", "falsch", "192.0.2.10")).ok).toBe(false);
    const mia = await signIn("mitarbeiter@musterstadt.example");
    const res = await callLoader(myDataRoute.loader, "/konto/meine-daten.json", { caller: mia });
    expect(res.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    const data = await res.json();
    expect(data.Konto["E-Mail"]).toBe("mitarbeiter@musterstadt.example");
    expect(data.Anmeldeprotokoll.map((l: { Ergebnis: string }) => l.Ergebnis).slice(0, 2)).toEqual(["fehlgeschlagen", "erfolgreich"]);
    const kommune = data.Kommunen[0];
    expect(kommune.Rolle).toBe("Mitarbeiter/in");
    expect(kommune.Beschäftigtendaten.Nachname).toBe("Mitarbeiterin");
    expect(kommune.Schulungsanmeldungen.some((r: { Schulung: string; Anmeldestatus: string }) => r.Schulung === "E-Akte kompakt" && r.Anmeldestatus)).toBe(true);
    expect(kommune["Externe Fortbildungen"].some((x: { Titel: string; Status: string }) => x.Titel === "Barrierefreie Dokumente" && /^[A-ZÄÖÜ]/.test(x.Status))).toBe(true);
    expect(Array.isArray(kommune.Benachrichtigungen) && Array.isArray(kommune.Fristen) && Array.isArray(kommune.Aufgaben)).toBe(true);
    expect(kommune.Benachrichtigungen.length).toBeGreaterThan(0);
    // No internal English keys anywhere in the export.
    const keys = JSON.stringify(data).match(/"[a-zA-Z]+":/g) ?? [];
    expect(keys.filter((k) => /^"[a-z]+[A-Z]/.test(k))).toEqual([]);
    expect((await callLoader(myDataRoute.loader, "/konto/meine-daten.json")).status).toBe(302);
  });

  it("registers the daily retention job, which runs for every Kommune and can run again", async () => {
    const { BACKGROUND_JOBS } = await import("~/utils/jobs.server");
    const job = BACKGROUND_JOBS.find((j) => j.name === "training-retention");
    expect(job?.intervalMs).toBe(24 * 60 * 60 * 1000);
    const named = db().select().from(trainingRegistrations).all().filter((r) => r.employeeId != null).length;
    await job!.run();
    await job!.run();
    // the demo data is younger than every retention period, so nothing is anonymised yet
    expect(db().select().from(trainingRegistrations).all().filter((r) => r.employeeId != null).length).toBe(named);
  });

  it("anonymises records past the retention period and keeps the aggregates unchanged", () => {
    const tenant = { municipalityId: musterstadt };
    const before = attendanceStatistics(tenant);
    const named = () => db().select().from(trainingRegistrations).where(and(eq(trainingRegistrations.municipalityId, musterstadt))).all().filter((r) => r.employeeId != null).length;
    const namedBefore = named();
    // the seed's oldest session is 14 months ago; "today" 3 years on puts most records past 30 months
    const future = "2029-06-01";
    const result = anonymiseExpired(tenant, future);
    expect(result.registrations).toBeGreaterThan(0);
    expect(named()).toBe(namedBefore - result.registrations);
    expect(attendanceStatistics(tenant)).toEqual(before);
    const again = anonymiseExpired(tenant, future);
    expect(again).toEqual({ registrations: 0, externalTrainings: 0 });
    const exported = personalDataExport(db().select().from(users).where(eq(users.email, "mitarbeiter@musterstadt.example")).get()!.id);
    const anonymised = db().select().from(trainingRegistrations).where(eq(trainingRegistrations.municipalityId, musterstadt)).all().filter((r) => r.anonymisedAt);
    expect(anonymised.every((r) => r.employeeId === null && r.registeredByUserId === null)).toBe(true);
    // The export lists only what is still linked to the person: anonymised records are gone from it.
    const miaEmployee = employeeOf("mitarbeiter@musterstadt.example");
    const stillNamed = db().select().from(trainingRegistrations).where(eq(trainingRegistrations.employeeId, miaEmployee)).all();
    expect(exported!.Kommunen[0].Schulungsanmeldungen).toHaveLength(stillNamed.length);
    expect(db().select().from(auditLog).where(and(eq(auditLog.entity, "trainingRecords"), eq(auditLog.action, "anonymise"))).all().length).toBe(1);
    // Kleinhausen's records are untouched by Musterstadt's run
    expect(db().select().from(trainingRegistrations).where(eq(trainingRegistrations.municipalityId, kleinhausen)).all().every((r) => r.employeeId !== null)).toBe(true);
  });
});

// Last, because it cancels a seeded session that earlier tests use.
describe("cancelling a session", () => {
  it("tells everyone registered or waiting, with the reason, when the session is cancelled", async () => {
    const sessionId = sessionOf("E-Akte kompakt", musterstadt, todayIso());
    const mia = await signIn("mitarbeiter@musterstadt.example");
    await callAction(sessionRoute.action, `/schulungen/termine/${sessionId}`, { caller: mia, params: { sessionId: String(sessionId) }, form: { intent: "register" } });
    const waiting = registrationOf(sessionId, employeeOf("mitarbeiter@musterstadt.example"));
    expect(["registered", "waitlisted"]).toContain(waiting?.status);
    const cdo = await signIn("cdo@musterstadt.example");
    const view = getWorkflow(db(), { municipalityId: musterstadt }, "trainingSession", sessionId)!;
    const { action } = await import("~/routes/ablauf.vorgaenge.$instanceId.uebergang");
    const res = await callAction(action, `/ablauf/vorgaenge/${view.id}/uebergang`, {
      caller: cdo,
      params: { instanceId: String(view.id) },
      form: { transition: "cancel", expectedVersion: String(view.version), comment: "Trainerin erkrankt", redirectTo: `/schulungen/termine/${sessionId}` },
    });
    expect(res.status).toBe(302);
    expect(getWorkflow(db(), { municipalityId: musterstadt }, "trainingSession", sessionId)?.state).toBe("cancelled");
    const last = notificationsOf("mitarbeiter@musterstadt.example").at(-1);
    expect(last?.message).toMatch(/Schulungstermin abgesagt: E-Akte kompakt .*Grund: Trainerin erkrankt/);
    expect(last?.link).toBe(`/schulungen/termine/${sessionId}`);
  });
});
