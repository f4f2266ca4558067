import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import {
  fieldsOfAction,
  milestones,
  municipalities,
  programmeRollouts,
  programmeSteps,
  programmeTemplateVersions,
  programmeTemplates,
  units,
} from "../../../db/schema";
import { newValues } from "../../utils/audit-changes";
import { writeAudit } from "../../utils/audit.server";
import { type DbOrTx, type Tx, transaction } from "../../utils/db.server";
import { ValidationError } from "../../utils/errors";
import { scoped, tenantRow } from "../../utils/tenant.server";
import { insertProject } from "../projects/write.server";
import { type ProgrammeDefinition, type PlannedStep, parseProgrammeDefinition, planSteps, planUpgrade } from "./programme-template";
import { type ProviderCaller, assertActsFor, callerMunicipalities } from "./provider.server";
import { assertProviderCan } from "./provider-permissions";

/** The provider's templates with their latest version number and how many Kommunen run them. */
export function listTemplates(db: DbOrTx, caller: ProviderCaller) {
  const templates = db
    .select()
    .from(programmeTemplates)
    .where(eq(programmeTemplates.serviceProviderId, caller.serviceProviderId))
    .orderBy(asc(programmeTemplates.name))
    .all();
  return templates.map((t) => {
    const latest = latestVersion(db, t.id);
    const rollouts = caller.municipalityIds.length
      ? db
          .select({ id: programmeRollouts.id })
          .from(programmeRollouts)
          .where(and(eq(programmeRollouts.templateId, t.id), inArray(programmeRollouts.municipalityId, [...caller.municipalityIds])))
          .all().length
      : 0;
    return { ...t, latestVersion: latest?.number ?? 0, rollouts };
  });
}

function latestVersion(db: DbOrTx, templateId: number) {
  return db
    .select()
    .from(programmeTemplateVersions)
    .where(eq(programmeTemplateVersions.templateId, templateId))
    .orderBy(desc(programmeTemplateVersions.number))
    .get();
}

/** A template of the caller's provider with its versions (newest first), or undefined. */
export function getTemplate(db: DbOrTx, caller: ProviderCaller, templateId: number) {
  const template = db
    .select()
    .from(programmeTemplates)
    .where(and(eq(programmeTemplates.id, templateId), eq(programmeTemplates.serviceProviderId, caller.serviceProviderId)))
    .get();
  if (!template) return undefined;
  const versions = db
    .select()
    .from(programmeTemplateVersions)
    .where(eq(programmeTemplateVersions.templateId, templateId))
    .orderBy(desc(programmeTemplateVersions.number))
    .all()
    .map((v) => ({ number: v.number, createdAt: v.createdAt, json: v.definition, definition: definitionOf(v.definition) }));
  return { template, versions, latest: versions[0] };
}

function definitionOf(json: string): ProgrammeDefinition {
  const parsed = parseProgrammeDefinition(json);
  // Stored versions were validated when published; a broken one is a bug, not user input.
  if (!parsed.ok) throw new Error(`stored programme definition invalid: ${parsed.errors.join("; ")}`);
  return parsed.definition;
}

function requireTemplate(tx: DbOrTx, caller: ProviderCaller, templateId: number) {
  const found = getTemplate(tx, caller, templateId);
  if (!found || !found.latest) throw new ValidationError({ templateId: ["Diese Programmvorlage gibt es nicht."] });
  return found as typeof found & { latest: NonNullable<typeof found.latest> };
}

/** Creates a template with its first version (coordinator). */
export function createTemplate(caller: ProviderCaller, input: { name: string; description: string; definition: string }): number {
  assertProviderCan(caller, "programme.edit");
  const parsed = parseProgrammeDefinition(input.definition);
  if (!parsed.ok) throw new ValidationError({ definition: parsed.errors });
  return transaction((tx) => {
    const created = tx
      .insert(programmeTemplates)
      .values({ serviceProviderId: caller.serviceProviderId, name: input.name, description: input.description })
      .returning({ id: programmeTemplates.id })
      .get();
    insertVersion(tx, caller, created.id, 1, parsed.definition);
    writeAudit(tx, { actor: caller.actor, municipalityId: null, entity: "programmeTemplate", entityId: created.id, action: "create", changes: newValues({ name: input.name, description: input.description }) });
    return created.id;
  });
}

function insertVersion(tx: Tx, caller: ProviderCaller, templateId: number, number: number, definition: ProgrammeDefinition) {
  tx.insert(programmeTemplateVersions)
    .values({ templateId, number, definition: JSON.stringify(definition), createdByUserId: caller.userId })
    .run();
}

/** Publishes a new version of a template (coordinator); running rollouts stay on theirs until upgraded. */
export function publishTemplateVersion(caller: ProviderCaller, templateId: number, expectedLatest: number, json: string): number {
  assertProviderCan(caller, "programme.edit");
  const parsed = parseProgrammeDefinition(json);
  if (!parsed.ok) throw new ValidationError({ definition: parsed.errors });
  return transaction((tx) => {
    const { latest } = requireTemplate(tx, caller, templateId);
    if (latest.number !== expectedLatest) {
      throw new ValidationError({ definition: [`Inzwischen wurde Version ${latest.number} veröffentlicht. Bitte laden Sie die Seite neu.`] });
    }
    const number = latest.number + 1;
    insertVersion(tx, caller, templateId, number, parsed.definition);
    writeAudit(tx, { actor: caller.actor, municipalityId: null, entity: "programmeTemplate", entityId: templateId, action: "publish", changes: { version: { from: latest.number, to: number } } });
    return number;
  });
}

export interface RolloutPreviewRow {
  municipalityId: number;
  name: string;
  problem: string | null;
  steps: number;
  firstDue: string | null;
  lastDue: string | null;
}

/** What a rollout would do in each selected Kommune, with the reason where it cannot. */
export function previewRollout(db: DbOrTx, caller: ProviderCaller, templateId: number, municipalityIds: readonly number[], startDate: string): RolloutPreviewRow[] {
  const { latest } = requireTemplate(db, caller, templateId);
  const steps = planSteps(latest.definition, startDate);
  const names = new Map(callerMunicipalities(db, caller).map((m) => [m.id, m.name]));
  return [...new Set(municipalityIds)].map((id) => {
    const name = names.get(id);
    const base = { municipalityId: id, name: name ?? `Kommune ${id}`, steps: steps.length, firstDue: steps[0]?.dueDate ?? null, lastDue: steps.at(-1)?.dueDate ?? null };
    if (!name) return { ...base, problem: "Diese Kommune betreut Ihr Roll-in-Service nicht (oder nicht Sie)." };
    const target = projectTarget(db, id);
    if (existingRollout(db, templateId, id)) return { ...base, problem: "Das Programm läuft in dieser Kommune bereits." };
    if (!target.fieldOfActionId) return { ...base, problem: "Die Kommune hat noch kein Handlungsfeld in ihrer Digitalagenda." };
    if (!target.unitId) return { ...base, problem: "Die Kommune hat noch keine Organisationseinheit." };
    return { ...base, problem: null };
  });
}

function existingRollout(db: DbOrTx, templateId: number, municipalityId: number) {
  return db
    .select({ id: programmeRollouts.id })
    .from(programmeRollouts)
    .where(and(eq(programmeRollouts.templateId, templateId), eq(programmeRollouts.municipalityId, municipalityId)))
    .get();
}

/** Where the programme's project goes in a Kommune: its first field of action and its first top-level department. */
function projectTarget(db: DbOrTx, municipalityId: number) {
  const tenant = { municipalityId };
  const field = db.select({ id: fieldsOfAction.id }).from(fieldsOfAction).where(scoped(fieldsOfAction, tenant)).orderBy(asc(fieldsOfAction.sortOrder), asc(fieldsOfAction.id)).get();
  const unit = db
    .select({ id: units.id })
    .from(units)
    .where(scoped(units, tenant, isNull(units.parentId), eq(units.kind, "department")))
    .orderBy(asc(units.id))
    .get();
  return { fieldOfActionId: field?.id ?? null, unitId: unit?.id ?? null };
}

/**
 * Rolls the template's latest version into the selected Kommunen, all or nothing: each gets a
 * project on its workflow with one milestone per step, and the matrix cells.
 */
export function rollOutProgramme(caller: ProviderCaller, input: RolloutInput): number {
  assertProviderCan(caller, "programme.rollOut");
  return transaction((tx) => rollOutInTransaction(tx, caller, input));
}

export interface RolloutInput {
  templateId: number;
  municipalityIds: number[];
  startDate: string;
}

/** rollOutProgramme inside the caller's transaction (seeds); checks the same permission. */
export function rollOutInTransaction(tx: Tx, caller: ProviderCaller, input: RolloutInput): number {
  assertProviderCan(caller, "programme.rollOut");
  if (input.municipalityIds.length === 0) throw new ValidationError({ municipalityIds: ["Bitte wählen Sie mindestens eine Kommune."] });
  {
    const { template, latest } = requireTemplate(tx, caller, input.templateId);
    const preview = previewRollout(tx, caller, input.templateId, input.municipalityIds, input.startDate);
    const problems = preview.filter((p) => p.problem);
    if (problems.length) throw new ValidationError({ municipalityIds: problems.map((p) => `${p.name}: ${p.problem}`) });
    const steps = planSteps(latest.definition, input.startDate);
    for (const row of preview) {
      assertActsFor(caller, row.municipalityId);
      const tenant = { municipalityId: row.municipalityId };
      const editor = { municipalityId: row.municipalityId, actor: caller.actor, role: "rollInManager" as const };
      const target = projectTarget(tx, row.municipalityId);
      const projectId = insertProject(tx, editor, {
        title: template.name,
        description: template.description || `Roll-in-Programm „${template.name}“ (Version ${latest.number}).`,
        fieldOfActionId: target.fieldOfActionId!,
        leadUnitId: target.unitId!,
        involvedUnitIds: [],
        goalIds: [],
        projectLeadEmployeeId: null,
        startDate: input.startDate,
        endDate: steps.at(-1)?.dueDate ?? input.startDate,
        budgetPlannedCents: 0,
        budgetSpentCents: 0,
        ozgRelevant: false,
        efaReuse: false,
      });
      const rollout = tx
        .insert(programmeRollouts)
        .values(tenantRow(tenant, { templateId: template.id, templateVersion: latest.number, projectId, startDate: input.startDate }))
        .returning({ id: programmeRollouts.id })
        .get();
      for (const step of steps) insertStep(tx, tenant, rollout.id, projectId, latest.number, step);
      writeAudit(tx, {
        actor: caller.actor,
        municipalityId: row.municipalityId,
        entity: "programmeRollout",
        entityId: rollout.id,
        action: "roll_out",
        changes: newValues({ template: template.name, templateVersion: latest.number, startDate: input.startDate, steps: steps.length }),
        parent: { entity: "project", id: projectId },
      });
    }
    return preview.length;
  }
}

function insertStep(tx: Tx, tenant: { municipalityId: number }, rolloutId: number, projectId: number, templateVersion: number, step: PlannedStep) {
  const milestone = tx
    .insert(milestones)
    .values(tenantRow(tenant, { projectId, title: step.title, dueDate: step.dueDate }))
    .returning({ id: milestones.id })
    .get();
  tx.insert(programmeSteps)
    .values(
      tenantRow(tenant, {
        rolloutId,
        stepKey: step.key,
        position: step.position,
        phase: step.phase,
        title: step.title,
        responsibleRole: step.responsibleRole,
        dueDate: step.dueDate,
        checklistTotal: step.checklistTotal,
        milestoneId: milestone.id,
        templateVersion,
      }),
    )
    .run();
}

/**
 * Moves the selected Kommunen's rollouts to the template's latest version: only steps not yet
 * started change (title, due date, role, checklist); started ones stay; new steps are added.
 */
export function upgradeRollouts(caller: ProviderCaller, input: { templateId: number; municipalityIds: number[] }): number {
  assertProviderCan(caller, "programme.rollOut");
  if (input.municipalityIds.length === 0) throw new ValidationError({ municipalityIds: ["Bitte wählen Sie mindestens eine Kommune."] });
  return transaction((tx) => {
    const { latest } = requireTemplate(tx, caller, input.templateId);
    let changed = 0;
    for (const municipalityId of new Set(input.municipalityIds)) {
      assertActsFor(caller, municipalityId);
      const tenant = { municipalityId };
      const rollout = tx
        .select()
        .from(programmeRollouts)
        .where(scoped(programmeRollouts, tenant, eq(programmeRollouts.templateId, input.templateId)))
        .get();
      if (!rollout || rollout.templateVersion === latest.number) continue;
      const current = tx.select().from(programmeSteps).where(scoped(programmeSteps, tenant, eq(programmeSteps.rolloutId, rollout.id))).all();
      const plan = planUpgrade(current, latest.definition, rollout.startDate);
      for (const { id, step } of plan.update) {
        const before = current.find((c) => c.id === id)!;
        tx.update(programmeSteps)
          .set({ position: step.position, phase: step.phase, title: step.title, responsibleRole: step.responsibleRole, dueDate: step.dueDate, checklistTotal: step.checklistTotal, templateVersion: latest.number, version: before.version + 1 })
          .where(scoped(programmeSteps, tenant, eq(programmeSteps.id, id)))
          .run();
        if (before.milestoneId) tx.update(milestones).set({ title: step.title, dueDate: step.dueDate, version: sql`${milestones.version} + 1` }).where(scoped(milestones, tenant, eq(milestones.id, before.milestoneId))).run();
      }
      for (const step of plan.insert) insertStep(tx, tenant, rollout.id, rollout.projectId, latest.number, step);
      for (const id of plan.remove) {
        const before = current.find((c) => c.id === id)!;
        tx.delete(programmeSteps).where(scoped(programmeSteps, tenant, eq(programmeSteps.id, id))).run();
        if (before.milestoneId) tx.delete(milestones).where(scoped(milestones, tenant, eq(milestones.id, before.milestoneId))).run();
      }
      tx.update(programmeRollouts).set({ templateVersion: latest.number, version: rollout.version + 1 }).where(scoped(programmeRollouts, tenant, eq(programmeRollouts.id, rollout.id))).run();
      writeAudit(tx, {
        actor: caller.actor,
        municipalityId,
        entity: "programmeRollout",
        entityId: rollout.id,
        action: "upgrade",
        changes: { templateVersion: { from: rollout.templateVersion, to: latest.number } },
        details: { updated: plan.update.length, added: plan.insert.length, removed: plan.remove.length, kept: plan.kept },
      });
      changed++;
    }
    return changed;
  });
}

/** Kommune names by id, for messages. */
export function municipalityNames(db: DbOrTx, ids: readonly number[]) {
  if (!ids.length) return new Map<number, string>();
  return new Map(db.select({ id: municipalities.id, name: municipalities.name }).from(municipalities).where(inArray(municipalities.id, [...ids])).all().map((m) => [m.id, m.name]));
}
