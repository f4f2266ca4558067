import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Fixed-window request counters for public endpoints (e.g. the certificate check), keyed by
 * "<what>:<client address>". Shared by all worker processes through the database, and counted
 * with one atomic upsert, so parallel requests cannot slip past the limit.
 */
export const rateLimits = sqliteTable("rate_limits", {
  key: text("key").primaryKey(),
  hits: integer("hits").notNull(),
  windowStartedAt: integer("window_started_at").notNull(),
});
