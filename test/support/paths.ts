import os from "node:os";
import path from "node:path";

/** Where the migrated and seeded template database for integration tests lives. */
export const TEST_ROOT = path.join(os.tmpdir(), "fahrplan-tests");
export const TEMPLATE_DB = path.join(TEST_ROOT, "template.db");
