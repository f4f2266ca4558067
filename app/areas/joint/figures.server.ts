import { and, count, countDistinct, eq, isNull, sum } from "drizzle-orm";
import { projectPartners, projects } from "../../../db/schema";
import type { DbOrTx } from "../../utils/db.server";
import { type Tenant, scoped } from "../../utils/tenant.server";
import { jointFigures, jointProjectsOfPartner } from "./partner-view.server";

/**
 * The Übersicht's section on joint projects, from both sides:
 * - as partner: the joint projects of other Kommunen, how many run, and the agreed shares – a
 *   separate line next to the own budget (it is not part of the own projects' planned budget and
 *   never enters "Laufende Projekte", which counts and links to the own project list);
 * - as lead: the own projects with partners and the shares the partners carry (already part of
 *   the own planned budget; shown for information, the lead's figures do not change).
 */
export function jointDashboardSection(db: DbOrTx, tenant: Tenant) {
  const asPartner = jointFigures(db, tenant);
  const lead = db
    .select({ projects: countDistinct(projectPartners.projectId), partners: count(), shareCents: sum(projectPartners.shareCents).mapWith(Number) })
    .from(projectPartners)
    .innerJoin(projects, and(eq(projects.id, projectPartners.projectId), eq(projects.municipalityId, projectPartners.municipalityId)))
    .where(scoped(projectPartners, tenant, isNull(projects.archivedAt)))
    .get();
  return {
    asPartner: { ...asPartner, list: jointProjectsOfPartner(db, tenant).slice(0, 8) },
    asLead: { projects: lead?.projects ?? 0, partners: lead?.partners ?? 0, shareCents: lead?.shareCents ?? 0 },
  };
}
