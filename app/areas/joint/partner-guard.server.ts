import { and, eq } from "drizzle-orm";
import { projectPartners } from "../../../db/schema";
import type { DbOrTx } from "../../utils/db.server";
import { forbidden } from "../../utils/http.server";
import type { Tenant } from "../../utils/tenant.server";
import { JOINT_READ_ONLY_MESSAGE } from "./joint";
import { withoutTenantGuard } from "../../utils/tenant-guard.server";

/**
 * Whether the caller's Kommune is a partner of this project (of another Kommune). A dedicated,
 * explicit look-up by the partner column; the tenant scope of the project tables stays strict.
 */
export function isJointPartner(db: DbOrTx, tenant: Tenant, projectId: number): boolean {
  return withoutTenantGuard(
    "joint-partner",
    () =>
      db
        .select({ id: projectPartners.id })
        .from(projectPartners)
        .where(and(eq(projectPartners.projectId, projectId), eq(projectPartners.partnerMunicipalityId, tenant.municipalityId)))
        .get() !== undefined,
  );
}

/**
 * Refuses (403) a change by a partner Kommune: it sees the joint project read-only. Called where a
 * project is not found in the caller's Kommune, before the usual "not found" answer.
 */
export function refuseJointPartner(db: DbOrTx, tenant: Tenant, projectId: number): void {
  if (isJointPartner(db, tenant, projectId)) forbidden(JOINT_READ_ONLY_MESSAGE);
}
