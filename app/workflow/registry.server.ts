import type { ZodType } from "zod";
import type { workflowHistory, workflowInstances } from "../../db/schema/workflow";
import type { Role } from "../../db/schema/org";
import type { AreaCaller } from "~/utils/caller.server";
import type { DbOrTx, Tx } from "~/utils/db.server";
import type { Tenant } from "~/utils/tenant.server";
import type { SubjectRequirement } from "./contract";
import type { WorkflowTransition } from "./definition";

export type { SubjectRequirement, TransitionRequirement } from "./contract";

/** Who fires transitions: AppContext satisfies this; background jobs use role null. */
export type WorkflowCaller = AreaCaller;

export type WorkflowInstance = typeof workflowInstances.$inferSelect;
export type WorkflowHistoryEntry = typeof workflowHistory.$inferSelect;

export interface SubjectData {
  title: string;
  url: string;
  data: Record<string, unknown>;
  /**
   * Set when the record may not move on (e.g. an archived project): German reason shown instead
   * of the transitions; the engine refuses every transition while it is set.
   */
  lockedReason?: string | null;
}

/** A person the subject names, e.g. the project's lead; definitions address it as `assignee.subjectRole`. */
export interface SubjectRole {
  /** German, e.g. "Projektleitung des Projekts". */
  label: string;
  /** The person's user id, or null when nobody with an account holds the role (the task's role takes over). */
  userId(subject: SubjectData): number | null;
}

export interface SubjectProvider {
  /** German, e.g. "Projekt". */
  label: string;
  subjectRoles?: Record<string, SubjectRole>;
  load(db: DbOrTx, tenant: Tenant, subjectId: number): SubjectData | undefined;
  /**
   * Row level on top of the transition's roles: the German reason why this caller may not move this
   * subject at all (a project lead on a project it neither leads nor works on), else null.
   */
  refuseCaller?(db: DbOrTx, caller: WorkflowCaller, subjectId: number): string | null;
  /**
   * What the area's code relies on in every definition version of this subject type (states it
   * names, steps it fires, a guard a step must keep). Deploying a version that lacks any of it is
   * refused with the German reason given here.
   */
  requires?: readonly SubjectRequirement[];
}

export interface GuardContext {
  tx: DbOrTx;
  tenant: Tenant;
  caller: WorkflowCaller;
  instance: WorkflowInstance;
  subject: SubjectData;
  transition: WorkflowTransition;
  history: WorkflowHistoryEntry[];
}

export interface EffectContext extends GuardContext {
  tx: Tx;
  /** The instance after the state change. */
  instance: WorkflowInstance;
  /** The comment the person gave with the transition, if any. */
  comment: string | null;
}

export interface GuardDefinition<P> {
  params: ZodType<P>;
  /** German name for the form editor's choice, e.g. "Vier-Augen-Prinzip". */
  label?: string;
  /** German labels of the values the parameters offer (enum options), for the form editor. */
  optionLabels?: Record<string, string>;
  /** German description for the definition pages, e.g. "Vier-Augen-Prinzip gegenüber …". */
  describe: (params: P) => string;
  /** true, or the German reason why the transition is refused. */
  check(ctx: GuardContext, params: P): true | string;
  /** Transition names the parameters refer to; deployment refuses a definition that lacks one. */
  transitionRefs?: (params: P) => string[];
}

export interface EffectDefinition<P> {
  params: ZodType<P>;
  /** German name for the form editor's choice. */
  label?: string;
  /** German labels of the values the parameters offer (enum options), for the form editor. */
  optionLabels?: Record<string, string>;
  describe?: (params: P) => string;
  run(ctx: EffectContext, params: P): void;
}

/**
 * A task derived from an area's current data (e.g. a drawdown whose payment has not been recorded):
 * it is listed while the data says the work is open and disappears when it is done, so no row can
 * go stale.
 */
export interface DerivedTask {
  title: string;
  assigneeRole: Role;
  subjectType: string;
  subjectId: number;
  link: string;
  dueDate?: string | null;
}

export type TaskSource = (db: DbOrTx, tenant: Tenant, today: string) => DerivedTask[];

const subjects = new Map<string, SubjectProvider>();
const taskSources = new Map<string, TaskSource>();

export function registerTaskSource(name: string, source: TaskSource): void {
  taskSources.set(name, source);
}

export function registeredTaskSources(): TaskSource[] {
  return [...taskSources.values()];
}
const guards = new Map<string, GuardDefinition<unknown>>();
const effects = new Map<string, EffectDefinition<unknown>>();

export function registerSubject(subjectType: string, provider: SubjectProvider): void {
  subjects.set(subjectType, provider);
}

export function registerGuard<P>(name: string, def: GuardDefinition<P>): void {
  guards.set(name, def as GuardDefinition<unknown>);
}

export function registerEffect<P>(name: string, def: EffectDefinition<P>): void {
  effects.set(name, def as EffectDefinition<unknown>);
}

export function subjectProvider(subjectType: string): SubjectProvider | undefined {
  return subjects.get(subjectType);
}

/** The provider an instance needs; a missing one is a start-up mistake, named as such in the log. */
export function requireSubjectProvider(subjectType: string): SubjectProvider {
  const provider = subjects.get(subjectType);
  if (provider) return provider;
  const hint = subjects.size === 0 ? "no subject type is registered at all: registerAll() (app/areas/registrations.server.ts) was not called" : `registered: ${[...subjects.keys()].join(", ")}`;
  throw new Error(`workflow subject type ${subjectType} is not registered (${hint})`);
}

export function guardDefinition(name: string): GuardDefinition<unknown> | undefined {
  return guards.get(name);
}

export function effectDefinition(name: string): EffectDefinition<unknown> | undefined {
  return effects.get(name);
}

export function registeredGuardNames(): string[] {
  return [...guards.keys()].sort();
}

export function registeredEffectNames(): string[] {
  return [...effects.keys()].sort();
}

export function registeredSubjectTypes(): { subjectType: string; label: string }[] {
  return [...subjects.entries()].map(([subjectType, p]) => ({ subjectType, label: p.label }));
}
