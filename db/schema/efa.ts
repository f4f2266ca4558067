import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { municipalities, nowIso, users } from "./org";
import { projects } from "./projects";

export const EFA_OFFER_STATUSES = ["planned", "inDevelopment", "available"] as const;
export type EfaOfferStatus = (typeof EFA_OFFER_STATUSES)[number];

/**
 * The catalogue of OZG services. Platform data, deliberately not per Kommune: every Kommune
 * connects the same services (EfA offers of the Länder), so the catalogue is shared and only
 * the adoption (`ozg_adoptions`) belongs to a Kommune. Imported from CSV, upserted on the OZG-ID.
 */
export const ozgServices = sqliteTable("ozg_services", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  ozgId: text("ozg_id").notNull().unique(),
  name: text("name").notNull(),
  themenfeld: text("themenfeld").notNull(),
  leikaKeys: text("leika_keys", { mode: "json" }).$type<string[]>().notNull(),
  /** Land that offers the service as EfA ("Einer für Alle"); null when there is no EfA offer. */
  efaProvidingLand: text("efa_providing_land"),
  efaStatus: text("efa_status", { enum: EFA_OFFER_STATUSES }),
  /** File name of the import that last wrote the row; example files are named "…beispieldaten…". */
  source: text("source").notNull(),
  createdAt: text("created_at").notNull().default(nowIso),
  updatedAt: text("updated_at").notNull().default(nowIso),
  version: integer("version").notNull().default(1),
});

export const ADOPTION_STATUSES = ["notStarted", "connecting", "live", "notRelevant"] as const;
export type AdoptionStatus = (typeof ADOPTION_STATUSES)[number];

/** A Kommune's adoption of one OZG service: status, OZG maturity level 0–4, linked project. */
export const ozgAdoptions = sqliteTable(
  "ozg_adoptions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    serviceId: integer("service_id")
      .notNull()
      .references(() => ozgServices.id),
    status: text("status", { enum: ADOPTION_STATUSES }).notNull().default("notStarted"),
    maturityLevel: integer("maturity_level").notNull().default(0),
    projectId: integer("project_id").references(() => projects.id),
    updatedByUserId: integer("updated_by_user_id").references(() => users.id),
    updatedAt: text("updated_at").notNull().default(nowIso),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    uniqueIndex("ozg_adoptions_unique").on(t.municipalityId, t.serviceId),
    index("ozg_adoptions_municipality_idx").on(t.municipalityId),
  ],
);
