import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { fieldsOfAction, goals } from "./agenda";
import { employees, municipalities, nowIso, units } from "./org";

/** Common reasons why municipal digital projects stall (DOMAIN.md), plus technology/IT security. */
export const RISK_CATEGORIES = [
  "qualification",
  "staffShortage",
  "acceptance",
  "crossUnitCooperation",
  "politicalHeadwind",
  "fundingProcedure",
  "unforeseenEvents",
  "technologySecurity",
] as const;
export type RiskCategory = (typeof RISK_CATEGORIES)[number];

/**
 * A project of the Digitalagenda. Its status is not a column: it is the state of its workflow
 * instance (definition key `project`, subject type `project`).
 */
export const projects = sqliteTable(
  "projects",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    fieldOfActionId: integer("field_of_action_id")
      .notNull()
      .references(() => fieldsOfAction.id),
    leadUnitId: integer("lead_unit_id")
      .notNull()
      .references(() => units.id),
    projectLeadEmployeeId: integer("project_lead_employee_id").references(() => employees.id),
    /** YYYY-MM-DD */
    startDate: text("start_date"),
    /** YYYY-MM-DD */
    endDate: text("end_date"),
    budgetPlannedCents: integer("budget_planned_cents").notNull().default(0),
    budgetSpentCents: integer("budget_spent_cents").notNull().default(0),
    ozgRelevant: integer("ozg_relevant", { mode: "boolean" }).notNull().default(false),
    /** Nachnutzung / Einer für Alle: the project reuses or provides a reusable solution. */
    efaReuse: integer("efa_reuse", { mode: "boolean" }).notNull().default(false),
    archivedAt: text("archived_at"),
    createdAt: text("created_at").notNull().default(nowIso),
    updatedAt: text("updated_at").notNull().default(nowIso),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("projects_municipality_idx").on(t.municipalityId, t.archivedAt),
    index("projects_field_of_action_idx").on(t.municipalityId, t.fieldOfActionId),
    index("projects_lead_unit_idx").on(t.municipalityId, t.leadUnitId),
    index("projects_end_date_idx").on(t.municipalityId, t.endDate),
  ],
);

/** Further units involved in a project (departments and municipal companies). */
export const projectUnits = sqliteTable(
  "project_units",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
  },
  (t) => [
    uniqueIndex("project_units_unique").on(t.projectId, t.unitId),
    index("project_units_municipality_idx").on(t.municipalityId, t.unitId),
  ],
);

/** Which agenda goals a project serves. */
export const projectGoals = sqliteTable(
  "project_goals",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    goalId: integer("goal_id")
      .notNull()
      .references(() => goals.id),
  },
  (t) => [
    uniqueIndex("project_goals_unique").on(t.projectId, t.goalId),
    index("project_goals_municipality_idx").on(t.municipalityId, t.goalId),
  ],
);

/** Dated checkpoint of a project. */
export const milestones = sqliteTable(
  "milestones",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    /** YYYY-MM-DD: the date in force (the forecast once the milestone was rescheduled). */
    dueDate: text("due_date").notNull(),
    /** YYYY-MM-DD: the first planned date, kept when the milestone is rescheduled; null if never moved. */
    originalDueDate: text("original_due_date"),
    /** YYYY-MM-DD when marked done */
    doneAt: text("done_at"),
    createdAt: text("created_at").notNull().default(nowIso),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("milestones_municipality_idx").on(t.municipalityId, t.doneAt, t.dueDate),
    index("milestones_project_idx").on(t.projectId, t.dueDate),
  ],
);

/** Project `projectId` needs project `dependsOnProjectId` (no cycles; validated on insert). */
export const projectDependencies = sqliteTable(
  "project_dependencies",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    dependsOnProjectId: integer("depends_on_project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
  },
  (t) => [
    uniqueIndex("project_dependencies_unique").on(t.projectId, t.dependsOnProjectId),
    index("project_dependencies_municipality_idx").on(t.municipalityId),
    index("project_dependencies_depends_on_idx").on(t.dependsOnProjectId),
  ],
);

/** Risk register entry: category, likelihood and impact (1–5 each), mitigation, owner, open or closed. */
export const risks = sqliteTable(
  "risks",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    category: text("category", { enum: RISK_CATEGORIES }).notNull(),
    title: text("title").notNull(),
    likelihood: integer("likelihood").notNull(),
    impact: integer("impact").notNull(),
    mitigation: text("mitigation").notNull().default(""),
    ownerEmployeeId: integer("owner_employee_id").references(() => employees.id),
    /** When the risk was closed (averted or no longer relevant); open while null. Only open risks count. */
    closedAt: text("closed_at"),
    createdAt: text("created_at").notNull().default(nowIso),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("risks_municipality_idx").on(t.municipalityId),
    index("risks_project_idx").on(t.projectId),
  ],
);
