import os from "node:os";
import path from "node:path";

/**
 * Where the migrated and seeded template database for integration tests lives: one directory per
 * test run (named after the vitest main process, inherited by its workers through the environment),
 * so that parallel runs on one machine never delete each other's databases.
 */
process.env.FAHRPLAN_TEST_ROOT ??= path.join(os.tmpdir(), `fahrplan-tests-${process.pid}`);
export const TEST_ROOT = process.env.FAHRPLAN_TEST_ROOT;
export const TEMPLATE_DB = path.join(TEST_ROOT, "template.db");
