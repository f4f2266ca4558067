import { type SQL, eq, inArray, sql } from "drizzle-orm";
import { workflowDefinitions, workflowHistory, workflowInstances, workflowTasks, workflowDeadlines } from "../../db/schema/workflow";
import { type Db, getDb } from "~/utils/db.server";
import { type Tenant, type TenantTable, scoped } from "~/utils/tenant.server";

/**
 * Prepared statements for the engine's hot path (every transition runs them). Building and
 * compiling a statement costs more than executing it, so they are compiled once per connection.
 * They run on the process-wide connection (getDb()), which is the one every transaction in this
 * app is opened on (`transaction()`, seeds, benches), so they take part in the caller's
 * transaction. Tenant filtering still goes through `scoped`, with the Kommune as a parameter.
 */
const p = sql.placeholder;
const tenantParam: Tenant = { municipalityId: p("municipalityId") as unknown as number };
const scopedParam = (table: TenantTable, ...conditions: (SQL | undefined)[]) => scoped(table, tenantParam, ...conditions);

function build(db: Db) {
  return {
    instanceById: db
      .select()
      .from(workflowInstances)
      .where(scopedParam(workflowInstances, eq(workflowInstances.id, p("id"))))
      .prepare(),
    updateInstanceState: db
      .update(workflowInstances)
      .set({ state: sql`${p("state")}`, version: sql`${p("version")}`, updatedAt: sql`${p("updatedAt")}` })
      .where(scopedParam(workflowInstances, eq(workflowInstances.id, p("id")), eq(workflowInstances.version, p("expectedVersion"))))
      .returning()
      .prepare(),
    insertHistory: db
      .insert(workflowHistory)
      .values({
        municipalityId: p("municipalityId"),
        instanceId: p("instanceId"),
        kind: p("kind"),
        transition: p("transition"),
        transitionLabel: p("transitionLabel"),
        fromState: p("fromState"),
        toState: p("toState"),
        instanceVersion: p("instanceVersion"),
        actorUserId: p("actorUserId"),
        actorLabel: p("actorLabel"),
        comment: p("comment"),
        at: p("at"),
      })
      .prepare(),
    completeStateTasks: db
      .update(workflowTasks)
      .set({ status: "done", completedAt: sql`${p("completedAt")}`, completedBy: sql`${p("completedBy")}`, version: sql`${workflowTasks.version} + 1` })
      .where(
        scopedParam(workflowTasks, eq(workflowTasks.instanceId, p("instanceId")), eq(workflowTasks.status, "open"), eq(workflowTasks.kind, "state")),
      )
      .prepare(),
    activeDeadlineIds: db
      .select({ id: workflowDeadlines.id })
      .from(workflowDeadlines)
      .where(
        scopedParam(
          workflowDeadlines,
          eq(workflowDeadlines.instanceId, p("instanceId")),
          inArray(workflowDeadlines.status, ["open", "due", "overdue"]),
          sql`substr(${workflowDeadlines.key}, 1, length(${p("prefix")})) = ${p("prefix")}`,
        ),
      )
      .prepare(),
    deadlineByKey: db
      .select({
        id: workflowDeadlines.id,
        dueDate: workflowDeadlines.dueDate,
        remindDate: workflowDeadlines.remindDate,
        status: workflowDeadlines.status,
        remindedAt: workflowDeadlines.remindedAt,
        overdueAt: workflowDeadlines.overdueAt,
        assigneeRole: workflowDeadlines.assigneeRole,
        assigneeUserId: workflowDeadlines.assigneeUserId,
      })
      .from(workflowDeadlines)
      .where(
        scopedParam(
          workflowDeadlines,
          eq(workflowDeadlines.subjectType, p("subjectType")),
          eq(workflowDeadlines.subjectId, p("subjectId")),
          eq(workflowDeadlines.key, p("key")),
        ),
      )
      .prepare(),
    insertDeadline: db
      .insert(workflowDeadlines)
      .values({
        municipalityId: p("municipalityId"),
        instanceId: p("instanceId"),
        subjectType: p("subjectType"),
        subjectId: p("subjectId"),
        key: p("key"),
        label: p("label"),
        dueDate: p("dueDate"),
        remindDate: p("remindDate"),
        assigneeRole: p("assigneeRole"),
        assigneeUserId: p("assigneeUserId"),
        link: p("link"),
      })
      .prepare(),
    updateDeadline: db
      .update(workflowDeadlines)
      .set({
        instanceId: sql`${p("instanceId")}`,
        label: sql`${p("label")}`,
        dueDate: sql`${p("dueDate")}`,
        remindDate: sql`${p("remindDate")}`,
        assigneeRole: sql`${p("assigneeRole")}`,
        assigneeUserId: sql`${p("assigneeUserId")}`,
        link: sql`${p("link")}`,
        status: sql`${p("status")}`,
        remindedAt: sql`${p("remindedAt")}`,
        overdueAt: sql`${p("overdueAt")}`,
        version: sql`${workflowDeadlines.version} + 1`,
      })
      .where(scopedParam(workflowDeadlines, eq(workflowDeadlines.id, p("id"))))
      .prepare(),
    closeDeadline: db
      .update(workflowDeadlines)
      .set({ status: sql`${p("status")}`, version: sql`${workflowDeadlines.version} + 1` })
      .where(scopedParam(workflowDeadlines, eq(workflowDeadlines.id, p("id"))))
      .prepare(),
    completeDeadlineTasks: db
      .update(workflowTasks)
      .set({ status: "done", completedAt: sql`${p("completedAt")}`, version: sql`${workflowTasks.version} + 1` })
      .where(scopedParam(workflowTasks, eq(workflowTasks.deadlineId, p("deadlineId")), eq(workflowTasks.status, "open")))
      .prepare(),
    reassignDeadlineTasks: db
      .update(workflowTasks)
      .set({ assigneeRole: sql`${p("assigneeRole")}`, assigneeUserId: sql`${p("assigneeUserId")}`, version: sql`${workflowTasks.version} + 1` })
      .where(scopedParam(workflowTasks, eq(workflowTasks.deadlineId, p("deadlineId")), eq(workflowTasks.status, "open")))
      .prepare(),
    insertTask: db
      .insert(workflowTasks)
      .values({
        municipalityId: p("municipalityId"),
        kind: p("kind"),
        title: p("title"),
        subjectType: p("subjectType"),
        subjectId: p("subjectId"),
        instanceId: p("instanceId"),
        assigneeRole: p("assigneeRole"),
        assigneeUserId: p("assigneeUserId"),
        dueDate: p("dueDate"),
        link: p("link"),
      })
      .returning({ id: workflowTasks.id })
      .prepare(),
    definitionText: db
      .select({ definition: workflowDefinitions.definition })
      .from(workflowDefinitions)
      .where(
        scopedParam(workflowDefinitions, eq(workflowDefinitions.definitionKey, p("key")), eq(workflowDefinitions.definitionVersion, p("version"))),
      )
      .prepare(),
  };
}

let cached: { db: Db; statements: ReturnType<typeof build> } | undefined;

export function statements(): ReturnType<typeof build> {
  const db = getDb();
  if (cached?.db !== db) cached = { db, statements: build(db) };
  return cached.statements;
}
