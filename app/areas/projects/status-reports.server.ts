import { desc, eq, isNull, like } from "drizzle-orm";
import { memberships, projectStatusReports, projects, statusReportRhythms, workflowTasks } from "../../../db/schema";
import { writeAudit } from "../../utils/audit.server";
import { type DbOrTx, getDb, transaction } from "../../utils/db.server";
import { todayIso } from "../../utils/format";
import { forbidden, notFound } from "../../utils/http.server";
import { ValidationError } from "../../utils/errors";
import { assertCan } from "../../utils/permissions";
import { type Tenant, scoped, tenantRow } from "../../utils/tenant.server";
import { completeTasks, createTask, resolveAssignee } from "../../workflow/index.server";
import { refuseJointPartner } from "../joint/partner-guard.server";
import { NOT_OWN_PROJECT_MESSAGE } from "./projects";
import { type ProjectEditor, mayChangeProject } from "./access.server";
import { projectSubject } from "./subject.server";
import { DEFAULT_RHYTHM_MONTHS, type StatusReportValues, nextReportDue } from "./status-reports";

export const STATUS_TASK_PREFIX = "Statusbericht fällig";

/** The Kommune's reporting rhythm in months (monthly unless set). */
export function statusRhythm(db: DbOrTx, t: Tenant): number {
  return db.select().from(statusReportRhythms).where(eq(statusReportRhythms.municipalityId, t.municipalityId)).get()?.intervalMonths ?? DEFAULT_RHYTHM_MONTHS;
}

/** A project's status reports, newest first. */
export function listStatusReports(db: DbOrTx, t: Tenant, projectId: number) {
  return db
    .select()
    .from(projectStatusReports)
    .where(scoped(projectStatusReports, t, eq(projectStatusReports.projectId, projectId)))
    .orderBy(desc(projectStatusReports.reportedOn), desc(projectStatusReports.id))
    .all();
}

export function latestStatusReport(db: DbOrTx, t: Tenant, projectId: number) {
  return listStatusReports(db, t, projectId)[0] ?? null;
}

/**
 * Records a status report, dated today and signed by the caller; a project lead only for projects it
 * leads or works on. Completes the open "Statusbericht fällig" task of the project.
 */
export function submitStatusReport(editor: ProjectEditor, projectId: number, values: StatusReportValues, today = todayIso()): number {
  assertCan(editor, "project.edit");
  return transaction((tx) => {
    const project = tx.select().from(projects).where(scoped(projects, editor, eq(projects.id, projectId))).get();
    if (!project) {
      refuseJointPartner(tx, editor, projectId);
      notFound("Das Projekt gibt es in dieser Kommune nicht.");
    }
    if (!mayChangeProject(tx, editor, project)) forbidden(NOT_OWN_PROJECT_MESSAGE);
    const row = tx
      .insert(projectStatusReports)
      .values(tenantRow(editor, { projectId, reportedOn: today, ...values, authorUserId: editor.actor.userId, authorName: editor.actor.label }))
      .returning({ id: projectStatusReports.id })
      .get();
    completeTasks(tx, editor, { subjectType: "project", subjectId: projectId, titlePrefix: STATUS_TASK_PREFIX }, editor.actor.userId);
    writeAudit(tx, {
      actor: editor.actor,
      municipalityId: editor.municipalityId,
      entity: "statusReport",
      entityId: row.id,
      action: "create",
      changes: { light: { to: values.light }, progress: { to: values.progress }, nextSteps: { to: values.nextSteps }, needs: { to: values.needs } },
      parent: { entity: "project", id: projectId },
    });
    return row.id;
  });
}

/** Sets the Kommune's rhythm (1–12 months); CDO, admin and Roll-in-Service (`agenda.edit`). */
export function setStatusRhythm(caller: ProjectEditor, months: number): void {
  assertCan(caller, "agenda.edit");
  if (!Number.isInteger(months) || months < 1 || months > 12) throw new ValidationError({ intervalMonths: ["Der Rhythmus muss zwischen 1 und 12 Monaten liegen."] });
  transaction((tx) => {
    const before = statusRhythm(tx, caller);
    tx.insert(statusReportRhythms)
      .values({ municipalityId: caller.municipalityId, intervalMonths: months })
      .onConflictDoUpdate({ target: statusReportRhythms.municipalityId, set: { intervalMonths: months, updatedAt: new Date().toISOString() } })
      .run();
    writeAudit(tx, {
      actor: caller.actor,
      municipalityId: caller.municipalityId,
      entity: "statusReport",
      entityId: null,
      action: "update",
      changes: { intervalMonths: { from: before, to: months } },
    });
  });
}

/**
 * Who gets the "Statusbericht fällig" task: the project lead (the person, when the lead has a login
 * that may act in the Kommune), otherwise the CDO role, which names a lead or reports itself (the
 * role fallback of docs/areas/workflow.md).
 */
const STATUS_TASK_ASSIGNEE = { assignee: { subjectRole: "projectLead" }, assigneeRole: "cdo" } as const;

/**
 * Creates a "Statusbericht fällig" task for every project (not archived) whose report is due, once
 * per project: to the project lead's own user, else to the CDO role. Returns how many tasks were
 * created. Idempotent.
 */
export function remindDueStatusReports(db: DbOrTx, t: Tenant, today = todayIso()): number {
  const rhythm = statusRhythm(db, t);
  const rows = db
    .select({ id: projects.id, title: projects.title, createdAt: projects.createdAt })
    .from(projects)
    .where(scoped(projects, t, isNull(projects.archivedAt)))
    .all();
  let created = 0;
  transaction((tx) => {
    for (const p of rows) {
      const due = nextReportDue(latestStatusReport(tx, t, p.id)?.reportedOn ?? null, p.createdAt.slice(0, 10), rhythm);
      if (due > today) continue;
      const open = tx
        .select({ id: workflowTasks.id })
        .from(workflowTasks)
        .where(scoped(workflowTasks, t, eq(workflowTasks.subjectType, "project"), eq(workflowTasks.subjectId, p.id), eq(workflowTasks.status, "open"), like(workflowTasks.title, `${STATUS_TASK_PREFIX}%`)))
        .get();
      if (open) continue;
      const subject = projectSubject(tx, t, p.id);
      if (!subject) continue;
      const assignee = resolveAssignee(t, STATUS_TASK_ASSIGNEE, "project", subject)!;
      createTask(tx, t, {
        title: `${STATUS_TASK_PREFIX}: ${p.title}`,
        subjectType: "project",
        subjectId: p.id,
        ...(assignee.assigneeUserId !== null ? { assigneeUserId: assignee.assigneeUserId } : { assigneeRole: assignee.assigneeRole! }),
        dueDate: due,
        link: `/projekte/${p.id}/status`,
      });
      created++;
    }
  });
  return created;
}

export function remindAllDueStatusReports(): number {
  const db = getDb();
  let n = 0;
  for (const { id } of db.select({ id: memberships.municipalityId }).from(memberships).groupBy(memberships.municipalityId).all()) n += remindDueStatusReports(db, { municipalityId: id });
  return n;
}
