import { type SQL, and, eq, sql } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import { ConflictError } from "./errors";
import type { DbOrTx } from "./db.server";

/**
 * The tenant every area function works in. It is only ever built from the session by
 * `requireContext` (or by trusted jobs and seeds), never from request input.
 */
export interface Tenant {
  readonly municipalityId: number;
}

export type TenantTable = SQLiteTable & { municipalityId: SQLiteColumn; id: SQLiteColumn };

/**
 * The one helper through which every tenant query is filtered: the Kommune condition and any
 * further conditions. Area modules use this instead of writing `municipalityId` by hand.
 */
export function scoped(table: TenantTable, tenant: Tenant, ...conditions: (SQL | undefined)[]): SQL {
  return and(eq(table.municipalityId, tenant.municipalityId), ...conditions) as SQL;
}

/** Row values for an insert into a tenant table, with the Kommune set from the tenant. */
export function tenantRow<T extends object>(tenant: Tenant, values: T): T & { municipalityId: number } {
  return { ...values, municipalityId: tenant.municipalityId };
}

/**
 * The tenant of a prepared statement: the Kommune is the statement's `municipalityId` parameter,
 * bound on every run, so the statement is compiled once for all Kommunen.
 */
export const placeholderTenant: Tenant = { municipalityId: sql.placeholder("municipalityId") as unknown as number };

/**
 * Updates one row of a tenant table if it still has the version the user saw; throws a
 * ConflictError otherwise, so no concurrent edit is lost silently.
 */
export function updateVersioned<T extends TenantTable & { version: SQLiteColumn }>(
  tx: DbOrTx,
  table: T,
  tenant: Tenant,
  id: number,
  expectedVersion: number,
  values: Record<string, unknown>,
): void {
  const result = tx
    .update(table)
    .set({ ...values, version: expectedVersion + 1 } as never)
    .where(scoped(table, tenant, eq(table.id, id), eq(table.version, expectedVersion)))
    .run();
  if (result.changes !== 1) throw new ConflictError();
}
