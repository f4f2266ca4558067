import { and, eq, like, sql } from "drizzle-orm";
import { shiftDay, todayIso } from "../utils/calendar";
import { workflowTasks } from "../../db/schema/workflow";
import type { Tx } from "~/utils/db.server";
import { type Tenant, scoped } from "~/utils/tenant.server";
import type { TaskSpec, WorkflowState } from "./definition";
import { resolveAssignee } from "./assignees.server";
import type { SubjectData, WorkflowInstance } from "./registry.server";
import { completeTasksWhere, createTask } from "./tasks.server";
import { mailTask } from "./task-mails.server";

/** The work is done: every doneWhen field is set (after the state was entered, where asked). */
export function taskDone(spec: TaskSpec, subject: SubjectData, enteredAt: string): boolean {
  if (!spec.doneWhen.length) return false;
  return spec.doneWhen.every((c) => {
    const value = subject.data[c.field];
    if (value === null || value === undefined || value === false || value === "") return false;
    return !c.sinceEntered || String(value) >= enteredAt;
  });
}

/** A state task's stored title names its subject, so lists need no lookup. */
export function stateTaskTitle(spec: TaskSpec, subject: SubjectData): string {
  return `${spec.title}: ${subject.title}`;
}

/** Creates the state's tasks when an instance enters it (unless their work is already done). */
export function createStateTasks(tx: Tx, tenant: Tenant, state: WorkflowState, instance: WorkflowInstance, subject: SubjectData): void {
  const today = todayIso();
  for (const spec of state.tasks) {
    const assignee = resolveAssignee(tenant, spec, instance.subjectType, subject);
    if (!assignee || taskDone(spec, subject, instance.updatedAt)) continue;
    createTask(tx, tenant, {
      kind: "state",
      instanceId: instance.id,
      title: stateTaskTitle(spec, subject),
      subjectType: instance.subjectType,
      subjectId: instance.subjectId,
      assigneeUserId: assignee.assigneeUserId ?? undefined,
      assigneeRole: assignee.assigneeRole ?? undefined,
      dueDate: spec.dueInDays !== undefined ? shiftDay(today, { days: spec.dueInDays }) : undefined,
      link: subject.url,
    });
  }
}

/**
 * After the subject changed: closes the state's open tasks whose work is now done, and moves the
 * others to whoever holds the subject role now (a new project lead), with the current title.
 */
export function refreshStateTasks(tx: Tx, tenant: Tenant, state: WorkflowState, instance: WorkflowInstance, subject: SubjectData): void {
  for (const spec of state.tasks) {
    const ofSpec = and(
      eq(workflowTasks.instanceId, instance.id),
      eq(workflowTasks.kind, "state"),
      like(workflowTasks.title, `${spec.title.replace(/[%_]/g, "")}: %`),
    )!;
    if (taskDone(spec, subject, instance.updatedAt)) {
      completeTasksWhere(tx, tenant, ofSpec, null);
      continue;
    }
    const assignee = resolveAssignee(tenant, spec, instance.subjectType, subject);
    if (!assignee) continue;
    const moved = tx
      .update(workflowTasks)
      .set({ ...assignee, title: stateTaskTitle(spec, subject), link: subject.url })
      .where(
        scoped(
          workflowTasks,
          tenant,
          eq(workflowTasks.status, "open"),
          ofSpec,
          // Only rows that change hands are mailed: a refresh without a new person sends nothing.
          assignee.assigneeUserId == null ? undefined : sql`${workflowTasks.assigneeUserId} IS NOT ${assignee.assigneeUserId}`,
        ),
      )
      .returning({ kind: workflowTasks.kind, title: workflowTasks.title, assigneeUserId: workflowTasks.assigneeUserId, dueDate: workflowTasks.dueDate, link: workflowTasks.link })
      .all();
    for (const task of moved) mailTask(tx, tenant, task);
    if (assignee.assigneeUserId == null) continue;
    // Same person: keep title and link current.
    tx.update(workflowTasks)
      .set({ ...assignee, title: stateTaskTitle(spec, subject), link: subject.url })
      .where(scoped(workflowTasks, tenant, eq(workflowTasks.status, "open"), ofSpec))
      .run();
  }
}
