import { type Db, getSqlite } from "../../app/utils/db.server";
import { addDaysIso, addMonthsIso } from "../../app/utils/calendar";
import { todayIso } from "../../app/utils/format";
import { newCertificateCode } from "../../app/areas/trainings/certificate-code";
import { berlinToUtcIso } from "../../app/areas/trainings/time";
import type { ScaleContext, ScaleMunicipality } from "./scale";
import { DEMO_COURSES } from "./trainings";

/** Sessions per Kommune over the last three years: ~200,000 registrations for 400 Kommunen (small Kommunen fill fewer seats). */
export const SESSIONS_PER_MUNICIPALITY = 62;
/** Seats per session, as for a real training room or video conference. */
export const MAX_CAPACITY = 25;

/**
 * Land-scale trainings: per Kommune the demo catalogue, IT-Sicherheit (12 months) and Datenschutz
 * (24 months) as mandatory trainings, 62 past sessions (documented) with attendance and a few
 * confirmed external trainings. Prepared statements on the shared connection, inside the scale step's
 * transaction; returns the number of registrations written.
 */
export function seedTrainingsScale(_db: Db, ctx: ScaleContext, municipalities: ScaleMunicipality[] = ctx.municipalities, sessionsPerMunicipality = SESSIONS_PER_MUNICIPALITY): number {
  const sqlite = getSqlite();
  const today = todayIso();
  const insertCourse = sqlite.prepare(
    "INSERT INTO training_courses (municipality_id, title, topic, description, duration_minutes, format) VALUES (?, ?, ?, ?, ?, ?)",
  );
  const insertMandatory = sqlite.prepare("INSERT INTO mandatory_trainings (municipality_id, course_id, renewal_months) VALUES (?, ?, ?)");
  const insertSession = sqlite.prepare(
    "INSERT INTO training_sessions (municipality_id, course_id, starts_at, ends_at, session_date, online_url, trainer_name, capacity, registration_deadline) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const insertInstance = sqlite.prepare(
    "INSERT INTO workflow_instances (municipality_id, definition_key, definition_version, subject_type, subject_id, state) VALUES (?, 'trainingSession', 1, 'trainingSession', ?, 'documented')",
  );
  const insertHistory = sqlite.prepare(
    "INSERT INTO workflow_history (municipality_id, instance_id, kind, to_state, instance_version, actor_label) VALUES (?, ?, 'start', 'documented', 1, 'Skalierung')",
  );
  const insertRegistration = sqlite.prepare(
    "INSERT INTO training_registrations (municipality_id, session_id, employee_id, unit_id, course_id, session_date, status, requested_at, attendance, attendance_recorded_at, certificate_code) VALUES (?, ?, ?, ?, ?, ?, 'registered', ?, ?, ?, ?)",
  );
  const insertExternal = sqlite.prepare(
    "INSERT INTO external_trainings (municipality_id, employee_id, unit_id, title, provider, date, duration_minutes, status) VALUES (?, ?, ?, ?, ?, ?, ?, 'confirmed')",
  );
  const unitOf = sqlite.prepare("SELECT id, unit_id AS unitId FROM employees WHERE municipality_id = ?");
  let total = 0;
  for (const m of municipalities) {
    {
      const people = unitOf.all(m.id) as { id: number; unitId: number }[];
      const courses = DEMO_COURSES.map((c) => Number(insertCourse.run(m.id, c.title, c.topic, c.description, c.hours * 60, c.format).lastInsertRowid));
      insertMandatory.run(m.id, courses[0], 12);
      insertMandatory.run(m.id, courses[1], 24);
      for (let i = 0; i < sessionsPerMunicipality; i++) {
        // IT-Sicherheit and Datenschutz run most often, as mandatory trainings do.
        const r = ctx.random();
        const course = r < 0.35 ? courses[0] : r < 0.55 ? courses[1] : courses[2 + Math.floor(ctx.random() * (courses.length - 2))];
        const date = addDaysIso(today, -Math.floor(ctx.random() * 3 * 365) - 1);
        const capacity = Math.min(MAX_CAPACITY, Math.max(4, Math.round(people.length * (0.25 + ctx.random() * 0.2))));
        const sessionId = Number(
          insertSession.run(m.id, course, berlinToUtcIso(date, "09:00"), berlinToUtcIso(date, "12:00"), date, "https://konferenz.example/schulung", "Kommunale Akademie", capacity, addDaysIso(date, -3)).lastInsertRowid,
        );
        const instance = Number(insertInstance.run(m.id, sessionId).lastInsertRowid);
        insertHistory.run(m.id, instance);
        const chosen = new Set<number>();
        while (chosen.size < Math.min(capacity, people.length)) chosen.add(Math.floor(ctx.random() * people.length));
        for (const index of chosen) {
          const p = people[index];
          const present = ctx.random() < 0.88;
          insertRegistration.run(m.id, sessionId, p.id, p.unitId, course, date, `${addDaysIso(date, -14)}T08:00:00.000Z`, present ? "present" : ctx.random() < 0.5 ? "absent" : "excused", `${date}T12:00:00.000Z`, present ? newCertificateCode() : null);
          total++;
        }
      }
      for (let i = 0; i < Math.ceil(people.length / 10); i++) {
        const p = people[Math.floor(ctx.random() * people.length)];
        insertExternal.run(m.id, p.id, p.unitId, "Fachtagung Digitale Verwaltung", "Landesakademie", addMonthsIso(today, -Math.floor(ctx.random() * 18)), 360);
      }
    }
  }
  return total;
}
