import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { ROLES, employees, municipalities, nowIso, units, users } from "./org";

export const TRAINING_TOPICS = [
  "digitalLiteracy",
  "eFile",
  "ozgProcesses",
  "itSecurity",
  "dataProtection",
  "changeAgile",
  "specialistProcedures",
  "other",
] as const;
export type TrainingTopic = (typeof TRAINING_TOPICS)[number];

export const TRAINING_FORMATS = ["presence", "online", "hybrid"] as const;
export type TrainingFormat = (typeof TRAINING_FORMATS)[number];

export const REGISTRATION_STATUSES = ["registered", "waitlisted", "cancelled"] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

export const ATTENDANCE_STATUSES = ["present", "absent", "excused"] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

export const EXTERNAL_TRAINING_STATUSES = ["pending", "confirmed", "rejected"] as const;
export type ExternalTrainingStatus = (typeof EXTERNAL_TRAINING_STATUSES)[number];

/** Schulungsformat: a catalogue entry. */
export const trainingCourses = sqliteTable(
  "training_courses",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    title: text("title").notNull(),
    topic: text("topic", { enum: TRAINING_TOPICS }).notNull(),
    description: text("description").notNull().default(""),
    durationMinutes: integer("duration_minutes").notNull(),
    format: text("format", { enum: TRAINING_FORMATS }).notNull(),
    /** Target group: unit ids and/or roles (JSON arrays); both empty = everyone. */
    targetUnitIds: text("target_unit_ids", { mode: "json" }).$type<number[]>().notNull().default([]),
    targetRoles: text("target_roles", { mode: "json" }).$type<string[]>().notNull().default([]),
    /** Linked agenda project (projects area); kept as a plain id so the catalogue does not depend on it. */
    projectId: integer("project_id"),
    createdAt: text("created_at").notNull().default(nowIso),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("training_courses_municipality_idx").on(t.municipalityId)],
);

/** Schulungstermin: one dated occurrence of a course; its lifecycle runs in the workflow engine. */
export const trainingSessions = sqliteTable(
  "training_sessions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    courseId: integer("course_id")
      .notNull()
      .references(() => trainingCourses.id),
    /** UTC instants; shown in Europe/Berlin. */
    startsAt: text("starts_at").notNull(),
    endsAt: text("ends_at").notNull(),
    /** The calendar day in Europe/Berlin, for date-based rules (coverage, renewals). */
    sessionDate: text("session_date").notNull(),
    location: text("location"),
    onlineUrl: text("online_url"),
    trainerEmployeeId: integer("trainer_employee_id").references(() => employees.id),
    trainerName: text("trainer_name"),
    capacity: integer("capacity").notNull(),
    registrationDeadline: text("registration_deadline").notNull(),
    createdAt: text("created_at").notNull().default(nowIso),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("training_sessions_municipality_idx").on(t.municipalityId),
    index("training_sessions_course_idx").on(t.courseId),
    index("training_sessions_date_idx").on(t.municipalityId, t.sessionDate),
  ],
);

/**
 * Anmeldung (or waitlist place) of one employee for one session, with the attendance recorded
 * later. `unitId` is a snapshot so that anonymised records still count in unit aggregates.
 */
export const trainingRegistrations = sqliteTable(
  "training_registrations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    sessionId: integer("session_id")
      .notNull()
      .references(() => trainingSessions.id),
    /** Null once the record has been anonymised by the retention job. */
    employeeId: integer("employee_id").references(() => employees.id),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    /**
     * Copies of the session's course and day, kept in step by updateSession, so that coverage and
     * compliance read one covering index instead of joining every attendance to its session.
     */
    courseId: integer("course_id")
      .notNull()
      .references(() => trainingCourses.id),
    sessionDate: text("session_date").notNull(),
    status: text("status", { enum: REGISTRATION_STATUSES }).notNull(),
    /** Waitlist order: earliest request first (ties by id). */
    requestedAt: text("requested_at").notNull().default(nowIso),
    registeredByUserId: integer("registered_by_user_id").references(() => users.id),
    attendance: text("attendance", { enum: ATTENDANCE_STATUSES }),
    attendanceRecordedAt: text("attendance_recorded_at"),
    /** Set when attendance is recorded as present; printed on the Teilnahmebescheinigung. */
    certificateCode: text("certificate_code"),
    anonymisedAt: text("anonymised_at"),
    createdAt: text("created_at").notNull().default(nowIso),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("training_registrations_municipality_idx").on(t.municipalityId),
    uniqueIndex("training_registrations_session_employee_unique").on(t.sessionId, t.employeeId),
    index("training_registrations_session_status_idx").on(t.sessionId, t.status),
    index("training_registrations_employee_idx").on(t.employeeId, t.attendance),
    index("training_registrations_coverage_idx").on(t.municipalityId, t.attendance, t.employeeId, t.courseId, t.sessionDate),
    uniqueIndex("training_registrations_certificate_unique").on(t.certificateCode),
  ],
);

/** Externe Fortbildung: self-logged by staff, confirmed or rejected by the supervisor. */
export const externalTrainings = sqliteTable(
  "external_trainings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    employeeId: integer("employee_id").references(() => employees.id),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    title: text("title").notNull(),
    provider: text("provider").notNull(),
    date: text("date").notNull(),
    durationMinutes: integer("duration_minutes").notNull(),
    /** Proof file stored under the data directory, named by its SHA-256. */
    proofSha256: text("proof_sha256"),
    proofFileName: text("proof_file_name"),
    proofMimeType: text("proof_mime_type"),
    status: text("status", { enum: EXTERNAL_TRAINING_STATUSES }).notNull().default("pending"),
    decidedByUserId: integer("decided_by_user_id").references(() => users.id),
    decidedAt: text("decided_at"),
    rejectionReason: text("rejection_reason"),
    anonymisedAt: text("anonymised_at"),
    createdAt: text("created_at").notNull().default(nowIso),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("external_trainings_municipality_idx").on(t.municipalityId),
    index("external_trainings_employee_idx").on(t.employeeId, t.status),
  ],
);

/** Feedback of one participant for one session (rating 1–5, comment). */
export const trainingFeedback = sqliteTable(
  "training_feedback",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    registrationId: integer("registration_id")
      .notNull()
      .references(() => trainingRegistrations.id),
    sessionId: integer("session_id")
      .notNull()
      .references(() => trainingSessions.id),
    courseId: integer("course_id")
      .notNull()
      .references(() => trainingCourses.id),
    rating: integer("rating").notNull(),
    comment: text("comment").notNull().default(""),
    createdAt: text("created_at").notNull().default(nowIso),
  },
  (t) => [
    index("training_feedback_municipality_idx").on(t.municipalityId),
    uniqueIndex("training_feedback_registration_unique").on(t.registrationId),
    index("training_feedback_course_idx").on(t.courseId),
  ],
);

/**
 * Pflichtschulung: a course required for everyone, a role and/or a unit, renewed every
 * `renewalMonths` months (null = once).
 */
export const mandatoryTrainings = sqliteTable(
  "mandatory_trainings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    courseId: integer("course_id")
      .notNull()
      .references(() => trainingCourses.id),
    role: text("role", { enum: ROLES }),
    unitId: integer("unit_id").references(() => units.id),
    renewalMonths: integer("renewal_months"),
    createdAt: text("created_at").notNull().default(nowIso),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("mandatory_trainings_municipality_idx").on(t.municipalityId)],
);

/** Per-Kommune settings of the training area (the coverage target lives on the agenda). */
export const trainingSettings = sqliteTable(
  "training_settings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    retentionMonths: integer("retention_months").notNull().default(36),
    version: integer("version").notNull().default(1),
  },
  (t) => [uniqueIndex("training_settings_municipality_unique").on(t.municipalityId)],
);
