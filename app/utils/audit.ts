import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

export interface AuditFields {
  at: string;
  municipalityId: number | null;
  userId: number | null;
  actorLabel: string;
  entity: string;
  entityId: string | null;
  action: string;
  changes: string;
}

/** Hash of one entry chained to its predecessor; any edit to a stored field changes it. */
export function auditHash(prevHash: string, e: AuditFields): string {
  return createHash("sha256")
    .update(
      JSON.stringify([
        prevHash,
        e.at,
        e.municipalityId,
        e.userId,
        e.actorLabel,
        e.entity,
        e.entityId,
        e.action,
        e.changes,
      ]),
    )
    .digest("hex");
}

export interface ChainProblem {
  id: number;
  problem: string;
}

/**
 * Checks a chain in id order. `lastIssuedId` is the highest id ever issued (sqlite_sequence), so that
 * deleting the newest entries is detected too.
 */
export function verifyChain(
  rows: Iterable<AuditFields & { id: number; prevHash: string; hash: string }>,
  lastIssuedId: number,
): { checked: number; problems: ChainProblem[] } {
  const problems: ChainProblem[] = [];
  let prevHash = GENESIS_HASH;
  let expectedId = 1;
  let checked = 0;
  for (const row of rows) {
    checked++;
    if (row.id !== expectedId) {
      problems.push({ id: row.id, problem: `entries ${expectedId}..${row.id - 1} are missing` });
    }
    if (row.prevHash !== prevHash) {
      problems.push({ id: row.id, problem: "previous-hash link broken" });
    }
    if (auditHash(row.prevHash, row) !== row.hash) {
      problems.push({ id: row.id, problem: "content altered (hash mismatch)" });
    }
    prevHash = row.hash;
    expectedId = row.id + 1;
  }
  if (lastIssuedId >= expectedId) {
    problems.push({ id: lastIssuedId, problem: `entries ${expectedId}..${lastIssuedId} are missing` });
  }
  return { checked, problems };
}
