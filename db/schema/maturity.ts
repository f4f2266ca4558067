import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { municipalities, nowIso, users } from "./org";
import { projects } from "./projects";
import { TRAINING_TOPICS } from "./trainings";

export const MATURITY_AREAS = ["administration", "infrastructure", "energy", "mobility", "society", "organisation"] as const;
export type MaturityArea = (typeof MATURITY_AREAS)[number];

export const ASSESSMENT_STATUSES = ["draft", "final"] as const;

/** A published version of the maturity catalogue (platform-wide, not per Kommune). */
export const maturityCatalogues = sqliteTable("maturity_catalogues", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  version: integer("version").notNull().unique(),
  title: text("title").notNull(),
  publishedByUserId: integer("published_by_user_id").references(() => users.id),
  createdAt: text("created_at").notNull().default(nowIso),
});

/** One item of a catalogue version, with descriptors for levels 0–4 and its recommendation rules. */
export const maturityItems = sqliteTable(
  "maturity_items",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    catalogueId: integer("catalogue_id").notNull().references(() => maturityCatalogues.id),
    position: integer("position").notNull(),
    code: text("code").notNull(),
    area: text("area", { enum: MATURITY_AREAS }).notNull(),
    title: text("title").notNull(),
    levels: text("levels", { mode: "json" }).$type<string[]>().notNull(),
    purposeTag: text("purpose_tag").notNull(),
    trainingTopic: text("training_topic", { enum: TRAINING_TOPICS }),
    recommendations: text("recommendations", { mode: "json" }).$type<{ minGap: number; text: string }[]>().notNull(),
  },
  (t) => [uniqueIndex("maturity_items_code_unique").on(t.catalogueId, t.code)],
);

/** A Kommune's self-assessment against one catalogue version; final = a dated snapshot. */
export const maturityAssessments = sqliteTable(
  "maturity_assessments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id").notNull().references(() => municipalities.id),
    catalogueId: integer("catalogue_id").notNull().references(() => maturityCatalogues.id),
    targetYear: integer("target_year").notNull(),
    status: text("status", { enum: ASSESSMENT_STATUSES }).notNull().default("draft"),
    /** The Kommune lets its figures feed the anonymised platform benchmark. */
    shareForBenchmark: integer("share_for_benchmark", { mode: "boolean" }).notNull().default(false),
    finalisedAt: text("finalised_at"),
    finalisedByUserId: integer("finalised_by_user_id").references(() => users.id),
    createdAt: text("created_at").notNull().default(nowIso),
    updatedAt: text("updated_at").notNull().default(nowIso),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("maturity_assessments_municipality_idx").on(t.municipalityId, t.status)],
);

/** One item's rating in an assessment: current and target level, note and evidence. */
export const maturityRatings = sqliteTable(
  "maturity_ratings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id").notNull().references(() => municipalities.id),
    assessmentId: integer("assessment_id").notNull().references(() => maturityAssessments.id, { onDelete: "cascade" }),
    itemId: integer("item_id").notNull().references(() => maturityItems.id),
    currentLevel: integer("current_level").notNull(),
    targetLevel: integer("target_level").notNull(),
    note: text("note").notNull().default(""),
    evidenceUrl: text("evidence_url"),
    ratedByUserId: integer("rated_by_user_id").references(() => users.id),
    updatedAt: text("updated_at").notNull().default(nowIso),
  },
  (t) => [
    uniqueIndex("maturity_ratings_unique").on(t.assessmentId, t.itemId),
    index("maturity_ratings_municipality_idx").on(t.municipalityId),
  ],
);

/** A measure taken for an item: the project created from a proposal, linked back to the item code. */
export const maturityMeasures = sqliteTable(
  "maturity_measures",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id").notNull().references(() => municipalities.id),
    itemCode: text("item_code").notNull(),
    projectId: integer("project_id").notNull().references(() => projects.id),
    createdAt: text("created_at").notNull().default(nowIso),
  },
  (t) => [
    uniqueIndex("maturity_measures_unique").on(t.projectId, t.itemCode),
    index("maturity_measures_municipality_idx").on(t.municipalityId, t.itemCode),
  ],
);
