import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { municipalities, nowIso, users } from "./org";

/**
 * Every issued report (Berichtsarchiv): the PDF is stored content-addressed under
 * dataDirectory()/reports/<sha256>.pdf, so re-downloading returns the identical bytes. Rows are
 * never changed (custom SQL triggers refuse UPDATE and DELETE).
 */
export const archivedReports = sqliteTable(
  "archived_reports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    /** Report type: verwendungsnachweis, zwischennachweis, projektsteckbrief, statusbericht, teilnahmebescheinigung. */
    reportType: text("report_type").notNull(),
    /** The record the report is about (workflow subject type, e.g. fundingApplication) and its id. */
    subjectType: text("subject_type").notNull(),
    subjectId: integer("subject_id").notNull(),
    /** Budget year of a Zwischennachweis; NULL otherwise. */
    budgetYear: integer("budget_year"),
    title: text("title").notNull(),
    /** Path relative to the data directory. */
    filePath: text("file_path").notNull(),
    sha256: text("sha256").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    templateFile: text("template_file").notNull(),
    /** JSON of the report data the PDF was built from. */
    dataSnapshot: text("data_snapshot").notNull(),
    generatedBy: integer("generated_by").references(() => users.id),
    generatedByLabel: text("generated_by_label").notNull(),
    generatedAt: text("generated_at").notNull().default(nowIso),
  },
  (t) => [
    index("archived_reports_municipality_idx").on(t.municipalityId),
    index("archived_reports_subject_idx").on(t.municipalityId, t.subjectType, t.subjectId, t.reportType),
  ],
);

/** Sachbericht draft for a grant report, edited before rendering. */
export const reportDrafts = sqliteTable(
  "report_drafts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    reportType: text("report_type").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: integer("subject_id").notNull(),
    /** 0 for the Verwendungsnachweis; the budget year for a Zwischennachweis. */
    budgetYear: integer("budget_year").notNull().default(0),
    narrative: text("narrative").notNull().default(""),
    updatedBy: integer("updated_by").references(() => users.id),
    updatedAt: text("updated_at").notNull().default(nowIso),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    uniqueIndex("report_drafts_subject_unique").on(t.municipalityId, t.reportType, t.subjectType, t.subjectId, t.budgetYear),
    index("report_drafts_municipality_idx").on(t.municipalityId),
  ],
);

/** The Kommune's logo for report headers, stored under dataDirectory()/logos/<sha256>.<ext>. */
export const reportLogos = sqliteTable(
  "report_logos",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    filePath: text("file_path").notNull(),
    mimeType: text("mime_type").notNull(),
    sha256: text("sha256").notNull(),
    uploadedBy: integer("uploaded_by").references(() => users.id),
    uploadedAt: text("uploaded_at").notNull().default(nowIso),
    version: integer("version").notNull().default(1),
  },
  (t) => [uniqueIndex("report_logos_municipality_unique").on(t.municipalityId)],
);
