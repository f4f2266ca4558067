import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { fundingApplications } from "./funding";
import { municipalities, nowIso, users } from "./org";

/** How a person worked on an application; each of them is excluded from approving it (four-eyes). */
export const CONTRIBUTION_KINDS = ["author", "edit", "financePlan", "review"] as const;
export type ContributionKind = (typeof CONTRIBUTION_KINDS)[number];

/** Everyone who wrote, edited or forwarded a funding application: one row per person and kind. */
export const applicationContributors = sqliteTable(
  "application_contributors",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    applicationId: integer("application_id")
      .notNull()
      .references(() => fundingApplications.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind", { enum: CONTRIBUTION_KINDS }).notNull(),
    firstAt: text("first_at").notNull().default(nowIso),
  },
  (t) => [
    index("application_contributors_municipality_idx").on(t.municipalityId),
    uniqueIndex("application_contributors_unique_idx").on(t.applicationId, t.userId, t.kind),
  ],
);
