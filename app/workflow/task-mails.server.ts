import { eq, sql } from "drizzle-orm";
import { municipalities } from "../../db/schema/org";
import type { Tx } from "~/utils/db.server";
import { formatDate } from "~/utils/format";
import { absoluteUrl } from "~/utils/mail/links.server";
import { enqueueMail, preferenceFooter } from "~/utils/mail/outbox.server";
import { userRecipient } from "~/utils/mail/recipients.server";
import type { Tenant } from "~/utils/tenant.server";
import { withoutTenantGuard } from "../utils/tenant-guard.server";

export interface MailedTask {
  kind: string;
  title: string;
  assigneeUserId: number | null;
  dueDate: string | null;
  link: string | null;
}

/**
 * A task addressed to a person is mailed to that person – never to everyone holding a role: a
 * task for a role without a person stays in "Meine Aufgaben" only (see docs/areas/mail.md).
 */
export function mailTask(tx: Tx, tenant: Tenant, task: MailedTask): number | null {
  if (task.assigneeUserId === null) return null;
  const to = userRecipient(tx, task.assigneeUserId);
  if (!to) return null;
  const kommune = tx.select({ name: municipalities.name }).from(municipalities).where(eq(municipalities.id, tenant.municipalityId)).get()?.name ?? "";
  const kind = task.kind === "reminder" ? "deadlineReminder" : task.kind === "overdue" ? "deadlineOverdue" : "taskAssigned";
  const intro =
    kind === "deadlineReminder"
      ? "eine Frist, für die Sie verantwortlich sind, wird bald fällig:"
      : kind === "deadlineOverdue"
        ? "eine Frist, für die Sie verantwortlich sind, ist überschritten:"
        : "Ihnen wurde in Fahrplan eine Aufgabe zugewiesen:";
  const subjectPrefix = kind === "taskAssigned" ? "Neue Aufgabe: " : "";
  return enqueueMail(tx, {
    municipalityId: tenant.municipalityId,
    kind,
    to,
    content: {
      subject: `${subjectPrefix}${task.title}`,
      greeting: `Guten Tag ${to.name},`,
      paragraphs: [`${intro} „${task.title}“.`],
      facts: [
        ["Kommune", kommune],
        ["Fällig am", task.dueDate ? formatDate(task.dueDate) : "ohne Fälligkeit"],
      ],
      action: { label: task.link ? "Öffnen" : "Meine Aufgaben öffnen", url: absoluteUrl(task.link ?? "/aufgaben") },
      footer: preferenceFooter(absoluteUrl("/konto")),
    },
  });
}

/** Highest task id now: the deadline scan mails the tasks it creates after this one. */
export function lastTaskId(tx: Tx): number {
  return withoutTenantGuard("jobs", () => tx.get<{ id: number }>(sql`SELECT coalesce(max(id), 0) AS id FROM workflow_tasks`)).id;
}

export function mailTasksCreatedAfter(tx: Tx, afterId: number): number {
  const rows = tx.all<{ municipalityId: number; kind: string; title: string; assigneeUserId: number; dueDate: string | null; link: string | null }>(sql`
    SELECT municipality_id AS municipalityId, kind, title, assignee_user_id AS assigneeUserId, due_date AS dueDate, link
    FROM workflow_tasks WHERE id > ${afterId} AND assignee_user_id IS NOT NULL ORDER BY id`);
  for (const row of rows) mailTask(tx, { municipalityId: row.municipalityId }, row);
  return rows.length;
}
