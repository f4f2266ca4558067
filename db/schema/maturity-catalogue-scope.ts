import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { maturityCatalogues } from "./maturity";
import { nowIso, serviceProviders, users } from "./org";

/**
 * A catalogue version published by a Roll-in-Service for its Kommunen (see docs/areas/maturity.md):
 * versions without a row here are the platform default.
 */
export const maturityProviderCatalogues = sqliteTable(
  "maturity_provider_catalogues",
  {
    catalogueId: integer("catalogue_id").primaryKey().references(() => maturityCatalogues.id),
    serviceProviderId: integer("service_provider_id").notNull().references(() => serviceProviders.id),
  },
  (t) => [index("maturity_provider_catalogues_provider_idx").on(t.serviceProviderId)],
);

/** The draft of the next catalogue version (JSON in the publishing format), one per scope. */
export const maturityCatalogueDrafts = sqliteTable(
  "maturity_catalogue_drafts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** null: the platform default catalogue. */
    serviceProviderId: integer("service_provider_id").references(() => serviceProviders.id),
    source: text("source").notNull(),
    updatedByUserId: integer("updated_by_user_id").references(() => users.id),
    updatedAt: text("updated_at").notNull().default(nowIso),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("maturity_catalogue_drafts_provider_idx").on(t.serviceProviderId)],
);
