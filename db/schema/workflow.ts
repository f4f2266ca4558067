import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { ROLES, municipalities, nowIso, users } from "./org";

/**
 * A Kommune-specific version of a workflow definition (Ablauf). The built-in definitions live in
 * code as version 1 of their key; deployed versions are immutable rows numbered from 2 upwards.
 */
export const workflowDefinitions = sqliteTable(
  "workflow_definitions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    definitionKey: text("definition_key").notNull(),
    definitionVersion: integer("definition_version").notNull(),
    /** The validated definition as JSON (see app/workflow/definition.ts). */
    definition: text("definition").notNull(),
    deployedBy: integer("deployed_by").references(() => users.id),
    deployedAt: text("deployed_at").notNull().default(nowIso),
  },
  (t) => [
    uniqueIndex("workflow_definitions_version_unique").on(t.municipalityId, t.definitionKey, t.definitionVersion),
    index("workflow_definitions_municipality_idx").on(t.municipalityId),
  ],
);

/** A Vorgang: one subject's run through a definition, pinned to the version it started with. */
export const workflowInstances = sqliteTable(
  "workflow_instances",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    definitionKey: text("definition_key").notNull(),
    definitionVersion: integer("definition_version").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: integer("subject_id").notNull(),
    state: text("state").notNull(),
    startedAt: text("started_at").notNull().default(nowIso),
    updatedAt: text("updated_at").notNull().default(nowIso),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    uniqueIndex("workflow_instances_subject_unique").on(t.municipalityId, t.subjectType, t.subjectId),
    index("workflow_instances_definition_idx").on(t.municipalityId, t.definitionKey, t.definitionVersion),
  ],
);

export const HISTORY_KINDS = ["start", "transition", "migration"] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

/** Verlauf: append-only record of every state change of an instance. */
export const workflowHistory = sqliteTable(
  "workflow_history",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    instanceId: integer("instance_id")
      .notNull()
      .references(() => workflowInstances.id),
    kind: text("kind", { enum: HISTORY_KINDS }).notNull(),
    transition: text("transition"),
    transitionLabel: text("transition_label"),
    fromState: text("from_state"),
    toState: text("to_state").notNull(),
    /** The instance version this entry produced, so a replay can check the order. */
    instanceVersion: integer("instance_version").notNull(),
    actorUserId: integer("actor_user_id").references(() => users.id),
    actorLabel: text("actor_label").notNull(),
    comment: text("comment"),
    at: text("at").notNull().default(nowIso),
  },
  (t) => [
    // Leads with the Kommune so that tenant-scoped reads of one instance's history use it.
    index("workflow_history_instance_idx").on(t.municipalityId, t.instanceId, t.id),
  ],
);

export const DEADLINE_STATUSES = ["open", "due", "overdue", "done", "cancelled"] as const;
export type DeadlineStatus = (typeof DEADLINE_STATUSES)[number];

/**
 * Fristen: both deadlines of a workflow state and free deadlines (training renewals, report due
 * dates). One row per (subject, key); the scheduler moves open → due → overdue.
 */
export const workflowDeadlines = sqliteTable(
  "workflow_deadlines",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    instanceId: integer("instance_id").references(() => workflowInstances.id),
    subjectType: text("subject_type").notNull(),
    subjectId: integer("subject_id").notNull(),
    key: text("key").notNull(),
    label: text("label").notNull(),
    dueDate: text("due_date").notNull(),
    /** dueDate minus the reminder lead time; the scan compares this with today. */
    remindDate: text("remind_date").notNull(),
    assigneeRole: text("assignee_role", { enum: ROLES }),
    assigneeUserId: integer("assignee_user_id").references(() => users.id),
    link: text("link"),
    status: text("status", { enum: DEADLINE_STATUSES }).notNull().default("open"),
    remindedAt: text("reminded_at"),
    overdueAt: text("overdue_at"),
    createdAt: text("created_at").notNull().default(nowIso),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    uniqueIndex("workflow_deadlines_subject_key_unique").on(t.municipalityId, t.subjectType, t.subjectId, t.key),
    index("workflow_deadlines_municipality_idx").on(t.municipalityId, t.dueDate),
    index("workflow_deadlines_scan_remind_idx").on(t.status, t.remindDate),
    index("workflow_deadlines_scan_due_idx").on(t.status, t.dueDate),
    index("workflow_deadlines_instance_idx").on(t.municipalityId, t.instanceId, t.status),
  ],
);

export const TASK_KINDS = ["state", "reminder", "overdue", "manual"] as const;
export type TaskKind = (typeof TASK_KINDS)[number];
export const TASK_STATUSES = ["open", "done"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Aufgaben for a role or a person ("Meine Aufgaben"). */
export const workflowTasks = sqliteTable(
  "workflow_tasks",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    kind: text("kind", { enum: TASK_KINDS }).notNull().default("manual"),
    title: text("title").notNull(),
    subjectType: text("subject_type"),
    subjectId: integer("subject_id"),
    instanceId: integer("instance_id").references(() => workflowInstances.id),
    deadlineId: integer("deadline_id").references(() => workflowDeadlines.id),
    assigneeRole: text("assignee_role", { enum: ROLES }),
    assigneeUserId: integer("assignee_user_id").references(() => users.id),
    dueDate: text("due_date"),
    link: text("link"),
    status: text("status", { enum: TASK_STATUSES }).notNull().default("open"),
    createdAt: text("created_at").notNull().default(nowIso),
    completedAt: text("completed_at"),
    completedBy: integer("completed_by").references(() => users.id),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("workflow_tasks_role_idx").on(t.municipalityId, t.status, t.assigneeRole),
    index("workflow_tasks_user_idx").on(t.municipalityId, t.status, t.assigneeUserId),
    index("workflow_tasks_subject_idx").on(t.municipalityId, t.subjectType, t.subjectId, t.status),
    index("workflow_tasks_instance_idx").on(t.municipalityId, t.instanceId, t.status, t.kind),
    index("workflow_tasks_deadline_idx").on(t.deadlineId),
    // Safety net next to the deadline status: a deadline never has two open tasks of one kind.
    uniqueIndex("workflow_tasks_deadline_kind_unique")
      .on(t.deadlineId, t.kind)
      .where(sql`deadline_id IS NOT NULL AND status = 'open'`),
  ],
);

/** In-app notifications for one user. */
export const workflowNotifications = sqliteTable(
  "workflow_notifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    message: text("message").notNull(),
    link: text("link"),
    createdAt: text("created_at").notNull().default(nowIso),
    readAt: text("read_at"),
  },
  (t) => [index("workflow_notifications_user_idx").on(t.municipalityId, t.userId, t.readAt)],
);

/**
 * Vertretung: while absent (from … until, inclusive; open-ended without until), the deputy sees the
 * person's own tasks in "Meine Aufgaben", marked "Vertretung für …".
 */
export const workflowDeputies = sqliteTable(
  "workflow_deputies",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    deputyUserId: integer("deputy_user_id")
      .notNull()
      .references(() => users.id),
    /** YYYY-MM-DD */
    fromDate: text("from_date").notNull(),
    untilDate: text("until_date"),
    createdAt: text("created_at").notNull().default(nowIso),
  },
  (t) => [
    index("workflow_deputies_deputy_idx").on(t.municipalityId, t.deputyUserId),
    index("workflow_deputies_user_idx").on(t.municipalityId, t.userId),
  ],
);
