/**
 * `npm run backup [-- --out DIR]`: a consistent copy of the running system (database through
 * SQLite's online backup API, stored files, session secret) with a SHA-256 manifest. Without
 * --out it writes into BACKUP_DIR and keeps the BACKUP_KEEP newest backups there.
 * Exit code 0 on success, 1 on failure, 78 on a bad environment. See docs/operations.md.
 */
import { parseArgs } from "node:util";
import { createBackup } from "./backup.server";
import { checkEnvironment } from "./env.server";

async function main() {
  checkEnvironment();
  const { values } = parseArgs({ options: { out: { type: "string" } } });
  const result = await createBackup({ out: values.out });
  const files = result.manifest.entries.length - 1;
  console.log(`Sicherung erstellt / backup written: ${result.directory}`);
  console.log(`  Datenbank + ${files} Datei(en), ${result.manifest.audit.entries} Protokolleinträge / database + ${files} file(s), ${result.manifest.audit.entries} audit entries`);
  for (const old of result.removed) console.log(`  alte Sicherung entfernt / old backup removed: ${old}`);
}

main().catch((error: unknown) => {
  console.error("Sicherung fehlgeschlagen / backup failed:", error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
