import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "../../db/schema";
import { env } from "./env.server";
import { installTenantGuard, tenantGuardEnabled, withoutTenantGuard } from "./tenant-guard.server";

export type Schema = typeof schema;
export type Db = BetterSQLite3Database<Schema>;
/** A transaction handle has the same query API as the database. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

export function databasePath(): string {
  return path.resolve(env().DATABASE_PATH);
}

/** Directory next to the database file for stored documents, archived reports and uploads. */
export function dataDirectory(): string {
  return path.dirname(databasePath());
}

export function migrationsFolder(): string {
  return path.resolve(env().MIGRATIONS_PATH);
}

export function openDatabase(file: string): { sqlite: Database.Database; db: Db } {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  // Checkpoint the WAL in larger batches: fewer checkpoint syncs on write-heavy paths.
  sqlite.pragma("wal_autocheckpoint = 4000");
  // Test mode only (the integration tests): every statement on a tenant table must constrain the Kommune.
  if (tenantGuardEnabled()) installTenantGuard(sqlite);
  return { sqlite, db: drizzle(sqlite, { schema }) };
}

let instance: { sqlite: Database.Database; db: Db; file: string; configured: string | undefined } | undefined;

/** The process-wide connection, opened once per database path (tests switch DATABASE_PATH). */
function connection() {
  const configured = env().DATABASE_PATH;
  if (instance && instance.configured === configured) return instance;
  const file = databasePath();
  if (!instance || instance.file !== file) {
    instance?.sqlite.close();
    instance = { ...openDatabase(file), file, configured };
  } else {
    instance.configured = configured;
  }
  return instance;
}

export function getDb(): Db {
  return connection().db;
}

const preparedQueries = new WeakMap<Db, Map<string, unknown>>();

/**
 * A drizzle prepared query (`….prepare()` with `sql.placeholder`), built once per connection and
 * reused. For the few fixed queries that run on every request (session, user, the caller's
 * Kommunen): building the SQL and preparing the statement cost more than running it.
 */
export function preparedQuery<T>(key: string, build: (db: Db) => T): T {
  const db = getDb();
  let queries = preparedQueries.get(db);
  if (!queries) {
    queries = new Map();
    preparedQueries.set(db, queries);
  }
  let query = queries.get(key) as T | undefined;
  if (query === undefined) {
    query = build(db);
    queries.set(key, query);
  }
  return query;
}

export function getSqlite(): Database.Database {
  return connection().sqlite;
}

export function closeDb(): void {
  instance?.sqlite.close();
  instance = undefined;
}

export function runMigrations(db: Db = getDb()): void {
  withoutTenantGuard("migrations", () => migrate(db, { migrationsFolder: migrationsFolder() }));
}

/** One transaction per use case; better-sqlite3 transactions are synchronous. */
export function transaction<T>(fn: (tx: Tx) => T): T {
  return getDb().transaction(fn, { behavior: "immediate" });
}

export { schema };
