import { and, eq, sql } from "drizzle-orm";
import { memberships, projectAssessments, projects } from "../../../db/schema";
import { type Db, type DbOrTx, getDb } from "../../utils/db.server";
import { type Tenant, placeholderTenant, scoped } from "../../utils/tenant.server";

function buildSubjectQuery(db: Db) {
  return db
    .select({ project: projects, leadUserId: memberships.userId, assessedAt: projectAssessments.assessedAt })
    .from(projects)
    .leftJoin(memberships, and(eq(memberships.employeeId, projects.projectLeadEmployeeId), eq(memberships.municipalityId, projects.municipalityId)))
    .leftJoin(projectAssessments, and(eq(projectAssessments.projectId, projects.id), eq(projectAssessments.municipalityId, projects.municipalityId)))
    .where(scoped(projects, placeholderTenant, eq(projects.id, sql.placeholder("id"))))
    .prepare();
}
let subjectQuery: { db: Db; query: ReturnType<typeof buildSubjectQuery> } | undefined;

/**
 * The data a workflow definition's guards and deadlines read from a project. The engine calls this
 * for every start and transition (1,000 times in a 1,000-row import), so the query is compiled once
 * per connection. It runs on the process-wide connection, the one every transaction is opened on,
 * so it sees the caller's uncommitted rows.
 */
export function projectSubject(_db: DbOrTx, t: Tenant, id: number) {
  const db = getDb();
  if (subjectQuery?.db !== db) subjectQuery = { db, query: buildSubjectQuery(db) };
  const row = subjectQuery.query.get({ municipalityId: t.municipalityId, id });
  if (!row) return undefined;
  const p = row.project;
  return {
    title: p.title,
    url: `/projekte/${p.id}`,
    data: {
      title: p.title,
      description: p.description,
      fieldOfActionId: p.fieldOfActionId,
      leadUnitId: p.leadUnitId,
      projectLeadEmployeeId: p.projectLeadEmployeeId,
      projectLeadUserId: row.leadUserId ?? null,
      /** When the project was last rated (Bewertung); closes "Projekt bewerten". */
      assessedAt: row.assessedAt ?? null,
      startDate: p.startDate,
      endDate: p.endDate,
      budgetPlannedCents: p.budgetPlannedCents,
      budgetSpentCents: p.budgetSpentCents,
      ozgRelevant: p.ozgRelevant,
      efaReuse: p.efaReuse,
      archived: p.archivedAt !== null,
    },
    lockedReason:
      p.archivedAt !== null
        ? "Das Projekt ist archiviert. Holen Sie es zuerst aus dem Archiv, bevor Sie den Status ändern."
        : null,
  };
}
