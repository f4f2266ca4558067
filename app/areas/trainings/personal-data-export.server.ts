import { and, desc, eq, inArray, or } from "drizzle-orm";
import {
  auditLog,
  employees,
  externalTrainings,
  memberships,
  municipalities,
  trainingCourses,
  trainingFeedback,
  trainingRegistrations,
  trainingSessions,
  units,
  userSessions,
  users,
  workflowDeadlines,
  workflowNotifications,
  workflowTasks,
} from "../../../db/schema";
import type { DeadlineStatus } from "../../../db/schema/workflow";
import { getDb } from "../../utils/db.server";
import { ROLE_LABELS } from "../../utils/permissions";
import { scoped } from "../../utils/tenant.server";
import { ATTENDANCE_LABELS, EXTERNAL_STATUS_LABELS, REGISTRATION_STATUS_LABELS } from "./labels";
import { withoutTenantGuard } from "../../utils/tenant-guard.server";

const DEADLINE_STATUS_LABELS: Record<DeadlineStatus, string> = {
  open: "offen",
  due: "fällig",
  overdue: "überfällig",
  done: "erledigt",
  cancelled: "entfallen",
};

const LOGIN_RESULT_LABELS: Record<string, string> = {
  login: "erfolgreich",
  login_failed: "fehlgeschlagen",
  login_blocked: "gesperrt (zu viele Versuche)",
  logout: "abgemeldet",
};

const yesNo = (value: boolean) => (value ? "ja" : "nein");

/** Login records of the person: their own sign-ins, failed attempts and blocks (by account). */
function loginRecords(userId: number, email: string) {
  // Sign-ins are logged in the whole chain (failed ones of unknown Kommune without any).
  return withoutTenantGuard("personal-data-export", () => loginRecordRows(userId, email));
}

function loginRecordRows(userId: number, email: string) {
  return getDb()
    .select({ at: auditLog.at, action: auditLog.action })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.entity, "session"),
        inArray(auditLog.action, Object.keys(LOGIN_RESULT_LABELS)),
        or(eq(auditLog.userId, userId), eq(auditLog.actorLabel, email)),
      ),
    )
    .orderBy(desc(auditLog.id))
    .all()
    .map((r) => ({ Zeitpunkt: r.at, Ergebnis: LOGIN_RESULT_LABELS[r.action] ?? r.action }));
}

function employeeRecord(municipalityId: number, employeeId: number) {
  const e = getDb()
    .select({
      personnelNumber: employees.personnelNumber,
      firstName: employees.firstName,
      lastName: employees.lastName,
      email: employees.email,
      jobTitle: employees.jobTitle,
      isSupervisor: employees.isSupervisor,
      active: employees.active,
      unit: units.name,
    })
    .from(employees)
    .innerJoin(units, eq(units.id, employees.unitId))
    .where(scoped(employees, { municipalityId }, eq(employees.id, employeeId)))
    .get();
  if (!e) return null;
  return {
    Personalnummer: e.personnelNumber,
    Vorname: e.firstName,
    Nachname: e.lastName,
    "E-Mail": e.email,
    Funktion: e.jobTitle,
    Führungskraft: yesNo(e.isSupervisor),
    Aktiv: yesNo(e.active),
    Organisationseinheit: e.unit,
  };
}

function trainingRecords(municipalityId: number, employeeId: number) {
  const tenant = { municipalityId };
  const db = getDb();
  const registrations = db
    .select({
      course: trainingCourses.title,
      sessionDate: trainingSessions.sessionDate,
      startsAt: trainingSessions.startsAt,
      status: trainingRegistrations.status,
      requestedAt: trainingRegistrations.requestedAt,
      attendance: trainingRegistrations.attendance,
      attendanceRecordedAt: trainingRegistrations.attendanceRecordedAt,
      certificateCode: trainingRegistrations.certificateCode,
      feedbackRating: trainingFeedback.rating,
      feedbackComment: trainingFeedback.comment,
    })
    .from(trainingRegistrations)
    .innerJoin(trainingSessions, eq(trainingSessions.id, trainingRegistrations.sessionId))
    .innerJoin(trainingCourses, eq(trainingCourses.id, trainingSessions.courseId))
    .leftJoin(trainingFeedback, eq(trainingFeedback.registrationId, trainingRegistrations.id))
    .where(scoped(trainingRegistrations, tenant, eq(trainingRegistrations.employeeId, employeeId)))
    .all()
    .map((r) => ({
      Schulung: r.course,
      Datum: r.sessionDate,
      Beginn: r.startsAt,
      Anmeldestatus: REGISTRATION_STATUS_LABELS[r.status],
      "Angemeldet am": r.requestedAt,
      Anwesenheit: r.attendance ? ATTENDANCE_LABELS[r.attendance] : null,
      "Anwesenheit erfasst am": r.attendanceRecordedAt,
      "Prüfcode der Bescheinigung": r.certificateCode,
      "Feedback (Bewertung)": r.feedbackRating,
      "Feedback (Kommentar)": r.feedbackComment,
    }));
  const external = db
    .select()
    .from(externalTrainings)
    .where(scoped(externalTrainings, tenant, eq(externalTrainings.employeeId, employeeId)))
    .all()
    .map((x) => ({
      Titel: x.title,
      Anbieter: x.provider,
      Datum: x.date,
      "Dauer (Minuten)": x.durationMinutes,
      Status: EXTERNAL_STATUS_LABELS[x.status],
      Ablehnungsgrund: x.rejectionReason,
      Nachweisdatei: x.proofFileName,
      "Nachweis (SHA-256)": x.proofSha256,
      "Erfasst am": x.createdAt,
      "Entschieden am": x.decidedAt,
    }));
  return { registrations, external };
}

/** Notifications, deadlines and tasks addressed to the person (by account) in one Kommune. */
function workflowRecords(municipalityId: number, userId: number) {
  const tenant = { municipalityId };
  const db = getDb();
  const notifications = db
    .select()
    .from(workflowNotifications)
    .where(scoped(workflowNotifications, tenant, eq(workflowNotifications.userId, userId)))
    .orderBy(desc(workflowNotifications.id))
    .all()
    .map((n) => ({ Nachricht: n.message, Link: n.link, "Erstellt am": n.createdAt, "Gelesen am": n.readAt }));
  const deadlines = db
    .select()
    .from(workflowDeadlines)
    .where(scoped(workflowDeadlines, tenant, eq(workflowDeadlines.assigneeUserId, userId)))
    .orderBy(workflowDeadlines.dueDate)
    .all()
    .map((d) => ({ Frist: d.label, "Fällig am": d.dueDate, "Erinnerung ab": d.remindDate, Status: DEADLINE_STATUS_LABELS[d.status], "Erinnert am": d.remindedAt }));
  const tasks = db
    .select()
    .from(workflowTasks)
    .where(scoped(workflowTasks, tenant, eq(workflowTasks.assigneeUserId, userId)))
    .orderBy(desc(workflowTasks.id))
    .all()
    .map((t) => ({ Aufgabe: t.title, "Fällig am": t.dueDate, Status: t.status === "open" ? "offen" : "erledigt", "Erstellt am": t.createdAt, "Erledigt am": t.completedAt }));
  return { notifications, deadlines, tasks };
}

/**
 * Art. 15 DSGVO: everything the app holds about the signed-in person, with German labels: the
 * account and its login records, and per Kommune the employee record, trainings, external
 * trainings, notifications, deadlines and tasks addressed to them.
 */
export function personalDataExport(userId: number) {
  const db = getDb();
  const user = db.select().from(users).where(eq(users.id, userId)).get();
  if (!user) return null;
  const links = db
    .select({ municipalityId: memberships.municipalityId, municipality: municipalities.name, role: memberships.role, employeeId: memberships.employeeId })
    .from(memberships)
    .innerJoin(municipalities, eq(municipalities.id, memberships.municipalityId))
    .where(eq(memberships.userId, userId))
    .all();
  const sessions = db
    .select({ createdAt: userSessions.createdAt, lastSeenAt: userSessions.lastSeenAt })
    .from(userSessions)
    .where(eq(userSessions.userId, userId))
    .all()
    .map((s) => ({ "Angemeldet seit": s.createdAt, "Zuletzt aktiv": new Date(s.lastSeenAt).toISOString() }));
  return {
    "Erstellt am": new Date().toISOString(),
    Hinweis:
      "Auskunft nach Art. 15 DSGVO: alle in Fahrplan zu Ihrer Person gespeicherten Daten (Konto, Anmeldungen, Beschäftigtendaten, Schulungen, Benachrichtigungen, Fristen und Aufgaben).",
    Konto: {
      Name: user.name,
      "E-Mail": user.email,
      "Angelegt am": user.createdAt,
      Aktiv: yesNo(user.active),
      "Persönlicher Kalender-Feed": yesNo(user.calendarToken != null),
    },
    "Aktive Sitzungen": sessions,
    Anmeldeprotokoll: loginRecords(user.id, user.email),
    Kommunen: links.map((link) => {
      const training = link.employeeId ? trainingRecords(link.municipalityId, link.employeeId) : { registrations: [], external: [] };
      const workflow = workflowRecords(link.municipalityId, user.id);
      return {
        Kommune: link.municipality,
        Rolle: ROLE_LABELS[link.role],
        Beschäftigtendaten: link.employeeId ? employeeRecord(link.municipalityId, link.employeeId) : null,
        Schulungsanmeldungen: training.registrations,
        "Externe Fortbildungen": training.external,
        Benachrichtigungen: workflow.notifications,
        Fristen: workflow.deadlines,
        Aufgaben: workflow.tasks,
      };
    }),
  };
}
