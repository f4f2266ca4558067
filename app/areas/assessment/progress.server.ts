import { and, count, eq, gt, gte, inArray, isNotNull, isNull, lt, sql } from "drizzle-orm";
import { type SQLiteColumn, alias } from "drizzle-orm/sqlite-core";
import { milestones, projectAssessments, projectDependencies, projects, risks, workflowInstances } from "../../../db/schema";
import type { DbOrTx } from "../../utils/db.server";
import { formatDate } from "../../utils/format";
import { type Tenant, scoped } from "../../utils/tenant.server";
import { subjectInstanceJoin } from "../../workflow/index.server";
import { projectInstanceJoin, projectStateCatalog } from "../projects/states.server";
import { type ProjectProgress, RULES, scheduleFindings } from "./classify";

/** Which projects to read: one Kommune (or all), optionally only some of its projects. */
export interface ProgressFilter {
  municipalityId?: number;
  projectIds?: number[];
}

type ScheduleFacts = Required<Pick<ProjectProgress, "highRisks" | "prerequisites" | "milestonesAfterEnd">> & {
  overdueMilestones: number;
};

const prerequisite = alias(projects, "prerequisite");

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The facts beyond scores and budget that the classification judges, per project, in a fixed
 * number of queries: overdue milestones, open milestones after the planned end, high risks and the
 * prerequisites (end date, whether finished, their classification). `isClosed` tells finished
 * states by each Kommune's project workflow.
 */
export function scheduleFacts(
  db: DbOrTx,
  filter: ProgressFilter,
  today: string,
  isClosed: (municipalityId: number, state: string | null) => boolean,
): (projectId: number) => ScheduleFacts {
  const inScope = (table: { municipalityId: SQLiteColumn }, projectColumn: SQLiteColumn) =>
    and(
      filter.municipalityId !== undefined ? eq(table.municipalityId, filter.municipalityId) : undefined,
      filter.projectIds ? inArray(projectColumn, filter.projectIds) : undefined,
    );
  const overdue = new Map(
    db
      .select({ projectId: milestones.projectId, n: count() })
      .from(milestones)
      .where(and(inScope(milestones, milestones.projectId), isNull(milestones.doneAt), lt(milestones.dueDate, today)))
      .groupBy(milestones.projectId)
      .all()
      .map((r) => [r.projectId, r.n]),
  );
  const afterEnd = new Map<number, { title: string; dueDate: string }[]>();
  for (const m of db
    .select({ projectId: milestones.projectId, title: milestones.title, dueDate: milestones.dueDate })
    .from(milestones)
    .innerJoin(projects, eq(projects.id, milestones.projectId))
    .where(and(inScope(milestones, milestones.projectId), isNull(milestones.doneAt), isNotNull(projects.endDate), gt(milestones.dueDate, projects.endDate)))
    .orderBy(milestones.dueDate)
    .all()) {
    push(afterEnd, m.projectId, { title: m.title, dueDate: m.dueDate });
  }
  const highRisks = new Map<number, { title: string; score: number }[]>();
  for (const r of db
    .select({ projectId: risks.projectId, title: risks.title, score: sql<number>`${risks.likelihood} * ${risks.impact}` })
    .from(risks)
    .where(and(inScope(risks, risks.projectId), isNull(risks.closedAt), gte(sql`${risks.likelihood} * ${risks.impact}`, RULES.highRiskFrom)))
    .all()) {
    push(highRisks, r.projectId, { title: r.title, score: r.score });
  }
  const prerequisites = new Map<number, ScheduleFacts["prerequisites"]>();
  for (const p of db
    .select({
      projectId: projectDependencies.projectId,
      municipalityId: prerequisite.municipalityId,
      title: prerequisite.title,
      endDate: prerequisite.endDate,
      state: workflowInstances.state,
      classification: projectAssessments.classification,
    })
    .from(projectDependencies)
    .innerJoin(prerequisite, eq(prerequisite.id, projectDependencies.dependsOnProjectId))
    .leftJoin(workflowInstances, subjectInstanceJoin(prerequisite, "project"))
    .leftJoin(projectAssessments, eq(projectAssessments.projectId, prerequisite.id))
    .where(and(inScope(projectDependencies, projectDependencies.projectId), isNull(prerequisite.archivedAt)))
    .all()) {
    push(prerequisites, p.projectId, {
      title: p.title,
      endDate: p.endDate,
      finished: isClosed(p.municipalityId, p.state),
      classification: p.classification,
    });
  }
  return (projectId) => ({
    overdueMilestones: overdue.get(projectId) ?? 0,
    milestonesAfterEnd: afterEnd.get(projectId) ?? [],
    highRisks: highRisks.get(projectId) ?? [],
    prerequisites: prerequisites.get(projectId) ?? [],
  });
}

/** The projects that depend on any of `projectIds` (their prerequisites changed). */
export function dependentProjectIds(db: DbOrTx, municipalityId: number, projectIds: number[]): number[] {
  if (projectIds.length === 0) return [];
  return db
    .selectDistinct({ id: projectDependencies.projectId })
    .from(projectDependencies)
    .where(and(eq(projectDependencies.municipalityId, municipalityId), inArray(projectDependencies.dependsOnProjectId, projectIds)))
    .all()
    .map((r) => r.id);
}

const capitalize = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;

/**
 * The risks and schedule conflicts of one project as German sentences, for the warnings next to
 * the project forms after saving (they do not block): what the classification judges (high risks,
 * prerequisites ending late, milestones after the end) and the projects depending on this one that
 * start before it ends. Empty for a finished project.
 */
export function scheduleWarnings(db: DbOrTx, tenant: Tenant, projectId: number, today: string): string[] {
  const project = db
    .select({ startDate: projects.startDate, endDate: projects.endDate, state: workflowInstances.state })
    .from(projects)
    .leftJoin(workflowInstances, projectInstanceJoin)
    .where(scoped(projects, tenant, eq(projects.id, projectId)))
    .get();
  if (!project) return [];
  const { closed } = projectStateCatalog(db, tenant);
  const isClosed = (_: number, state: string | null) => state !== null && closed.includes(state);
  const facts = scheduleFacts(db, { municipalityId: tenant.municipalityId, projectIds: [projectId] }, today, isClosed)(projectId);
  const progress = { today, startDate: project.startDate, endDate: project.endDate, finished: isClosed(0, project.state), plannedBudgetCents: 0, spentBudgetCents: 0, ...facts };
  if (progress.finished) return [];
  const { problems, cautions } = scheduleFindings(progress);
  const late: string[] = [];
  if (project.endDate) {
    for (const d of db
      .select({ title: projects.title, startDate: projects.startDate, state: workflowInstances.state })
      .from(projectDependencies)
      .innerJoin(projects, eq(projects.id, projectDependencies.projectId))
      .leftJoin(workflowInstances, projectInstanceJoin)
      .where(scoped(projectDependencies, tenant, eq(projectDependencies.dependsOnProjectId, projectId), isNull(projects.archivedAt)))
      .all()) {
      if (d.startDate && d.startDate < project.endDate && !isClosed(0, d.state)) {
        late.push(`„${d.title}“ hängt von diesem Projekt ab und beginnt am ${formatDate(d.startDate)}, vor dessen Ende (${formatDate(project.endDate)})`);
      }
    }
  }
  return [...problems, ...cautions, ...late].map(capitalize);
}
