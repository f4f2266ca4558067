import { integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { municipalities, nowIso } from "./org";

/**
 * Monatsstand der Übersicht: the dashboard's figures of one Kommune as of one month, written once
 * per month (by the job `dashboard.snapshot` or the first dashboard load of the month), so the
 * dashboard shows the trend against last month. `figures` is a JSON object figure key → number.
 */
export const dashboardSnapshots = sqliteTable(
  "dashboard_snapshots",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    /** YYYY-MM */
    month: text("month").notNull(),
    /** YYYY-MM-DD: the day the figures were taken. */
    takenOn: text("taken_on").notNull(),
    figures: text("figures").notNull(),
    createdAt: text("created_at").notNull().default(nowIso),
  },
  (t) => [uniqueIndex("dashboard_snapshots_month_unique").on(t.municipalityId, t.month)],
);
