import { asc, count, eq, inArray, isNull } from "drizzle-orm";
import { agendas, fieldsOfAction, goalValues, goals, projectGoals, projects, workflowInstances } from "../../../db/schema";
import { auditUpdate, newValues, oldValues, writeAudit } from "../../utils/audit.server";
import { type DbOrTx, type Tx, transaction } from "../../utils/db.server";
import { ValidationError } from "../../utils/errors";
import { type Tenant, scoped, tenantRow, updateVersioned } from "../../utils/tenant.server";
import { workflowStates } from "../../workflow/index.server";
import {
  FOCUS_AREAS,
  type FieldOfActionInput,
  type GoalInput,
  type GoalValueInput,
  type VisionInput,
  averageProgress,
  goalProgress,
  currentValue,
  futureValueError,
  isTrainingCoverageGoal,
  liveCoverageValue,
  reorder,
} from "./agenda";
import { projectInstanceJoin } from "../projects/states.server";
import type { AreaCaller } from "../../utils/caller.server";
import { assertCan } from "../../utils/permissions";
import { unitCoverage } from "../trainings/coverage.server";

export type Editor = AreaCaller;

export function getAgenda(db: DbOrTx, t: Tenant) {
  return db.select().from(agendas).where(scoped(agendas, t)).get();
}

export function listFieldsOfAction(db: DbOrTx, t: Tenant) {
  const rows = db
    .select({
      id: fieldsOfAction.id,
      name: fieldsOfAction.name,
      focusArea: fieldsOfAction.focusArea,
      description: fieldsOfAction.description,
      sortOrder: fieldsOfAction.sortOrder,
      version: fieldsOfAction.version,
    })
    .from(fieldsOfAction)
    .where(scoped(fieldsOfAction, t))
    .orderBy(asc(fieldsOfAction.sortOrder), asc(fieldsOfAction.id))
    .all();
  return rows.sort((a, b) => FOCUS_AREAS.indexOf(a.focusArea) - FOCUS_AREAS.indexOf(b.focusArea));
}

export function listGoals(db: DbOrTx, t: Tenant) {
  return db
    .select({ id: goals.id, title: goals.title, fieldOfActionId: goals.fieldOfActionId, unit: goals.unit })
    .from(goals)
    .where(scoped(goals, t))
    .orderBy(asc(goals.title))
    .all();
}

/**
 * Everything the agenda page shows, in four queries: fields of action with their goals (values,
 * progress) and the projects assigned to each field, with their workflow state.
 */
export function agendaOverview(db: DbOrTx, t: Tenant, today: string) {
  const agenda = getAgenda(db, t);
  const fields = listFieldsOfAction(db, t);
  const goalRows = db.select().from(goals).where(scoped(goals, t)).orderBy(asc(goals.id)).all();
  const valueRows = db
    .select({ goalId: goalValues.goalId, recordedOn: goalValues.recordedOn, value: goalValues.value, note: goalValues.note })
    .from(goalValues)
    .where(scoped(goalValues, t))
    .orderBy(asc(goalValues.recordedOn), asc(goalValues.id))
    .all();
  const projectRows = db
    .select({
      id: projects.id,
      title: projects.title,
      fieldOfActionId: projects.fieldOfActionId,
      state: workflowInstances.state,
    })
    .from(projects)
    .leftJoin(workflowInstances, projectInstanceJoin)
    .where(scoped(projects, t, isNull(projects.archivedAt)))
    .orderBy(asc(projects.title))
    .all();
  // Labels of the definition version each project's workflow runs on (a Kommune may deploy its own).
  const states = workflowStates(db, t, "project");
  const projectViews = projectRows.map((p) => ({ ...p, stateLabel: states.get(p.id)?.stateLabel ?? null }));

  const valuesByGoal = new Map<number, typeof valueRows>();
  for (const v of valueRows) valuesByGoal.set(v.goalId, [...(valuesByGoal.get(v.goalId) ?? []), v]);
  const coverage = goalRows.some(isTrainingCoverageGoal) ? liveCoverageValue(unitCoverage(t, today, db).total.coverageBp, today) : null;
  const goalViews = goalRows.map((g) => {
    const recorded = valuesByGoal.get(g.id) ?? [];
    const live = isTrainingCoverageGoal(g);
    const values = live ? (coverage ? [{ goalId: g.id, ...coverage }] : []) : recorded;
    return {
      id: g.id,
      fieldOfActionId: g.fieldOfActionId,
      title: g.title,
      indicator: g.indicator,
      unit: g.unit,
      baseline: g.baseline,
      targetValue: g.targetValue,
      targetDate: g.targetDate,
      version: g.version,
      values,
      live,
      current: currentValue(values, today) ?? null,
      progress: goalProgress(g, values, today),
    };
  });
  return {
    agenda: agenda ?? null,
    focusAreas: FOCUS_AREAS.map((focusArea) => ({
      focusArea,
      fields: fields
        .filter((f) => f.focusArea === focusArea)
        .map((f) => {
          const fieldGoals = goalViews.filter((g) => g.fieldOfActionId === f.id);
          return {
            ...f,
            goals: fieldGoals,
            progress: averageProgress(fieldGoals.map((g) => g.progress)),
            projects: projectViews.filter((p) => p.fieldOfActionId === f.id),
          };
        }),
    })),
  };
}

export function getGoal(db: DbOrTx, t: Tenant, goalId: number, today: string) {
  const goal = db.select().from(goals).where(scoped(goals, t, eq(goals.id, goalId))).get();
  if (!goal) return undefined;
  const values = db
    .select()
    .from(goalValues)
    .where(scoped(goalValues, t, eq(goalValues.goalId, goalId)))
    .orderBy(asc(goalValues.recordedOn), asc(goalValues.id))
    .all();
  if (isTrainingCoverageGoal(goal)) {
    // The recorded values stay listed; the current value is the live Schulungsquote.
    const live = liveCoverageValue(unitCoverage(t, today, db).total.coverageBp, today);
    const liveValues = live ? [live] : [];
    return { ...goal, values, live: true, current: live, progress: goalProgress(goal, liveValues, today) };
  }
  return { ...goal, values, live: false, current: currentValue(values, today) ?? null, progress: goalProgress(goal, values, today) };
}

/** Creates the agenda on first save, afterwards updates it with the version the user saw. */
export function saveVision(editor: Editor, input: VisionInput): void {
  assertCan(editor, "agenda.edit");
  transaction((tx) => {
    const before = getAgenda(tx, editor);
    const values = {
      title: input.title,
      vision: input.vision,
      trainingCoverageTargetBp: input.trainingCoverageTargetPercent * 100,
    };
    if (!before) {
      const created = tx.insert(agendas).values(tenantRow(editor, values)).returning({ id: agendas.id }).get();
      writeAudit(tx, { actor: editor.actor, municipalityId: editor.municipalityId, entity: "agenda", entityId: created.id, action: "create", changes: newValues(values) });
      return;
    }
    updateVersioned(tx, agendas, editor, before.id, input.version, { ...values, updatedAt: new Date().toISOString() });
    auditUpdate(tx, { actor: editor.actor, municipalityId: editor.municipalityId, entity: "agenda", entityId: before.id, before, after: values });
  });
}

function fieldNameTaken(tx: DbOrTx, t: Tenant, name: string, exceptId?: number): boolean {
  return tx
    .select({ id: fieldsOfAction.id, name: fieldsOfAction.name })
    .from(fieldsOfAction)
    .where(scoped(fieldsOfAction, t))
    .all()
    .some((f) => f.id !== exceptId && f.name.toLocaleLowerCase("de-DE") === name.toLocaleLowerCase("de-DE"));
}

export function createFieldOfAction(editor: Editor, input: FieldOfActionInput): number {
  assertCan(editor, "agenda.edit");
  return transaction((tx) => {
    if (fieldNameTaken(tx, editor, input.name)) {
      throw new ValidationError({ name: ["Ein Handlungsfeld mit diesem Namen gibt es bereits."] });
    }
    const last = listFieldsOfAction(tx, editor).filter((f) => f.focusArea === input.focusArea).at(-1);
    const created = tx
      .insert(fieldsOfAction)
      .values(tenantRow(editor, { ...input, sortOrder: (last?.sortOrder ?? 0) + 1 }))
      .returning({ id: fieldsOfAction.id })
      .get();
    writeAudit(tx, { actor: editor.actor, municipalityId: editor.municipalityId, entity: "fieldOfAction", entityId: created.id, action: "create", changes: newValues(input) });
    return created.id;
  });
}

/** Returns false when the field of action is not in this Kommune. */
export function updateFieldOfAction(editor: Editor, id: number, expectedVersion: number, input: FieldOfActionInput): boolean {
  assertCan(editor, "agenda.edit");
  return transaction((tx) => {
    const before = tx.select().from(fieldsOfAction).where(scoped(fieldsOfAction, editor, eq(fieldsOfAction.id, id))).get();
    if (!before) return false;
    if (fieldNameTaken(tx, editor, input.name, id)) {
      throw new ValidationError({ name: ["Ein Handlungsfeld mit diesem Namen gibt es bereits."] });
    }
    updateVersioned(tx, fieldsOfAction, editor, id, expectedVersion, input);
    auditUpdate(tx, { actor: editor.actor, municipalityId: editor.municipalityId, entity: "fieldOfAction", entityId: id, before, after: input });
    return true;
  });
}

/** Moves a field of action one place up or down within its focus area. */
export function moveFieldOfAction(editor: Editor, id: number, direction: "up" | "down"): boolean {
  assertCan(editor, "agenda.edit");
  return transaction((tx) => {
    const all = listFieldsOfAction(tx, editor);
    const field = all.find((f) => f.id === id);
    if (!field) return false;
    const siblings = all.filter((f) => f.focusArea === field.focusArea);
    const order = reorder(
      siblings.map((f) => f.id),
      id,
      direction,
    );
    order.forEach((fid, index) => {
      tx.update(fieldsOfAction).set({ sortOrder: index + 1 }).where(scoped(fieldsOfAction, editor, eq(fieldsOfAction.id, fid))).run();
    });
    writeAudit(tx, { actor: editor.actor, municipalityId: editor.municipalityId, entity: "fieldOfAction", entityId: id, action: "move", details: { direction } });
    return true;
  });
}

/** Removes a field of action that no goal and no project uses; refuses otherwise with a German reason. */
export function removeFieldOfAction(editor: Editor, id: number): boolean {
  assertCan(editor, "agenda.edit");
  return transaction((tx) => {
    const before = tx.select().from(fieldsOfAction).where(scoped(fieldsOfAction, editor, eq(fieldsOfAction.id, id))).get();
    if (!before) return false;
    const goalCount = tx.select({ n: count() }).from(goals).where(scoped(goals, editor, eq(goals.fieldOfActionId, id))).get()!.n;
    const projectCount = tx.select({ n: count() }).from(projects).where(scoped(projects, editor, eq(projects.fieldOfActionId, id))).get()!.n;
    if (goalCount > 0 || projectCount > 0) {
      throw new ValidationError({
        form: [
          `Das Handlungsfeld „${before.name}“ wird noch verwendet (${goalCount} Ziele, ${projectCount} Projekte) und kann nicht entfernt werden. Ordnen Sie diese zuerst einem anderen Handlungsfeld zu.`,
        ],
      });
    }
    tx.delete(fieldsOfAction).where(scoped(fieldsOfAction, editor, eq(fieldsOfAction.id, id))).run();
    writeAudit(tx, { actor: editor.actor, municipalityId: editor.municipalityId, entity: "fieldOfAction", entityId: id, action: "delete", changes: oldValues({ name: before.name }) });
    return true;
  });
}

function assertField(tx: DbOrTx, t: Tenant, fieldOfActionId: number) {
  const field = tx.select({ id: fieldsOfAction.id }).from(fieldsOfAction).where(scoped(fieldsOfAction, t, eq(fieldsOfAction.id, fieldOfActionId))).get();
  if (!field) throw new ValidationError({ fieldOfActionId: ["Bitte wählen Sie ein Handlungsfeld dieser Kommune."] });
}

function goalColumns(input: GoalInput) {
  return {
    fieldOfActionId: input.fieldOfActionId,
    title: input.title,
    indicator: input.indicator,
    unit: input.unit,
    baseline: input.baseline,
    targetValue: input.targetValue,
    targetDate: input.targetDate,
  };
}

/**
 * Inserts a goal with its audit entry inside the caller's transaction; for use cases of other areas
 * that create a goal together with their own rows (a maturity measure).
 */
export function insertGoal(tx: Tx, editor: Editor, input: GoalInput): number {
  assertCan(editor, "agenda.edit");
  assertField(tx, editor, input.fieldOfActionId);
  const values = goalColumns(input);
  const created = tx.insert(goals).values(tenantRow(editor, values)).returning({ id: goals.id }).get();
  writeAudit(tx, { actor: editor.actor, municipalityId: editor.municipalityId, entity: "goal", entityId: created.id, action: "create", changes: newValues(values) });
  return created.id;
}

export function createGoal(editor: Editor, input: GoalInput): number {
  assertCan(editor, "agenda.edit");
  return transaction((tx) => insertGoal(tx, editor, input));
}

export function updateGoal(editor: Editor, id: number, expectedVersion: number, input: GoalInput): void {
  assertCan(editor, "agenda.edit");
  transaction((tx) => {
    const before = tx.select().from(goals).where(scoped(goals, editor, eq(goals.id, id))).get();
    if (!before) throw new ValidationError({ form: ["Das Ziel gibt es nicht mehr."] });
    assertField(tx, editor, input.fieldOfActionId);
    const values = goalColumns(input);
    updateVersioned(tx, goals, editor, id, expectedVersion, values);
    auditUpdate(tx, { actor: editor.actor, municipalityId: editor.municipalityId, entity: "goal", entityId: id, before, after: values });
  });
}

function goalOf(tx: Tx, editor: Editor, goalId: number) {
  const goal = tx.select({ id: goals.id, title: goals.title }).from(goals).where(scoped(goals, editor, eq(goals.id, goalId))).get();
  if (!goal) throw new ValidationError({ form: ["Das Ziel gibt es nicht mehr."] });
  return goal;
}

function valueOf(tx: Tx, editor: Editor, goalId: number, valueId: number) {
  const value = tx
    .select()
    .from(goalValues)
    .where(scoped(goalValues, editor, eq(goalValues.goalId, goalId), eq(goalValues.id, valueId)))
    .get();
  if (!value) throw new ValidationError({ form: ["Den Istwert gibt es nicht mehr."] });
  return value;
}

function refuseFutureDate(input: GoalValueInput, today: string): void {
  const message = futureValueError(input.recordedOn, today);
  if (message) throw new ValidationError({ recordedOn: [message] });
}

/** Records a measured value; a date after today is refused (it would pass for the current value). */
export function recordGoalValue(editor: Editor, goalId: number, input: GoalValueInput, today: string): number {
  assertCan(editor, "agenda.edit");
  return transaction((tx) => {
    goalOf(tx, editor, goalId);
    refuseFutureDate(input, today);
    const values = { goalId, recordedOn: input.recordedOn, value: input.value, note: input.note };
    const created = tx.insert(goalValues).values(tenantRow(editor, values)).returning({ id: goalValues.id }).get();
    writeAudit(tx, { actor: editor.actor, municipalityId: editor.municipalityId, entity: "goalValue", entityId: created.id, action: "create", changes: newValues(values), parent: { entity: "goal", id: goalId } });
    return created.id;
  });
}

/** Corrects a recorded value (date, value, note), audited with before and after. */
export function updateGoalValue(editor: Editor, goalId: number, valueId: number, input: GoalValueInput, today: string): void {
  assertCan(editor, "agenda.edit");
  transaction((tx) => {
    goalOf(tx, editor, goalId);
    const before = valueOf(tx, editor, goalId, valueId);
    refuseFutureDate(input, today);
    const after = { recordedOn: input.recordedOn, value: input.value, note: input.note };
    tx.update(goalValues).set(after).where(scoped(goalValues, editor, eq(goalValues.id, valueId))).run();
    auditUpdate(tx, { actor: editor.actor, municipalityId: editor.municipalityId, entity: "goalValue", entityId: valueId, before, after, parent: { entity: "goal", id: goalId } });
  });
}

/** Deletes a value recorded by mistake; the audit entry keeps what it was. */
export function deleteGoalValue(editor: Editor, goalId: number, valueId: number): void {
  assertCan(editor, "agenda.edit");
  transaction((tx) => {
    goalOf(tx, editor, goalId);
    const before = valueOf(tx, editor, goalId, valueId);
    tx.delete(goalValues).where(scoped(goalValues, editor, eq(goalValues.id, valueId))).run();
    writeAudit(tx, {
      actor: editor.actor,
      municipalityId: editor.municipalityId,
      entity: "goalValue",
      entityId: valueId,
      action: "delete",
      changes: oldValues({ recordedOn: before.recordedOn, value: before.value, note: before.note }),
      parent: { entity: "goal", id: goalId },
    });
  });
}

/**
 * Deletes a goal with its values; projects assigned to it lose the assignment (the audit entry
 * names them), the projects themselves stay.
 */
export function deleteGoal(editor: Editor, goalId: number): void {
  assertCan(editor, "agenda.edit");
  transaction((tx) => {
    const goal = tx.select().from(goals).where(scoped(goals, editor, eq(goals.id, goalId))).get();
    if (!goal) throw new ValidationError({ form: ["Das Ziel gibt es nicht mehr."] });
    const linked = tx
      .select({ projectId: projectGoals.projectId })
      .from(projectGoals)
      .where(scoped(projectGoals, editor, eq(projectGoals.goalId, goalId)))
      .all()
      .map((r) => r.projectId);
    const valueCount = tx.select({ id: goalValues.id }).from(goalValues).where(scoped(goalValues, editor, eq(goalValues.goalId, goalId))).all().length;
    tx.delete(projectGoals).where(scoped(projectGoals, editor, eq(projectGoals.goalId, goalId))).run();
    tx.delete(goalValues).where(scoped(goalValues, editor, eq(goalValues.goalId, goalId))).run();
    tx.delete(goals).where(scoped(goals, editor, eq(goals.id, goalId))).run();
    writeAudit(tx, {
      actor: editor.actor,
      municipalityId: editor.municipalityId,
      entity: "goal",
      entityId: goalId,
      action: "delete",
      changes: oldValues({ title: goal.title, indicator: goal.indicator, unit: goal.unit, baseline: goal.baseline, targetValue: goal.targetValue, targetDate: goal.targetDate, projectIds: linked }),
      details: { valueCount },
    });
  });
}

/** Goals of several fields of action keyed by id, for pickers (project form). */
export function goalsByIds(db: DbOrTx, t: Tenant, ids: number[]) {
  if (ids.length === 0) return [];
  return db.select({ id: goals.id }).from(goals).where(scoped(goals, t, inArray(goals.id, ids))).all();
}

export type AgendaOverview = ReturnType<typeof agendaOverview>;
