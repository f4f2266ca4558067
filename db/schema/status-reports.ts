import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { municipalities, nowIso, users } from "./org";
import { projects } from "./projects";

export const TRAFFIC_LIGHTS = ["green", "yellow", "red"] as const;
export type TrafficLight = (typeof TRAFFIC_LIGHTS)[number];

/** A dated status report of a project (traffic light, progress, next steps, needs), by a person. */
export const projectStatusReports = sqliteTable(
  "project_status_reports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id),
    /** YYYY-MM-DD */
    reportedOn: text("reported_on").notNull(),
    light: text("light", { enum: TRAFFIC_LIGHTS }).notNull(),
    progress: text("progress").notNull(),
    nextSteps: text("next_steps").notNull().default(""),
    needs: text("needs").notNull().default(""),
    authorUserId: integer("author_user_id").references(() => users.id),
    authorName: text("author_name").notNull(),
    createdAt: text("created_at").notNull().default(nowIso),
  },
  (t) => [index("project_status_reports_project_idx").on(t.municipalityId, t.projectId, t.reportedOn)],
);

/** How often each project of a Kommune reports its status (months; a Kommune without a row: monthly). */
export const statusReportRhythms = sqliteTable("status_report_rhythms", {
  municipalityId: integer("municipality_id")
    .primaryKey()
    .references(() => municipalities.id),
  intervalMonths: integer("interval_months").notNull().default(1),
  updatedAt: text("updated_at").notNull().default(nowIso),
});
