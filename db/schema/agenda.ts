import { index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { municipalities, nowIso } from "./org";

export const FOCUS_AREAS = ["topics", "organisation", "technology"] as const;
export type FocusArea = (typeof FOCUS_AREAS)[number];

/** A Kommune's Digitalagenda: exactly one per Kommune. */
export const agendas = sqliteTable(
  "agendas",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    title: text("title").notNull().default("Digitalagenda"),
    vision: text("vision").notNull().default(""),
    /** Target share of staff trained (basis points, 8000 = 80 %), read by the trainings area. */
    trainingCoverageTargetBp: integer("training_coverage_target_bp").notNull().default(8000),
    createdAt: text("created_at").notNull().default(nowIso),
    updatedAt: text("updated_at").notNull().default(nowIso),
    version: integer("version").notNull().default(1),
  },
  (t) => [uniqueIndex("agendas_municipality_unique").on(t.municipalityId)],
);

/** Handlungsfeld: belongs to one of the three focus areas; editable per Kommune. */
export const fieldsOfAction = sqliteTable(
  "fields_of_action",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    focusArea: text("focus_area", { enum: FOCUS_AREAS }).notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    sortOrder: integer("sort_order").notNull().default(0),
    createdAt: text("created_at").notNull().default(nowIso),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("fields_of_action_municipality_idx").on(t.municipalityId, t.sortOrder),
    uniqueIndex("fields_of_action_name_unique").on(t.municipalityId, t.name),
  ],
);

/** A measurable agenda goal: indicator with unit, baseline, target value and date. */
export const goals = sqliteTable(
  "goals",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    fieldOfActionId: integer("field_of_action_id")
      .notNull()
      .references(() => fieldsOfAction.id),
    title: text("title").notNull(),
    indicator: text("indicator").notNull(),
    unit: text("unit").notNull(),
    baseline: real("baseline").notNull(),
    targetValue: real("target_value").notNull(),
    /** YYYY-MM-DD */
    targetDate: text("target_date").notNull(),
    createdAt: text("created_at").notNull().default(nowIso),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("goals_municipality_idx").on(t.municipalityId),
    index("goals_field_of_action_idx").on(t.fieldOfActionId),
  ],
);

/** Recorded actual values (Istwerte) of a goal over time. */
export const goalValues = sqliteTable(
  "goal_values",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    goalId: integer("goal_id")
      .notNull()
      .references(() => goals.id, { onDelete: "cascade" }),
    /** YYYY-MM-DD */
    recordedOn: text("recorded_on").notNull(),
    value: real("value").notNull(),
    note: text("note").notNull().default(""),
    createdAt: text("created_at").notNull().default(nowIso),
  },
  (t) => [
    index("goal_values_municipality_idx").on(t.municipalityId),
    index("goal_values_goal_idx").on(t.goalId, t.recordedOn),
  ],
);
