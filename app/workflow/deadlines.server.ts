import { asc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import type { Role } from "../../db/schema/org";
import { type DeadlineStatus, workflowDeadlines } from "../../db/schema/workflow";
import type { Db, DbOrTx, Tx } from "~/utils/db.server";
import { todayIso } from "~/utils/format";
import { type Tenant, scoped } from "~/utils/tenant.server";
import { reminderDate } from "./dates";
import { lastTaskId, mailTasksCreatedAfter } from "./task-mails.server";
import { statements } from "./statements.server";
import { withoutTenantGuard } from "../utils/tenant-guard.server";

export interface ScheduleDeadlineInput {
  subjectType: string;
  subjectId: number;
  key: string;
  label: string;
  /** YYYY-MM-DD */
  dueDate: string;
  remindDaysBefore?: number;
  assigneeRole?: Role;
  assigneeUserId?: number;
  link?: string;
}

const ACTIVE: DeadlineStatus[] = ["open", "due", "overdue"];

/**
 * Upserts a deadline by (subject, key). A changed due date (or a closed deadline scheduled again)
 * reopens it, and reminders issued for the old date are closed, so the scheduler reminds again.
 */
export function scheduleDeadline(_tx: Tx, tenant: Tenant, input: ScheduleDeadlineInput & { instanceId?: number }): void {
  if (!input.assigneeRole && !input.assigneeUserId) throw new Error("scheduleDeadline needs assigneeRole or assigneeUserId");
  const s = statements();
  const remindDate = reminderDate(input.dueDate, input.remindDaysBefore ?? 7);
  const key = { municipalityId: tenant.municipalityId, subjectType: input.subjectType, subjectId: input.subjectId, key: input.key };
  const values = {
    instanceId: input.instanceId ?? null,
    label: input.label,
    dueDate: input.dueDate,
    remindDate,
    assigneeRole: input.assigneeRole ?? null,
    assigneeUserId: input.assigneeUserId ?? null,
    link: input.link ?? null,
  };
  const existing = s.deadlineByKey.get(key);
  if (!existing) {
    s.insertDeadline.run({ ...key, ...values });
    return;
  }
  const active = ACTIVE.includes(existing.status);
  const reopen = !active || existing.dueDate !== input.dueDate || existing.remindDate !== remindDate;
  // Closed deadlines had their tasks completed when they closed; active ones get them closed here.
  if (reopen && active) s.completeDeadlineTasks.run({ municipalityId: tenant.municipalityId, deadlineId: existing.id, completedAt: new Date().toISOString() });
  else if (active && (existing.assigneeRole !== values.assigneeRole || existing.assigneeUserId !== values.assigneeUserId)) {
    // The responsible person changed (a new project lead): reminders already issued move with it.
    s.reassignDeadlineTasks.run({
      municipalityId: tenant.municipalityId,
      deadlineId: existing.id,
      assigneeRole: values.assigneeRole,
      assigneeUserId: values.assigneeUserId,
    });
  }
  s.updateDeadline.run({
    municipalityId: tenant.municipalityId,
    id: existing.id,
    ...values,
    status: reopen ? "open" : existing.status,
    remindedAt: reopen ? null : existing.remindedAt,
    overdueAt: reopen ? null : existing.overdueAt,
  });
}

/** Closes deadlines by id and completes their open reminder tasks. */
export function closeDeadlineIds(tenant: Tenant, ids: number[], status: "done" | "cancelled"): void {
  const s = statements();
  const completedAt = new Date().toISOString();
  for (const id of ids) {
    s.completeDeadlineTasks.run({ municipalityId: tenant.municipalityId, deadlineId: id, completedAt });
    s.closeDeadline.run({ municipalityId: tenant.municipalityId, id, status });
  }
}

/** Cancels a subject's active deadlines (one key or all) and closes their reminder tasks. */
export function cancelDeadlines(tx: Tx, tenant: Tenant, subjectType: string, subjectId: number, key?: string): void {
  const ids = tx
    .select({ id: workflowDeadlines.id })
    .from(workflowDeadlines)
    .where(
      scoped(
        workflowDeadlines,
        tenant,
        inArray(workflowDeadlines.status, ACTIVE),
        eq(workflowDeadlines.subjectType, subjectType),
        eq(workflowDeadlines.subjectId, subjectId),
        key ? eq(workflowDeadlines.key, key) : undefined,
      ),
    )
    .all()
    .map((r) => r.id);
  closeDeadlineIds(tenant, ids, "cancelled");
}

/** Engine-internal: an instance's active deadlines whose key starts with the prefix end (done). */
export function finishInstanceDeadlines(tenant: Tenant, instanceId: number, keyPrefix: string): void {
  const ids = statements()
    .activeDeadlineIds.all({ municipalityId: tenant.municipalityId, instanceId, prefix: keyPrefix })
    .map((r) => r.id);
  closeDeadlineIds(tenant, ids, "done");
}

export interface DeadlineView {
  id: number;
  instanceId: number | null;
  subjectType: string;
  subjectId: number;
  key: string;
  label: string;
  dueDate: string;
  remindDate: string;
  status: DeadlineStatus;
  assigneeRole: Role | null;
  assigneeUserId: number | null;
  link: string | null;
}

export interface DeadlineFilter {
  subjectType?: string;
  subjectId?: number;
  from?: string;
  to?: string;
  status?: DeadlineStatus | DeadlineStatus[];
}

export function listDeadlines(db: DbOrTx, tenant: Tenant, filter: DeadlineFilter = {}): DeadlineView[] {
  const statuses = filter.status === undefined ? undefined : Array.isArray(filter.status) ? filter.status : [filter.status];
  return db
    .select({
      id: workflowDeadlines.id,
      instanceId: workflowDeadlines.instanceId,
      subjectType: workflowDeadlines.subjectType,
      subjectId: workflowDeadlines.subjectId,
      key: workflowDeadlines.key,
      label: workflowDeadlines.label,
      dueDate: workflowDeadlines.dueDate,
      remindDate: workflowDeadlines.remindDate,
      status: workflowDeadlines.status,
      assigneeRole: workflowDeadlines.assigneeRole,
      assigneeUserId: workflowDeadlines.assigneeUserId,
      link: workflowDeadlines.link,
    })
    .from(workflowDeadlines)
    .where(
      scoped(
        workflowDeadlines,
        tenant,
        filter.subjectType ? eq(workflowDeadlines.subjectType, filter.subjectType) : undefined,
        filter.subjectId !== undefined ? eq(workflowDeadlines.subjectId, filter.subjectId) : undefined,
        filter.from ? gte(workflowDeadlines.dueDate, filter.from) : undefined,
        filter.to ? lte(workflowDeadlines.dueDate, filter.to) : undefined,
        statuses ? inArray(workflowDeadlines.status, statuses) : undefined,
      ),
    )
    .orderBy(asc(workflowDeadlines.dueDate), asc(workflowDeadlines.id))
    .all();
}

export interface ScanResult {
  reminded: number;
  overdue: number;
}

/**
 * The scheduler's scan over all Kommunen: open deadlines whose reminder date has come become
 * "due" with a reminder task; open or due deadlines past their date become "overdue" with an
 * overdue task. Set-based statements in one transaction, using the (status, date) indexes. The
 * status change and the unique index on open tasks per (deadline, kind) make every reminder happen
 * exactly once, also when a scan runs late after downtime or twice.
 */
export function scanDeadlines(db: Db, today: string = todayIso()): ScanResult {
  const now = new Date().toISOString();
  return withoutTenantGuard("jobs", () => db.transaction(
    (tx) => {
      const before = lastTaskId(tx);
      const remindable = sql`status = 'open' AND remind_date <= ${today} AND due_date >= ${today}`;
      tx.run(sql`
        INSERT OR IGNORE INTO workflow_tasks
          (municipality_id, kind, title, subject_type, subject_id, instance_id, deadline_id, assignee_role, assignee_user_id, due_date, link)
        SELECT municipality_id, 'reminder', 'Frist bald fällig: ' || label, subject_type, subject_id, instance_id, id,
               assignee_role, assignee_user_id, due_date, link
        FROM workflow_deadlines WHERE ${remindable}`);
      const reminded = tx.run(sql`UPDATE workflow_deadlines SET status = 'due', reminded_at = ${now}, version = version + 1 WHERE ${remindable}`).changes;

      const passed = sql`status IN ('open', 'due') AND due_date < ${today}`;
      tx.run(sql`
        UPDATE workflow_tasks SET status = 'done', completed_at = ${now}, version = version + 1
        WHERE kind = 'reminder' AND status = 'open'
          AND deadline_id IN (SELECT id FROM workflow_deadlines WHERE ${passed})`);
      tx.run(sql`
        INSERT OR IGNORE INTO workflow_tasks
          (municipality_id, kind, title, subject_type, subject_id, instance_id, deadline_id, assignee_role, assignee_user_id, due_date, link)
        SELECT municipality_id, 'overdue', 'Frist überschritten: ' || label, subject_type, subject_id, instance_id, id,
               assignee_role, assignee_user_id, due_date, link
        FROM workflow_deadlines WHERE ${passed}`);
      const overdue = tx.run(sql`UPDATE workflow_deadlines SET status = 'overdue', overdue_at = ${now}, version = version + 1 WHERE ${passed}`).changes;
      // Reminders for a person are mailed to that person, in the same transaction.
      mailTasksCreatedAfter(tx, before);
      return { reminded, overdue };
    },
    { behavior: "immediate" },
  ));
}
