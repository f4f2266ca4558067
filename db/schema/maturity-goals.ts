import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { goals } from "./agenda";
import { municipalities, nowIso } from "./org";

/**
 * A goal of the Digitalagenda taken as the measure for a maturity item (the proposal turned into a
 * goal), linked back to the item code like `maturity_measures` links projects. Deleting the goal in
 * the agenda removes the link.
 */
export const maturityGoalMeasures = sqliteTable(
  "maturity_goal_measures",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id").notNull().references(() => municipalities.id),
    itemCode: text("item_code").notNull(),
    goalId: integer("goal_id").notNull().references(() => goals.id, { onDelete: "cascade" }),
    createdAt: text("created_at").notNull().default(nowIso),
  },
  (t) => [
    uniqueIndex("maturity_goal_measures_unique").on(t.goalId, t.itemCode),
    index("maturity_goal_measures_municipality_idx").on(t.municipalityId, t.itemCode),
  ],
);
