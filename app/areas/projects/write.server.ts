import { asc, eq, inArray } from "drizzle-orm";
import { employees, fieldsOfAction, goals, projectGoals, projectUnits, projects, units, workflowInstances } from "../../../db/schema";
import { auditUpdate, changedValues, newValues, writeAudit } from "../../utils/audit.server";
import { type DbOrTx, type Tx, transaction } from "../../utils/db.server";
import { ValidationError } from "../../utils/errors";
import { assertCan } from "../../utils/permissions";
import { type Tenant, scoped, tenantRow, updateVersioned } from "../../utils/tenant.server";
import { refreshWorkflow, startWorkflow } from "../../workflow/index.server";
import { recomputeProjectClassification } from "../assessment/assessment.server";
import { refuseJointPartner } from "../joint/partner-guard.server";
import { assertBudgetCoversShares } from "../joint/shares.server";
import { type ProjectEditor, assertMayChangeProject, getProjectRow, requireEditableProject } from "./access.server";
import { projectFilterOptions } from "./list.server";
import type { ProjectValues } from "./projects";

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

export function columns(v: ProjectValues) {
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
