import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "~": path.resolve(import.meta.dirname, "app") };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["test/unit/**/*.test.ts"], environment: "node" },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["test/support/integration-global-setup.ts"],
          // integration-setup first: it points DATABASE_PATH at this file's database copy.
          setupFiles: ["test/support/integration-setup.ts", "test/support/register-areas.ts"],
          // Tenant SQL guard: every statement on a tenant table must constrain municipality_id (docs/security.md).
          // On for the whole integration suite; FAHRPLAN_TENANT_GUARD=0 switches it off for a local experiment.
          env: { FAHRPLAN_TENANT_GUARD: process.env.FAHRPLAN_TENANT_GUARD ?? "1" },
          testTimeout: 20_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          environment: "node",
          globalSetup: ["test/support/e2e-global-setup.ts"],
          // Some browser tests prepare data through the area functions (test/support/report-db.ts).
          setupFiles: ["test/support/register-areas.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
