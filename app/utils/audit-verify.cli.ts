/**
 * `npm run audit:verify`: recomputes the audit log's hash chain and reports every altered or
 * missing entry. Exit code 0 when the chain is intact, 1 on any problem (for cron jobs and CI).
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { type AuditFields, type ChainProblem, verifyChain } from "./audit";
import { lastIssuedAuditId } from "./audit.server";
import { databasePath, getSqlite } from "./db.server";
import { withoutTenantGuard } from "./tenant-guard.server";

export interface AuditVerification {
  checked: number;
  lastIssuedId: number;
  problems: ChainProblem[];
}

/** Streams the whole log in id order through the chain check (of the app's database, or another one, e.g. a backup). */
export function verifyAuditLog(sqlite: ReturnType<typeof getSqlite> = getSqlite()): AuditVerification {
  const statement = withoutTenantGuard("audit-chain", () =>
    sqlite.prepare(
      `SELECT id, at, municipality_id AS municipalityId, user_id AS userId, actor_label AS actorLabel, entity,
              entity_id AS entityId, action, changes, prev_hash AS prevHash, hash
         FROM audit_log ORDER BY id`,
    ),
  );
  const rows = statement.iterate() as IterableIterator<AuditFields & { id: number; prevHash: string; hash: string }>;
  const lastIssuedId = lastIssuedAuditId(sqlite);
  return { ...verifyChain(rows, lastIssuedId), lastIssuedId };
}

export function summary(result: AuditVerification): string[] {
  if (result.problems.length === 0) {
    return [
      `Änderungsprotokoll intakt: ${result.checked} Einträge geprüft, Hash-Kette vollständig.`,
      `Audit log intact: ${result.checked} entries checked, hash chain complete.`,
    ];
  }
  return [
    `Änderungsprotokoll MANIPULIERT: ${result.problems.length} Problem(e) bei ${result.checked} geprüften Einträgen (zuletzt vergebene Nr. ${result.lastIssuedId}).`,
    `Audit log TAMPERED: ${result.problems.length} problem(s) in ${result.checked} checked entries (last issued id ${result.lastIssuedId}).`,
    ...result.problems.map((p) => `  - Eintrag/entry ${p.id}: ${p.problem}`),
  ];
}

function main() {
  console.log(`Datenbank / database: ${databasePath()}`);
  const result = verifyAuditLog();
  for (const line of summary(result)) (result.problems.length ? console.error : console.log)(line);
  process.exitCode = result.problems.length ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    main();
  } catch (error) {
    console.error("Prüfung fehlgeschlagen / verification failed:", error);
    process.exitCode = 1;
  }
}
