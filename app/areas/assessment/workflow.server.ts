import { setImmediate as nextTurn } from "node:timers/promises";
import { registerJob } from "../../utils/jobs.server";
import { getDb, schema, transaction } from "../../utils/db.server";
import { reclassifyProjects } from "./assessment.server";
import { logger } from "../../utils/logger.server";

/**
 * Re-checks every assessed project against today's date, one Kommune per short transaction. At
 * Land scale (400 Kommunen, 20,000 projects) one transaction over everything held the write lock
 * for over a second and stalled logins and edits; per Kommune each lock lasts milliseconds, and the
 * process serves requests in between.
 */
export async function reclassifyAllMunicipalities(today?: string): Promise<number> {
  const ids = getDb().select({ id: schema.municipalities.id }).from(schema.municipalities).all();
  let changed = 0;
  for (const { id } of ids) {
    try {
      changed += transaction((tx) => reclassifyProjects(tx, { municipalityId: id }, today));
    } catch (error) {
      // One Kommune's failure (e.g. the database stayed locked) must not hold up all the others.
      logger.error({ err: error, job: "assessment.reclassify", municipalityId: id }, "reclassification failed");
    }
    await nextTurn();
  }
  return changed;
}

/**
 * The assessment's background job. Time alone changes a classification (a milestone date passes,
 * the planned end is exceeded), so every assessed project is re-checked regularly. Idempotent: only
 * changed rows are written, and a run after downtime simply classifies against today's date.
 */
export function registerAssessment(): void {
  registerJob({
    name: "assessment.reclassify",
    intervalMs: 6 * 60 * 60 * 1000,
    run: async () => {
      const changed = await reclassifyAllMunicipalities();
      if (changed > 0) console.info(`[job assessment.reclassify] ${changed} project classifications updated`);
    },
  });
}
