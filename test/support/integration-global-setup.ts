import fs from "node:fs";
import { TEMPLATE_DB, TEST_ROOT } from "./paths";

/** Builds one migrated, demo-seeded database; each test file then works on its own copy. */
export default async function setup() {
  fs.rmSync(TEST_ROOT, { recursive: true, force: true });
  fs.mkdirSync(TEST_ROOT, { recursive: true });
  process.env.DATABASE_PATH = TEMPLATE_DB;
  process.env.DISABLE_JOBS = "true";
  const { getDb, runMigrations, closeDb, getSqlite } = await import("../../app/utils/db.server");
  const { seedDemo } = await import("../../db/seed/demo");
  runMigrations(getDb());
  await seedDemo(getDb());
  getSqlite().pragma("wal_checkpoint(TRUNCATE)");
  closeDb();
  return () => fs.rmSync(TEST_ROOT, { recursive: true, force: true });
}
