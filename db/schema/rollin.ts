import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { milestones, projects } from "./projects";
import { municipalities, nowIso, serviceProviders, users } from "./org";

export const PROVIDER_ROLES = ["coordinator", "manager"] as const;
export type ProviderRole = (typeof PROVIDER_ROLES)[number];

/**
 * A provider's person and their provider-level role: the coordinator acts for all of the
 * provider's Kommunen and manages assignments and programmes; a manager only for the Kommunen
 * assigned to them (`manager_assignments`).
 */
export const providerStaff = sqliteTable(
  "provider_staff",
  {
    userId: integer("user_id")
      .primaryKey()
      .references(() => users.id),
    serviceProviderId: integer("service_provider_id")
      .notNull()
      .references(() => serviceProviders.id),
    role: text("role", { enum: PROVIDER_ROLES }).notNull(),
    createdAt: text("created_at").notNull().default(nowIso),
  },
  (t) => [index("provider_staff_provider_idx").on(t.serviceProviderId)],
);

/** Which of the provider's Kommunen a manager looks after; optionally with a group (Landkreis/Amt). */
export const managerAssignments = sqliteTable(
  "manager_assignments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    serviceProviderId: integer("service_provider_id")
      .notNull()
      .references(() => serviceProviders.id),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull().default(nowIso),
  },
  (t) => [
    uniqueIndex("manager_assignments_unique").on(t.municipalityId, t.userId),
    index("manager_assignments_user_idx").on(t.userId),
  ],
);

/** The group (Landkreis, Amt …) a provider files one of its Kommunen under, for the cockpit's filter. */
export const providerGroups = sqliteTable(
  "provider_groups",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    serviceProviderId: integer("service_provider_id")
      .notNull()
      .references(() => serviceProviders.id),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    name: text("name").notNull(),
  },
  (t) => [uniqueIndex("provider_groups_unique").on(t.serviceProviderId, t.municipalityId)],
);

/** A roll-in programme template of a provider; its content lives in versions. */
export const programmeTemplates = sqliteTable(
  "programme_templates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    serviceProviderId: integer("service_provider_id")
      .notNull()
      .references(() => serviceProviders.id),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    /** Shipped as an example, not a binding procedure. */
    isExample: integer("is_example", { mode: "boolean" }).notNull().default(false),
    createdAt: text("created_at").notNull().default(nowIso),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("programme_templates_provider_idx").on(t.serviceProviderId)],
);

/** One published version of a template: phases and steps as validated JSON (programme-template.ts). */
export const programmeTemplateVersions = sqliteTable(
  "programme_template_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    templateId: integer("template_id")
      .notNull()
      .references(() => programmeTemplates.id),
    number: integer("number").notNull(),
    definition: text("definition").notNull(),
    createdAt: text("created_at").notNull().default(nowIso),
    createdByUserId: integer("created_by_user_id").references(() => users.id),
  },
  (t) => [uniqueIndex("programme_template_versions_unique").on(t.templateId, t.number)],
);

/** A template rolled into one Kommune: the Kommune's project and the version it runs. */
export const programmeRollouts = sqliteTable(
  "programme_rollouts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    templateId: integer("template_id")
      .notNull()
      .references(() => programmeTemplates.id),
    templateVersion: integer("template_version").notNull(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id),
    startDate: text("start_date").notNull(),
    createdAt: text("created_at").notNull().default(nowIso),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    uniqueIndex("programme_rollouts_unique").on(t.templateId, t.municipalityId),
    index("programme_rollouts_municipality_idx").on(t.municipalityId),
  ],
);

export const PROGRAMME_STEP_STATUSES = ["open", "inProgress", "done", "confirmed"] as const;
export type ProgrammeStepStatus = (typeof PROGRAMME_STEP_STATUSES)[number];

/** One cell of the matrix: a step of a rollout in one Kommune, mirrored by a milestone of its project. */
export const programmeSteps = sqliteTable(
  "programme_steps",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    rolloutId: integer("rollout_id")
      .notNull()
      .references(() => programmeRollouts.id),
    stepKey: text("step_key").notNull(),
    position: integer("position").notNull(),
    phase: text("phase").notNull(),
    title: text("title").notNull(),
    responsibleRole: text("responsible_role").notNull(),
    dueDate: text("due_date").notNull(),
    status: text("status", { enum: PROGRAMME_STEP_STATUSES }).notNull().default("open"),
    ownerName: text("owner_name"),
    checklistTotal: integer("checklist_total").notNull().default(0),
    checklistDone: integer("checklist_done").notNull().default(0),
    milestoneId: integer("milestone_id").references(() => milestones.id),
    confirmedAt: text("confirmed_at"),
    confirmedByUserId: integer("confirmed_by_user_id").references(() => users.id),
    templateVersion: integer("template_version").notNull(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    uniqueIndex("programme_steps_unique").on(t.rolloutId, t.stepKey),
    index("programme_steps_municipality_idx").on(t.municipalityId),
  ],
);
