/**
 * `npm run restore -- --from DIR` (or `npm run restore -- DIR`): restores a backup into the empty
 * data directory of DATABASE_PATH after checking the manifest, integrity_check, foreign keys and
 * the audit chain. Exit code 0 on success, 1 when refused or failed, 78 on a bad environment.
 */
import { parseArgs } from "node:util";
import { checkEnvironment } from "./env.server";
import { RestoreError, restoreBackup } from "./restore.server";

async function main() {
  checkEnvironment();
  const { values, positionals } = parseArgs({ options: { from: { type: "string" } }, allowPositionals: true });
  const from = values.from ?? positionals[0];
  if (!from || positionals.length > 1) {
    console.error("Aufruf / usage: npm run restore -- --from <Sicherungsordner>");
    process.exitCode = 2;
    return;
  }
  const result = await restoreBackup(from);
  console.log(`Wiederhergestellt / restored: ${result.databasePath}`);
  console.log(`  ${result.files} Datei(en), Änderungsprotokoll intakt (${result.auditEntries} Einträge) / ${result.files} file(s), audit chain intact (${result.auditEntries} entries)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof RestoreError ? error.message : `Wiederherstellung fehlgeschlagen / restore failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
