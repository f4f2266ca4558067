import { berlinDayStartUtc } from "../../utils/calendar";
import { type SQL, and, count, desc, eq, gte, inArray, lt, or, sql } from "drizzle-orm";
import { auditLog, users } from "../../../db/schema";
import { PARENT_FIELDS, normaliseAuditChanges } from "../../utils/audit-changes";
import { getDb } from "../../utils/db.server";
import { type Tenant, scoped } from "../../utils/tenant.server";
import { type AuditLine, collectRefs, describeEntry, parentLabel, recordLabel } from "./audit-display";
import { type RefKind, actionLabel, entityLabel } from "./audit-labels";
import { resolveAuditNames } from "./audit-names.server";

export const AUDIT_PAGE_SIZE = 50;

export interface AuditFilter {
  entity?: string;
  action?: string;
  userId?: number;
  entityId?: string;
  /** Calendar days (YYYY-MM-DD) in Europe/Berlin, both inclusive. */
  from?: string;
  to?: string;
}

/**
 * Entries of the parts of a record (a project's milestones, risks, status changes): new entries
 * name their parent, old ones only the parent's id field or the workflow subject "project:29".
 */
function childrenOf(entity: string, entityId: string): SQL {
  const legacy = Object.entries(PARENT_FIELDS)
    .filter(([, rule]) => rule.entity === entity)
    .map(([child, rule]) =>
      and(
        eq(auditLog.entity, child),
        sql`(CAST(json_extract(${auditLog.changes}, ${`$.${rule.field}`}) AS TEXT) = ${entityId} OR CAST(json_extract(${auditLog.changes}, ${`$.${rule.field}[1]`}) AS TEXT) = ${entityId})`,
      ),
    );
  return or(
    sql`(json_extract(${auditLog.changes}, '$.parent.entity') = ${entity} AND CAST(json_extract(${auditLog.changes}, '$.parent.id') AS TEXT) = ${entityId})`,
    and(inArray(auditLog.entity, ["workflowInstance", "workflowTask"]), sql`json_extract(${auditLog.changes}, '$.subject') = ${`${entity}:${entityId}`}`),
    ...legacy,
  ) as SQL;
}

function recordCondition(filter: AuditFilter): SQL | undefined {
  if (filter.entity && filter.entityId) {
    return or(and(eq(auditLog.entity, filter.entity), eq(auditLog.entityId, filter.entityId)), childrenOf(filter.entity, filter.entityId));
  }
  if (filter.entity) return eq(auditLog.entity, filter.entity);
  if (filter.entityId) return eq(auditLog.entityId, filter.entityId);
  return undefined;
}

function conditions(filter: AuditFilter): (SQL | undefined)[] {
  return [
    recordCondition(filter),
    filter.action ? eq(auditLog.action, filter.action) : undefined,
    filter.userId ? eq(auditLog.userId, filter.userId) : undefined,
    filter.from ? gte(auditLog.at, berlinDayStartUtc(filter.from)) : undefined,
    filter.to ? lt(auditLog.at, berlinDayStartUtc(filter.to, 1)) : undefined,
  ];
}

export interface AuditEntryView {
  id: number;
  at: string;
  actorLabel: string;
  /** The person's name today (null for system and public entries). */
  actorName: string | null;
  entity: string;
  entityLabel: string;
  entityId: string | null;
  /** "Projekt „Digitales Fundbüro“" */
  record: string;
  parent: { entity: string; entityId: string; label: string } | null;
  action: string;
  actionLabel: string;
  changes: AuditLine[];
}

export interface AuditGroup {
  entity: string;
  entityId: string | null;
  label: string;
  entries: AuditEntryView[];
}

/**
 * One page of the Kommune's audit log, newest first, with German labels, names for ids and
 * readable changes. Filtered on one record (entity and number), the page also holds the entries of
 * its parts, and `groups` lists them under the record: first its own entries, then per part.
 */
export function searchAuditLog(tenant: Tenant, filter: AuditFilter, page: number) {
  const db = getDb();
  const where = scoped(auditLog, tenant, ...conditions(filter));
  const total = db.select({ n: count() }).from(auditLog).where(where).get()?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pageCount);
  const rows = db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorLabel: auditLog.actorLabel,
      actorName: users.name,
      entity: auditLog.entity,
      entityId: auditLog.entityId,
      action: auditLog.action,
      changes: auditLog.changes,
    })
    .from(auditLog)
    // The person's name, not the e-mail address the entry was written with; the label stays for system entries.
    .leftJoin(users, eq(users.id, auditLog.userId))
    .where(where)
    .orderBy(desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE)
    .offset((current - 1) * AUDIT_PAGE_SIZE)
    .all();
  const read = rows.map((r) => ({ ...r, body: normaliseAuditChanges(r.changes, r.action, r.entity) }));
  const refs = new Map<RefKind, Set<number>>();
  for (const r of read) collectRefs(r.entity, r.entityId, r.body, refs);
  const recordFilter = filter.entity && filter.entityId ? { entity: filter.entity, entityId: filter.entityId } : null;
  if (recordFilter) collectRefs(recordFilter.entity, recordFilter.entityId, { changes: {}, details: {}, parent: null }, refs);
  const names = resolveAuditNames(db, tenant, refs);
  const entries: AuditEntryView[] = read.map((r) => ({
    id: r.id,
    at: r.at,
    actorLabel: r.actorLabel,
    actorName: r.actorName,
    entity: r.entity,
    entityLabel: entityLabel(r.entity),
    entityId: r.entityId,
    record: recordLabel(r.entity, r.entityId, names, r.body),
    parent: r.body.parent ? { entity: r.body.parent.entity, entityId: String(r.body.parent.id), label: parentLabel(r.body.parent, names) } : null,
    action: r.action,
    actionLabel: actionLabel(r.action),
    changes: describeEntry(r.entity, r.entityId, r.action, r.body, names),
  }));
  let record: { entity: string; entityId: string; label: string } | null = null;
  if (recordFilter) {
    const own = read.find((r) => r.entity === recordFilter.entity && r.entityId === recordFilter.entityId);
    record = { ...recordFilter, label: recordLabel(recordFilter.entity, recordFilter.entityId, names, own?.body) };
  }
  return { total, page: current, pageCount, entries, record, groups: record ? groupUnderRecord(record, entries) : [] };
}

/** The record's own entries first, then the entries of each part, in order of the newest entry. */
function groupUnderRecord(record: { entity: string; entityId: string; label: string }, entries: AuditEntryView[]): AuditGroup[] {
  const own: AuditGroup = { entity: record.entity, entityId: record.entityId, label: record.label, entries: [] };
  const parts = new Map<string, AuditGroup>();
  for (const e of entries) {
    if (e.entity === record.entity && e.entityId === record.entityId) {
      own.entries.push(e);
      continue;
    }
    const key = `${e.entity}:${e.entityId ?? ""}`;
    let group = parts.get(key);
    if (!group) parts.set(key, (group = { entity: e.entity, entityId: e.entityId, label: e.record, entries: [] }));
    group.entries.push(e);
  }
  return [own, ...parts.values()];
}

/** The entities, actions and people that occur in this Kommune's log, for the filter selects. */
export function auditFilterOptions(tenant: Tenant) {
  const db = getDb();
  const entities = db
    .selectDistinct({ value: auditLog.entity })
    .from(auditLog)
    .where(scoped(auditLog, tenant))
    .all()
    .map((r) => ({ value: r.value, label: entityLabel(r.value) }))
    .sort((a, b) => a.label.localeCompare(b.label, "de"));
  const actions = db
    .selectDistinct({ value: auditLog.action })
    .from(auditLog)
    .where(scoped(auditLog, tenant))
    .all()
    .map((r) => ({ value: r.value, label: actionLabel(r.value) }))
    .sort((a, b) => a.label.localeCompare(b.label, "de"));
  const people = db
    .selectDistinct({ userId: auditLog.userId, label: sql<string>`coalesce(${users.name}, ${auditLog.actorLabel})` })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .where(scoped(auditLog, tenant))
    .all()
    .filter((p): p is { userId: number; label: string } => p.userId != null)
    .sort((a, b) => a.label.localeCompare(b.label, "de"));
  const seen = new Set<number>();
  return {
    entities,
    actions,
    people: people.filter((p) => (seen.has(p.userId) ? false : (seen.add(p.userId), true))),
  };
}
