import { type SQL, and, asc, count, desc, eq, inArray, isNotNull, isNull, notInArray, or, sql } from "drizzle-orm";
import {
  employees,
  fieldsOfAction,
  goals,
  memberships,
  milestones,
  projectAssessments,
  projectDependencies,
  projectGoals,
  projectUnits,
  projects,
  risks,
  teamMembers,
  teamProjects,
  units,
  workflowInstances,
} from "../../../db/schema";
import { auditUpdate, changedValues, newValues, oldValues, writeAudit, writeAudits } from "../../utils/audit.server";
import { type Db, type DbOrTx, type Tx, getDb, transaction } from "../../utils/db.server";
import { ConflictError, ValidationError } from "../../utils/errors";
import { forbidden } from "../../utils/http.server";
import { type Tenant, scoped, tenantRow, updateVersioned } from "../../utils/tenant.server";
import { refreshWorkflow, startWorkflow, workflowStates } from "../../workflow/index.server";
import { recomputeProjectClassification } from "../assessment/assessment.server";
import {
  ARCHIVED_PROJECT_MESSAGE,
  PAGE_SIZE,
  type ProjectListQuery,
  type ProjectValues,
  type RiskInput,
  NOT_OWN_PROJECT_MESSAGE,
  isMilestoneOverdue,
  mayChangeAsRole,
  riskScore,
  wouldCreateCycle,
} from "./projects";
import { projectInstanceJoin, projectStateCatalog, projectStateLabels } from "./states.server";
import type { AreaCaller } from "../../utils/caller.server";
import { assertCan } from "../../utils/permissions";
import { refuseJointPartner } from "../joint/partner-guard.server";
import { assertBudgetCoversShares } from "../joint/shares.server";


/** Who changes projects: a Kommune member (or a job/seed) with an actor for the audit and a role for the workflow. */
export interface ProjectEditor extends AreaCaller {
  /** The editor's employee record in this Kommune: a project lead may change only projects it leads or works on. */
  employeeId?: number | null;
}

/** The employees who lead a project or work on it as members of a team assigned to it. */
function projectPeople(db: DbOrTx, t: Tenant, project: { id: number; projectLeadEmployeeId: number | null }): number[] {
  const members = db
    .select({ id: teamMembers.employeeId })
    .from(teamProjects)
    .innerJoin(teamMembers, eq(teamMembers.teamId, teamProjects.teamId))
    .where(scoped(teamProjects, t, eq(teamProjects.projectId, project.id)))
    .all()
    .map((m) => m.id);
  return project.projectLeadEmployeeId === null ? members : [project.projectLeadEmployeeId, ...members];
}

/** Whether this user may change the project (edit, archive, milestones, risks, dependencies, status); CDO, admin and Roll-in-Service all. */
export function mayChangeProject(db: DbOrTx, editor: ProjectEditor, project: { id: number; projectLeadEmployeeId: number | null }): boolean {
  if (mayChangeAsRole(editor.role, null, [])) return true;
  return mayChangeAsRole(editor.role, editor.employeeId ?? null, projectPeople(db, editor, project));
}

/** Refuses (403) a project lead's change of a project it neither leads nor works on. */
function assertMayChangeProject(db: DbOrTx, editor: ProjectEditor, project: { id: number; projectLeadEmployeeId: number | null }): void {
  if (!mayChangeProject(db, editor, project)) forbidden(NOT_OWN_PROJECT_MESSAGE);
}

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

/** Choices for the project form: filter options plus employees and goals. */
export function projectFormOptions(db: DbOrTx, t: Tenant) {
  const { fieldsOfAction: fields, units: unitRows } = projectFilterOptions(db, t);
  const employeeRows = db
    .select({ id: employees.id, firstName: employees.firstName, lastName: employees.lastName, unit: units.name })
    .from(employees)
    .innerJoin(units, eq(units.id, employees.unitId))
    .where(scoped(employees, t, eq(employees.active, true)))
    .orderBy(asc(employees.lastName), asc(employees.firstName))
    .all();
  const goalRows = db
    .select({ id: goals.id, title: goals.title, fieldOfActionId: goals.fieldOfActionId })
    .from(goals)
    .where(scoped(goals, t))
    .orderBy(asc(goals.title))
    .all();
  return {
    fieldsOfAction: fields,
    units: unitRows,
    employees: employeeRows.map((e) => ({ id: e.id, name: `${e.lastName}, ${e.firstName} (${e.unit})` })),
    goals: goalRows,
  };
}

export function getProjectRow(db: DbOrTx, t: Tenant, id: number) {
  return db.select().from(projects).where(scoped(projects, t, eq(projects.id, id))).get();
}

/** Everything the project page shows; undefined when the project is not in this Kommune. */
export function getProjectDetail(db: DbOrTx, t: Tenant, id: number, today: string) {
  const project = db
    .select({
      project: projects,
      fieldOfAction: fieldsOfAction.name,
      focusArea: fieldsOfAction.focusArea,
      leadUnit: units.name,
      leadFirstName: employees.firstName,
      leadLastName: employees.lastName,
      leadEmail: employees.email,
      state: workflowInstances.state,
    })
    .from(projects)
    .innerJoin(fieldsOfAction, eq(fieldsOfAction.id, projects.fieldOfActionId))
    .innerJoin(units, eq(units.id, projects.leadUnitId))
    .leftJoin(employees, eq(employees.id, projects.projectLeadEmployeeId))
    .leftJoin(workflowInstances, projectInstanceJoin)
    .where(scoped(projects, t, eq(projects.id, id)))
    .get();
  if (!project) return undefined;
  const involvedUnits = db
    .select({ id: units.id, name: units.name, kind: units.kind })
    .from(projectUnits)
    .innerJoin(units, eq(units.id, projectUnits.unitId))
    .where(scoped(projectUnits, t, eq(projectUnits.projectId, id)))
    .orderBy(asc(units.name))
    .all();
  const projectGoalRows = db
    .select({ id: goals.id, title: goals.title, indicator: goals.indicator })
    .from(projectGoals)
    .innerJoin(goals, eq(goals.id, projectGoals.goalId))
    .where(scoped(projectGoals, t, eq(projectGoals.projectId, id)))
    .orderBy(asc(goals.title))
    .all();
  const milestoneRows = db
    .select()
    .from(milestones)
    .where(scoped(milestones, t, eq(milestones.projectId, id)))
    .orderBy(asc(milestones.dueDate), asc(milestones.id))
    .all()
    .map((m) => ({ ...m, overdue: isMilestoneOverdue(m, today) }));
  const needs = db
    .select({ dependencyId: projectDependencies.id, id: projects.id, title: projects.title, state: workflowInstances.state })
    .from(projectDependencies)
    .innerJoin(projects, eq(projects.id, projectDependencies.dependsOnProjectId))
    .leftJoin(workflowInstances, projectInstanceJoin)
    .where(scoped(projectDependencies, t, eq(projectDependencies.projectId, id)))
    .orderBy(asc(projects.title))
    .all();
  const neededBy = db
    .select({ id: projects.id, title: projects.title, state: workflowInstances.state })
    .from(projectDependencies)
    .innerJoin(projects, eq(projects.id, projectDependencies.projectId))
    .leftJoin(workflowInstances, projectInstanceJoin)
    .where(scoped(projectDependencies, t, eq(projectDependencies.dependsOnProjectId, id)))
    .orderBy(asc(projects.title))
    .all();
  const riskRows = db
    .select({
      id: risks.id,
      title: risks.title,
      category: risks.category,
      likelihood: risks.likelihood,
      impact: risks.impact,
      mitigation: risks.mitigation,
      ownerEmployeeId: risks.ownerEmployeeId,
      closedAt: risks.closedAt,
      version: risks.version,
      ownerFirstName: employees.firstName,
      ownerLastName: employees.lastName,
    })
    .from(risks)
    .leftJoin(employees, eq(employees.id, risks.ownerEmployeeId))
    .where(scoped(risks, t, eq(risks.projectId, id)))
    .all()
    .map((r) => ({ ...r, score: riskScore(r) }))
    // open risks first
    .sort((a, b) => Number(a.closedAt !== null) - Number(b.closedAt !== null) || b.score - a.score || a.id - b.id);
  const candidates = db
    .select({ id: projects.id, title: projects.title })
    .from(projects)
    .where(scoped(projects, t, isNull(projects.archivedAt), sql`${projects.id} <> ${id}`))
    .orderBy(asc(projects.title))
    .all()
    .filter((p) => !needs.some((n) => n.id === p.id));
  const labels = projectStateLabels(db, t, [...needs.map((n) => n.id), ...neededBy.map((n) => n.id)]);
  return {
    ...project,
    involvedUnits,
    goals: projectGoalRows,
    milestones: milestoneRows,
    needs: needs.map((n) => ({ ...n, stateLabel: labels.get(n.id) ?? null })),
    neededBy: neededBy.map((n) => ({ ...n, stateLabel: labels.get(n.id) ?? null })),
    risks: riskRows,
    dependencyCandidates: candidates,
  };
}

function ids<T extends { id: number }>(rows: T[]): Set<number> {
  return new Set(rows.map((r) => r.id));
}

/** Checks that every referenced record belongs to this Kommune; German errors keyed by form field. */
function assertReferences(tx: DbOrTx, t: Tenant, v: ProjectValues): void {
  const errors: Record<string, string[]> = {};
  const field = tx.select({ id: fieldsOfAction.id }).from(fieldsOfAction).where(scoped(fieldsOfAction, t, eq(fieldsOfAction.id, v.fieldOfActionId))).get();
  if (!field) errors.fieldOfActionId = ["Bitte wählen Sie ein Handlungsfeld dieser Kommune."];
  const unitIds = [v.leadUnitId, ...v.involvedUnitIds];
  const found = ids(tx.select({ id: units.id }).from(units).where(scoped(units, t, inArray(units.id, unitIds))).all());
  if (!found.has(v.leadUnitId)) errors.leadUnitId = ["Bitte wählen Sie eine Einheit dieser Kommune."];
  if (v.involvedUnitIds.some((u) => !found.has(u))) errors.involvedUnitIds = ["Mindestens eine beteiligte Einheit gehört nicht zu dieser Kommune."];
  if (v.projectLeadEmployeeId !== null) {
    const lead = tx.select({ id: employees.id }).from(employees).where(scoped(employees, t, eq(employees.id, v.projectLeadEmployeeId))).get();
    if (!lead) errors.projectLeadEmployeeId = ["Bitte wählen Sie eine Person dieser Kommune."];
  }
  if (v.goalIds.length) {
    const goalIds = ids(tx.select({ id: goals.id }).from(goals).where(scoped(goals, t, inArray(goals.id, v.goalIds))).all());
    if (v.goalIds.some((g) => !goalIds.has(g))) errors.goalIds = ["Mindestens ein Ziel gehört nicht zur Digitalagenda dieser Kommune."];
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
}

function columns(v: ProjectValues) {
  return {
    title: v.title,
    description: v.description,
    fieldOfActionId: v.fieldOfActionId,
    leadUnitId: v.leadUnitId,
    projectLeadEmployeeId: v.projectLeadEmployeeId,
    startDate: v.startDate,
    endDate: v.endDate,
    budgetPlannedCents: v.budgetPlannedCents,
    budgetSpentCents: v.budgetSpentCents,
    ozgRelevant: v.ozgRelevant,
    efaReuse: v.efaReuse,
  };
}

function replaceLinks(tx: Tx, t: Tenant, projectId: number, v: ProjectValues, isNew = false): void {
  if (!isNew) {
    tx.delete(projectUnits).where(scoped(projectUnits, t, eq(projectUnits.projectId, projectId))).run();
    tx.delete(projectGoals).where(scoped(projectGoals, t, eq(projectGoals.projectId, projectId))).run();
  }
  for (const unitId of v.involvedUnitIds) tx.insert(projectUnits).values(tenantRow(t, { projectId, unitId })).run();
  for (const goalId of v.goalIds) tx.insert(projectGoals).values(tenantRow(t, { projectId, goalId })).run();
}

function links(tx: DbOrTx, t: Tenant, projectId: number) {
  return {
    involvedUnitIds: tx.select({ id: projectUnits.unitId }).from(projectUnits).where(scoped(projectUnits, t, eq(projectUnits.projectId, projectId))).all().map((r) => r.id).sort((a, b) => a - b),
    goalIds: tx.select({ id: projectGoals.goalId }).from(projectGoals).where(scoped(projectGoals, t, eq(projectGoals.projectId, projectId))).all().map((r) => r.id).sort((a, b) => a - b),
  };
}

/** Inserts a project with its links, starts its workflow and audits it; inside the caller's transaction. */
export function insertProject(tx: Tx, editor: ProjectEditor, v: ProjectValues): number {
  assertCan(editor, "project.edit");
  assertReferences(tx, editor, v);
  const created = tx.insert(projects).values(tenantRow(editor, columns(v))).returning({ id: projects.id }).get();
  replaceLinks(tx, editor, created.id, v, true);
  startWorkflow(tx, editor, { definitionKey: "project", subjectType: "project", subjectId: created.id });
  writeAudit(tx, { actor: editor.actor, municipalityId: editor.municipalityId, entity: "project", entityId: created.id, action: "create", changes: newValues({ ...columns(v), involvedUnitIds: v.involvedUnitIds, goalIds: v.goalIds }) });
  return created.id;
}

/** Updates a project if it still has the version the user saw; inside the caller's transaction. */
function applyProjectUpdate(tx: Tx, editor: ProjectEditor, id: number, expectedVersion: number, v: ProjectValues): void {
  const before = requireEditableProject(tx, editor, id);
  assertReferences(tx, editor, v);
  assertBudgetCoversShares(tx, editor, id, v.budgetPlannedCents);
  const beforeLinks = links(tx, editor, id);
  updateVersioned(tx, projects, editor, id, expectedVersion, { ...columns(v), updatedAt: new Date().toISOString() });
  replaceLinks(tx, editor, id, v);
  if (before.startDate !== v.startDate || before.endDate !== v.endDate) {
    const instance = tx
      .select({ id: workflowInstances.id })
      .from(workflowInstances)
      .where(scoped(workflowInstances, editor, eq(workflowInstances.subjectType, "project"), eq(workflowInstances.subjectId, id)))
      .get();
    if (instance) refreshWorkflow(tx, editor, instance.id);
  }
  // Budget and dates feed the classification (spent vs. planned vs. elapsed time).
  recomputeProjectClassification(tx, editor, id);
  auditUpdate(tx, {
    actor: editor.actor,
    municipalityId: editor.municipalityId,
    entity: "project",
    entityId: id,
    before: { ...before, ...beforeLinks },
    after: { ...before, ...columns(v), involvedUnitIds: [...v.involvedUnitIds].sort((a, b) => a - b), goalIds: [...v.goalIds].sort((a, b) => a - b) },
  });
}

function buildVersionedUpdate(db: Db) {
  const p = sql.placeholder;
  const keys: (keyof ReturnType<typeof columns>)[] = [
    "title",
    "description",
    "fieldOfActionId",
    "leadUnitId",
    "projectLeadEmployeeId",
    "startDate",
    "endDate",
    "budgetPlannedCents",
    "budgetSpentCents",
    "ozgRelevant",
    "efaReuse",
  ];
  const set = Object.fromEntries(keys.map((k) => [k, sql`${p(k)}`]));
  return db
    .update(projects)
    .set({ ...set, updatedAt: sql`${p("updatedAt")}`, version: sql`${projects.version} + 1` })
    .where(scoped(projects, placeholderTenant, eq(projects.id, p("id")), eq(projects.version, p("expectedVersion"))))
    .prepare();
}
let versionedUpdate: { db: Db; statement: ReturnType<typeof buildVersionedUpdate> } | undefined;

/**
 * updateVersioned as one compiled statement, for the import's row loop (same connection rule as
 * projectSubject): sets the project's columns if the version is still the expected one.
 */
function versionedUpdateStatement() {
  const db = getDb();
  if (versionedUpdate?.db !== db) versionedUpdate = { db, statement: buildVersionedUpdate(db) };
  return versionedUpdate.statement;
}

/** SQLite allows 32,766 bound variables per statement; batches stay well below it. */
const BATCH = 400;

function chunks<T>(items: readonly T[], size = BATCH): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

function insertLinksBulk(tx: Tx, t: Tenant, rows: { projectId: number; v: ProjectValues }[]): void {
  const unitRows = rows.flatMap(({ projectId, v }) => v.involvedUnitIds.map((unitId) => tenantRow(t, { projectId, unitId })));
  const goalRows = rows.flatMap(({ projectId, v }) => v.goalIds.map((goalId) => tenantRow(t, { projectId, goalId })));
  for (const batch of chunks(unitRows)) tx.insert(projectUnits).values(batch).run();
  for (const batch of chunks(goalRows)) tx.insert(projectGoals).values(batch).run();
}

/**
 * Creates many projects at once (CSV import) inside the caller's transaction: projects and links
 * and their audit entries are written in batches; each project still gets its own workflow start.
 * The values' references must already be resolved within this Kommune (the CSV lookups are).
 */
export function insertProjectsBulk(tx: Tx, editor: ProjectEditor, values: readonly ProjectValues[]): number[] {
  assertCan(editor, "project.import");
  const ids: number[] = [];
  for (const batch of chunks(values)) {
    // One multi-row INSERT assigns ascending ids in VALUES order; RETURNING order itself is unspecified.
    const created = tx
      .insert(projects)
      .values(batch.map((v) => tenantRow(editor, columns(v))))
      .returning({ id: projects.id })
      .all()
      .map((r) => r.id)
      .sort((a, b) => a - b);
    ids.push(...created);
  }
  insertLinksBulk(tx, editor, ids.map((projectId, i) => ({ projectId, v: values[i] })));
  writeAudits(
    tx,
    ids.map((id, i) => {
      const v = values[i];
      return { actor: editor.actor, municipalityId: editor.municipalityId, entity: "project" as const, entityId: id, action: "create" as const, changes: newValues({ ...columns(v), involvedUnitIds: v.involvedUnitIds, goalIds: v.goalIds }) };
    }),
  );
  for (const id of ids) startWorkflow(tx, editor, { definitionKey: "project", subjectType: "project", subjectId: id });
  return ids;
}

/**
 * Updates many projects at once (CSV import) inside the caller's transaction, each only if it still
 * has the expected version and is not archived (else ConflictError / ValidationError, rolling
 * back everything). Reads and link replacement are set-based; each project gets its own audit entry.
 */
/**
 * Applies many project updates at once (CSV import). A row equal to the stored project is a
 * no-op: no version bump, no audit entry. Returns the ids of the projects actually changed.
 */
export function updateProjectsBulk(
  tx: Tx,
  editor: ProjectEditor,
  requested: readonly { id: number; expectedVersion: number; values: ProjectValues }[],
): number[] {
  assertCan(editor, "project.import");
  if (requested.length === 0) return [];
  const requestedIds = requested.map((u) => u.id);
  const before = new Map<number, typeof projects.$inferSelect>();
  const beforeUnits = new Map<number, number[]>();
  const beforeGoals = new Map<number, number[]>();
  for (const batch of chunks(requestedIds)) {
    for (const r of tx.select().from(projects).where(scoped(projects, editor, inArray(projects.id, batch))).all()) before.set(r.id, r);
    for (const r of tx.select({ projectId: projectUnits.projectId, id: projectUnits.unitId }).from(projectUnits).where(scoped(projectUnits, editor, inArray(projectUnits.projectId, batch))).all()) {
      beforeUnits.set(r.projectId, [...(beforeUnits.get(r.projectId) ?? []), r.id]);
    }
    for (const r of tx.select({ projectId: projectGoals.projectId, id: projectGoals.goalId }).from(projectGoals).where(scoped(projectGoals, editor, inArray(projectGoals.projectId, batch))).all()) {
      beforeGoals.set(r.projectId, [...(beforeGoals.get(r.projectId) ?? []), r.id]);
    }
  }
  const byNumber = (a: number, b: number) => a - b;
  const changesOf = (u: (typeof requested)[number]) => {
    const row = before.get(u.id);
    if (!row) throw new ValidationError({ form: ["Das Projekt gibt es in dieser Kommune nicht."] });
    if (row.archivedAt !== null) throw new ValidationError({ form: [ARCHIVED_PROJECT_MESSAGE] });
    if (!mayChangeProject(tx, editor, row)) throw new ValidationError({ form: [`„${row.title}“: ${NOT_OWN_PROJECT_MESSAGE}`] });
    return changedValues(
      { ...row, involvedUnitIds: [...(beforeUnits.get(u.id) ?? [])].sort(byNumber), goalIds: [...(beforeGoals.get(u.id) ?? [])].sort(byNumber) },
      { ...row, ...columns(u.values), involvedUnitIds: [...new Set(u.values.involvedUnitIds)].sort(byNumber), goalIds: [...new Set(u.values.goalIds)].sort(byNumber) },
    );
  };
  const updates = requested.map((u) => ({ ...u, changes: changesOf(u) })).filter((u) => Object.keys(u.changes).length > 0);
  if (updates.length === 0) return [];
  const ids = updates.map((u) => u.id);
  const now = new Date().toISOString();
  const update = versionedUpdateStatement();
  for (const u of updates) {
    const c = columns(u.values);
    const result = update.run({
      ...c,
      ozgRelevant: Number(c.ozgRelevant),
      efaReuse: Number(c.efaReuse),
      updatedAt: now,
      municipalityId: editor.municipalityId,
      id: u.id,
      expectedVersion: u.expectedVersion,
    });
    if (result.changes !== 1) throw new ConflictError();
  }
  for (const batch of chunks(ids)) {
    tx.delete(projectUnits).where(scoped(projectUnits, editor, inArray(projectUnits.projectId, batch))).run();
    tx.delete(projectGoals).where(scoped(projectGoals, editor, inArray(projectGoals.projectId, batch))).run();
  }
  insertLinksBulk(tx, editor, updates.map((u) => ({ projectId: u.id, v: u.values })));
  const datesChanged = updates.filter((u) => {
    const row = before.get(u.id)!;
    return row.startDate !== u.values.startDate || row.endDate !== u.values.endDate;
  });
  if (datesChanged.length) {
    const instances = workflowStates(tx, editor, "project", datesChanged.map((u) => u.id));
    for (const u of datesChanged) {
      const instance = instances.get(u.id);
      if (instance) refreshWorkflow(tx, editor, instance.instanceId);
    }
  }
  writeAudits(
    tx,
    updates.map((u) => ({
      actor: editor.actor,
      municipalityId: editor.municipalityId,
      entity: "project",
      entityId: u.id,
      action: "update",
      changes: u.changes,
    })),
  );
  return ids;
}

export function createProject(editor: ProjectEditor, v: ProjectValues): number {
  assertCan(editor, "project.edit");
  return transaction((tx) => insertProject(tx, editor, v));
}

export function updateProject(editor: ProjectEditor, id: number, expectedVersion: number, v: ProjectValues): void {
  assertCan(editor, "project.edit");
  transaction((tx) => applyProjectUpdate(tx, editor, id, expectedVersion, v));
}

/** Archives (or restores) a project; archived projects leave the list, the agenda and the portfolio. */
export function setProjectArchived(editor: ProjectEditor, id: number, expectedVersion: number, archived: boolean): void {
  assertCan(editor, "project.edit");
  transaction((tx) => {
    const before = getProjectRow(tx, editor, id);
    if (!before) {
      refuseJointPartner(tx, editor, id);
      throw new ValidationError({ form: ["Das Projekt gibt es in dieser Kommune nicht."] });
    }
    assertMayChangeProject(tx, editor, before);
    if ((before.archivedAt !== null) === archived) {
      throw new ValidationError({ form: [archived ? "Das Projekt ist bereits archiviert." : "Das Projekt ist nicht archiviert."] });
    }
    const archivedAt = archived ? new Date().toISOString() : null;
    updateVersioned(tx, projects, editor, id, expectedVersion, { archivedAt, updatedAt: new Date().toISOString() });
    writeAudit(tx, { actor: editor.actor, municipalityId: editor.municipalityId, entity: "project", entityId: id, action: archived ? "archive" : "restore", changes: changedValues({ archivedAt: before.archivedAt }, { archivedAt }) });
  });
}

/**
 * Milestones, dependencies and risks count as edits of the project: they bump its version, and
 * the classification is recomputed (overdue milestones are part of it).
 */
function touchProject(tx: Tx, t: Tenant, projectId: number): void {
  tx.update(projects)
    .set({ version: sql`${projects.version} + 1`, updatedAt: new Date().toISOString() })
    .where(scoped(projects, t, eq(projects.id, projectId)))
    .run();
  recomputeProjectClassification(tx, t, projectId);
}

/**
 * The project, if it exists in this Kommune and is not archived. Archived projects are read-only
 * until restored, whatever the UI shows: every edit use case goes through here.
 */
function requireEditableProject(tx: DbOrTx, editor: ProjectEditor, projectId: number) {
  const project = getProjectRow(tx, editor, projectId);
  if (!project) {
    // A partner Kommune of a joint project sees it read-only: 403, not "not found".
    refuseJointPartner(tx, editor, projectId);
    throw new ValidationError({ form: ["Das Projekt gibt es in dieser Kommune nicht."] });
  }
  assertMayChangeProject(tx, editor, project);
  if (project.archivedAt !== null) throw new ValidationError({ form: [ARCHIVED_PROJECT_MESSAGE] });
  return project;
}

/** The project's milestone, or a German error when it was removed meanwhile. */
function requireMilestone(tx: DbOrTx, t: Tenant, projectId: number, milestoneId: number) {
  const row = tx.select().from(milestones).where(scoped(milestones, t, eq(milestones.id, milestoneId), eq(milestones.projectId, projectId))).get();
  if (!row) throw new ValidationError({ form: ["Den Meilenstein gibt es nicht mehr."] });
  return row;
}

/** The project's risk, or a German error when it was removed meanwhile. */
function requireRisk(tx: DbOrTx, t: Tenant, projectId: number, riskId: number) {
  const row = tx.select().from(risks).where(scoped(risks, t, eq(risks.id, riskId), eq(risks.projectId, projectId))).get();
  if (!row) throw new ValidationError({ form: ["Dieses Risiko gibt es nicht mehr."] });
  return row;
}

/** A risk owner must be a person of this Kommune. */
function assertRiskOwner(tx: DbOrTx, t: Tenant, ownerEmployeeId: number | null): void {
  if (ownerEmployeeId === null) return;
  const owner = tx.select({ id: employees.id }).from(employees).where(scoped(employees, t, eq(employees.id, ownerEmployeeId))).get();
  if (!owner) throw new ValidationError({ ownerEmployeeId: ["Bitte wählen Sie eine Person dieser Kommune."] });
}

export function addMilestone(editor: ProjectEditor, projectId: number, input: { title: string; dueDate: string }): number {
  assertCan(editor, "project.edit");
  return transaction((tx) => {
    requireEditableProject(tx, editor, projectId);
    const created = tx.insert(milestones).values(tenantRow(editor, { projectId, ...input })).returning({ id: milestones.id }).get();
    touchProject(tx, editor, projectId);
    writeAudit(tx, { actor: editor.actor, municipalityId: editor.municipalityId, entity: "milestone", entityId: created.id, action: "create", changes: newValues(input), parent: { entity: "project", id: projectId } });
    return created.id;
  });
}

/** Marks a milestone done (today) or open again. */
export function setMilestoneDone(editor: ProjectEditor, projectId: number, milestoneId: number, done: boolean, today: string): void {
  assertCan(editor, "project.edit");
  transaction((tx) => {
    requireEditableProject(tx, editor, projectId);
    const before = requireMilestone(tx, editor, projectId, milestoneId);
    const doneAt = done ? today : null;
    updateVersioned(tx, milestones, editor, milestoneId, before.version, { doneAt });
    touchProject(tx, editor, projectId);
    writeAudit(tx, { actor: editor.actor, municipalityId: editor.municipalityId, entity: "milestone", entityId: milestoneId, action: done ? "done" : "reopen", changes: changedValues({ doneAt: before.doneAt }, { doneAt }), parent: { entity: "project", id: projectId } });
  });
}

/**
 * Reschedules a milestone: the new date is the one in force (overdue, Fahrplan, classification);
 * the first planned date stays in `originalDueDate`. Moving it back to that date clears it.
 */
export function rescheduleMilestone(editor: ProjectEditor, projectId: number, milestoneId: number, dueDate: string): void {
  assertCan(editor, "project.edit");
  transaction((tx) => {
    requireEditableProject(tx, editor, projectId);
    const before = requireMilestone(tx, editor, projectId, milestoneId);
    if (before.dueDate === dueDate) throw new ValidationError({ dueDate: ["Der Meilenstein liegt bereits auf diesem Datum."] });
    const first = before.originalDueDate ?? before.dueDate;
    const originalDueDate = first === dueDate ? null : first;
    updateVersioned(tx, milestones, editor, milestoneId, before.version, { dueDate, originalDueDate });
    touchProject(tx, editor, projectId);
    writeAudit(tx, {
      actor: editor.actor,
      municipalityId: editor.municipalityId,
      entity: "milestone",
      entityId: milestoneId,
      action: "reschedule",
      changes: { dueDate: { from: before.dueDate, to: dueDate }, originalDueDate: { from: before.originalDueDate, to: originalDueDate } },
      parent: { entity: "project", id: projectId },
    });
  });
}

export function removeMilestone(editor: ProjectEditor, projectId: number, milestoneId: number): void {
  assertCan(editor, "project.edit");
  transaction((tx) => {
    requireEditableProject(tx, editor, projectId);
    const before = requireMilestone(tx, editor, projectId, milestoneId);
    tx.delete(milestones).where(scoped(milestones, editor, eq(milestones.id, milestoneId))).run();
    touchProject(tx, editor, projectId);
    writeAudit(tx, { actor: editor.actor, municipalityId: editor.municipalityId, entity: "milestone", entityId: milestoneId, action: "delete", changes: oldValues({ title: before.title, dueDate: before.dueDate, doneAt: before.doneAt }), parent: { entity: "project", id: projectId } });
  });
}

/** Records that `projectId` needs `dependsOnProjectId`; refuses self-references and cycles. */
export function addDependency(editor: ProjectEditor, projectId: number, dependsOnProjectId: number): void {
  assertCan(editor, "project.edit");
  transaction((tx) => {
    const project = requireEditableProject(tx, editor, projectId);
    const other = getProjectRow(tx, editor, dependsOnProjectId);
    if (!other) throw new ValidationError({ dependsOnProjectId: ["Bitte wählen Sie ein Projekt dieser Kommune."] });
    if (other.archivedAt !== null) throw new ValidationError({ dependsOnProjectId: [`„${other.title}“ ist archiviert; wählen Sie ein aktives Projekt.`] });
    if (dependsOnProjectId === projectId) throw new ValidationError({ dependsOnProjectId: ["Ein Projekt kann nicht von sich selbst abhängen."] });
    const edges = tx
      .select({ projectId: projectDependencies.projectId, dependsOnProjectId: projectDependencies.dependsOnProjectId })
      .from(projectDependencies)
      .where(scoped(projectDependencies, editor))
      .all();
    if (edges.some((e) => e.projectId === projectId && e.dependsOnProjectId === dependsOnProjectId)) {
      throw new ValidationError({ dependsOnProjectId: ["Diese Abhängigkeit ist bereits erfasst."] });
    }
    if (wouldCreateCycle(edges, projectId, dependsOnProjectId)) {
      throw new ValidationError({
        dependsOnProjectId: [`„${other.title}“ hängt bereits (direkt oder über andere Projekte) von „${project.title}“ ab; die Abhängigkeit würde einen Kreis bilden.`],
      });
    }
    const created = tx.insert(projectDependencies).values(tenantRow(editor, { projectId, dependsOnProjectId })).returning({ id: projectDependencies.id }).get();
    touchProject(tx, editor, projectId);
    writeAudit(tx, { actor: editor.actor, municipalityId: editor.municipalityId, entity: "projectDependency", entityId: created.id, action: "create", changes: newValues({ dependsOnProjectId }), parent: { entity: "project", id: projectId } });
  });
}

export function removeDependency(editor: ProjectEditor, projectId: number, dependencyId: number): void {
  assertCan(editor, "project.edit");
  transaction((tx) => {
    requireEditableProject(tx, editor, projectId);
    const before = tx
      .select()
      .from(projectDependencies)
      .where(scoped(projectDependencies, editor, eq(projectDependencies.id, dependencyId), eq(projectDependencies.projectId, projectId)))
      .get();
    if (!before) throw new ValidationError({ form: ["Diese Abhängigkeit gibt es nicht mehr."] });
    tx.delete(projectDependencies).where(scoped(projectDependencies, editor, eq(projectDependencies.id, dependencyId))).run();
    touchProject(tx, editor, projectId);
    writeAudit(tx, { actor: editor.actor, municipalityId: editor.municipalityId, entity: "projectDependency", entityId: dependencyId, action: "delete", changes: oldValues({ dependsOnProjectId: before.dependsOnProjectId }), parent: { entity: "project", id: projectId } });
  });
}

export function addRisk(editor: ProjectEditor, projectId: number, input: RiskInput): number {
  assertCan(editor, "project.edit");
  return transaction((tx) => {
    requireEditableProject(tx, editor, projectId);
    assertRiskOwner(tx, editor, input.ownerEmployeeId);
    const created = tx.insert(risks).values(tenantRow(editor, { projectId, ...input })).returning({ id: risks.id }).get();
    touchProject(tx, editor, projectId);
    writeAudit(tx, { actor: editor.actor, municipalityId: editor.municipalityId, entity: "risk", entityId: created.id, action: "create", changes: newValues(input), parent: { entity: "project", id: projectId } });
    return created.id;
  });
}

/** Re-rates a risk (likelihood, impact, mitigation, owner …) if it still has the version the user saw. */
export function updateRisk(editor: ProjectEditor, projectId: number, riskId: number, expectedVersion: number, input: RiskInput): void {
  assertCan(editor, "project.edit");
  transaction((tx) => {
    requireEditableProject(tx, editor, projectId);
    const before = requireRisk(tx, editor, projectId, riskId);
    assertRiskOwner(tx, editor, input.ownerEmployeeId);
    updateVersioned(tx, risks, editor, riskId, expectedVersion, input);
    touchProject(tx, editor, projectId);
    auditUpdate(tx, { actor: editor.actor, municipalityId: editor.municipalityId, entity: "risk", entityId: riskId, before, after: { ...before, ...input }, parent: { entity: "project", id: projectId } });
  });
}

/**
 * Closes a risk (averted or no longer relevant) or reopens it: a closed risk stays in the register
 * but no longer counts in the classification, the warnings or the portfolio matrix.
 */
export function setRiskClosed(editor: ProjectEditor, projectId: number, riskId: number, closed: boolean, now: string = new Date().toISOString()): void {
  assertCan(editor, "project.edit");
  transaction((tx) => {
    requireEditableProject(tx, editor, projectId);
    const before = requireRisk(tx, editor, projectId, riskId);
    if (closed === (before.closedAt !== null)) {
      throw new ValidationError({ form: [closed ? "Das Risiko ist bereits geschlossen." : "Das Risiko ist bereits offen."] });
    }
    const closedAt = closed ? now : null;
    updateVersioned(tx, risks, editor, riskId, before.version, { closedAt });
    touchProject(tx, editor, projectId);
    writeAudit(tx, {
      actor: editor.actor,
      municipalityId: editor.municipalityId,
      entity: "risk",
      entityId: riskId,
      action: closed ? "close" : "reopen",
      changes: { closedAt: { from: before.closedAt, to: closedAt } },
      parent: { entity: "project", id: projectId },
    });
  });
}

export function removeRisk(editor: ProjectEditor, projectId: number, riskId: number): void {
  assertCan(editor, "project.edit");
  transaction((tx) => {
    requireEditableProject(tx, editor, projectId);
    const before = requireRisk(tx, editor, projectId, riskId);
    tx.delete(risks).where(scoped(risks, editor, eq(risks.id, riskId))).run();
    touchProject(tx, editor, projectId);
    writeAudit(tx, { actor: editor.actor, municipalityId: editor.municipalityId, entity: "risk", entityId: riskId, action: "delete", changes: oldValues({ title: before.title, category: before.category, likelihood: before.likelihood, impact: before.impact }), parent: { entity: "project", id: projectId } });
  });
}

/** The open risks of the Kommune's active projects, for the portfolio risk matrix. */
export function portfolioRisks(db: DbOrTx, t: Tenant) {
  return db
    .select({
      id: risks.id,
      title: risks.title,
      category: risks.category,
      likelihood: risks.likelihood,
      impact: risks.impact,
      mitigation: risks.mitigation,
      projectId: projects.id,
      projectTitle: projects.title,
    })
    .from(risks)
    .innerJoin(projects, eq(projects.id, risks.projectId))
    .where(scoped(risks, t, isNull(projects.archivedAt), isNull(risks.closedAt)))
    .all()
    .map((r) => ({ ...r, score: riskScore(r) }))
    .sort((a, b) => b.score - a.score || a.projectTitle.localeCompare(b.projectTitle, "de"));
}

const placeholderTenant: Tenant = { municipalityId: sql.placeholder("municipalityId") as unknown as number };

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

export type ProjectDetail = NonNullable<ReturnType<typeof getProjectDetail>>;
