import { index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { FOCUS_AREAS } from "./agenda";
import { municipalities, nowIso, users } from "./org";
import { projects } from "./projects";

export const CLASSIFICATIONS = ["lighthouse", "onTrack", "laggard"] as const;

/** Bewertungskriterium: a Kommune's adjustable sub-criterion of a focus area, with its weight. */
export const assessmentCriteria = sqliteTable(
  "assessment_criteria",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    focusArea: text("focus_area", { enum: FOCUS_AREAS }).notNull(),
    /** Stable identifier within the Kommune (the default criteria use e.g. `itSecurity`). */
    key: text("key").notNull(),
    label: text("label").notNull(),
    description: text("description").notNull().default(""),
    /** Relative weight within its focus area (1–10); inactive criteria are not asked any more. */
    weight: integer("weight").notNull().default(1),
    sortOrder: integer("sort_order").notNull().default(0),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    createdAt: text("created_at").notNull().default(nowIso),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    uniqueIndex("assessment_criteria_key_unique").on(t.municipalityId, t.key),
    index("assessment_criteria_municipality_idx").on(t.municipalityId, t.focusArea, t.sortOrder),
  ],
);

/** One score (0–4) with comment per project and criterion: the current assessment. */
export const assessmentScores = sqliteTable(
  "assessment_scores",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    criterionId: integer("criterion_id")
      .notNull()
      .references(() => assessmentCriteria.id),
    score: integer("score").notNull(),
    comment: text("comment").notNull().default(""),
  },
  (t) => [
    uniqueIndex("assessment_scores_unique").on(t.projectId, t.criterionId),
    index("assessment_scores_municipality_idx").on(t.municipalityId, t.projectId),
  ],
);

/**
 * The latest assessment result per project: focus-area scores and the classification with its
 * German reason. Precomputed (on save and when progress changes, and by a daily job as time
 * passes) so lists can filter by classification and the dashboard reads it without recomputing.
 */
export const projectAssessments = sqliteTable(
  "project_assessments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    classification: text("classification", { enum: CLASSIFICATIONS }).notNull(),
    needsSupport: integer("needs_support", { mode: "boolean" }).notNull().default(false),
    topicsScore: real("topics_score"),
    organisationScore: real("organisation_score"),
    technologyScore: real("technology_score"),
    totalScore: real("total_score").notNull(),
    reason: text("reason").notNull(),
    /** JSON array of { criterionId, label, score }, weakest first (laggards only). */
    weakestCriteria: text("weakest_criteria").notNull().default("[]"),
    assessedAt: text("assessed_at").notNull().default(nowIso),
    assessedByUserId: integer("assessed_by_user_id").references(() => users.id),
    classifiedAt: text("classified_at").notNull().default(nowIso),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    uniqueIndex("project_assessments_project_unique").on(t.projectId),
    index("project_assessments_classification_idx").on(t.municipalityId, t.classification),
  ],
);
