import type { AuditRef, AuditValue, NormalisedEntry } from "../../utils/audit-changes";
import { formatDate, formatDateTime, formatEuro, formatPercentBp } from "../../utils/format";
import { ENTITY_REFS, type RefKind, entityLabel, fieldSpec } from "./audit-labels";

export { actionLabel, entityLabel } from "./audit-labels";

/**
 * An entry's changes as readable German lines: a creation lists the new values, an update
 * "before → after", a deletion the values the record had, and event facts as they are. Ids are
 * shown as names through `names` (resolved by the loader), coded values through their labels.
 */

export type AuditLine =
  | { type: "change"; field: string; label: string; before: string; after: string }
  | { type: "value"; field: string; label: string; value: string }
  | { type: "removed"; field: string; label: string; value: string };

/** Names the loader found, by `refKey(kind, id)`; workflow state labels by instance id. */
export interface AuditNames {
  names: ReadonlyMap<string, string>;
  stateLabels?: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

export const NO_NAMES: AuditNames = { names: new Map() };

export function refKey(kind: string, id: number | string): string {
  return `${kind}:${id}`;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const EMPTY = "–";

interface ValueContext {
  entity: string;
  entityId: string | null;
  names: AuditNames;
}

function isEmpty(value: AuditValue | undefined): boolean {
  return value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0);
}

/** One stored value as German text, by the field's spec (names, coded values) and its form. */
export function formatAuditValue(entity: string, field: string, value: AuditValue | undefined, ctx: Omit<ValueContext, "entity"> = { entityId: null, names: NO_NAMES }): string {
  if (value === null || value === undefined || isEmpty(value)) return EMPTY;
  const spec = fieldSpec(entity, field);
  if (Array.isArray(value)) return value.map((v) => formatAuditValue(entity, field, v, ctx)).join("; ");
  if (typeof value === "boolean") return value ? "ja" : "nein";
  if (typeof value === "object" && value !== null) {
    return Object.entries(value)
      .filter(([, v]) => !isEmpty(v))
      .map(([k, v]) => `${fieldSpec(entity, k).label}: ${formatAuditValue(entity, k, v, ctx)}`)
      .join(", ");
  }
  if (spec.ref) {
    const name = ctx.names.names.get(refKey(spec.ref, value));
    return name ?? `Nr. ${value}`;
  }
  if (spec.state && ctx.entityId) {
    const label = ctx.names.stateLabels?.get(ctx.entityId)?.get(String(value));
    if (label) return label;
  }
  const coded = spec.values?.[String(value)];
  if (coded) return coded;
  if (typeof value === "number") {
    if (field.endsWith("Cents")) return formatEuro(value);
    if (field.endsWith("Bp")) return formatPercentBp(value);
    return new Intl.NumberFormat("de-DE").format(value);
  }
  // An IPv4 client seen through an IPv6 socket: show the plain IPv4 address.
  if (entity === "session" && field === "address" && value.startsWith("::ffff:")) return value.slice("::ffff:".length);
  if (ISO_DATE.test(value)) return formatDate(value);
  if (ISO_TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value))) return formatDateTime(value);
  return value;
}

/** The lines of one entry, in stored order; pairs that are empty on both sides are left out. */
export function describeEntry(entity: string, entityId: string | null, action: string, entry: NormalisedEntry, names: AuditNames = NO_NAMES): AuditLine[] {
  const ctx = { entityId, names };
  const show = (field: string, value: AuditValue | undefined) => formatAuditValue(entity, field, value, ctx);
  const lines: AuditLine[] = [];
  for (const [field, change] of Object.entries(entry.changes)) {
    const label = fieldSpec(entity, field).label;
    const hasFrom = "from" in change && !(action === "create" && isEmpty(change.from));
    const hasTo = "to" in change;
    if (hasFrom && hasTo) {
      if (isEmpty(change.from) && isEmpty(change.to)) continue;
      lines.push({ type: "change", field, label, before: show(field, change.from), after: show(field, change.to) });
    } else if (hasTo) {
      if (!isEmpty(change.to)) lines.push({ type: "value", field, label, value: show(field, change.to) });
    } else if (!isEmpty(change.from)) {
      lines.push({ type: "removed", field, label, value: show(field, change.from) });
    }
  }
  for (const [field, value] of Object.entries(entry.details)) {
    if (!isEmpty(value)) lines.push({ type: "value", field, label: fieldSpec(entity, field).label, value: show(field, value) });
  }
  return lines;
}

/** A name the entry itself carries (a deleted record is no longer there to look up). */
function ownName(entry: NormalisedEntry): string | null {
  for (const field of ["title", "name", "label", "description", "receiptNumber"]) {
    const change = entry.changes[field];
    const value = change ? (change.to ?? change.from) : entry.details[field];
    if (typeof value === "string" && value !== "") return value;
  }
  return null;
}

/** "Projekt „Digitales Fundbüro“", "Meilenstein Nr. 12", or the entity alone for events. */
export function recordLabel(entity: string, entityId: string | number | null, names: AuditNames, entry?: NormalisedEntry): string {
  const label = entityLabel(entity);
  if (entityId === null || entityId === "") return label;
  const kind = ENTITY_REFS[entity];
  const name = (kind && names.names.get(refKey(kind, entityId))) ?? (entry ? ownName(entry) : null);
  return name ? `${label} „${name}“` : `${label} Nr. ${entityId}`;
}

export function parentLabel(parent: AuditRef, names: AuditNames): string {
  return recordLabel(parent.entity, parent.id, names);
}

/** Every id an entry names, by kind, so that the loader can resolve a page's names in one go. */
export function collectRefs(entity: string, entityId: string | null, entry: NormalisedEntry, into: Map<RefKind, Set<number>>): void {
  const add = (kind: RefKind | undefined, id: unknown) => {
    const n = typeof id === "string" && /^\d+$/.test(id) ? Number(id) : id;
    if (!kind || typeof n !== "number" || !Number.isInteger(n)) return;
    let set = into.get(kind);
    if (!set) into.set(kind, (set = new Set()));
    set.add(n);
  };
  const addValue = (field: string, value: AuditValue | undefined) => {
    const ref = fieldSpec(entity, field).ref;
    if (Array.isArray(value)) for (const v of value) addValue(field, v);
    else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) addValue(k, v);
    else if (ref) add(ref, value);
  };
  add(ENTITY_REFS[entity], entityId);
  if (entry.parent) add(ENTITY_REFS[entry.parent.entity], entry.parent.id);
  for (const [field, change] of Object.entries(entry.changes)) {
    addValue(field, change.from);
    addValue(field, change.to);
  }
  for (const [field, value] of Object.entries(entry.details)) addValue(field, value);
}
