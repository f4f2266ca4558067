import { eq, inArray, sql } from "drizzle-orm";
import { projectGoals, projectUnits, projects } from "../../../db/schema";
import { changedValues, newValues, writeAudits } from "../../utils/audit.server";
import { type Db, type Tx, getDb } from "../../utils/db.server";
import { ConflictError, ValidationError } from "../../utils/errors";
import { assertCan } from "../../utils/permissions";
import { type Tenant, placeholderTenant, scoped, tenantRow } from "../../utils/tenant.server";
import { refreshWorkflow, startWorkflow, workflowStates } from "../../workflow/index.server";
import { type ProjectEditor, mayChangeProject } from "./access.server";
import { ARCHIVED_PROJECT_MESSAGE, type ProjectValues, NOT_OWN_PROJECT_MESSAGE } from "./projects";
import { columns } from "./write.server";

function buildVersionedUpdate(db: Db) {
  const p = sql.placeholder;
  const keys: (keyof ReturnType<typeof columns>)[] = [
    "title",
    "description",
    "fieldOfActionId",
    "leadUnitId",
    "projectLeadEmployeeId",
    "startDate",
    "endDate",
    "budgetPlannedCents",
    "budgetSpentCents",
    "ozgRelevant",
    "efaReuse",
  ];
  const set = Object.fromEntries(keys.map((k) => [k, sql`${p(k)}`]));
  return db
    .update(projects)
    .set({ ...set, updatedAt: sql`${p("updatedAt")}`, version: sql`${projects.version} + 1` })
    .where(scoped(projects, placeholderTenant, eq(projects.id, p("id")), eq(projects.version, p("expectedVersion"))))
    .prepare();
}
let versionedUpdate: { db: Db; statement: ReturnType<typeof buildVersionedUpdate> } | undefined;

/**
 * updateVersioned as one compiled statement, for the import's row loop (same connection rule as
 * projectSubject): sets the project's columns if the version is still the expected one.
 */
function versionedUpdateStatement() {
  const db = getDb();
  if (versionedUpdate?.db !== db) versionedUpdate = { db, statement: buildVersionedUpdate(db) };
  return versionedUpdate.statement;
}

/** SQLite allows 32,766 bound variables per statement; batches stay well below it. */
const BATCH = 400;

function chunks<T>(items: readonly T[], size = BATCH): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

function insertLinksBulk(tx: Tx, t: Tenant, rows: { projectId: number; v: ProjectValues }[]): void {
  const unitRows = rows.flatMap(({ projectId, v }) => v.involvedUnitIds.map((unitId) => tenantRow(t, { projectId, unitId })));
  const goalRows = rows.flatMap(({ projectId, v }) => v.goalIds.map((goalId) => tenantRow(t, { projectId, goalId })));
  for (const batch of chunks(unitRows)) tx.insert(projectUnits).values(batch).run();
  for (const batch of chunks(goalRows)) tx.insert(projectGoals).values(batch).run();
}

/**
 * Creates many projects at once (CSV import) inside the caller's transaction: projects and links
 * and their audit entries are written in batches; each project still gets its own workflow start.
 * The values' references must already be resolved within this Kommune (the CSV lookups are).
 */
export function insertProjectsBulk(tx: Tx, editor: ProjectEditor, values: readonly ProjectValues[]): number[] {
  assertCan(editor, "project.import");
  const ids: number[] = [];
  for (const batch of chunks(values)) {
    // One multi-row INSERT assigns ascending ids in VALUES order; RETURNING order itself is unspecified.
    const created = tx
      .insert(projects)
      .values(batch.map((v) => tenantRow(editor, columns(v))))
      .returning({ id: projects.id })
      .all()
      .map((r) => r.id)
      .sort((a, b) => a - b);
    ids.push(...created);
  }
  insertLinksBulk(tx, editor, ids.map((projectId, i) => ({ projectId, v: values[i] })));
  writeAudits(
    tx,
    ids.map((id, i) => {
      const v = values[i];
      return { actor: editor.actor, municipalityId: editor.municipalityId, entity: "project" as const, entityId: id, action: "create" as const, changes: newValues({ ...columns(v), involvedUnitIds: v.involvedUnitIds, goalIds: v.goalIds }) };
    }),
  );
  for (const id of ids) startWorkflow(tx, editor, { definitionKey: "project", subjectType: "project", subjectId: id });
  return ids;
}

/**
 * Updates many projects at once (CSV import) inside the caller's transaction, each only if it still
 * has the expected version and is not archived (else ConflictError / ValidationError, rolling
 * back everything). Reads and link replacement are set-based; each project gets its own audit entry.
 */
/**
 * Applies many project updates at once (CSV import). A row equal to the stored project is a
 * no-op: no version bump, no audit entry. Returns the ids of the projects actually changed.
 */
export function updateProjectsBulk(
  tx: Tx,
  editor: ProjectEditor,
  requested: readonly { id: number; expectedVersion: number; values: ProjectValues }[],
): number[] {
  assertCan(editor, "project.import");
  if (requested.length === 0) return [];
  const requestedIds = requested.map((u) => u.id);
  const before = new Map<number, typeof projects.$inferSelect>();
  const beforeUnits = new Map<number, number[]>();
  const beforeGoals = new Map<number, number[]>();
  for (const batch of chunks(requestedIds)) {
    for (const r of tx.select().from(projects).where(scoped(projects, editor, inArray(projects.id, batch))).all()) before.set(r.id, r);
    for (const r of tx.select({ projectId: projectUnits.projectId, id: projectUnits.unitId }).from(projectUnits).where(scoped(projectUnits, editor, inArray(projectUnits.projectId, batch))).all()) {
      beforeUnits.set(r.projectId, [...(beforeUnits.get(r.projectId) ?? []), r.id]);
    }
    for (const r of tx.select({ projectId: projectGoals.projectId, id: projectGoals.goalId }).from(projectGoals).where(scoped(projectGoals, editor, inArray(projectGoals.projectId, batch))).all()) {
      beforeGoals.set(r.projectId, [...(beforeGoals.get(r.projectId) ?? []), r.id]);
    }
  }
  const byNumber = (a: number, b: number) => a - b;
  const changesOf = (u: (typeof requested)[number]) => {
    const row = before.get(u.id);
    if (!row) throw new ValidationError({ form: ["Das Projekt gibt es in dieser Kommune nicht."] });
    if (row.archivedAt !== null) throw new ValidationError({ form: [ARCHIVED_PROJECT_MESSAGE] });
    if (!mayChangeProject(tx, editor, row)) throw new ValidationError({ form: [`„${row.title}“: ${NOT_OWN_PROJECT_MESSAGE}`] });
    return changedValues(
      { ...row, involvedUnitIds: [...(beforeUnits.get(u.id) ?? [])].sort(byNumber), goalIds: [...(beforeGoals.get(u.id) ?? [])].sort(byNumber) },
      { ...row, ...columns(u.values), involvedUnitIds: [...new Set(u.values.involvedUnitIds)].sort(byNumber), goalIds: [...new Set(u.values.goalIds)].sort(byNumber) },
    );
  };
  const updates = requested.map((u) => ({ ...u, changes: changesOf(u) })).filter((u) => Object.keys(u.changes).length > 0);
  if (updates.length === 0) return [];
  const ids = updates.map((u) => u.id);
  const now = new Date().toISOString();
  const update = versionedUpdateStatement();
  for (const u of updates) {
    const c = columns(u.values);
    const result = update.run({
      ...c,
      ozgRelevant: Number(c.ozgRelevant),
      efaReuse: Number(c.efaReuse),
      updatedAt: now,
      municipalityId: editor.municipalityId,
      id: u.id,
      expectedVersion: u.expectedVersion,
    });
    if (result.changes !== 1) throw new ConflictError();
  }
  for (const batch of chunks(ids)) {
    tx.delete(projectUnits).where(scoped(projectUnits, editor, inArray(projectUnits.projectId, batch))).run();
    tx.delete(projectGoals).where(scoped(projectGoals, editor, inArray(projectGoals.projectId, batch))).run();
  }
  insertLinksBulk(tx, editor, updates.map((u) => ({ projectId: u.id, v: u.values })));
  const datesChanged = updates.filter((u) => {
    const row = before.get(u.id)!;
    return row.startDate !== u.values.startDate || row.endDate !== u.values.endDate;
  });
  if (datesChanged.length) {
    const instances = workflowStates(tx, editor, "project", datesChanged.map((u) => u.id));
    for (const u of datesChanged) {
      const instance = instances.get(u.id);
      if (instance) refreshWorkflow(tx, editor, instance.instanceId);
    }
  }
  writeAudits(
    tx,
    updates.map((u) => ({
      actor: editor.actor,
      municipalityId: editor.municipalityId,
      entity: "project",
      entityId: u.id,
      action: "update",
      changes: u.changes,
    })),
  );
  return ids;
}
