import { desc, sql } from "drizzle-orm";
import { auditLog } from "../../db/schema";
import { type AuditFields, GENESIS_HASH, auditHash } from "./audit";
import {
  type AuditAction,
  type AuditBody,
  type AuditChanges,
  type AuditEntity,
  type AuditRef,
  changedValues,
  eventDetails,
} from "./audit-changes";
import { type Db, type DbOrTx, getDb, getSqlite } from "./db.server";
import { withoutTenantGuard } from "./tenant-guard.server";

type SqliteHandle = ReturnType<typeof getSqlite>;

export interface Actor {
  userId: number | null;
  label: string;
}

export const SYSTEM_ACTOR: Actor = { userId: null, label: "System" };

export interface AuditInput {
  actor: Actor;
  municipalityId: number | null;
  entity: AuditEntity;
  entityId?: string | number | null;
  action: AuditAction;
  /** Built with `newValues`, `changedValues` or `oldValues` (audit-changes.ts). */
  changes?: AuditChanges;
  /** Facts of an event that are no field of the record; internal keys are dropped. */
  details?: object;
  /** The record this one is part of (a milestone's project); filtering on the parent finds it. */
  parent?: AuditRef;
}

/** The one stored shape of `changes` (see AuditBody). */
function body(input: AuditInput): AuditBody {
  const stored: AuditBody = { v: 2, changes: input.changes ?? {} };
  if (input.details) {
    const facts = eventDetails(input.details);
    if (Object.keys(facts).length) stored.details = facts;
  }
  if (input.parent) stored.parent = { entity: input.parent.entity, id: input.parent.id };
  return stored;
}

const p = sql.placeholder;

/**
 * Every mutation appends an entry, so the two statements are compiled once per connection. They
 * run on the process-wide connection, on which every transaction of the app is opened, so they
 * take part in the caller's transaction.
 */
function buildStatements(db: Db) {
  return {
    lastHash: db.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1).prepare(),
    insert: db
      .insert(auditLog)
      .values({
        at: p("at"),
        municipalityId: p("municipalityId"),
        userId: p("userId"),
        actorLabel: p("actorLabel"),
        entity: p("entity"),
        entityId: p("entityId"),
        action: p("action"),
        changes: p("changes"),
        prevHash: p("prevHash"),
        hash: p("hash"),
      })
      .prepare(),
  };
}

const statementCache = new WeakMap<Db, ReturnType<typeof buildStatements>>();

function statements() {
  const db = getDb();
  let cached = statementCache.get(db);
  if (!cached) {
    // The previous entry's hash is the newest of all Kommunen: one chain.
    cached = withoutTenantGuard("audit-chain", () => buildStatements(db));
    statementCache.set(db, cached);
  }
  return cached;
}

/**
 * Appends one entry; call inside the use case's transaction so it commits with the change.
 * (`_tx` documents that; the statements run on the same connection.)
 */
export function writeAudit(_tx: DbOrTx, input: AuditInput): void {
  const stmts = statements();
  const prevHash = stmts.lastHash.get()?.hash ?? GENESIS_HASH;
  const fields = auditFields(input, new Date().toISOString());
  stmts.insert.run({ ...fields, prevHash, hash: auditHash(prevHash, fields) });
}

/** The stored (and hashed) fields of one entry. */
function auditFields(input: AuditInput, at: string): AuditFields {
  return {
    at,
    municipalityId: input.municipalityId,
    userId: input.actor.userId,
    actorLabel: input.actor.label,
    entity: input.entity,
    entityId: input.entityId == null ? null : String(input.entityId),
    action: input.action,
    changes: JSON.stringify(body(input)),
  };
}

/**
 * Appends several entries in order with one read of the chain's end and batched inserts: for bulk
 * use cases (imports) where writeAudit's per-entry lookup would dominate. Same chain as writeAudit.
 */
export function writeAudits(tx: DbOrTx, inputs: readonly AuditInput[]): void {
  if (inputs.length === 0) return;
  let prevHash = statements().lastHash.get()?.hash ?? GENESIS_HASH;
  const at = new Date().toISOString();
  const rows = inputs.map((input) => {
    const fields = auditFields(input, at);
    const row = { ...fields, prevHash, hash: auditHash(prevHash, fields) };
    prevHash = row.hash;
    return row;
  });
  // 11 columns per row: 200 rows stay far below SQLite's limit on bound variables.
  for (let i = 0; i < rows.length; i += 200) tx.insert(auditLog).values(rows.slice(i, i + 200)).run();
}

/** Convenience for updates: records only the fields that changed. */
export function auditUpdate(
  tx: DbOrTx,
  input: Omit<AuditInput, "changes" | "action"> & {
    before: object;
    after: object;
    action?: AuditAction;
  },
): void {
  const { before, after, ...rest } = input;
  writeAudit(tx, { ...rest, action: input.action ?? "update", changes: changedValues(before, after) });
}

/** Highest id ever issued, so that deleting the newest entries is detectable. */
export function lastIssuedAuditId(sqlite: SqliteHandle = getSqlite()): number {
  const row = sqlite
    .prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'")
    .get() as { seq: number } | undefined;
  return row?.seq ?? 0;
}

export { changedValues, newValues, oldValues } from "./audit-changes";
