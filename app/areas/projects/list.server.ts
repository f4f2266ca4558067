import { type SQL, and, asc, count, desc, eq, inArray, isNotNull, isNull, notInArray, or, sql } from "drizzle-orm";
import { employees, fieldsOfAction, goals, milestones, projectAssessments, projectGoals, projectUnits, projects, teamMembers, teamProjects, units, workflowInstances } from "../../../db/schema";
import type { DbOrTx } from "../../utils/db.server";
import { type Tenant, scoped } from "../../utils/tenant.server";
import { PAGE_SIZE, type ProjectListQuery } from "./projects";
import { projectInstanceJoin, projectStateCatalog, projectStateLabels } from "./states.server";

function overdueMilestoneCount(today: string) {
  return sql<number>`(select count(*) from ${milestones} where ${milestones.projectId} = ${projects.id} and ${milestones.doneAt} is null and ${milestones.dueDate} < ${today})`;
}

/**
 * A project is overdue when a milestone is past due and not done, or its planned end has passed
 * while it is still open (not completed or cancelled).
 */
function overdueMilestoneCondition(today: string): SQL {
  return sql`exists (select 1 from ${milestones} where ${milestones.projectId} = ${projects.id} and ${milestones.doneAt} is null and ${milestones.dueDate} < ${today})`;
}

function overdueCondition(today: string, closed: string[]): SQL {
  return or(
    overdueMilestoneCondition(today),
    and(
      isNotNull(projects.endDate),
      sql`${projects.endDate} < ${today}`,
      or(isNull(workflowInstances.state), notInArray(workflowInstances.state, closed)),
    ),
  )!;
}

/** Running: no workflow yet, or a state that is not of kind "final" (the state kinds, not names, decide). */
export function runningCondition(closed: string[]): SQL {
  return closed.length ? or(isNull(workflowInstances.state), notInArray(workflowInstances.state, closed))! : sql`1 = 1`;
}

function closedCondition(closed: string[]): SQL {
  return closed.length ? inArray(workflowInstances.state, closed) : sql`1 = 0`;
}

/**
 * A unit other than the lead unit is involved (as a further unit, or through a team member): the
 * same unit sets as `projectUnitSets` in the teams area, which counts the silo figure.
 */
function crossUnitCondition(): SQL {
  return sql`(exists (select 1 from ${projectUnits} where ${projectUnits.projectId} = ${projects.id} and ${projectUnits.unitId} <> ${projects.leadUnitId})
    or exists (select 1 from ${teamProjects} inner join ${teamMembers} on ${teamMembers.teamId} = ${teamProjects.teamId}
      inner join ${employees} on ${employees.id} = ${teamMembers.employeeId}
      where ${teamProjects.projectId} = ${projects.id} and ${employees.unitId} <> ${projects.leadUnitId}))`;
}

function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function listConditions(t: Tenant, query: ProjectListQuery, today: string, closed: string[]): SQL {
  const conditions: (SQL | undefined)[] = [query.archived ? isNotNull(projects.archivedAt) : isNull(projects.archivedAt)];
  if (query.q) {
    const pattern = `%${escapeLike(query.q)}%`;
    conditions.push(or(sql`${projects.title} like ${pattern} escape '\\'`, sql`${projects.description} like ${pattern} escape '\\'`));
  }
  if (query.status) conditions.push(eq(workflowInstances.state, query.status));
  if (query.fieldOfAction) conditions.push(eq(projects.fieldOfActionId, query.fieldOfAction));
  if (query.unit) {
    conditions.push(
      or(
        eq(projects.leadUnitId, query.unit),
        sql`exists (select 1 from ${projectUnits} where ${projectUnits.projectId} = ${projects.id} and ${projectUnits.unitId} = ${query.unit})`,
      ),
    );
  }
  if (query.classification) conditions.push(eq(projectAssessments.classification, query.classification));
  if (query.phase) conditions.push(query.phase === "running" ? runningCondition(closed) : closedCondition(closed));
  if (query.cooperation) conditions.push(query.cooperation === "cross" ? crossUnitCondition() : sql`not ${crossUnitCondition()}`);
  if (query.overdue) conditions.push(overdueCondition(today, closed));
  if (query.overdueMilestones) conditions.push(overdueMilestoneCondition(today));
  return scoped(projects, t, ...conditions);
}

function orderBy(query: ProjectListQuery, stateOrder: string[]): SQL[] {
  const direction = query.dir === "desc" ? desc : asc;
  const stateRank = sql`case ${workflowInstances.state} ${sql.join(
    stateOrder.map((s, i) => sql`when ${s} then ${i}`),
    sql` `,
  )} else 99 end`;
  const primary: Record<ProjectListQuery["sort"], SQL> = {
    title: sql`${projects.title} collate nocase`,
    endDate: sql`coalesce(${projects.endDate}, '9999-12-31')`,
    budget: sql`${projects.budgetPlannedCents}`,
    status: stateRank,
    fieldOfAction: sql`${fieldsOfAction.name} collate nocase`,
    updated: sql`${projects.updatedAt}`,
  };
  return [direction(primary[query.sort]), asc(projects.id)];
}

/**
 * One page of the project list: one query with joins (field of action, lead unit, lead, workflow
 * state, classification) plus a count. Every filter column is indexed with the Kommune first.
 */
export function listProjects(db: DbOrTx, t: Tenant, query: ProjectListQuery, today: string) {
  const { states, closed } = projectStateCatalog(db, t);
  const where = listConditions(t, query, today, closed);
  const total = db
    .select({ n: count() })
    .from(projects)
    .leftJoin(workflowInstances, projectInstanceJoin)
    .leftJoin(projectAssessments, eq(projectAssessments.projectId, projects.id))
    .where(where)
    .get()!.n;
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(query.page, pageCount);
  const rows = db
    .select({
      id: projects.id,
      title: projects.title,
      fieldOfAction: fieldsOfAction.name,
      leadUnit: units.name,
      leadFirstName: employees.firstName,
      leadLastName: employees.lastName,
      startDate: projects.startDate,
      endDate: projects.endDate,
      budgetPlannedCents: projects.budgetPlannedCents,
      budgetSpentCents: projects.budgetSpentCents,
      ozgRelevant: projects.ozgRelevant,
      efaReuse: projects.efaReuse,
      archivedAt: projects.archivedAt,
      state: workflowInstances.state,
      classification: projectAssessments.classification,
      needsSupport: projectAssessments.needsSupport,
      overdueMilestones: overdueMilestoneCount(today),
    })
    .from(projects)
    .innerJoin(fieldsOfAction, eq(fieldsOfAction.id, projects.fieldOfActionId))
    .innerJoin(units, eq(units.id, projects.leadUnitId))
    .leftJoin(employees, eq(employees.id, projects.projectLeadEmployeeId))
    .leftJoin(workflowInstances, projectInstanceJoin)
    .leftJoin(projectAssessments, eq(projectAssessments.projectId, projects.id))
    .where(where)
    .orderBy(...orderBy(query, states.map((s) => s.name)))
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
    .all();
  const labels = projectStateLabels(db, t, rows.map((r) => r.id));
  return {
    total,
    page,
    pageCount,
    states,
    rows: rows.map((r) => ({
      ...r,
      stateLabel: labels.get(r.id) ?? null,
      overdue: r.overdueMilestones > 0 || (r.endDate !== null && r.endDate < today && (r.state === null || !closed.includes(r.state))),
    })),
  };
}

/** Every project matching the list's filters (no paging), in list order: the CSV export. */
export function exportProjectRows(db: DbOrTx, t: Tenant, query: ProjectListQuery, today: string) {
  const { states, closed } = projectStateCatalog(db, t);
  const rows = db
    .select({
      id: projects.id,
      title: projects.title,
      description: projects.description,
      fieldOfAction: fieldsOfAction.name,
      leadUnit: units.name,
      projectLeadEmail: employees.email,
      startDate: projects.startDate,
      endDate: projects.endDate,
      budgetPlannedCents: projects.budgetPlannedCents,
      budgetSpentCents: projects.budgetSpentCents,
      ozgRelevant: projects.ozgRelevant,
      efaReuse: projects.efaReuse,
      version: projects.version,
      state: workflowInstances.state,
    })
    .from(projects)
    .innerJoin(fieldsOfAction, eq(fieldsOfAction.id, projects.fieldOfActionId))
    .innerJoin(units, eq(units.id, projects.leadUnitId))
    .leftJoin(employees, eq(employees.id, projects.projectLeadEmployeeId))
    .leftJoin(workflowInstances, projectInstanceJoin)
    .leftJoin(projectAssessments, eq(projectAssessments.projectId, projects.id))
    .where(listConditions(t, query, today, closed))
    .orderBy(...orderBy(query, states.map((s) => s.name)))
    .all();
  const labels = projectStateLabels(db, t);
  const unitNames = new Map<number, string[]>();
  for (const r of db
    .select({ projectId: projectUnits.projectId, name: units.name })
    .from(projectUnits)
    .innerJoin(units, eq(units.id, projectUnits.unitId))
    .where(scoped(projectUnits, t))
    .orderBy(asc(units.name))
    .all()) {
    unitNames.set(r.projectId, [...(unitNames.get(r.projectId) ?? []), r.name]);
  }
  const goalTitles = new Map<number, string[]>();
  for (const r of db
    .select({ projectId: projectGoals.projectId, title: goals.title })
    .from(projectGoals)
    .innerJoin(goals, eq(goals.id, projectGoals.goalId))
    .where(scoped(projectGoals, t))
    .orderBy(asc(goals.title))
    .all()) {
    goalTitles.set(r.projectId, [...(goalTitles.get(r.projectId) ?? []), r.title]);
  }
  return rows.map((r) => ({ ...r, stateLabel: labels.get(r.id) ?? null, involvedUnits: unitNames.get(r.id) ?? [], goals: goalTitles.get(r.id) ?? [] }));
}

/** Choices for the list filters: fields of action and units. */
export function projectFilterOptions(db: DbOrTx, t: Tenant) {
  const fields = db
    .select({ id: fieldsOfAction.id, name: fieldsOfAction.name, focusArea: fieldsOfAction.focusArea })
    .from(fieldsOfAction)
    .where(scoped(fieldsOfAction, t))
    .orderBy(asc(fieldsOfAction.sortOrder), asc(fieldsOfAction.id))
    .all();
  const unitRows = db
    .select({ id: units.id, name: units.name, kind: units.kind })
    .from(units)
    .where(scoped(units, t))
    .orderBy(desc(units.kind), asc(units.name))
    .all();
  return { fieldsOfAction: fields, units: unitRows };
}
