import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { municipalities, users } from "./org";

/**
 * Append-only record of every change. Each entry carries the hash of the previous one;
 * triggers (custom migration) refuse UPDATE and DELETE.
 */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: text("at").notNull(),
    municipalityId: integer("municipality_id").references(() => municipalities.id),
    userId: integer("user_id").references(() => users.id),
    actorLabel: text("actor_label").notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id"),
    action: text("action").notNull(),
    /** JSON: { field: [before, after] } or event details. */
    changes: text("changes").notNull(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    index("audit_log_municipality_idx").on(t.municipalityId, t.id),
    index("audit_log_entity_idx").on(t.entity, t.entityId),
  ],
);
