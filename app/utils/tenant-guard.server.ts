import { env } from "./env.server";
import { AsyncLocalStorage } from "node:async_hooks";
import path from "node:path";
import type Database from "better-sqlite3";
import { getTableColumns, getTableName, is } from "drizzle-orm";
import { SQLiteTable } from "drizzle-orm/sqlite-core";
import * as schema from "../../db/schema";
import { BoundedCache } from "./bounded-cache";

/**
 * Test-mode tenant guard. With FAHRPLAN_TENANT_GUARD=1 (the integration tests set it) every SQL
 * statement that reads or writes a tenant table must constrain `municipality_id`: in a WHERE or ON
 * condition, or as a column of an INSERT. A statement that does not throws a TenantGuardError naming
 * the table and the SQL. Production never installs it.
 *
 * Why no SQL parser: the maintained JavaScript parsers (node-sql-parser and friends) parse SQLite only
 * partly (drizzle's `json_array`/`json_group_array` relational subqueries, `ON CONFLICT … DO UPDATE`,
 * `RETURNING`), and a guard that fails on valid SQL is worse than none. The statements we check come
 * from drizzle's SQL generator or a handful of fixed strings, so a lexical check is reliable: strip
 * literals and comments, find the tables after FROM/JOIN/INTO/UPDATE, and look for `municipality_id`
 * whose nearest clause keyword is WHERE/ON (a condition) or INTO (an insert column list). It is
 * conservative: a `municipality_id` only in the select list or in SET does not count.
 */
export const TENANT_GUARD_ENV = "FAHRPLAN_TENANT_GUARD";

/**
 * The deliberate exceptions: statements that must read or write across Kommunen. Code runs them
 * inside `withoutTenantGuard(label, fn)`; the label names one entry here, with its reason.
 */
export const TENANT_GUARD_EXCEPTIONS = {
  migrations: "schema migrations run before any tenant exists",
  seed: "demo and scale seeds create the Kommunen and their data",
  "certificate-check": "the public certificate check finds a certificate by its code, before any Kommune is known",
  "ical-feed": "the iCal feed is reached by its secret token; the token identifies the Kommune",
  "programme-catalogue": "a shared Förderprogramm is used by applications of every Kommune (only their number is read)",
  jobs: "background jobs pick due work of all Kommunen, then act per Kommune",
  "audit-chain": "the audit log is one hash chain across all Kommunen",
  "api-token": "an API token is looked up by its hash; the token identifies the Kommune",
  "sso-callback": "SSO login states and sessions are found by their secret state or session id, an identity by issuer and subject (unique per person across Kommunen); expired states of all Kommunen are dropped",
  "own-mails": "a person's mail preference applies to their held mails in every Kommune",
  "personal-data-export": "a person's data export (Art. 15 DSGVO) lists their sign-ins from the whole audit chain",
  "content-addressed-files": "uploads are stored by content hash for all Kommunen; a file is deleted only when no entry of any Kommune points to it",
  "joint-partner": "a partner Kommune of a joint project is found by the partner column, not the owner's",
  "service-provider": "a Roll-in-Service acts for several Kommunen; its assignments are read by provider",
  benchmark: "the maturity benchmark compares with the shared assessments of other Kommunen",
  "cross-tenant-admin": "operators' views across all Kommunen (operations, metrics)",
} as const satisfies Record<string, string>;

export type TenantGuardException = keyof typeof TENANT_GUARD_EXCEPTIONS;

export class TenantGuardError extends Error {
  constructor(
    readonly tables: string[],
    readonly sql: string,
  ) {
    super(`Tenant guard: statement on tenant table ${tables.map((t) => `"${t}"`).join(", ")} does not constrain municipality_id: ${sql}`);
    this.name = "TenantGuardError";
  }
}

const exemption = new AsyncLocalStorage<TenantGuardException>();

/** Runs fn with the guard off for one named, deliberate exception (sync or async). */
export function withoutTenantGuard<T>(label: TenantGuardException, fn: () => T): T {
  return exemption.run(label, fn);
}

export function tenantGuardEnabled(): boolean {
  return env().FAHRPLAN_TENANT_GUARD;
}

/** Tables with a `municipality_id` column that a Kommune does not own (the column is a pointer, not the owner). */
const NOT_TENANT_OWNED: Record<string, string> = {
  user_sessions: "the Kommune a session is signed in to; the session belongs to the user and is found by its secret id",
};

let schemaTenantTables: ReadonlySet<string> | undefined;

/** Tenant tables = the drizzle tables with a `municipality_id` column (read from the schema objects, not the database). */
export function tenantTables(): ReadonlySet<string> {
  if (!schemaTenantTables) {
    const names = new Set<string>();
    for (const value of Object.values(schema)) {
      if (!is(value, SQLiteTable)) continue;
      const name = getTableName(value);
      if (name in NOT_TENANT_OWNED) continue;
      if (Object.values(getTableColumns(value)).some((column) => column.name === "municipality_id")) names.add(name);
    }
    schemaTenantTables = names;
  }
  return schemaTenantTables;
}

const CLAUSE = /\b(select|from|join|where|on|set|group|order|having|returning|values|into|limit|union|except|intersect)\b/g;
const TABLE_REF = /\b(?:from|join|into|update)\s+([a-z_][a-z0-9_]*)/g;

/** Lower-cased SQL without string literals, comments and identifier quotes. */
function normalise(sql: string): string {
  return sql
    .replace(/'(?:[^']|'')*'/g, "''")
    .replace(/--[^\n]*/g, " ")
    .replace(/\/\*[\s\S]*?\*\//g, " ")
    .replace(/[`"[\]]/g, "")
    .toLowerCase();
}

/** The tenant tables a statement touches without any municipality_id constraint ([] when it is fine). */
export function unconstrainedTenantTables(sql: string, tables: ReadonlySet<string> = tenantTables()): string[] {
  const text = normalise(sql);
  const touched = new Set<string>();
  for (const m of text.matchAll(TABLE_REF)) if (tables.has(m[1])) touched.add(m[1]);
  if (touched.size === 0) return [];
  const clauses = [...text.matchAll(CLAUSE)].map((m) => ({ at: m.index, word: m[1] }));
  for (const m of text.matchAll(/\bmunicipality_id\b/g)) {
    const clause = clauses.filter((c) => c.at < m.index).at(-1)?.word;
    if (clause === "where" || clause === "on" || clause === "into") return [];
  }
  return [...touched];
}

/**
 * Test code (files under test/) sets up and inspects data directly, across Kommunen; the guard is
 * about the app. The statement counts as test code when the nearest caller outside drizzle, the
 * driver and this module is a test file, so app code called by a test is still checked. Only
 * computed for a violation, never for a constrained statement.
 */
function builtInTestCode(): boolean {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 40;
  const stack = new Error().stack ?? "";
  Error.stackTraceLimit = limit;
  const caller = stack
    .split("\n")
    .slice(1)
    .find((line) => !line.includes("node_modules") && !line.includes("node:") && !/tenant-guard\.server|db\.server/.test(line));
  return caller !== undefined && caller.includes(`${path.sep}test${path.sep}`) && caller.includes(process.cwd());
}

/**
 * Wraps `prepare` of one connection (drizzle prepares every statement through it). Verdicts are
 * cached per SQL text; the exemption is looked up per call, as it depends on the caller.
 */
export function installTenantGuard(sqlite: Database.Database, tables: ReadonlySet<string> = tenantTables(), { exemptTestCode = true } = {}): void {
  const verdicts = new BoundedCache<string, string[]>(5000);
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((source: string) => {
    let unconstrained = verdicts.get(source);
    if (!unconstrained) {
      unconstrained = unconstrainedTenantTables(source, tables);
      verdicts.set(source, unconstrained);
    }
    if (unconstrained.length > 0 && exemption.getStore() === undefined && !(exemptTestCode && builtInTestCode())) {
      throw new TenantGuardError(unconstrained, source);
    }
    return prepare(source);
  }) as typeof sqlite.prepare;
}
