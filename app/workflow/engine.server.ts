import { asc, eq, inArray } from "drizzle-orm";
import { todayIso } from "../utils/calendar";
import { workflowHistory, workflowInstances } from "../../db/schema/workflow";
import { changedValues, newValues, writeAudit } from "~/utils/audit.server";
import type { DbOrTx, Tx } from "~/utils/db.server";
import { ConflictError } from "~/utils/errors";
import { ROLE_LABELS } from "~/utils/permissions";
import { type Tenant, scoped, tenantRow } from "~/utils/tenant.server";
import { type StateKind, type WorkflowDefinition, type WorkflowTransition, initialState, stateOf, transitionOf, transitionsFrom } from "./definition";
import { computeDueDate, isoDay } from "./dates";
import { finishInstanceDeadlines, scheduleDeadline } from "./deadlines.server";
import { latestVersion, loadDefinition } from "./definitions.server";
import {
  type GuardContext,
  type SubjectData,
  type WorkflowCaller,
  type WorkflowHistoryEntry,
  type WorkflowInstance,
  effectDefinition,
  guardDefinition,
  requireSubjectProvider,
  subjectProvider,
} from "./registry.server";
import { statements } from "./statements.server";
import { createStateTasks, refreshStateTasks } from "./state-tasks.server";
import { deadlineAssignee } from "./assignees.server";

/** A transition was refused by the rules (role, state, guards); reasons are German. */
export class TransitionRefusedError extends Error {
  constructor(readonly reasons: string[]) {
    super(reasons.join(" "));
    this.name = "TransitionRefusedError";
  }
}

/** The instance does not exist in the caller's Kommune (answer 404). */
export class WorkflowNotFoundError extends Error {
  constructor(message = "Der Vorgang wurde nicht gefunden.") {
    super(message);
    this.name = "WorkflowNotFoundError";
  }
}

export interface AvailableTransition {
  name: string;
  label: string;
  to: string;
  toLabel: string;
  requiresComment: boolean;
  allowed: boolean;
  reasons: string[];
}

export interface HistoryEntryView {
  id: number;
  kind: "start" | "transition" | "migration";
  transition: string | null;
  transitionLabel: string | null;
  fromState: string | null;
  fromLabel: string | null;
  toState: string;
  toLabel: string;
  instanceVersion: number;
  actorLabel: string;
  comment: string | null;
  at: string;
}

export interface WorkflowInstanceView {
  id: number;
  definitionKey: string;
  definitionVersion: number;
  definitionName: string;
  subjectType: string;
  subjectId: number;
  state: string;
  stateLabel: string;
  stateKind: StateKind;
  version: number;
  startedAt: string;
  updatedAt: string;
  history: HistoryEntryView[];
  /** Filled when a caller is given (see availableTransitions). */
  transitions: AvailableTransition[];
}

const STATE_TASK_KEY = "state:";

function requireDefinition(db: DbOrTx, tenant: Tenant, key: string, version: number): WorkflowDefinition {
  const def = loadDefinition(db, tenant, key, version);
  if (!def) throw new Error(`workflow definition ${key}@${version} not found for municipality ${tenant.municipalityId}`);
  return def;
}

function loadSubject(db: DbOrTx, tenant: Tenant, subjectType: string, subjectId: number): SubjectData {
  const subject = requireSubjectProvider(subjectType).load(db, tenant, subjectId);
  if (!subject) throw new WorkflowNotFoundError("Der Datensatz zu diesem Vorgang wurde nicht gefunden.");
  return subject;
}

function loadInstance(_db: DbOrTx, tenant: Tenant, instanceId: number): WorkflowInstance {
  const instance = statements().instanceById.get({ municipalityId: tenant.municipalityId, id: instanceId });
  if (!instance) throw new WorkflowNotFoundError();
  return instance;
}

function loadHistory(db: DbOrTx, tenant: Tenant, instanceId: number): WorkflowHistoryEntry[] {
  return db
    .select()
    .from(workflowHistory)
    .where(scoped(workflowHistory, tenant, eq(workflowHistory.instanceId, instanceId)))
    .orderBy(asc(workflowHistory.id))
    .all();
}

/**
 * A guard context whose history is read only when a guard asks for it (most guards never do, and
 * long-running instances have long histories).
 */
function guardContext(base: Omit<GuardContext, "history">, instanceId: number): GuardContext {
  let history: WorkflowHistoryEntry[] | undefined;
  return Object.defineProperty({ ...base }, "history", {
    enumerable: true,
    get: () => (history ??= loadHistory(base.tx, base.tenant, instanceId)),
  }) as GuardContext;
}

/** Runs a transition's guards; returns the German reasons of those that refuse. */
function guardReasons(ctx: GuardContext): string[] {
  if (ctx.subject.lockedReason) return [ctx.subject.lockedReason];
  const refusal = subjectProvider(ctx.instance.subjectType)?.refuseCaller?.(ctx.tx, ctx.caller, ctx.instance.subjectId);
  if (refusal) return [refusal];
  const reasons: string[] = [];
  for (const call of ctx.transition.guards) {
    const guard = guardDefinition(call.name);
    if (!guard) {
      reasons.push(`Die Bedingung „${call.name}“ ist nicht verfügbar.`);
      continue;
    }
    const result = guard.check(ctx, guard.params.parse(call.params));
    if (result !== true) reasons.push(result);
  }
  return reasons;
}

/** Tasks and deadlines of a state, created when an instance enters it. */
function enterState(tx: Tx, tenant: Tenant, def: WorkflowDefinition, instance: WorkflowInstance, subject: SubjectData): void {
  const state = stateOf(def, instance.state);
  if (!state) return;
  createStateTasks(tx, tenant, state, instance, subject);
  scheduleStateDeadlines(tx, tenant, def, instance, subject, isoDay(instance.updatedAt) ?? todayIso());
}

function scheduleStateDeadlines(
  tx: Tx,
  tenant: Tenant,
  def: WorkflowDefinition,
  instance: WorkflowInstance,
  subject: SubjectData,
  enteredOn: string,
): void {
  const state = stateOf(def, instance.state);
  if (!state) return;
  for (const spec of state.deadlines) {
    const key = `${STATE_TASK_KEY}${state.name}:${spec.key}`;
    const dueDate = computeDueDate(spec, subject.data, enteredOn);
    if (!dueDate) {
      // The date field is empty (again): no deadline until the subject has the date.
      finishInstanceDeadlines(tenant, instance.id, key);
      continue;
    }
    scheduleDeadline(tx, tenant, {
      instanceId: instance.id,
      subjectType: instance.subjectType,
      subjectId: instance.subjectId,
      key,
      label: `${spec.label}: ${subject.title}`,
      dueDate,
      remindDaysBefore: spec.remindDaysBefore,
      ...deadlineAssignee(tenant, spec, instance.subjectType, subject),
      link: subject.url,
    });
  }
}

/** Leaving a state closes its open tasks and ends its deadlines. */
function leaveState(tx: Tx, tenant: Tenant, instance: WorkflowInstance, completedBy: number | null): void {
  const s = statements();
  s.completeStateTasks.run({ municipalityId: tenant.municipalityId, instanceId: instance.id, completedAt: new Date().toISOString(), completedBy });
  finishInstanceDeadlines(tenant, instance.id, `${STATE_TASK_KEY}${instance.state}:`);
}

/** Starts the subject's workflow on the Kommune's latest version of the definition. */
export function startWorkflow(
  tx: Tx,
  caller: WorkflowCaller,
  input: { definitionKey: string; subjectType: string; subjectId: number },
): WorkflowInstance {
  const version = latestVersion(tx, caller, input.definitionKey);
  if (version === undefined) throw new Error(`unknown workflow definition ${input.definitionKey}`);
  const def = requireDefinition(tx, caller, input.definitionKey, version);
  if (def.subjectType !== input.subjectType) {
    throw new Error(`definition ${def.key} is for ${def.subjectType}, not ${input.subjectType}`);
  }
  const subject = loadSubject(tx, caller, input.subjectType, input.subjectId);
  const initial = initialState(def);
  const now = new Date().toISOString();
  const instance = tx
    .insert(workflowInstances)
    .values(
      tenantRow(caller, {
        definitionKey: def.key,
        definitionVersion: version,
        subjectType: input.subjectType,
        subjectId: input.subjectId,
        state: initial.name,
        startedAt: now,
        updatedAt: now,
      }),
    )
    .returning()
    .get();
  tx.insert(workflowHistory)
    .values(
      tenantRow(caller, {
        instanceId: instance.id,
        kind: "start" as const,
        toState: initial.name,
        instanceVersion: instance.version,
        actorUserId: caller.actor.userId,
        actorLabel: caller.actor.label,
        at: now,
      }),
    )
    .run();
  writeAudit(tx, {
    actor: caller.actor,
    municipalityId: caller.municipalityId,
    entity: "workflowInstance",
    entityId: instance.id,
    action: "start",
    changes: newValues({ state: initial.name }),
    details: { definition: def.name },
    parent: { entity: input.subjectType, id: input.subjectId },
  });
  enterState(tx, caller, def, instance, subject);
  return instance;
}

function roleLabel(caller: WorkflowCaller): string {
  return caller.role ? `„${ROLE_LABELS[caller.role]}“` : "(keine Rolle)";
}

/** Why the caller may not fire this transition now, before guards (state, role). */
function basicRefusals(def: WorkflowDefinition, instance: WorkflowInstance, t: WorkflowTransition | undefined, name: string, caller: WorkflowCaller): string[] {
  if (!t) return [`Den Schritt „${name}“ gibt es im Ablauf „${def.name}“ nicht.`];
  const state = stateOf(def, instance.state);
  if (!t.from.includes(instance.state)) {
    return [`Der Schritt „${t.label}“ ist im Status „${state?.label ?? instance.state}“ nicht möglich.`];
  }
  if (!caller.role || !t.roles.includes(caller.role)) {
    return [`Ihre Rolle ${roleLabel(caller)} darf den Schritt „${t.label}“ nicht ausführen.`];
  }
  return [];
}

/** The transitions the caller's role may fire from the current state, each with its guard result. */
export function availableTransitions(db: DbOrTx, caller: WorkflowCaller, instanceId: number): AvailableTransition[] {
  const instance = loadInstance(db, caller, instanceId);
  const def = requireDefinition(db, caller, instance.definitionKey, instance.definitionVersion);
  return transitionsFor(db, caller, def, instance);
}

function transitionsFor(db: DbOrTx, caller: WorkflowCaller, def: WorkflowDefinition, instance: WorkflowInstance): AvailableTransition[] {
  const candidates = transitionsFrom(def, instance.state).filter((t) => caller.role && t.roles.includes(caller.role));
  if (!candidates.length) return [];
  const subject = loadSubject(db, caller, instance.subjectType, instance.subjectId);
  const ctx = guardContext({ tx: db, tenant: caller, caller, instance, subject, transition: candidates[0] }, instance.id);
  return candidates.map((t) => {
    ctx.transition = t;
    const reasons = guardReasons(ctx);
    return {
      name: t.name,
      label: t.label,
      to: t.to,
      toLabel: stateOf(def, t.to)?.label ?? t.to,
      requiresComment: t.requiresComment,
      allowed: reasons.length === 0,
      reasons,
    };
  });
}

/**
 * Fires a transition: checks version, state, role, comment and guards, then changes the state and
 * writes history, audit, tasks, deadlines and effects in the caller's transaction.
 */
export function fireTransition(
  tx: Tx,
  caller: WorkflowCaller,
  input: { instanceId: number; transition: string; expectedVersion: number; comment?: string },
): WorkflowInstance {
  const instance = loadInstance(tx, caller, input.instanceId);
  const def = requireDefinition(tx, caller, instance.definitionKey, instance.definitionVersion);
  if (instance.version !== input.expectedVersion) throw conflict(def, instance);
  const t = transitionOf(def, input.transition);
  const refusals = basicRefusals(def, instance, t, input.transition, caller);
  if (refusals.length) throw new TransitionRefusedError(refusals);
  const transition = t!;
  const comment = input.comment?.trim() || null;
  if (transition.requiresComment && !comment) {
    throw new TransitionRefusedError([`Bitte begründen Sie den Schritt „${transition.label}“ im Kommentarfeld.`]);
  }
  const subject = loadSubject(tx, caller, instance.subjectType, instance.subjectId);
  const ctx = guardContext({ tx, tenant: caller, caller, instance, subject, transition }, instance.id);
  const reasons = guardReasons(ctx);
  if (reasons.length) throw new TransitionRefusedError(reasons);

  const now = new Date().toISOString();
  const s = statements();
  const updated = s.updateInstanceState.get({
    municipalityId: caller.municipalityId,
    id: instance.id,
    expectedVersion: input.expectedVersion,
    state: transition.to,
    version: instance.version + 1,
    updatedAt: now,
  });
  if (!updated) throw conflict(def, instance);
  s.insertHistory.run({
    municipalityId: caller.municipalityId,
    instanceId: instance.id,
    kind: "transition",
    transition: transition.name,
    transitionLabel: transition.label,
    fromState: instance.state,
    toState: transition.to,
    instanceVersion: updated.version,
    actorUserId: caller.actor.userId,
    actorLabel: caller.actor.label,
    comment,
    at: now,
  });
  writeAudit(tx, {
    actor: caller.actor,
    municipalityId: caller.municipalityId,
    entity: "workflowInstance",
    entityId: instance.id,
    action: "transition",
    changes: changedValues({ state: instance.state }, { state: transition.to }),
    details: { transition: transition.label, comment },
    parent: { entity: instance.subjectType, id: instance.subjectId },
  });
  leaveState(tx, caller, instance, caller.actor.userId);
  enterState(tx, caller, def, updated, subject);
  for (const call of transition.effects) {
    const effect = effectDefinition(call.name);
    if (!effect) throw new Error(`workflow effect ${call.name} is not registered`);
    // Effects see the history before this transition, like the guards did.
    effect.run({ tx, tenant: caller, caller, instance: updated, subject, transition, history: ctx.history, comment }, effect.params.parse(call.params));
  }
  return updated;
}

function conflict(def: WorkflowDefinition, instance: WorkflowInstance): ConflictError {
  const current = loadStateLabel(def, instance.state);
  return new ConflictError(
    `Dieser Vorgang wurde inzwischen von jemand anderem weitergeführt (aktueller Status: „${current}“). Bitte laden Sie die Seite neu und prüfen Sie, ob der Schritt noch nötig ist.`,
  );
}

function loadStateLabel(def: WorkflowDefinition, state: string): string {
  return stateOf(def, state)?.label ?? state;
}

/**
 * After the subject changed: recomputes the current state's deadlines (dates), closes its tasks
 * whose work is done and moves the others to the current holder of their subject role.
 */
export function refreshWorkflow(tx: Tx, tenant: Tenant, instanceId: number): void {
  const instance = loadInstance(tx, tenant, instanceId);
  const def = requireDefinition(tx, tenant, instance.definitionKey, instance.definitionVersion);
  const subject = loadSubject(tx, tenant, instance.subjectType, instance.subjectId);
  const state = stateOf(def, instance.state);
  if (state) refreshStateTasks(tx, tenant, state, instance, subject);
  scheduleStateDeadlines(tx, tenant, def, instance, subject, isoDay(instance.updatedAt) ?? todayIso());
}

/** refreshWorkflow for a subject; nothing happens when it has no workflow. */
export function refreshSubjectWorkflow(tx: Tx, tenant: Tenant, subjectType: string, subjectId: number): void {
  const instance = tx
    .select({ id: workflowInstances.id })
    .from(workflowInstances)
    .where(scoped(workflowInstances, tenant, eq(workflowInstances.subjectType, subjectType), eq(workflowInstances.subjectId, subjectId)))
    .get();
  if (instance) refreshWorkflow(tx, tenant, instance.id);
}

function historyView(rows: WorkflowHistoryEntry[], labelFor: (state: string) => string): HistoryEntryView[] {
  return rows.map((h) => ({
    id: h.id,
    kind: h.kind,
    transition: h.transition,
    transitionLabel: h.transitionLabel,
    fromState: h.fromState,
    fromLabel: h.fromState ? labelFor(h.fromState) : null,
    toState: h.toState,
    toLabel: labelFor(h.toState),
    instanceVersion: h.instanceVersion,
    actorLabel: h.actorLabel,
    comment: h.comment,
    at: h.at,
  }));
}

export function instanceView(db: DbOrTx, tenant: Tenant, instance: WorkflowInstance, caller?: WorkflowCaller): WorkflowInstanceView {
  const def = requireDefinition(db, tenant, instance.definitionKey, instance.definitionVersion);
  const state = stateOf(def, instance.state);
  // History may hold states of an earlier version (before a migration): fall back to the name.
  const labelFor = (name: string) => stateOf(def, name)?.label ?? name;
  return {
    id: instance.id,
    definitionKey: instance.definitionKey,
    definitionVersion: instance.definitionVersion,
    definitionName: def.name,
    subjectType: instance.subjectType,
    subjectId: instance.subjectId,
    state: instance.state,
    stateLabel: state?.label ?? instance.state,
    stateKind: state?.kind ?? "active",
    version: instance.version,
    startedAt: instance.startedAt,
    updatedAt: instance.updatedAt,
    history: historyView(loadHistory(db, tenant, instance.id), labelFor),
    transitions: caller ? transitionsFor(db, caller, def, instance) : [],
  };
}

/** The subject's workflow, or undefined when none was started. With a caller, includes its transitions. */
export function getWorkflow(db: DbOrTx, tenant: Tenant, subjectType: string, subjectId: number, caller?: WorkflowCaller): WorkflowInstanceView | undefined {
  const instance = db
    .select()
    .from(workflowInstances)
    .where(scoped(workflowInstances, tenant, eq(workflowInstances.subjectType, subjectType), eq(workflowInstances.subjectId, subjectId)))
    .get();
  return instance ? instanceView(db, tenant, instance, caller) : undefined;
}

/** Current states of many subjects at once (for lists): subjectId → { state, stateLabel }. */
export function workflowStates(
  db: DbOrTx,
  tenant: Tenant,
  subjectType: string,
  subjectIds?: number[],
): Map<number, { instanceId: number; state: string; stateLabel: string; stateKind: StateKind }> {
  const rows = db
    .select({ id: workflowInstances.id, subjectId: workflowInstances.subjectId, state: workflowInstances.state, key: workflowInstances.definitionKey, version: workflowInstances.definitionVersion })
    .from(workflowInstances)
    .where(
      scoped(
        workflowInstances,
        tenant,
        eq(workflowInstances.subjectType, subjectType),
        subjectIds ? inArray(workflowInstances.subjectId, subjectIds) : undefined,
      ),
    )
    .all();
  const result = new Map<number, { instanceId: number; state: string; stateLabel: string; stateKind: StateKind }>();
  for (const r of rows) {
    const s = loadDefinition(db, tenant, r.key, r.version)?.states.find((x) => x.name === r.state);
    result.set(r.subjectId, { instanceId: r.id, state: r.state, stateLabel: s?.label ?? r.state, stateKind: s?.kind ?? "active" });
  }
  return result;
}
