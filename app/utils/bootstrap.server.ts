import { seedDemo } from "../../db/seed/demo";
import { ensureDefaultCatalogue } from "../areas/maturity/catalogue.server";
import { isDatabaseEmpty } from "../../db/seed/organisation";
import { databasePath, getDb, runMigrations } from "./db.server";
import { runBackgroundJobsOnce } from "./jobs.server";
import { env } from "./env.server";
import { logger } from "./logger.server";

export { startBackgroundJobs } from "./jobs.server";

/**
 * Start-up, before the server listens: apply pending migrations and seed the demo Kommunen into an
 * empty database, then run every background job once (the catch-up after downtime, e.g. deadlines
 * that passed while the server was down), so the first page already shows the current state.
 * Under node:cluster the primary does this before it starts the workers; one worker then runs the
 * jobs on their intervals (`startBackgroundJobs`). The jobs are those registered by `registerAll()`,
 * which app/entry.server.tsx calls before anything else.
 */
export async function bootstrap(options: { migrate?: boolean; runJobs?: boolean } = {}): Promise<void> {
  const { migrate = true, runJobs = true } = options;
  const db = getDb();
  if (migrate) {
    runMigrations(db);
    ensureDefaultCatalogue(db);
    if (env().SEED_DEMO && isDatabaseEmpty(db)) {
      await seedDemo(db);
      logger.info({ database: databasePath() }, "seeded demo data");
    }
  }
  if (runJobs) await runBackgroundJobsOnce();
}
