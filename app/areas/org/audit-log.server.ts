import { TZDate } from "@date-fns/tz";
import { type SQL, asc, count, desc, eq, gte, lt } from "drizzle-orm";
import { auditLog } from "../../../db/schema";
import { getDb } from "../../utils/db.server";
import { type Tenant, scoped } from "../../utils/tenant.server";
import { actionLabel, describeChanges, entityLabel } from "./audit-display";

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

/** Start of a Berlin calendar day as a UTC ISO timestamp, comparable with the stored `at`. */
function berlinDayStart(isoDate: string, addDays = 0): string {
  const [y, m, d] = isoDate.split("-").map(Number);
  return new Date(new TZDate(y, m - 1, d + addDays, "Europe/Berlin").getTime()).toISOString();
}

function conditions(filter: AuditFilter): (SQL | undefined)[] {
  return [
    filter.entity ? eq(auditLog.entity, filter.entity) : undefined,
    filter.action ? eq(auditLog.action, filter.action) : undefined,
    filter.userId ? eq(auditLog.userId, filter.userId) : undefined,
    filter.entityId ? eq(auditLog.entityId, filter.entityId) : undefined,
    filter.from ? gte(auditLog.at, berlinDayStart(filter.from)) : undefined,
    filter.to ? lt(auditLog.at, berlinDayStart(filter.to, 1)) : undefined,
  ];
}

/** One page of the Kommune's audit log, newest first, with German labels and readable changes. */
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
      entity: auditLog.entity,
      entityId: auditLog.entityId,
      action: auditLog.action,
      changes: auditLog.changes,
    })
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE)
    .offset((current - 1) * AUDIT_PAGE_SIZE)
    .all();
  return {
    total,
    page: current,
    pageCount,
    entries: rows.map((r) => ({
      id: r.id,
      at: r.at,
      actorLabel: r.actorLabel,
      entity: r.entity,
      entityLabel: entityLabel(r.entity),
      entityId: r.entityId,
      action: r.action,
      actionLabel: actionLabel(r.action),
      changes: describeChanges(r.changes),
    })),
  };
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
    .selectDistinct({ userId: auditLog.userId, label: auditLog.actorLabel })
    .from(auditLog)
    .where(scoped(auditLog, tenant))
    .orderBy(asc(auditLog.actorLabel))
    .all()
    .filter((p): p is { userId: number; label: string } => p.userId != null);
  const seen = new Set<number>();
  return {
    entities,
    actions,
    people: people.filter((p) => (seen.has(p.userId) ? false : (seen.add(p.userId), true))),
  };
}
