/**
 * `npm run seed:scale -- --municipalities 400 [--seed 42]`: adds "Scale-Kommune 001…N" to the
 * database at DATABASE_PATH (migrating it and seeding the demo data first when it is empty).
 */
import { parseArgs } from "node:util";
import { registerAll } from "../../app/areas/registrations.server";
import { hashPassword } from "../../app/areas/auth/password.server";
import { closeDb, databasePath, getDb, getSqlite, runMigrations } from "../../app/utils/db.server";
import { seedDemo } from "../seed/demo";
import { DEMO_PASSWORD, isDatabaseEmpty } from "../seed/organisation";
import { seedScale } from "../seed/scale";

const { values } = parseArgs({
  options: { municipalities: { type: "string", default: "400" }, seed: { type: "string", default: "42" } },
});
const count = Number(values.municipalities);
if (!Number.isInteger(count) || count < 1 || count > 999) {
  console.error("--municipalities muss eine ganze Zahl von 1 bis 999 sein / must be an integer 1..999");
  process.exit(2);
}

registerAll();
const started = Date.now();
const db = getDb();
runMigrations(db);
if (isDatabaseEmpty(db)) {
  await seedDemo(db);
  console.log("Demodaten angelegt / demo data seeded");
}
try {
  const ctx = seedScale(db, {
    municipalities: count,
    seed: Number(values.seed),
    passwordHash: await hashPassword(DEMO_PASSWORD),
    onPhase: (name, ms) => console.log(`seed_scale.${name}_ms: ${ms} ms`),
  });
  const employees = ctx.municipalities.reduce((s, m) => s + m.employeeIds.length, 0);
  const units = ctx.municipalities.reduce((s, m) => s + m.unitIds.length, 0);
  getSqlite().pragma("wal_checkpoint(TRUNCATE)");
  console.log(
    `${ctx.municipalities.length} Kommunen, ${units} Einheiten, ${employees} Beschäftigte und Konten in ${Date.now() - started} ms → ${databasePath()}`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  closeDb();
}
