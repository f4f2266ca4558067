import { and, desc, eq, inArray, ne } from "drizzle-orm";
import { maturityAssessments, maturityItems, maturityRatings, providerAssignments } from "../../../db/schema";
import { type DbOrTx, getDb } from "../../utils/db.server";
import type { Tenant } from "../../utils/tenant.server";
import { catalogueItems } from "./catalogue.server";
import { currentAssessment } from "./assessments.server";
import { type Cohort, type Participant, benchmark } from "./maturity";
import { withoutTenantGuard } from "../../utils/tenant-guard.server";


/** The Kommunen that share a Roll-in-Service with this one (empty when it has none). */
function providerPeers(db: DbOrTx, tenant: Tenant): number[] {
  const providers = db.select({ id: providerAssignments.serviceProviderId }).from(providerAssignments).where(eq(providerAssignments.municipalityId, tenant.municipalityId)).all().map((p) => p.id);
  if (!providers.length) return [];
  return [
    ...new Set(
      db.select({ m: providerAssignments.municipalityId }).from(providerAssignments).where(and(inArray(providerAssignments.serviceProviderId, providers), ne(providerAssignments.municipalityId, tenant.municipalityId))).all().map((r) => r.m),
    ),
  ];
}

/**
 * The other Kommunen's latest finalised ratings, keyed by item code. This is the one read across
 * Kommunen, and by design it returns no Kommune id or name: only anonymous participants, which
 * `benchmark` turns into aggregates.
 */
function cohortParticipants(db: DbOrTx, tenant: Tenant, cohort: Cohort): Participant[] {
  const peers = cohort === "provider" ? providerPeers(db, tenant) : null;
  if (peers && !peers.length) return [];
  const finals = db
    .select({ id: maturityAssessments.id, municipalityId: maturityAssessments.municipalityId })
    .from(maturityAssessments)
    .where(
      and(
        eq(maturityAssessments.status, "final"),
        ne(maturityAssessments.municipalityId, tenant.municipalityId),
        peers ? inArray(maturityAssessments.municipalityId, peers) : eq(maturityAssessments.shareForBenchmark, true),
      ),
    )
    .orderBy(desc(maturityAssessments.finalisedAt), desc(maturityAssessments.id))
    .all();
  const latest = new Map<number, number>();
  for (const f of finals) if (!latest.has(f.municipalityId)) latest.set(f.municipalityId, f.id);
  if (!latest.size) return [];
  const rows = withoutTenantGuard("benchmark", () =>
    db
      .select({ assessmentId: maturityRatings.assessmentId, code: maturityItems.code, level: maturityRatings.currentLevel })
      .from(maturityRatings)
      .innerJoin(maturityItems, eq(maturityItems.id, maturityRatings.itemId))
      .where(inArray(maturityRatings.assessmentId, [...latest.values()]))
      .all(),
  );
  const byAssessment = new Map<number, Map<string, number>>();
  for (const r of rows) {
    const map = byAssessment.get(r.assessmentId) ?? new Map<string, number>();
    map.set(r.code, r.level);
    byAssessment.set(r.assessmentId, map);
  }
  return [...byAssessment.values()];
}

/** The benchmark page: the Kommune's current assessment against the chosen cohort. */
export function benchmarkView(tenant: Tenant, cohort: Cohort, db: DbOrTx = getDb()) {
  const assessment = currentAssessment(db, tenant);
  if (!assessment) return null;
  const items = catalogueItems(db, assessment.catalogueId);
  const own = new Map<string, number>();
  const codeOf = new Map(items.map((i) => [i.id, i.code]));
  for (const r of db.select().from(maturityRatings).where(and(eq(maturityRatings.municipalityId, tenant.municipalityId), eq(maturityRatings.assessmentId, assessment.id))).all()) {
    const code = codeOf.get(r.itemId);
    if (code) own.set(code, r.currentLevel);
  }
  const result = benchmark(items, own, cohortParticipants(db, tenant, cohort));
  const titles = new Map(items.map((i) => [i.code, { title: i.title, area: i.area }]));
  return {
    assessment: { id: assessment.id, status: assessment.status, finalisedAt: assessment.finalisedAt },
    items: result.items.map((i) => ({ ...i, ...titles.get(i.code)! })),
    areas: result.areas,
  };
}
