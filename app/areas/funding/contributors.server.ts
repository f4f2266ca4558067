import { eq } from "drizzle-orm";
import { type ContributionKind, applicationContributors } from "../../../db/schema";
import type { DbOrTx } from "../../utils/db.server";
import { type Tenant, scoped, tenantRow } from "../../utils/tenant.server";

/**
 * Remembers that a person wrote, edited or forwarded an application, inside the use case's
 * transaction. The four-eyes guard refuses every one of them as approver.
 */
export function recordContributor(db: DbOrTx, tenant: Tenant, applicationId: number, userId: number | null, kind: ContributionKind): void {
  if (userId === null) return;
  db.insert(applicationContributors).values(tenantRow(tenant, { applicationId, userId, kind })).onConflictDoNothing().run();
}

/** The distinct user ids of everyone who worked on the application. */
export function contributorUserIds(db: DbOrTx, tenant: Tenant, applicationId: number): number[] {
  return db
    .selectDistinct({ userId: applicationContributors.userId })
    .from(applicationContributors)
    .where(scoped(applicationContributors, tenant, eq(applicationContributors.applicationId, applicationId)))
    .all()
    .map((r) => r.userId);
}
