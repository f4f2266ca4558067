import { eq } from "drizzle-orm";
import * as s from "../schema";
import type { Db } from "../../app/utils/db.server";
import { catalogueItems, ensureDefaultCatalogue, latestCatalogue } from "../../app/areas/maturity/catalogue.server";
import type { SeededOrganisation } from "./organisation";

/** A deterministic level 0–4 per Kommune and item, so the demo figures stay the same. */
function level(seed: number, index: number, base: number): number {
  const x = Math.sin(seed * 97 + index * 13) * 10_000;
  const spread = Math.floor((x - Math.floor(x)) * 3) - 1; // -1, 0, 1
  return Math.max(0, Math.min(4, base + spread));
}

/**
 * Demo self-assessments: Musterstadt has a finalised snapshot from last year and an open draft
 * with a few items still to rate; the other demo Kommunen have shared finalised ones.
 */
export function seedMaturity(db: Db, org: SeededOrganisation): void {
  ensureDefaultCatalogue(db);
  const catalogue = latestCatalogue(db)!;
  const items = catalogueItems(db, catalogue.id);
  const year = new Date().getUTCFullYear();
  const cdo = org.users.get("cdo@musterstadt.example") ?? null;

  const finalised = (municipalityId: number, seed: number, base: number, finalisedAt: string, targetYear: number, share: boolean) => {
    const a = db
      .insert(s.maturityAssessments)
      .values({ municipalityId, catalogueId: catalogue.id, targetYear, status: "final", shareForBenchmark: share, finalisedAt, createdAt: finalisedAt, updatedAt: finalisedAt })
      .returning({ id: s.maturityAssessments.id })
      .get();
    items.forEach((item, i) => {
      const current = level(seed, i, base);
      db.insert(s.maturityRatings).values({ municipalityId, assessmentId: a.id, itemId: item.id, currentLevel: current, targetLevel: Math.min(4, current + 1), updatedAt: finalisedAt }).run();
    });
    return a.id;
  };

  const m = org.musterstadt.id;
  const last = finalised(m, 1, 1, `${year - 1}-11-20T09:00:00.000Z`, year + 1, true);
  db.update(s.maturityAssessments).set({ finalisedByUserId: cdo }).where(eq(s.maturityAssessments.id, last)).run();
  const draft = db
    .insert(s.maturityAssessments)
    .values({ municipalityId: m, catalogueId: catalogue.id, targetYear: year + 2, shareForBenchmark: true })
    .returning({ id: s.maturityAssessments.id })
    .get();
  // All but the last three items rated; a few large gaps so the proposals have something to say.
  items.slice(0, -3).forEach((item, i) => {
    const current = level(2, i, 2);
    const target = Math.min(4, current + (i % 5 === 0 ? 3 : i % 3 === 0 ? 2 : 1));
    db.insert(s.maturityRatings).values({ municipalityId: m, assessmentId: draft.id, itemId: item.id, currentLevel: current, targetLevel: target, note: i === 0 ? "Bürgerportal seit 2025 im Betrieb." : "", ratedByUserId: cdo }).run();
  });

  [org.kleinhausen, ...org.others].forEach((k, i) => finalised(k.id, 10 + i, 1 + (i % 2), `${year}-0${3 + i}-15T09:00:00.000Z`, year + 2, true));
}
