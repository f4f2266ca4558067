import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { municipalities, nowIso } from "./org";

/**
 * Feedback sent through the Erklärung zur Barrierefreiheit (BITV 2.0 § 7): barriers people meet,
 * or requests for content in an accessible form. Public, no login; the Kommune the person names
 * answers it. Name and e-mail are voluntary.
 */
export const accessibilityFeedback = sqliteTable(
  "accessibility_feedback",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    page: text("page"),
    message: text("message").notNull(),
    contactName: text("contact_name"),
    contactEmail: text("contact_email"),
    createdAt: text("created_at").notNull().default(nowIso),
  },
  (t) => [index("accessibility_feedback_municipality_idx").on(t.municipalityId, t.createdAt)],
);
