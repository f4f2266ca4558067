import { type SQL, asc, eq, isNull, like, sql } from "drizzle-orm";
import { workflowNotifications, workflowTasks } from "../../db/schema/workflow";
import type { Role } from "../../db/schema/org";
import { changedValues, writeAudit } from "~/utils/audit.server";
import type { DbOrTx, Tx } from "~/utils/db.server";
import { ConflictError } from "~/utils/errors";
import { todayIso } from "~/utils/format";
import { type Tenant, scoped, tenantRow, updateVersioned } from "~/utils/tenant.server";
import type { WorkflowCaller } from "./registry.server";
import { statements } from "./statements.server";
import { mailTask } from "./task-mails.server";
import { myTaskCondition } from "./task-list.server";
import { assertCan } from "~/utils/permissions";

export interface CreateTaskInput {
  title: string;
  subjectType?: string;
  subjectId?: number;
  assigneeRole?: Role;
  assigneeUserId?: number;
  dueDate?: string;
  link?: string;
}

/** Creates an open task for a role or a person; returns its id. */
export function createTask(tx: Tx, tenant: Tenant, input: CreateTaskInput & { kind?: "state" | "manual"; instanceId?: number }): number {
  if (!input.assigneeRole && !input.assigneeUserId) throw new Error("createTask needs assigneeRole or assigneeUserId");
  const row = statements().insertTask.get({
    municipalityId: tenant.municipalityId,
    kind: input.kind ?? "manual",
    title: input.title,
    subjectType: input.subjectType ?? null,
    subjectId: input.subjectId ?? null,
    instanceId: input.instanceId ?? null,
    assigneeRole: input.assigneeRole ?? null,
    assigneeUserId: input.assigneeUserId ?? null,
    dueDate: input.dueDate ?? null,
    link: input.link ?? null,
  })!;
  mailTask(tx, tenant, {
    kind: input.kind ?? "manual",
    title: input.title,
    assigneeUserId: input.assigneeUserId ?? null,
    dueDate: input.dueDate ?? null,
    link: input.link ?? null,
  });
  return row.id;
}

/** Marks a subject's open tasks done (optionally only those whose title starts with a prefix). */
export function completeTasks(
  tx: Tx,
  tenant: Tenant,
  filter: { subjectType: string; subjectId: number; titlePrefix?: string },
  completedBy?: number | null,
): void {
  tx.update(workflowTasks)
    .set({ status: "done", completedAt: new Date().toISOString(), completedBy: completedBy ?? null, version: sql`${workflowTasks.version} + 1` })
    .where(
      scoped(
        workflowTasks,
        tenant,
        eq(workflowTasks.subjectType, filter.subjectType),
        eq(workflowTasks.subjectId, filter.subjectId),
        eq(workflowTasks.status, "open"),
        filter.titlePrefix ? like(workflowTasks.title, `${filter.titlePrefix.replace(/[%_]/g, "")}%`) : undefined,
      ),
    )
    .run();
}

/** Internal: marks tasks done that match engine conditions (state tasks of an instance, reminders of deadlines). */
export function completeTasksWhere(tx: Tx, tenant: Tenant, condition: SQL, completedBy: number | null): void {
  tx.update(workflowTasks)
    .set({ status: "done", completedAt: new Date().toISOString(), completedBy, version: sql`${workflowTasks.version} + 1` })
    .where(scoped(workflowTasks, tenant, eq(workflowTasks.status, "open"), condition))
    .run();
}

export function notify(tx: Tx, tenant: Tenant, input: { userId: number; message: string; link?: string }): void {
  tx.insert(workflowNotifications)
    .values(tenantRow(tenant, { userId: input.userId, message: input.message, link: input.link ?? null }))
    .run();
}

export interface TaskView {
  id: number;
  kind: string;
  title: string;
  subjectType: string | null;
  subjectId: number | null;
  assigneeRole: Role | null;
  assigneeUserId: number | null;
  dueDate: string | null;
  link: string | null;
  createdAt: string;
  version: number;
}

/** Tasks addressed to this person, to someone they stand in for, or (not to a person) to a role they see. */
function myTasksCondition(db: DbOrTx, caller: WorkflowCaller) {
  return myTaskCondition(db, caller, caller.actor.userId ?? -1, caller.role, todayIso());
}

/** Open tasks of the caller in the current Kommune, the earliest due first (undated last). */
export function listMyTasks(db: DbOrTx, caller: WorkflowCaller): TaskView[] {
  return db
    .select({
      id: workflowTasks.id,
      kind: workflowTasks.kind,
      title: workflowTasks.title,
      subjectType: workflowTasks.subjectType,
      subjectId: workflowTasks.subjectId,
      assigneeRole: workflowTasks.assigneeRole,
      assigneeUserId: workflowTasks.assigneeUserId,
      dueDate: workflowTasks.dueDate,
      link: workflowTasks.link,
      createdAt: workflowTasks.createdAt,
      version: workflowTasks.version,
    })
    .from(workflowTasks)
    .where(scoped(workflowTasks, caller, eq(workflowTasks.status, "open"), myTasksCondition(db, caller)))
    .orderBy(sql`${workflowTasks.dueDate} IS NULL`, asc(workflowTasks.dueDate), asc(workflowTasks.id))
    .all();
}

/** "Erledigt" on Meine Aufgaben: only the caller's own open tasks, with optimistic concurrency. */
export function completeMyTask(tx: Tx, caller: WorkflowCaller, taskId: number, expectedVersion: number): boolean {
  assertCan(caller, "task.view");
  const task = tx
    .select()
    .from(workflowTasks)
    .where(scoped(workflowTasks, caller, eq(workflowTasks.id, taskId), myTasksCondition(tx, caller)))
    .get();
  if (!task) return false;
  if (task.status !== "open") throw new ConflictError("Diese Aufgabe wurde bereits erledigt.");
  updateVersioned(tx, workflowTasks, caller, taskId, expectedVersion, {
    status: "done",
    completedAt: new Date().toISOString(),
    completedBy: caller.actor.userId,
  });
  writeAudit(tx, {
    actor: caller.actor,
    municipalityId: caller.municipalityId,
    entity: "workflowTask",
    entityId: taskId,
    action: "complete",
    changes: changedValues({ status: "open" }, { status: "done" }),
    details: { title: task.title },
    ...(task.subjectType && task.subjectId != null ? { parent: { entity: task.subjectType, id: task.subjectId } } : {}),
  });
  return true;
}

export interface NotificationView {
  id: number;
  message: string;
  link: string | null;
  createdAt: string;
}

export function listUnreadNotifications(db: DbOrTx, caller: WorkflowCaller, limit = 50): NotificationView[] {
  return db
    .select({ id: workflowNotifications.id, message: workflowNotifications.message, link: workflowNotifications.link, createdAt: workflowNotifications.createdAt })
    .from(workflowNotifications)
    .where(
      scoped(workflowNotifications, caller, eq(workflowNotifications.userId, caller.actor.userId ?? -1), isNull(workflowNotifications.readAt)),
    )
    .orderBy(sql`${workflowNotifications.id} DESC`)
    .limit(limit)
    .all();
}

/** Marks one of the caller's notifications read; false when it is not theirs. */
export function markNotificationRead(tx: Tx, caller: WorkflowCaller, notificationId: number): boolean {
  assertCan(caller, "task.view");
  const result = tx
    .update(workflowNotifications)
    .set({ readAt: new Date().toISOString() })
    .where(
      scoped(
        workflowNotifications,
        caller,
        eq(workflowNotifications.id, notificationId),
        eq(workflowNotifications.userId, caller.actor.userId ?? -1),
      ),
    )
    .run();
  return result.changes === 1;
}
