import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll } from "vitest";
import { TEMPLATE_DB, TEST_ROOT } from "./paths";

// Every test file gets its own copy of the seeded template database and data directory.
const dir = path.join(TEST_ROOT, crypto.randomUUID());
fs.mkdirSync(dir, { recursive: true });
const file = path.join(dir, "fahrplan.db");
fs.copyFileSync(TEMPLATE_DB, file);
process.env.DATABASE_PATH = file;
process.env.DISABLE_JOBS = "true";
process.env.SESSION_SECRET = "test-secret";
// JSON request and job logs would bury the test output; warnings and errors still show.
process.env.LOG_LEVEL ??= "warn";

afterAll(async () => {
  const { closeDb } = await import("../../app/utils/db.server");
  closeDb();
  fs.rmSync(dir, { recursive: true, force: true });
});
