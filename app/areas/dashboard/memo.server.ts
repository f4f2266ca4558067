import { BoundedCache } from "../../utils/bounded-cache";
import { getSqlite } from "../../utils/db.server";
import type { Tenant } from "../../utils/tenant.server";

/**
 * Dashboard figures only change when data changes. `total_changes()` counts every write made
 * through this process's connection (all requests, jobs and imports share it) and
 * `data_version` changes when another process writes the file, so together they tell whether
 * anything at all was written since a section was computed. A section is recomputed after any
 * write in any Kommune: conservative, never stale.
 */
const memo = new BoundedCache<string, { stamp: string; value: unknown }>(2000);

type Sqlite = ReturnType<typeof getSqlite>;
/** The stamp's statement, prepared once per connection (the roll-in cockpit asks ~1,700 times per page). */
let stampStatement: { connection: Sqlite; statement: { get(): unknown } } | null = null;

function writeStamp(): string {
  const connection = getSqlite();
  if (stampStatement?.connection !== connection) {
    stampStatement = {
      connection,
      statement: connection.prepare("SELECT total_changes() AS changes, (SELECT data_version FROM pragma_data_version) AS version"),
    };
  }
  const row = stampStatement.statement.get() as { changes: number; version: number };
  return `${row.changes}:${row.version}`;
}

export type MemoSection = <T>(tenant: Tenant, name: string, today: string, compute: () => T | Promise<T>) => Promise<T>;

/**
 * Remembers one section's result for a Kommune and day until anything is written. A scope that takes the write stamp once and checks every section against it: a page that reads
 * many sections (the roll-in cockpit: 7 per Kommune × 200+ Kommunen) asks the database once
 * instead of once per section. The result is the state at the scope's start; a section computed
 * while something was written since then is returned but not remembered.
 */
export function memoScope(): MemoSection {
  const stamp = writeStamp();
  return async <T>(tenant: Tenant, name: string, today: string, compute: () => T | Promise<T>): Promise<T> => {
    const key = `${tenant.municipalityId}:${name}:${today}`;
    const hit = memo.get(key);
    if (hit && hit.stamp === stamp) return hit.value as T;
    const value = await compute();
    // Only remember it if nothing was written since the stamp (the stamp would be ambiguous).
    if (writeStamp() === stamp) memo.set(key, { stamp, value });
    return value;
  };
}
