/** `npm run seed`: migrates, then seeds the demo Kommunen when the database has no Kommune yet. */
import { closeDb, databasePath, getDb, runMigrations } from "../../app/utils/db.server";
import { seedDemo } from "../seed/demo";
import { isDatabaseEmpty } from "../seed/organisation";

const db = getDb();
runMigrations(db);
if (isDatabaseEmpty(db)) {
  const started = Date.now();
  await seedDemo(db);
  console.log(`Demodaten angelegt / demo data seeded in ${Date.now() - started} ms: ${databasePath()}`);
} else {
  console.log(`Datenbank enthält bereits Kommunen, keine Demodaten angelegt / not empty, nothing seeded: ${databasePath()}`);
}
closeDb();
