/** `npm run db:migrate`: applies pending migrations to DATABASE_PATH (default ./data/fahrplan.db). */
import { closeDb, databasePath, getDb, runMigrations } from "../../app/utils/db.server";

runMigrations(getDb());
console.log(`Migrationen angewendet / migrations applied: ${databasePath()}`);
closeDb();
