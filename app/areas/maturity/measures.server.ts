import { and, asc, eq } from "drizzle-orm";
import { fieldsOfAction, maturityGoalMeasures, maturityMeasures, municipalities, trainingCourses, units } from "../../../db/schema";
import type { TrainingTopic } from "../../../db/schema/trainings";
import { writeAudit } from "../../utils/audit.server";
import { type DbOrTx, getDb, transaction } from "../../utils/db.server";
import { ValidationError } from "../../utils/errors";
import { todayIso } from "../../utils/format";
import { assertCan } from "../../utils/permissions";
import { type Tenant, scoped, tenantRow } from "../../utils/tenant.server";
import { listProgrammes } from "../funding/programmes.server";
import type { ProjectEditor } from "../projects/access.server";
import { insertProject } from "../projects/write.server";
import { insertGoal } from "../agenda/agenda.server";
import type { AreaCaller } from "../../utils/caller.server";
import { assessmentItem, assessmentView } from "./assessments.server";
import { MATURITY_AREA_LABELS } from "./catalogue";
import { programmeFitsPurpose, proposalFor } from "./maturity";
import { adoptionsOf } from "../efa/adoption.server";
import { listOzgServices } from "../efa/catalogue.server";
import { matchEfaServices } from "../efa/efa-matching";

/** Funding programmes (by purpose tag and eligibility), courses (by topic) and EfA services (by Themenfeld) that match an item. */
export function matchingOffers(db: DbOrTx, tenant: Tenant, items: readonly { code: string; purposeTag: string; trainingTopic: TrainingTopic | null }[]) {
  const municipality = db.select().from(municipalities).where(eq(municipalities.id, tenant.municipalityId)).get()!;
  const programmes = listProgrammes(tenant, db);
  const courses = db.select({ id: trainingCourses.id, title: trainingCourses.title, topic: trainingCourses.topic }).from(trainingCourses).where(scoped(trainingCourses, tenant)).orderBy(asc(trainingCourses.title)).all();
  const today = todayIso();
  const services = listOzgServices(db);
  const adoptions = adoptionsOf(db, tenant);
  const statusOf = (serviceId: number) => adoptions.get(serviceId)?.status ?? "notStarted";
  return new Map(
    items.map((item) => [
      item.code,
      {
        programmes: programmes
          .filter((p) => programmeFitsPurpose(p, item.purposeTag, municipality, today))
          .slice(0, 3)
          .map((p) => ({ id: p.id, name: p.name })),
        courses: item.trainingTopic ? courses.filter((c) => c.topic === item.trainingTopic).slice(0, 3).map((c) => ({ id: c.id, title: c.title })) : [],
        efaServices: matchEfaServices(item, services, statusOf).map((s) => ({ id: s.id, ozgId: s.ozgId, name: s.name, land: s.efaProvidingLand, status: s.efaStatus })),
      },
    ]),
  );
}

/** Choices for the measure form: fields of action (with the one matching the item first) and units. */
export function measureChoices(db: DbOrTx, tenant: Tenant) {
  return {
    fieldsOfAction: db.select({ id: fieldsOfAction.id, name: fieldsOfAction.name }).from(fieldsOfAction).where(scoped(fieldsOfAction, tenant)).orderBy(asc(fieldsOfAction.sortOrder), asc(fieldsOfAction.name)).all(),
    units: db.select({ id: units.id, name: units.name }).from(units).where(scoped(units, tenant)).orderBy(asc(units.name)).all(),
  };
}

/** Cuts a proposal to a project title (at most 160 characters, at a word boundary). */
export function measureTitle(text: string): string {
  if (text.length <= 160) return text;
  const cut = text.slice(0, 159);
  return `${cut.slice(0, cut.lastIndexOf(" ") > 80 ? cut.lastIndexOf(" ") : 159)}…`;
}

/** The item's gap in the assessment and the proposal it triggers; German errors when there is none. */
function gapOf(db: DbOrTx, tenant: Tenant, assessmentId: number, itemId: number) {
  const item = assessmentItem(db, tenant, assessmentId, itemId);
  if (!item) throw new ValidationError({ form: ["Das Kriterium gibt es in dieser Selbstbewertung nicht."] });
  const view = assessmentView(db, tenant, assessmentId)!;
  const gap = view.gaps.find((g) => g.item.id === itemId);
  if (!gap) throw new ValidationError({ form: ["Für dieses Kriterium gibt es keinen Abstand zum Ziel und damit keinen Vorschlag."] });
  return { item, gap, view, proposal: proposalFor(item, gap.gap) ?? item.title };
}

/**
 * Turns the proposal for an item's gap into a project of the Digitalagenda, linked back to the
 * item (the item then lists it with its state). One transaction: project, link and audit.
 */
export function createMeasureProject(
  editor: ProjectEditor,
  assessmentId: number,
  itemId: number,
  input: { fieldOfActionId: number; leadUnitId: number },
  db: DbOrTx = getDb(),
): number {
  assertCan(editor, "project.edit");
  assertCan(editor, "maturity.view");
  const { item, gap, view, proposal } = gapOf(db, editor, assessmentId, itemId);
  return transaction((tx) => {
    const field = tx.select({ id: fieldsOfAction.id }).from(fieldsOfAction).where(scoped(fieldsOfAction, editor, eq(fieldsOfAction.id, input.fieldOfActionId))).get();
    const unit = tx.select({ id: units.id }).from(units).where(and(scoped(units, editor, eq(units.id, input.leadUnitId)))).get();
    const errors: Record<string, string[]> = {};
    if (!field) errors.fieldOfActionId = ["Bitte wählen Sie ein Handlungsfeld der Digitalagenda."];
    if (!unit) errors.leadUnitId = ["Bitte wählen Sie die federführende Organisationseinheit."];
    if (Object.keys(errors).length) throw new ValidationError(errors);
    const projectId = insertProject(tx, editor, {
      title: measureTitle(proposal),
      description: `Maßnahme aus der Selbstbewertung zum Reifegrad: ${item.code} „${item.title}“ (${MATURITY_AREA_LABELS[item.area]}), heute Stufe ${gap.currentLevel}, Ziel Stufe ${gap.targetLevel} bis ${view.assessment.targetYear}.\n\n${proposal}`,
      fieldOfActionId: input.fieldOfActionId,
      leadUnitId: input.leadUnitId,
      involvedUnitIds: [],
      goalIds: [],
      projectLeadEmployeeId: null,
      startDate: null,
      endDate: null,
      budgetPlannedCents: 0,
      budgetSpentCents: 0,
      ozgRelevant: item.trainingTopic === "ozgProcesses",
      efaReuse: false,
    });
    const link = tx.insert(maturityMeasures).values(tenantRow(editor, { itemCode: item.code, projectId })).returning({ id: maturityMeasures.id }).get();
    writeAudit(tx, {
      actor: editor.actor,
      municipalityId: editor.municipalityId,
      entity: "maturityMeasure",
      entityId: link.id,
      action: "create",
      changes: { itemCode: { to: item.code }, projectId: { to: projectId } },
      parent: { entity: "project", id: projectId },
    });
    return projectId;
  });
}

/**
 * Turns the proposal for an item's gap into a goal of the Digitalagenda in the chosen field of
 * action, measured by the item's level: from today's level to the target level by the end of the
 * assessment's target year. Linked back to the item, which then lists it with its progress. One
 * transaction: goal, link and audit.
 */
export function createMeasureGoal(editor: AreaCaller, assessmentId: number, itemId: number, input: { fieldOfActionId: number }, db: DbOrTx = getDb()): number {
  assertCan(editor, "agenda.edit");
  assertCan(editor, "maturity.view");
  const { item, gap, view, proposal } = gapOf(db, editor, assessmentId, itemId);
  return transaction((tx) => {
    const field = tx.select({ id: fieldsOfAction.id }).from(fieldsOfAction).where(scoped(fieldsOfAction, editor, eq(fieldsOfAction.id, input.fieldOfActionId))).get();
    if (!field) throw new ValidationError({ fieldOfActionId: ["Bitte wählen Sie ein Handlungsfeld der Digitalagenda."] });
    const goalId = insertGoal(tx, editor, {
      fieldOfActionId: input.fieldOfActionId,
      title: measureTitle(proposal).slice(0, 200),
      indicator: `Reifegrad ${item.code} „${item.title}“`.slice(0, 200),
      unit: "Stufe 0–4",
      baseline: gap.currentLevel,
      targetValue: gap.targetLevel,
      targetDate: `${view.assessment.targetYear}-12-31`,
    });
    const link = tx.insert(maturityGoalMeasures).values(tenantRow(editor, { itemCode: item.code, goalId })).returning({ id: maturityGoalMeasures.id }).get();
    writeAudit(tx, {
      actor: editor.actor,
      municipalityId: editor.municipalityId,
      entity: "maturityMeasure",
      entityId: link.id,
      action: "create",
      changes: { itemCode: { to: item.code }, goalId: { to: goalId } },
      parent: { entity: "goal", id: goalId },
    });
    return goalId;
  });
}
