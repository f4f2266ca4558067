/**
 * The workflow engine's public server API. Areas import only from here (and from
 * ./components.tsx for the UI); the engine knows nothing about projects, trainings or funding.
 */
import { registerJob } from "~/utils/jobs.server";
import { type DbOrTx, getDb } from "~/utils/db.server";
import { and, eq, inArray } from "drizzle-orm";
import { workflowInstances } from "../../db/schema/workflow";
import { type Tenant, type TenantTable, scoped } from "~/utils/tenant.server";
import { registerBuiltins } from "./builtins.server";
import type { StateKind } from "./definition";
import { scanDeadlines } from "./deadlines.server";
import { latestVersion, loadDefinition } from "./definitions.server";
import { BUILT_IN_DEFINITIONS as BUILT_INS } from "./definitions";
import type { DiagramData } from "./diagram";
import { diagramFor } from "./diagram.server";
import { type WorkflowInstanceView, getWorkflow } from "./engine.server";
import type { WorkflowCaller } from "./registry.server";

export type {
  EffectContext,
  GuardContext,
  SubjectData,
  SubjectProvider,
  SubjectRole,
  DerivedTask,
  TaskSource,
  WorkflowCaller,
  WorkflowHistoryEntry,
  WorkflowInstance,
} from "./registry.server";
export type { SubjectRequirement, TransitionRequirement } from "./registry.server";
export {
  registerEffect,
  registerGuard,
  registerSubject,
  registerTaskSource,
  registeredEffectNames,
  registeredGuardNames,
  registeredSubjectTypes,
  requireSubjectProvider,
} from "./registry.server";
export type { AvailableTransition, HistoryEntryView, WorkflowInstanceView } from "./engine.server";
export type { MigrationInput, MigrationPlanItem, MigrationPreview } from "./migration.server";
export { STALE_PREVIEW_MESSAGE, migrateInstances, previewMigration, runningStates } from "./migration.server";
export {
  TransitionRefusedError,
  WorkflowNotFoundError,
  availableTransitions,
  fireTransition,
  getWorkflow,
  refreshSubjectWorkflow,
  refreshWorkflow,
  startWorkflow,
  workflowStates,
} from "./engine.server";
import { logger } from "../utils/logger.server";
export type { DeadlineFilter, DeadlineView, ScanResult, ScheduleDeadlineInput } from "./deadlines.server";
export { cancelDeadlines, listDeadlines, scanDeadlines, scheduleDeadline } from "./deadlines.server";
export type { CreateTaskInput, NotificationView, TaskView } from "./tasks.server";
export { completeTasks, createTask, notify } from "./tasks.server";
export type { Assignee, AssigneeSpec } from "./assignees.server";
export { resolveAssignee } from "./assignees.server";
export type { WorkflowDefinition, WorkflowDefinitionInput, StateKind } from "./definition";
export { BUILT_IN_DEFINITIONS } from "./definitions";
export type { DiagramData } from "./diagram";

/** Everything <WorkflowPanel> needs; null when the subject has no workflow. */
export interface WorkflowPanelData {
  workflow: WorkflowInstanceView;
  diagram: DiagramData;
  states: { name: string; label: string; kind: StateKind }[];
}

export function getWorkflowPanelData(db: DbOrTx, caller: WorkflowCaller, subjectType: string, subjectId: number): WorkflowPanelData | null {
  const workflow = getWorkflow(db, caller, subjectType, subjectId, caller);
  if (!workflow) return null;
  const def = loadDefinition(db, caller, workflow.definitionKey, workflow.definitionVersion)!;
  return { workflow, diagram: diagramFor(def), states: def.states.map((s) => ({ name: s.name, label: s.label, kind: s.kind })) };
}

/**
 * The states of every definition version a subject type's instances run on in this Kommune, plus
 * the version new instances start on: for status filters and sort orders that must match
 * Kommune-deployed definitions. Ordered by the newest version's state order; a state name keeps
 * the label of the newest version that has it.
 */
/** Join condition from a subject's table (a project, a funding application …) to its workflow instance. */
export function subjectInstanceJoin(subjectTable: TenantTable, subjectType: string) {
  return and(
    eq(workflowInstances.municipalityId, subjectTable.municipalityId),
    eq(workflowInstances.subjectType, subjectType),
    eq(workflowInstances.subjectId, subjectTable.id),
  );
}

export function subjectTypeStates(db: DbOrTx, tenant: Tenant, subjectType: string): { name: string; label: string; kind: StateKind }[] {
  const used = db
    .selectDistinct({ key: workflowInstances.definitionKey, version: workflowInstances.definitionVersion })
    .from(workflowInstances)
    .where(scoped(workflowInstances, tenant, eq(workflowInstances.subjectType, subjectType)))
    .all();
  const keys = new Set([...used.map((u) => u.key), ...BUILT_INS.filter((d) => d.subjectType === subjectType).map((d) => d.key)]);
  const versions = [...used];
  for (const key of keys) {
    const latest = latestVersion(db, tenant, key);
    if (latest !== undefined && !versions.some((v) => v.key === key && v.version === latest)) versions.push({ key, version: latest });
  }
  versions.sort((a, b) => b.version - a.version);
  const states = new Map<string, { name: string; label: string; kind: StateKind }>();
  for (const v of versions) {
    for (const s of loadDefinition(db, tenant, v.key, v.version)?.states ?? []) {
      if (!states.has(s.name)) states.set(s.name, { name: s.name, label: s.label, kind: s.kind });
    }
  }
  return [...states.values()];
}

/** The definition name and state labels of instances, for naming them in the audit log. */
export function instanceLabels(db: DbOrTx, tenant: Tenant, instanceIds: number[]): Map<number, { name: string; states: Map<string, string> }> {
  const result = new Map<number, { name: string; states: Map<string, string> }>();
  if (instanceIds.length === 0) return result;
  const rows = db
    .select({ id: workflowInstances.id, key: workflowInstances.definitionKey, version: workflowInstances.definitionVersion })
    .from(workflowInstances)
    .where(scoped(workflowInstances, tenant, inArray(workflowInstances.id, instanceIds)))
    .all();
  const byVersion = new Map<string, { name: string; states: Map<string, string> } | undefined>();
  for (const row of rows) {
    const key = `${row.key}@${row.version}`;
    if (!byVersion.has(key)) {
      const def = loadDefinition(db, tenant, row.key, row.version);
      byVersion.set(key, def && { name: def.name, states: new Map(def.states.map((s) => [s.name, s.label])) });
    }
    const labels = byVersion.get(key);
    if (labels) result.set(row.id, labels);
  }
  return result;
}

/** Marks due and overdue deadlines and creates reminder tasks; runs at boot (catch-up) and every 15 minutes. */
export const DEADLINE_SCAN_JOB = {
  name: "workflow-deadline-scan",
  intervalMs: 15 * 60 * 1000,
  run: () => {
    const result = scanDeadlines(getDb());
    if (result.reminded || result.overdue) {
      logger.info({ job: "workflow.deadlines", reminded: result.reminded, overdue: result.overdue }, "deadline scan");
    }
  },
};

/** The engine's own registrations: the generic guards and effects, and the deadline scan. Idempotent. */
export function registerWorkflowEngine(): void {
  registerBuiltins();
  registerJob(DEADLINE_SCAN_JOB);
}

