import { createHash } from "node:crypto";
import { shiftDay, todayIso } from "../utils/calendar";
import { and, eq, inArray, like, sql } from "drizzle-orm";
import { users } from "../../db/schema/org";
import { workflowDeadlines, workflowHistory, workflowInstances, workflowTasks } from "../../db/schema/workflow";
import { changedValues, writeAudit } from "~/utils/audit.server";
import type { DbOrTx, Tx } from "~/utils/db.server";
import { ConflictError, ValidationError } from "~/utils/errors";
import { ROLE_LABELS, assertCan } from "~/utils/permissions";
import { type Tenant, scoped, tenantRow } from "~/utils/tenant.server";
import { type Assignee, deadlineAssignee, resolveAssignee } from "./assignees.server";
import { type TaskSpec, type WorkflowDefinition, stateOf } from "./definition";
import { computeDueDate } from "./dates";
import { type ScheduleDeadlineInput, closeDeadlineIds, scheduleDeadline } from "./deadlines.server";
import { latestVersion, loadDefinition, storedDefinitionText } from "./definitions.server";
import { type SubjectData, type WorkflowCaller, type WorkflowInstance, subjectProvider } from "./registry.server";
import { stateTaskTitle, taskDone } from "./state-tasks.server";
import { createTask } from "./tasks.server";

export interface MigrationInput {
  definitionKey: string;
  fromVersion: number;
  toVersion: number;
  /** old state name → new state name */
  mapping: Record<string, string>;
}

/** A task in the preview: its title and who has (or will get) it, in German. */
export interface MigrationTaskLine {
  title: string;
  assignee: string;
}

/** A deadline in the preview; `previousDueDate` is set when a continuing deadline gets a new date. */
export interface MigrationDeadlineLine {
  label: string;
  dueDate: string;
  previousDueDate: string | null;
}

/** What happens to one running instance. */
export interface MigrationPlanItem {
  instanceId: number;
  instanceVersion: number;
  subjectTitle: string;
  subjectUrl: string | null;
  fromState: string;
  fromLabel: string;
  /** null when the mapping has no (valid) target for the instance's state. */
  toState: string | null;
  toLabel: string | null;
  tasks: { close: MigrationTaskLine[]; keep: MigrationTaskLine[]; open: MigrationTaskLine[] };
  deadlines: { end: MigrationDeadlineLine[]; keep: MigrationDeadlineLine[]; start: MigrationDeadlineLine[] };
}

export interface MigrationPreview {
  definitionKey: string;
  definitionName: string;
  fromVersion: number;
  toVersion: number;
  /** German reasons why the migration cannot be confirmed (unmapped states …); empty when it can. */
  problems: string[];
  /** Per (old state → new state): how many instances move. */
  moves: { fromState: string; fromLabel: string; toState: string | null; toLabel: string | null; count: number }[];
  items: MigrationPlanItem[];
  /**
   * A digest of both definitions, the mapping and everything the preview shows (instances with
   * their versions, tasks, deadlines). Confirming needs it: a changed world means a new preview.
   */
  fingerprint: string;
}

/** What executing one item does, with the row ids the preview only names. */
interface ItemWork {
  item: MigrationPlanItem;
  instance: WorkflowInstance;
  subject: SubjectData;
  closeTaskIds: number[];
  keepTasks: { id: number; title: string; assignee: Assignee }[];
  openTasks: { spec: TaskSpec; title: string; assignee: Assignee }[];
  endDeadlineIds: number[];
  /** Continuing deadlines whose key names the old state get the new state's key first. */
  rekeyDeadlines: { id: number; key: string }[];
  schedule: (ScheduleDeadlineInput & { instanceId: number })[];
}

interface Plan {
  preview: MigrationPreview;
  work: ItemWork[];
}

const STATE_KEY = "state:";

export const STALE_PREVIEW_MESSAGE =
  "Die Vorschau ist nicht mehr aktuell: Seit Sie sie geöffnet haben, haben sich der Ablauf oder die laufenden Vorgänge geändert. Es wurde nichts migriert. Bitte prüfen Sie die neue Vorschau und bestätigen Sie erneut.";

function loadVersions(db: DbOrTx, tenant: Tenant, input: MigrationInput): { from: WorkflowDefinition; to: WorkflowDefinition } {
  if (input.fromVersion === input.toVersion) {
    throw new ValidationError({ toVersion: ["Bitte wählen Sie eine andere Zielversion als die Ausgangsversion."] });
  }
  const from = loadDefinition(db, tenant, input.definitionKey, input.fromVersion);
  const to = loadDefinition(db, tenant, input.definitionKey, input.toVersion);
  if (!from) throw new ValidationError({ fromVersion: [`Die Version ${input.fromVersion} gibt es nicht.`] });
  if (!to) throw new ValidationError({ toVersion: [`Die Version ${input.toVersion} gibt es nicht.`] });
  return { from, to };
}

function runningInstances(db: DbOrTx, tenant: Tenant, def: WorkflowDefinition, key: string, version: number): WorkflowInstance[] {
  const finals = def.states.filter((s) => s.kind === "final").map((s) => s.name);
  return db
    .select()
    .from(workflowInstances)
    .where(
      scoped(
        workflowInstances,
        tenant,
        eq(workflowInstances.definitionKey, key),
        eq(workflowInstances.definitionVersion, version),
        finals.length ? sql`${workflowInstances.state} NOT IN ${finals}` : undefined,
      ),
    )
    .orderBy(workflowInstances.id)
    .all();
}

/** Builds the preview and the work behind it; pure reading, so preview and confirmation compute the same. */
function buildPlan(db: DbOrTx, tenant: Tenant, input: MigrationInput): Plan {
  const { from, to } = loadVersions(db, tenant, input);
  const running = runningInstances(db, tenant, from, input.definitionKey, input.fromVersion);
  const ids = running.map((r) => r.id);
  const openTasks = ids.length
    ? db
        .select({ id: workflowTasks.id, instanceId: workflowTasks.instanceId, title: workflowTasks.title, assigneeUserId: workflowTasks.assigneeUserId, assigneeRole: workflowTasks.assigneeRole })
        .from(workflowTasks)
        .where(scoped(workflowTasks, tenant, inArray(workflowTasks.instanceId, ids), eq(workflowTasks.kind, "state"), eq(workflowTasks.status, "open")))
        .orderBy(workflowTasks.id)
        .all()
    : [];
  const deadlines = ids.length
    ? db
        .select({ id: workflowDeadlines.id, instanceId: workflowDeadlines.instanceId, subjectType: workflowDeadlines.subjectType, subjectId: workflowDeadlines.subjectId, key: workflowDeadlines.key, label: workflowDeadlines.label, dueDate: workflowDeadlines.dueDate })
        .from(workflowDeadlines)
        .where(
          scoped(
            workflowDeadlines,
            tenant,
            inArray(workflowDeadlines.instanceId, ids),
            inArray(workflowDeadlines.status, ["open", "due", "overdue"]),
            like(workflowDeadlines.key, `${STATE_KEY}%`),
          ),
        )
        .orderBy(workflowDeadlines.id)
        .all()
    : [];
  const names = userNames(db, [...openTasks.map((t) => t.assigneeUserId)]);
  const today = todayIso();
  const enteredAt = `${today}T00:00:00.000Z`;
  const problems: string[] = [];
  const items: MigrationPlanItem[] = [];
  const work: ItemWork[] = [];

  const occupied = [...new Set(running.map((r) => r.state))];
  for (const state of occupied) {
    const target = input.mapping[state];
    const n = running.filter((r) => r.state === state).length;
    const label = stateOf(from, state)?.label ?? state;
    if (!target) problems.push(`Für den Status „${label}“ (${n} laufende Vorgänge) ist keine Zuordnung angegeben.`);
    else if (!stateOf(to, target)) problems.push(`Der Zielstatus „${target}“ für „${label}“ existiert in Version ${input.toVersion} nicht.`);
  }

  for (const instance of running) {
    const subject = subjectProvider(instance.subjectType)?.load(db, tenant, instance.subjectId);
    const fromLabel = stateOf(from, instance.state)?.label ?? instance.state;
    const target = stateOf(to, input.mapping[instance.state] ?? "");
    const item: MigrationPlanItem = {
      instanceId: instance.id,
      instanceVersion: instance.version,
      subjectTitle: subject?.title ?? `${instance.subjectType} ${instance.subjectId}`,
      subjectUrl: subject?.url ?? null,
      fromState: instance.state,
      fromLabel,
      toState: target?.name ?? null,
      toLabel: target?.label ?? null,
      tasks: { close: [], keep: [], open: [] },
      deadlines: { end: [], keep: [], start: [] },
    };
    items.push(item);
    if (!subject) {
      problems.push(`Der Datensatz zum Vorgang ${instance.id} („${instance.subjectType}“ Nr. ${instance.subjectId}) wurde nicht gefunden.`);
      continue;
    }
    if (!target) continue;
    const w: ItemWork = { item, instance, subject, closeTaskIds: [], keepTasks: [], openTasks: [], endDeadlineIds: [], rekeyDeadlines: [], schedule: [] };
    work.push(w);

    // Tasks: an open task whose title the new state also creates stays open (moved to its current
    // addressee); the rest close; the new state's other tasks open, unless their work is done.
    const wanted = target.tasks
      .filter((spec) => !taskDone(spec, subject, enteredAt))
      .map((spec) => ({ spec, title: stateTaskTitle(spec, subject), assignee: resolveAssignee(tenant, spec, instance.subjectType, subject) }))
      .filter((x): x is { spec: TaskSpec; title: string; assignee: Assignee } => x.assignee !== undefined);
    const mine = openTasks.filter((t) => t.instanceId === instance.id);
    const newNames = userNames(db, wanted.map((x) => x.assignee.assigneeUserId));
    for (const t of mine) {
      const keep = wanted.find((x) => x.title === t.title);
      if (keep) {
        w.keepTasks.push({ id: t.id, title: keep.title, assignee: keep.assignee });
        item.tasks.keep.push({ title: t.title, assignee: assigneeLabel(keep.assignee, newNames) });
      } else {
        w.closeTaskIds.push(t.id);
        item.tasks.close.push({ title: t.title, assignee: assigneeLabel(t, names) });
      }
    }
    for (const x of wanted) {
      if (mine.some((t) => t.title === x.title)) continue;
      w.openTasks.push(x);
      item.tasks.open.push({ title: x.title, assignee: assigneeLabel(x.assignee, newNames) });
    }

    // Deadlines: one with the same key in the new state continues (its reminders are not repeated).
    const active = deadlines.filter((d) => d.instanceId === instance.id && d.key.startsWith(`${STATE_KEY}${instance.state}:`));
    const scheduled = new Set<number>();
    for (const spec of target.deadlines) {
      const dueDate = computeDueDate(spec, subject.data, today);
      if (!dueDate) continue;
      const key = `${STATE_KEY}${target.name}:${spec.key}`;
      const label = `${spec.label}: ${subject.title}`;
      const previous = active.find((d) => d.key === `${STATE_KEY}${instance.state}:${spec.key}`);
      if (previous && !keyInUse(db, tenant, instance, key, previous.id)) {
        scheduled.add(previous.id);
        if (previous.key !== key) w.rekeyDeadlines.push({ id: previous.id, key });
        item.deadlines.keep.push({ label, dueDate, previousDueDate: previous.dueDate !== dueDate ? previous.dueDate : null });
      } else {
        item.deadlines.start.push({ label, dueDate, previousDueDate: null });
      }
      w.schedule.push({
        instanceId: instance.id,
        subjectType: instance.subjectType,
        subjectId: instance.subjectId,
        key,
        label,
        dueDate,
        remindDaysBefore: spec.remindDaysBefore,
        ...deadlineAssignee(tenant, spec, instance.subjectType, subject),
        link: subject.url,
      });
    }
    for (const d of active) {
      if (scheduled.has(d.id)) continue;
      w.endDeadlineIds.push(d.id);
      item.deadlines.end.push({ label: d.label, dueDate: d.dueDate, previousDueDate: null });
    }
  }

  const moves = new Map<string, MigrationPreview["moves"][number]>();
  for (const item of items) {
    const k = `${item.fromState}→${item.toState ?? ""}`;
    const m = moves.get(k) ?? { fromState: item.fromState, fromLabel: item.fromLabel, toState: item.toState, toLabel: item.toLabel, count: 0 };
    m.count++;
    moves.set(k, m);
  }
  const basis = {
    key: input.definitionKey,
    fromVersion: input.fromVersion,
    toVersion: input.toVersion,
    latestVersion: latestVersion(db, tenant, input.definitionKey) ?? null,
    from: storedDefinitionText(db, tenant, input.definitionKey, input.fromVersion),
    to: storedDefinitionText(db, tenant, input.definitionKey, input.toVersion),
    mapping: Object.entries(input.mapping).filter(([state]) => occupied.includes(state)).sort(([a], [b]) => a.localeCompare(b)),
    items,
    ids: work.map((w) => [w.instance.id, w.closeTaskIds, w.keepTasks.map((t) => t.id), w.endDeadlineIds, w.rekeyDeadlines]),
  };
  return {
    preview: {
      definitionKey: input.definitionKey,
      definitionName: to.name,
      fromVersion: input.fromVersion,
      toVersion: input.toVersion,
      problems,
      moves: [...moves.values()],
      items,
      fingerprint: createHash("sha256").update(JSON.stringify(basis)).digest("hex"),
    },
    work,
  };
}

/** Whether another deadline row of the subject already has the key (the unique index forbids a second). */
function keyInUse(db: DbOrTx, tenant: Tenant, instance: WorkflowInstance, key: string, exceptId: number): boolean {
  const row = db
    .select({ id: workflowDeadlines.id })
    .from(workflowDeadlines)
    .where(
      scoped(
        workflowDeadlines,
        tenant,
        eq(workflowDeadlines.subjectType, instance.subjectType),
        eq(workflowDeadlines.subjectId, instance.subjectId),
        eq(workflowDeadlines.key, key),
      ),
    )
    .get();
  return row !== undefined && row.id !== exceptId;
}

function userNames(db: DbOrTx, ids: (number | null)[]): Map<number, string> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  if (!wanted.length) return new Map();
  return new Map(db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, wanted)).all().map((u) => [u.id, u.name]));
}

function assigneeLabel(a: Assignee, names: Map<number, string>): string {
  if (a.assigneeUserId !== null) return names.get(a.assigneeUserId) ?? `Person Nr. ${a.assigneeUserId}`;
  return a.assigneeRole ? `alle mit der Rolle „${ROLE_LABELS[a.assigneeRole]}“` : "–";
}

/** What a migration would do, for the confirmation page. Reading only. */
export function previewMigration(db: DbOrTx, caller: WorkflowCaller, input: MigrationInput): MigrationPreview {
  assertCan(caller, "workflow.migrate");
  return buildPlan(db, caller, input).preview;
}

/**
 * Moves the running instances (not in a final state) of one version to another, exactly as the
 * preview with this fingerprint showed. Refused as a whole: ValidationError when a state has no
 * valid mapping, ConflictError (STALE_PREVIEW_MESSAGE) when anything changed since the preview.
 */
export function migrateInstances(tx: Tx, caller: WorkflowCaller, input: MigrationInput & { fingerprint: string }): { migrated: number } {
  assertCan(caller, "workflow.migrate");
  const { preview, work } = buildPlan(tx, caller, input);
  if (preview.problems.length) throw new ValidationError({ mapping: preview.problems }, "Die Migration wurde nicht durchgeführt.");
  if (preview.fingerprint !== input.fingerprint) throw new ConflictError(STALE_PREVIEW_MESSAGE);

  const now = new Date().toISOString();
  const completedAt = now;
  for (const w of work) {
    const { instance } = w;
    const target = input.mapping[instance.state];
    const updated = tx
      .update(workflowInstances)
      .set({ definitionVersion: input.toVersion, state: target, version: instance.version + 1, updatedAt: now })
      .where(scoped(workflowInstances, caller, eq(workflowInstances.id, instance.id), eq(workflowInstances.version, instance.version)))
      .returning()
      .get();
    if (!updated) throw new ConflictError(STALE_PREVIEW_MESSAGE);
    tx.insert(workflowHistory)
      .values(
        tenantRow(caller, {
          instanceId: instance.id,
          kind: "migration" as const,
          transitionLabel: `Migration von Version ${input.fromVersion} auf ${input.toVersion}`,
          fromState: instance.state,
          toState: target,
          instanceVersion: updated.version,
          actorUserId: caller.actor.userId,
          actorLabel: caller.actor.label,
          at: now,
        }),
      )
      .run();
    if (w.closeTaskIds.length) {
      tx.update(workflowTasks)
        .set({ status: "done", completedAt, completedBy: caller.actor.userId, version: sql`${workflowTasks.version} + 1` })
        .where(scoped(workflowTasks, caller, inArray(workflowTasks.id, w.closeTaskIds), eq(workflowTasks.status, "open")))
        .run();
    }
    for (const t of w.keepTasks) {
      tx.update(workflowTasks)
        .set({ ...t.assignee, title: t.title, link: w.subject.url, version: sql`${workflowTasks.version} + 1` })
        .where(scoped(workflowTasks, caller, eq(workflowTasks.id, t.id)))
        .run();
    }
    for (const t of w.openTasks) {
      createTask(tx, caller, {
        kind: "state",
        instanceId: instance.id,
        title: t.title,
        subjectType: instance.subjectType,
        subjectId: instance.subjectId,
        assigneeUserId: t.assignee.assigneeUserId ?? undefined,
        assigneeRole: t.assignee.assigneeRole ?? undefined,
        dueDate: t.spec.dueInDays !== undefined ? shiftDay(todayIso(), { days: t.spec.dueInDays }) : undefined,
        link: w.subject.url,
      });
    }
    closeDeadlineIds(caller, w.endDeadlineIds, "done");
    for (const r of w.rekeyDeadlines) {
      tx.update(workflowDeadlines).set({ key: r.key }).where(scoped(workflowDeadlines, caller, eq(workflowDeadlines.id, r.id))).run();
    }
    for (const d of w.schedule) scheduleDeadline(tx, caller, d);
    writeAudit(tx, {
      actor: caller.actor,
      municipalityId: caller.municipalityId,
      entity: "workflowInstance",
      entityId: instance.id,
      action: "migrate",
      changes: changedValues({ definitionVersion: input.fromVersion, state: instance.state }, { definitionVersion: input.toVersion, state: target }),
      details: {
        tasksClosed: w.item.tasks.close.length,
        tasksKept: w.item.tasks.keep.length,
        tasksOpened: w.item.tasks.open.length,
        deadlinesEnded: w.item.deadlines.end.length,
        deadlinesKept: w.item.deadlines.keep.length,
        deadlinesStarted: w.item.deadlines.start.length,
      },
      parent: { entity: instance.subjectType, id: instance.subjectId },
    });
  }
  writeAudit(tx, {
    actor: caller.actor,
    municipalityId: caller.municipalityId,
    entity: "workflowDefinition",
    entityId: input.definitionKey,
    action: "migrate",
    changes: changedValues({ definitionVersion: input.fromVersion }, { definitionVersion: input.toVersion }),
    details: { mapping: input.mapping, instances: work.map((w) => w.instance.id), fingerprint: preview.fingerprint },
  });
  return { migrated: work.length };
}

/** Running instances of a version per state, for the migration form. */
export function runningStates(db: DbOrTx, tenant: Tenant, key: string, version: number): { state: string; count: number }[] {
  const def = loadDefinition(db, tenant, key, version);
  if (!def) return [];
  const finals = new Set(def.states.filter((s) => s.kind === "final").map((s) => s.name));
  const rows = db
    .select({ state: workflowInstances.state, n: sql<number>`count(*)` })
    .from(workflowInstances)
    .where(and(scoped(workflowInstances, tenant, eq(workflowInstances.definitionKey, key), eq(workflowInstances.definitionVersion, version))))
    .groupBy(workflowInstances.state)
    .all();
  return rows.filter((r) => !finals.has(r.state)).map((r) => ({ state: r.state, count: r.n }));
}
