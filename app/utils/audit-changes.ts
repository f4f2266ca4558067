/**
 * The one shape of an audit entry's `changes` and the helpers that build it; the reader at the end
 * turns entries of any age into that shape.
 */

/** Every kind of record or event the log knows; the display has a German label for each. */
export const AUDIT_ENTITIES = [
  "accessibilityFeedback", "agenda", "apiToken", "applicationDocument", "archivedReport", "assessmentCriterion", "drawdown", "employee", "expenditure",
  "externalTraining", "fieldOfAction", "financePlanItem", "fundingApplication", "fundingProgramme", "goal", "goalValue",
  "mandatoryTraining", "maturityAssessment", "maturityCatalogue", "maturityMeasure", "maturityRating", "membership", "milestone", "oidcConfig", "project", "projectAssessment", "projectDependency", "projectPartner", "reportDraft",
  "reportLogo", "risk", "seed", "statusReport", "session", "team", "trainingCourse", "trainingFeedback", "trainingRecords",
  "trainingRegistration", "trainingSession", "trainingSettings", "unit", "user", "workflowDefinition",
  "workflowInstance", "workflowTask", "workflowDeputy", "managerAssignment", "programmeTemplate", "programmeRollout",
  "programmeStep", "mail", "ozgService", "ozgAdoption",
] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

export const AUDIT_ACTIONS = [
  "create", "update", "delete", "import", "archive", "restore", "move", "done", "reopen", "add_member", "remove_member",
  "anonymise", "cancel", "register", "waitlist", "confirm", "reject", "change_password", "complete",
  "confirm_own_contribution", "record_grant", "record_rejection", "record_amendment_grant", "record_amendment_rejection",
  "record_reclaim", "record_receipt", "record_attendance", "create_defaults", "reclassify", "deploy", "migrate", "start",
  "transition", "issue", "upload", "replace", "export_personal_data", "regenerate_calendar_token", "schedule_reminders",
  "login", "login_failed", "login_blocked", "logout", "switch_municipality", "seed_demo", "seed_scale",
  "correct", "create_override", "reschedule", "close", "publish", "assign", "unassign", "roll_out",
  "upgrade", "revoke", "login_refused",
  "request_password_reset", "reset_password", "retry", "set_mail_preference", "start_connection",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** A JSON value as stored in an entry. */
export type AuditValue = string | number | boolean | null | readonly AuditValue[] | { readonly [key: string]: AuditValue };

/**
 * One field of an entry: a creation has only `to`, a deletion only `from`, an update both (and
 * only for fields that changed).
 */
export interface FieldChange {
  from?: AuditValue;
  to?: AuditValue;
}

export type AuditChanges = Record<string, FieldChange>;

/** A record an entry belongs to (a milestone's project, a receipt's application). */
export interface AuditRef {
  entity: string;
  id: number | string;
}

/**
 * What `changes` holds for every new entry. `details` are facts of an event that are no field of
 * a record (a login's address, an import's row count, a transition's comment).
 */
export interface AuditBody {
  v: 2;
  changes: AuditChanges;
  details?: Record<string, AuditValue>;
  parent?: AuditRef;
}

/**
 * Keys that are never part of a record's audited content: bookkeeping columns, form plumbing and
 * secrets. Dropped by every helper below and by the reader of old entries.
 */
const INTERNAL_FIELDS = new Set([
  "id",
  "municipalityId",
  "version",
  "expectedVersion",
  "updatedAt",
  "createdAt",
  "passwordHash",
  "intent",
  "_action",
  "csrf",
  "returnTo",
]);

export function isInternalField(field: string): boolean {
  return INTERNAL_FIELDS.has(field);
}

/** Through JSON, so that what is compared and shown is what is stored (dates, undefined …). */
function toValue(value: unknown): AuditValue {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value)) as AuditValue;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** A record's values as the use case has them (row, input, or a literal). */
type Fields = object;

function publicEntries(values: Fields | null | undefined): [string, unknown][] {
  return Object.entries(values ?? {}).filter(([key, value]) => !isInternalField(key) && value !== undefined);
}

/** The values of a new record: `{ field: { to } }`, empty values left out. */
export function newValues(values: Fields): AuditChanges {
  const changes: AuditChanges = {};
  for (const [key, value] of publicEntries(values)) {
    if (value === null || value === "" || (Array.isArray(value) && value.length === 0)) continue;
    changes[key] = { to: toValue(value) };
  }
  return changes;
}

/** The values a deleted record had: `{ field: { from } }`. */
export function oldValues(values: Fields): AuditChanges {
  const changes: AuditChanges = {};
  for (const [key, value] of publicEntries(values)) {
    if (value === null || value === "") continue;
    changes[key] = { from: toValue(value) };
  }
  return changes;
}

/** The fields that differ between two versions of a record (both may be partial or null). */
export function changedValues(before: Fields | null | undefined, after: Fields | null | undefined): AuditChanges {
  const changes: AuditChanges = {};
  const b0 = (before ?? {}) as Record<string, unknown>;
  const a0 = (after ?? {}) as Record<string, unknown>;
  const keys = new Set([...Object.keys(b0), ...Object.keys(a0)]);
  for (const key of keys) {
    if (isInternalField(key)) continue;
    const b = b0[key] ?? null;
    const a = a0[key] ?? null;
    if (!same(b, a)) changes[key] = { from: toValue(b), to: toValue(a) };
  }
  return changes;
}

/** Event facts without internal keys, as stored in `details`. */
export function eventDetails(values: Fields): Record<string, AuditValue> {
  return Object.fromEntries(publicEntries(values).map(([key, value]) => [key, toValue(value)]));
}

/**
 * Which entities are parts of another record, and the field of an old entry that named the
 * parent before entries carried `parent`. Filtering on a record includes its parts.
 */
export const PARENT_FIELDS: Record<string, { entity: string; field: string }> = {
  milestone: { entity: "project", field: "projectId" },
  risk: { entity: "project", field: "projectId" },
  projectDependency: { entity: "project", field: "projectId" },
  goalValue: { entity: "goal", field: "goalId" },
  financePlanItem: { entity: "fundingApplication", field: "applicationId" },
  applicationDocument: { entity: "fundingApplication", field: "applicationId" },
  drawdown: { entity: "fundingApplication", field: "applicationId" },
  expenditure: { entity: "fundingApplication", field: "applicationId" },
  trainingRegistration: { entity: "trainingSession", field: "sessionId" },
  trainingFeedback: { entity: "trainingSession", field: "sessionId" },
};

/** An entry read back: the stored JSON of any age in the one shape. */
export interface NormalisedEntry {
  changes: AuditChanges;
  details: Record<string, AuditValue>;
  parent: AuditRef | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === "object" && !Array.isArray(value);
}

function hasOnly(value: Record<string, unknown>, keys: string[]): boolean {
  const own = Object.keys(value);
  return own.length > 0 && own.every((k) => keys.includes(k));
}

const LIST_FIELDS = new Set(["members", "keys", "municipalities", "instances", "warnings", "entries", "scores"]);

/**
 * Whether an old entry's two-element array is a `[before, after]` pair. Lists of ids or members
 * were stored plainly, so for them only a pair of lists counts; a creation's pair starts with
 * null, a deletion's ends with it.
 */
function isLegacyPair(key: string, raw: unknown, action: string): raw is [unknown, unknown] {
  if (!Array.isArray(raw) || raw.length !== 2) return false;
  if (key.endsWith("Ids") || LIST_FIELDS.has(key)) return raw.every((v) => v === null || Array.isArray(v));
  if (action === "create") return raw[0] === null;
  if (action === "delete") return raw[1] === null;
  return true;
}

/** `"project:29"`, as old workflow entries named their subject. */
function parseSubject(value: unknown): AuditRef | null {
  if (typeof value !== "string") return null;
  const match = /^([A-Za-z]+):(\d+)$/.exec(value);
  return match ? { entity: match[1], id: Number(match[2]) } : null;
}

function legacyParent(entity: string, flat: Record<string, unknown>): AuditRef | null {
  const subject = parseSubject(flat.subject);
  if (subject) return subject;
  const rule = PARENT_FIELDS[entity];
  const id = rule ? flat[rule.field] : undefined;
  return rule && (typeof id === "number" || typeof id === "string") ? { entity: rule.entity, id } : null;
}

/**
 * Reads the stored `changes` of an entry of any age. Entries before the one shape stored
 * `{ field: [before, after] }`, `{ field: { from, to } }`, `{ field: { before, after } }` or plain
 * values (the values of a created or deleted record, or event facts); all come out as
 * changes, details and the parent record, without internal keys.
 */
export function normaliseAuditChanges(json: string, action: string, entity: string): NormalisedEntry {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return { changes: {}, details: { content: json }, parent: null };
  }
  if (!isRecord(parsed)) return { changes: {}, details: parsed == null ? {} : { content: toValue(parsed) }, parent: null };
  if (parsed.v === 2 && isRecord(parsed.changes)) {
    const body = parsed as unknown as AuditBody;
    return { changes: body.changes, details: body.details ?? {}, parent: body.parent ?? null };
  }
  const changes: AuditChanges = {};
  const facts: Record<string, AuditValue> = {};
  const flat: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(parsed)) {
    if (isInternalField(key)) continue;
    let change: FieldChange | null = null;
    if (isLegacyPair(key, raw, action)) change = { from: toValue(raw[0]), to: toValue(raw[1]) };
    else if (isRecord(raw) && hasOnly(raw, ["from", "to"])) change = { from: toValue(raw.from), to: toValue(raw.to) };
    else if (isRecord(raw) && hasOnly(raw, ["before", "after"])) change = { from: toValue(raw.before), to: toValue(raw.after) };
    if (change) {
      flat[key] = change.to ?? change.from;
      if (same(change.from, change.to)) continue;
      if (change.from == null) delete change.from;
      if (change.to == null && action !== "update") delete change.to;
      changes[key] = change;
      continue;
    }
    flat[key] = raw;
    if (raw === null || raw === "" || (Array.isArray(raw) && raw.length === 0)) continue;
    if (action === "create") changes[key] = { to: toValue(raw) };
    else if (action === "delete") changes[key] = { from: toValue(raw) };
    else facts[key] = toValue(raw);
  }
  const parent = legacyParent(entity, flat);
  if (parsed.subject !== undefined && parseSubject(parsed.subject)) delete facts.subject;
  return { changes, details: facts, parent };
}
