import { and, eq } from "drizzle-orm";
import { addDaysIso, addMonthsIso } from "../../app/utils/calendar";
import { SYSTEM_ACTOR } from "../../app/utils/audit.server";
import type { Db, Tx } from "../../app/utils/db.server";
import { todayIso } from "../../app/utils/format";
import { newCertificateCode } from "../../app/areas/trainings/certificate-code";
import { berlinDate, berlinTime, berlinToUtcIso } from "../../app/areas/trainings/time";
import { type WorkflowCaller, fireTransition, getWorkflow, startWorkflow } from "../../app/workflow/index.server";
import * as s from "../schema";
import type { TrainingFormat, TrainingTopic } from "../schema/trainings";
import { rng } from "./names";
import type { SeededMunicipality, SeededOrganisation } from "./organisation";

interface CourseSpec {
  title: string;
  topic: TrainingTopic;
  format: TrainingFormat;
  hours: number;
  description: string;
}

export const DEMO_COURSES: CourseSpec[] = [
  { title: "IT-Sicherheit im Büroalltag", topic: "itSecurity", format: "online", hours: 2, description: "Phishing erkennen, sichere Passwörter, Umgang mit USB-Sticks und mobilen Geräten." },
  { title: "Datenschutz-Grundlagen (DSGVO)", topic: "dataProtection", format: "online", hours: 1.5, description: "Rechtsgrundlagen, Auskunftsrechte, Löschfristen im Verwaltungsalltag." },
  { title: "E-Akte kompakt", topic: "eFile", format: "presence", hours: 3, description: "Vom Papier zur E-Akte: Ablage, Vorgangsbearbeitung, Aktenplan, Scannen." },
  { title: "OZG-Prozesse gestalten", topic: "ozgProcesses", format: "hybrid", hours: 6, description: "Onlinedienste nach dem OZG: Prozessanalyse, EfA-Nachnutzung, Medienbrüche vermeiden." },
  { title: "Digitalkompetenz für alle", topic: "digitalLiteracy", format: "presence", hours: 4, description: "Grundlagen für den digitalen Arbeitsplatz: Dateien, Videokonferenzen, Zusammenarbeit." },
  { title: "Agil arbeiten in der Verwaltung", topic: "changeAgile", format: "presence", hours: 6, description: "Kanban, Retrospektiven und bereichsübergreifende Zusammenarbeit ausprobieren." },
];

function caller(m: { id: number }): WorkflowCaller {
  return { municipalityId: m.id, actor: SYSTEM_ACTOR, role: "admin" };
}

function walk(tx: Tx, m: { id: number }, sessionId: number, transitions: string[]) {
  for (const transition of transitions) {
    const view = getWorkflow(tx, { municipalityId: m.id }, "trainingSession", sessionId)!;
    fireTransition(tx, caller(m), { instanceId: view.id, transition, expectedVersion: view.version });
  }
}

function addSession(
  tx: Tx,
  m: { id: number },
  courseId: number,
  date: string,
  opts: { start?: string; end?: string; capacity: number; trainerEmployeeId?: number; trainerName?: string; location?: string; onlineUrl?: string },
) {
  const startsAt = berlinToUtcIso(date, opts.start ?? "09:00")!;
  const endsAt = berlinToUtcIso(date, opts.end ?? "12:00")!;
  const row = tx
    .insert(s.trainingSessions)
    .values({
      municipalityId: m.id,
      courseId,
      startsAt,
      endsAt,
      sessionDate: date,
      location: opts.location ?? (opts.onlineUrl ? null : "Rathaus, Sitzungssaal 2"),
      onlineUrl: opts.onlineUrl ?? null,
      trainerEmployeeId: opts.trainerEmployeeId ?? null,
      trainerName: opts.trainerEmployeeId ? null : (opts.trainerName ?? "Kommunale Akademie Brandenburg"),
      capacity: opts.capacity,
      registrationDeadline: date === todayIso() ? date : addDaysIso(date, -1),
    })
    .returning({ id: s.trainingSessions.id })
    .get();
  startWorkflow(tx, caller(m), { definitionKey: "trainingSession", subjectType: "trainingSession", subjectId: row.id });
  return row.id;
}

function unitOf(tx: Tx, employeeId: number): number {
  return tx.select({ unitId: s.employees.unitId }).from(s.employees).where(eq(s.employees.id, employeeId)).get()!.unitId;
}

function registerDirect(tx: Tx, m: { id: number }, sessionId: number, employeeId: number, opts: { status?: "registered" | "waitlisted"; present?: boolean; at?: string } = {}) {
  const session = tx.select().from(s.trainingSessions).where(eq(s.trainingSessions.id, sessionId)).get()!;
  tx.insert(s.trainingRegistrations)
    .values({
      municipalityId: m.id,
      sessionId,
      employeeId,
      unitId: unitOf(tx, employeeId),
      courseId: session.courseId,
      sessionDate: session.sessionDate,
      status: opts.status ?? "registered",
      requestedAt: opts.at ?? new Date().toISOString(),
      attendance: opts.present === undefined ? null : opts.present ? "present" : "absent",
      attendanceRecordedAt: opts.present === undefined ? null : new Date().toISOString(),
      certificateCode: opts.present ? newCertificateCode() : null,
    })
    .run();
}

function employeeByEmail(tx: Tx, m: SeededMunicipality, email: string): number {
  return tx.select({ id: s.employees.id }).from(s.employees).where(and(eq(s.employees.municipalityId, m.id), eq(s.employees.email, email))).get()!.id;
}

/** Start one hour before `now` (Berlin time, not before midnight), three hours long, within the day. */
export function runningSessionTimes(now: Date): { start: string; end: string } {
  const hour = Number(berlinTime(now.toISOString()).slice(0, 2));
  const pad = (h: number) => `${String(h).padStart(2, "0")}:00`;
  // On the day clocks go forward, 02:00 does not exist: start at the current hour instead.
  const start = berlinToUtcIso(berlinDate(now.toISOString()), pad(Math.max(0, hour - 1))) ? Math.max(0, hour - 1) : hour;
  const end = Math.min(23, start + 3);
  return { start: pad(start), end: end > start ? pad(end) : "23:59" };
}

/**
 * Demo trainings: a catalogue, past sessions with recorded attendance (so coverage shows real
 * figures below the 80 % target), mandatory IT-Sicherheit and Datenschutz, upcoming sessions with
 * open registration, and "E-Akte kompakt" today, fully booked, with Peter Projekt as trainer.
 */
export function seedTrainings(db: Db, org: SeededOrganisation): void {
  const tx = db as unknown as Tx;
  const today = todayIso();
  const m = org.musterstadt;
  const random = rng(55);
  const courseIds = DEMO_COURSES.map(
    (c) =>
      tx
        .insert(s.trainingCourses)
        .values({ municipalityId: m.id, title: c.title, topic: c.topic, format: c.format, durationMinutes: c.hours * 60, description: c.description })
        .returning({ id: s.trainingCourses.id })
        .get().id,
  );
  const [itSec, privacy, eFile, ozg, literacy] = courseIds;
  // The rules are long established (their grace period for people who were already there is over).
  const established = `${addMonthsIso(today, -36)}T08:00:00.000Z`;
  tx.insert(s.mandatoryTrainings).values({ municipalityId: m.id, courseId: itSec, renewalMonths: 12, createdAt: established }).run();
  tx.insert(s.mandatoryTrainings).values({ municipalityId: m.id, courseId: privacy, renewalMonths: 24, createdAt: established }).run();

  const peter = employeeByEmail(tx, m, "projektleitung@musterstadt.example");
  const mia = employeeByEmail(tx, m, "mitarbeiter@musterstadt.example");
  const staff = m.employeeIds.filter((id) => id !== mia);

  // Past sessions, documented, with attendance: most staff did IT-Sicherheit and Datenschutz.
  const past: { course: number; monthsAgo: number; share: number }[] = [
    { course: itSec, monthsAgo: 14, share: 0.5 },
    { course: itSec, monthsAgo: 7, share: 0.45 },
    { course: privacy, monthsAgo: 10, share: 0.6 },
    { course: literacy, monthsAgo: 5, share: 0.3 },
    { course: ozg, monthsAgo: 3, share: 0.2 },
    { course: itSec, monthsAgo: 2, share: 0.15 },
  ];
  for (const p of past) {
    const date = addMonthsIso(today, -p.monthsAgo);
    const chosen = staff.filter(() => random() < p.share);
    const sessionId = addSession(tx, m, p.course, date, { capacity: Math.max(chosen.length, 1), trainerName: "Kommunale Akademie Brandenburg", onlineUrl: "https://konferenz.musterstadt.example/schulung" });
    walk(tx, m, sessionId, ["openRegistration"]);
    for (const e of chosen) registerDirect(tx, m, sessionId, e, { present: random() < 0.9 });
    walk(tx, m, sessionId, ["markHeld", "document"]);
  }

  // Today: E-Akte kompakt, two seats, both taken → fully booked; Peter Projekt trains. It began
  // in the hour before the demo was set up, so that attendance can be recorded right away.
  const running = runningSessionTimes(new Date());
  const todaySession = addSession(tx, m, eFile, today, { ...running, capacity: 2, trainerEmployeeId: peter, location: "Bürgeramt, Schulungsraum" });
  walk(tx, m, todaySession, ["openRegistration"]);
  const hours = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
  registerDirect(tx, m, todaySession, staff[3], { at: hours(48) });
  registerDirect(tx, m, todaySession, staff[8], { at: hours(47) });
  walk(tx, m, todaySession, ["markFullyBooked"]);

  // Upcoming, open for registration.
  for (const [course, weeks, capacity] of [
    [ozg, 2, 12],
    [literacy, 3, 15],
    [itSec, 4, 20],
  ] as const) {
    const id = addSession(tx, m, course, addDaysIso(today, weeks * 7), { capacity, trainerEmployeeId: peter, location: "Rathaus, Sitzungssaal 2" });
    walk(tx, m, id, ["openRegistration"]);
  }
  const planned = addSession(tx, m, courseIds[5], addDaysIso(today, 42), { capacity: 16, trainerName: "Agile Verwaltung e. V." });
  void planned;

  // External training waiting for the IT lead's confirmation.
  const itEmployee = tx
    .select({ id: s.employees.id })
    .from(s.employees)
    .where(and(eq(s.employees.municipalityId, m.id), eq(s.employees.unitId, m.units.get("Fachbereich IT")!), eq(s.employees.isSupervisor, false)))
    .get()!.id;
  tx.insert(s.externalTrainings)
    .values({ municipalityId: m.id, employeeId: itEmployee, unitId: unitOf(tx, itEmployee), title: "Cloud-Grundlagen für Kommunen", provider: "KGSt", date: addDaysIso(today, -20), durationMinutes: 480 })
    .run();

  // Kleinhausen: its own small catalogue (never visible in Musterstadt).
  const k = org.kleinhausen;
  const kCourse = tx
    .insert(s.trainingCourses)
    .values({ municipalityId: k.id, title: "Digitalkompetenz kompakt", topic: "digitalLiteracy", format: "online", durationMinutes: 120, description: "Grundlagen für kleine Verwaltungen." })
    .returning({ id: s.trainingCourses.id })
    .get().id;
  const kSession = addSession(tx, k, kCourse, addMonthsIso(today, -1), { capacity: 10, onlineUrl: "https://konferenz.kleinhausen.example/kurs" });
  walk(tx, k, kSession, ["openRegistration"]);
  registerDirect(tx, k, kSession, k.employeeIds[0], { present: true });
  const kUpcoming = addSession(tx, k, kCourse, addDaysIso(today, 14), { capacity: 10, onlineUrl: "https://konferenz.kleinhausen.example/kurs" });
  walk(tx, k, kUpcoming, ["openRegistration"]);
  tx.insert(s.mandatoryTrainings).values({ municipalityId: k.id, courseId: kCourse, renewalMonths: 24, createdAt: established }).run();
  tx.insert(s.externalTrainings)
    .values({ municipalityId: k.id, employeeId: k.employeeIds[1], unitId: unitOf(tx, k.employeeIds[1]), title: "Kommunalrecht", provider: "Städte- und Gemeindebund", date: addDaysIso(today, -30), durationMinutes: 240, status: "pending" })
    .run();
}
