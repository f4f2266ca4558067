import { createHash } from "node:crypto";

/** Field-level changes as stored in the audit log: { field: [before, after] }. */
export type Changes = Record<string, [unknown, unknown]>;

export const GENESIS_HASH = "0".repeat(64);

const IGNORED_FIELDS = new Set(["version", "updatedAt", "createdAt", "passwordHash"]);

/** The fields that differ between two versions of a record (both may be partial or null). */
export function diffFields(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
): Changes {
  const changes: Changes = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    if (IGNORED_FIELDS.has(key)) continue;
    const b = before?.[key] ?? null;
    const a = after?.[key] ?? null;
    if (JSON.stringify(b) !== JSON.stringify(a)) changes[key] = [b, a];
  }
  return changes;
}

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
