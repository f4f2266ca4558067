import { seedDemo } from "../../db/seed/demo";
import { isDatabaseEmpty } from "../../db/seed/organisation";
import { databasePath, getDb, runMigrations } from "./db.server";
import { startBackgroundJobs } from "./jobs.server";

/**
 * Start-up: apply pending migrations and seed the demo Kommunen into an empty database (once, in
 * the process that starts first), and start the background jobs (in exactly one process).
 */
export async function bootstrap(options: { migrate?: boolean; runJobs?: boolean } = {}): Promise<void> {
  const { migrate = true, runJobs = true } = options;
  const db = getDb();
  if (migrate) {
    runMigrations(db);
    if (process.env.SEED_DEMO !== "false" && isDatabaseEmpty(db)) {
      await seedDemo(db);
      console.log(`[bootstrap] seeded demo data into ${databasePath()}`);
    }
  }
  if (runJobs) await startBackgroundJobs();
}
