import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { municipalities, nowIso } from "./org";
import { projects } from "./projects";

/**
 * A partner Kommune of a joint project (interkommunale Zusammenarbeit). The row belongs to the lead
 * Kommune (`municipality_id`, the project's Kommune): only the lead changes it, through the scoped
 * helpers. The partner reads it through the one dedicated partner query (app/areas/joint/), never
 * through a loosened tenant scope.
 */
export const projectPartners = sqliteTable(
  "project_partners",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** The lead Kommune (the project's Kommune). */
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    partnerMunicipalityId: integer("partner_municipality_id")
      .notNull()
      .references(() => municipalities.id),
    /** The agreed cost share in integer cents; all partners together at most the project's planned budget. */
    shareCents: integer("share_cents").notNull(),
    /** YYYY-MM-DD: when the share was agreed (Zweckvereinbarung, Kooperationsvertrag). */
    agreedOn: text("agreed_on").notNull(),
    note: text("note").notNull().default(""),
    createdAt: text("created_at").notNull().default(nowIso),
    updatedAt: text("updated_at").notNull().default(nowIso),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    uniqueIndex("project_partners_unique").on(t.projectId, t.partnerMunicipalityId),
    index("project_partners_municipality_idx").on(t.municipalityId, t.projectId),
    index("project_partners_partner_idx").on(t.partnerMunicipalityId, t.projectId),
  ],
);
