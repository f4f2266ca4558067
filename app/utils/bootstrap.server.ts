import { seedDemo } from "../../db/seed/demo";
import { isDatabaseEmpty } from "../../db/seed/organisation";
import { databasePath, getDb, runMigrations } from "./db.server";
import { startBackgroundJobs } from "./jobs.server";

/** Start-up: apply pending migrations, seed the demo Kommunen into an empty database, start jobs. */
export async function bootstrap(): Promise<void> {
  const db = getDb();
  runMigrations(db);
  if (process.env.SEED_DEMO !== "false" && isDatabaseEmpty(db)) {
    await seedDemo(db);
    console.log(`[bootstrap] seeded demo data into ${databasePath()}`);
  }
  await startBackgroundJobs();
}
