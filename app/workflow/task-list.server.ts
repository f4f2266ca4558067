import { and, eq, inArray, isNull, or } from "drizzle-orm";
import type { Role } from "../../db/schema/org";
import { workflowDeadlines, workflowTasks } from "../../db/schema/workflow";
import type { DbOrTx } from "~/utils/db.server";
import { type Tenant, scoped } from "~/utils/tenant.server";
import { deputisedFor } from "./deputies.server";
import { registeredTaskSources, subjectProvider } from "./registry.server";

/**
 * Role tasks a role sees besides its own: the Roll-in-Service runs the project management of its
 * Kommunen, so it also sees what is addressed to their CDO.
 */
const ALSO_SEES: Partial<Record<Role, Role[]>> = { rollInManager: ["cdo"] };

export function rolesSeenBy(role: Role): Role[] {
  return [role, ...(ALSO_SEES[role] ?? [])];
}

/** Tasks addressed to one of these people or, when not addressed to a person, to one of these roles. */
export function assigneeCondition(userIds: number[], roles: Role[]) {
  return or(
    userIds.length ? inArray(workflowTasks.assigneeUserId, userIds) : undefined,
    roles.length ? and(isNull(workflowTasks.assigneeUserId), inArray(workflowTasks.assigneeRole, roles)) : undefined,
  );
}

export interface TaskScope {
  municipalityId: number;
  municipalityName: string;
  role: Role;
}

export interface TaskListItem {
  key: string;
  /** Stored tasks behind the row (several for a grouped reminder); empty for derived tasks. */
  tasks: { id: number; version: number }[];
  kind: "state" | "reminder" | "overdue" | "manual" | "derived";
  title: string;
  dueDate: string | null;
  link: string | null;
  municipalityId: number;
  municipalityName: string;
  /** Addressed to the person (true) or to a role. */
  personal: boolean;
  assigneeRole: Role | null;
  /** Set when the task is the absent person's and the caller stands in. */
  deputyFor: string | null;
  /** The records a grouped reminder is about (people, projects …), with their pages. */
  subjects: { title: string; url: string }[];
}

type Row = {
  id: number;
  kind: "state" | "reminder" | "overdue" | "manual";
  title: string;
  subjectType: string | null;
  subjectId: number | null;
  assigneeRole: Role | null;
  assigneeUserId: number | null;
  dueDate: string | null;
  link: string | null;
  version: number;
  deadlineKey: string | null;
};

function openTasks(db: DbOrTx, tenant: Tenant, userIds: number[], roles: Role[]): Row[] {
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
      version: workflowTasks.version,
      deadlineKey: workflowDeadlines.key,
    })
    .from(workflowTasks)
    .leftJoin(workflowDeadlines, eq(workflowDeadlines.id, workflowTasks.deadlineId))
    .where(scoped(workflowTasks, tenant, eq(workflowTasks.status, "open"), assigneeCondition(userIds, roles)))
    .orderBy(workflowTasks.id)
    .all();
}

function subjectRef(db: DbOrTx, tenant: Tenant, subjectType: string | null, subjectId: number | null) {
  if (!subjectType || subjectId === null) return undefined;
  const subject = subjectProvider(subjectType)?.load(db, tenant, subjectId);
  return subject ? { title: subject.title, url: subject.url } : undefined;
}

/**
 * Reminders of one rule (same deadline key and text, e.g. a mandatory training for many people)
 * become one row listing the records; a reminder without a link names its record too.
 */
function groupRows(rows: Row[]): Row[][] {
  const groups = new Map<string, Row[]>();
  for (const r of rows) {
    const groupable = (r.kind === "reminder" || r.kind === "overdue") && r.deadlineKey !== null;
    const key = groupable ? `${r.kind}|${r.deadlineKey}|${r.title}|${r.assigneeUserId}|${r.assigneeRole}` : `task|${r.id}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()];
}

/**
 * "Meine Aufgaben" over every Kommune the person may act in: their own tasks, the tasks of people
 * they stand in for (Vertretung), the tasks of their role there (a Roll-in manager also the CDO's),
 * and tasks the areas derive from their data. Earliest due first, undated last.
 */
export function listTasksFor(db: DbOrTx, userId: number, scopes: TaskScope[], today: string): TaskListItem[] {
  const items: TaskListItem[] = [];
  for (const scope of scopes) {
    const tenant = { municipalityId: scope.municipalityId };
    const absent = deputisedFor(db, tenant, userId, today);
    const absentName = new Map(absent.map((a) => [a.userId, a.name]));
    const roles = rolesSeenBy(scope.role);
    const base = { municipalityId: scope.municipalityId, municipalityName: scope.municipalityName };
    for (const group of groupRows(openTasks(db, tenant, [userId, ...absent.map((a) => a.userId)], roles))) {
      const first = group[0];
      const needsSubjects = group.length > 1 || first.link === null;
      const subjects = needsSubjects
        ? group.flatMap((r) => subjectRef(db, tenant, r.subjectType, r.subjectId) ?? []).sort((a, b) => a.title.localeCompare(b.title, "de"))
        : [];
      items.push({
        ...base,
        key: `${scope.municipalityId}:${group.map((r) => r.id).join(",")}`,
        tasks: group.map((r) => ({ id: r.id, version: r.version })),
        kind: first.kind,
        title: first.title,
        dueDate: group.reduce<string | null>((min, r) => (r.dueDate !== null && (min === null || r.dueDate < min) ? r.dueDate : min), null),
        link: group.length > 1 ? null : (first.link ?? subjects[0]?.url ?? null),
        personal: first.assigneeUserId !== null,
        assigneeRole: first.assigneeRole,
        deputyFor: first.assigneeUserId !== null && first.assigneeUserId !== userId ? (absentName.get(first.assigneeUserId) ?? null) : null,
        subjects: group.length > 1 ? subjects : [],
      });
    }
    for (const source of registeredTaskSources()) {
      for (const t of source(db, tenant, today)) {
        if (!roles.includes(t.assigneeRole)) continue;
        items.push({
          ...base,
          key: `${scope.municipalityId}:${t.subjectType}:${t.subjectId}:${t.title}`,
          tasks: [],
          kind: "derived",
          title: t.title,
          dueDate: t.dueDate ?? null,
          link: t.link,
          personal: false,
          assigneeRole: t.assigneeRole,
          deputyFor: null,
          subjects: [],
        });
      }
    }
  }
  return items.sort(
    (a, b) =>
      Number(a.dueDate === null) - Number(b.dueDate === null) ||
      (a.dueDate ?? "").localeCompare(b.dueDate ?? "") ||
      a.title.localeCompare(b.title, "de"),
  );
}

/** A person's tasks in this Kommune (own, of people they stand in for, of the roles they see), for completing them. */
export function myTaskCondition(db: DbOrTx, tenant: Tenant, userId: number, role: Role | null, today: string) {
  const absent = deputisedFor(db, tenant, userId, today).map((a) => a.userId);
  return assigneeCondition([userId, ...absent], role ? rolesSeenBy(role) : []);
}
