import { and, asc, count, eq, inArray, isNull, sql } from "drizzle-orm";
import {
  assessmentCriteria,
  assessmentScores,
  fieldsOfAction,
  projectAssessments,
  projects,
  workflowInstances,
} from "../../../db/schema";
import { type Actor, SYSTEM_ACTOR, auditUpdate, changedValues, newValues, writeAudit } from "../../utils/audit.server";
import type { DbOrTx, Tx } from "../../utils/db.server";
import { ConflictError, ValidationError } from "../../utils/errors";
import { todayIso } from "../../utils/format";
import { type Tenant, scoped, tenantRow, updateVersioned } from "../../utils/tenant.server";
import { refreshSubjectWorkflow } from "../../workflow/index.server";
import { projectInstanceJoin, projectStateCatalog } from "../projects/states.server";
import { dependentProjectIds, scheduleFacts } from "./progress.server";
import {
  type Classification,
  type ClassificationResult,
  type CriterionScore,
  type FocusArea,
  DEFAULT_CRITERIA,
  FOCUS_AREAS,
  MAX_SCORE,
  classifyProject,
} from "./classify";
import type { AreaCaller } from "../../utils/caller.server";
import { assertCan } from "../../utils/permissions";

export type Caller = AreaCaller;

export type CriterionRow = typeof assessmentCriteria.$inferSelect;

export function listCriteria(db: DbOrTx, tenant: Tenant, options: { activeOnly?: boolean } = {}): CriterionRow[] {
  return db
    .select()
    .from(assessmentCriteria)
    .where(scoped(assessmentCriteria, tenant, options.activeOnly ? eq(assessmentCriteria.active, true) : undefined))
    .orderBy(asc(assessmentCriteria.sortOrder), asc(assessmentCriteria.id))
    .all()
    .sort((a, b) => FOCUS_AREAS.indexOf(a.focusArea) - FOCUS_AREAS.indexOf(b.focusArea));
}

/** Gives a Kommune the default criteria when it has none yet (new Kommunen, demo seed). */
export function ensureDefaultCriteria(tx: Tx, caller: Tenant & { actor: Actor }): number {
  const existing = tx.select({ n: count() }).from(assessmentCriteria).where(scoped(assessmentCriteria, caller)).get()!.n;
  if (existing > 0) return 0;
  DEFAULT_CRITERIA.forEach((c, i) => {
    tx.insert(assessmentCriteria)
      .values(tenantRow(caller, { ...c, sortOrder: i }))
      .run();
  });
  writeAudit(tx, {
    actor: caller.actor,
    municipalityId: caller.municipalityId,
    entity: "assessmentCriterion",
    action: "create_defaults",
    details: { criteria: DEFAULT_CRITERIA.map((c) => c.label) },
  });
  return DEFAULT_CRITERIA.length;
}

export interface CriterionInput {
  focusArea: FocusArea;
  label: string;
  description: string;
  weight: number;
  active: boolean;
}

function checkLabelFree(tx: Tx, tenant: Tenant, label: string, exceptId?: number) {
  const clash = tx
    .select({ id: assessmentCriteria.id })
    .from(assessmentCriteria)
    .where(scoped(assessmentCriteria, tenant, sql`lower(${assessmentCriteria.label}) = lower(${label})`))
    .all()
    .some((r) => r.id !== exceptId);
  if (clash) throw new ValidationError({ label: ["Ein Kriterium mit dieser Bezeichnung gibt es bereits."] });
}

export function createCriterion(tx: Tx, caller: Caller, input: CriterionInput): number {
  assertCan(caller, "assessment.configure");
  checkLabelFree(tx, caller, input.label);
  const max = tx
    .select({ n: sql<number>`coalesce(max(${assessmentCriteria.sortOrder}), 0)` })
    .from(assessmentCriteria)
    .where(scoped(assessmentCriteria, caller))
    .get()!.n;
  const row = tx
    .insert(assessmentCriteria)
    .values(tenantRow(caller, { ...input, key: `custom-${Date.now().toString(36)}-${max + 1}`, sortOrder: max + 1 }))
    .returning({ id: assessmentCriteria.id })
    .get();
  writeAudit(tx, {
    actor: caller.actor,
    municipalityId: caller.municipalityId,
    entity: "assessmentCriterion",
    entityId: row.id,
    action: "create",
    changes: newValues(input),
  });
  reclassifyProjects(tx, { municipalityId: caller.municipalityId });
  return row.id;
}

/** Changes a criterion; weights feed every score, so the Kommune's projects are reclassified. */
export function updateCriterion(tx: Tx, caller: Caller, id: number, expectedVersion: number, input: Omit<CriterionInput, "focusArea">) {
  assertCan(caller, "assessment.configure");
  const before = tx.select().from(assessmentCriteria).where(scoped(assessmentCriteria, caller, eq(assessmentCriteria.id, id))).get();
  if (!before) return undefined;
  checkLabelFree(tx, caller, input.label, id);
  updateVersioned(tx, assessmentCriteria, caller, id, expectedVersion, input);
  auditUpdate(tx, {
    actor: caller.actor,
    municipalityId: caller.municipalityId,
    entity: "assessmentCriterion",
    entityId: id,
    before,
    after: { ...before, ...input },
  });
  reclassifyProjects(tx, { municipalityId: caller.municipalityId });
  return id;
}

export function getProjectHeader(db: DbOrTx, tenant: Tenant, projectId: number) {
  return db
    .select({
      id: projects.id,
      title: projects.title,
      fieldOfAction: fieldsOfAction.name,
      archivedAt: projects.archivedAt,
    })
    .from(projects)
    .innerJoin(fieldsOfAction, eq(fieldsOfAction.id, projects.fieldOfActionId))
    .where(scoped(projects, tenant, eq(projects.id, projectId)))
    .get();
}

export type AssessmentView = ReturnType<typeof getAssessment>;

/** The stored assessment result of a project (for the project page, the portfolio, the dashboard). */
export function getAssessment(db: DbOrTx, tenant: Tenant, projectId: number) {
  const row = db
    .select()
    .from(projectAssessments)
    .where(scoped(projectAssessments, tenant, eq(projectAssessments.projectId, projectId)))
    .get();
  if (!row) return undefined;
  return {
    ...row,
    weakestCriteria: JSON.parse(row.weakestCriteria) as ClassificationResult["weakestCriteria"],
  };
}

/** Criteria with the project's current score and comment, for the assessment form. */
export function getScoreSheet(db: DbOrTx, tenant: Tenant, projectId: number) {
  const scores = db
    .select()
    .from(assessmentScores)
    .where(scoped(assessmentScores, tenant, eq(assessmentScores.projectId, projectId)))
    .all();
  const byCriterion = new Map(scores.map((s) => [s.criterionId, s]));
  return listCriteria(db, tenant)
    .filter((c) => c.active || byCriterion.has(c.id))
    .map((c) => ({
      criterion: c,
      score: byCriterion.get(c.id)?.score ?? null,
      comment: byCriterion.get(c.id)?.comment ?? "",
    }));
}

export interface ScoreInput {
  criterionId: number;
  score: number;
  comment: string;
}

/**
 * Saves a project's scores (every active criterion must be scored) and stores the resulting
 * classification. `expectedVersion` is the assessment's version the user saw (0 for the first).
 */
export function saveAssessment(
  tx: Tx,
  caller: Caller,
  projectId: number,
  expectedVersion: number,
  input: ScoreInput[],
  today: string = todayIso(),
) {
  assertCan(caller, "project.assess");
  const project = getProjectHeader(tx, caller, projectId);
  if (!project) return undefined;
  const criteria = listCriteria(tx, caller, { activeOnly: true });
  const given = new Map(input.map((s) => [s.criterionId, s]));
  const fieldErrors: Record<string, string[]> = {};
  for (const c of criteria) {
    const s = given.get(c.id);
    if (!s) fieldErrors[`score-${c.id}`] = [`Bitte bewerten Sie „${c.label}“ mit 0 bis ${MAX_SCORE}.`];
    else if (!Number.isInteger(s.score) || s.score < 0 || s.score > MAX_SCORE) {
      fieldErrors[`score-${c.id}`] = [`Die Bewertung muss eine ganze Zahl von 0 bis ${MAX_SCORE} sein.`];
    }
  }
  const activeIds = new Set(criteria.map((c) => c.id));
  if (input.some((s) => !activeIds.has(s.criterionId))) {
    fieldErrors.form = ["Die Bewertung enthält ein unbekanntes oder deaktiviertes Kriterium. Bitte laden Sie die Seite neu."];
  }
  if (criteria.length === 0) fieldErrors.form = ["Es sind keine aktiven Bewertungskriterien eingerichtet."];
  if (Object.keys(fieldErrors).length) throw new ValidationError(fieldErrors);

  const existing = tx
    .select({ id: projectAssessments.id, version: projectAssessments.version, classification: projectAssessments.classification })
    .from(projectAssessments)
    .where(scoped(projectAssessments, caller, eq(projectAssessments.projectId, projectId)))
    .get();
  if ((existing?.version ?? 0) !== expectedVersion) throw new ConflictError();

  const before = getScoreSheet(tx, caller, projectId);
  for (const s of input) {
    tx.insert(assessmentScores)
      .values(tenantRow(caller, { projectId, criterionId: s.criterionId, score: s.score, comment: s.comment }))
      .onConflictDoUpdate({
        target: [assessmentScores.projectId, assessmentScores.criterionId],
        set: { score: s.score, comment: s.comment },
      })
      .run();
  }
  const now = new Date().toISOString();
  if (!existing) {
    tx.insert(projectAssessments)
      .values(
        tenantRow(caller, {
          projectId,
          classification: "onTrack" as const,
          totalScore: 0,
          reason: "",
          assessedAt: now,
          assessedByUserId: caller.actor.userId,
        }),
      )
      .run();
  } else {
    updateVersioned(tx, projectAssessments, caller, existing.id, expectedVersion, {
      assessedAt: now,
      assessedByUserId: caller.actor.userId,
    });
  }
  reclassifyProjects(tx, { municipalityId: caller.municipalityId, projectIds: [projectId] }, today, { quiet: true });
  // Rating is the work of "Projekt bewerten": the workflow closes that task.
  refreshSubjectWorkflow(tx, caller, "project", projectId);
  const result = getAssessment(tx, caller, projectId)!;
  const label = (id: number) => criteria.find((c) => c.id === id)?.label ?? String(id);
  writeAudit(tx, {
    actor: caller.actor,
    municipalityId: caller.municipalityId,
    entity: "projectAssessment",
    entityId: projectId,
    action: existing ? "update" : "create",
    changes: {
      scores: {
        to: input
          .filter((s) => {
            const old = before.find((b) => b.criterion.id === s.criterionId);
            return !old || old.score !== s.score || old.comment !== s.comment;
          })
          .map((s) => ({ criterion: label(s.criterionId), score: s.score, comment: s.comment })),
      },
      ...changedValues({ classification: existing?.classification ?? null }, { classification: result.classification }),
    },
    parent: { entity: "project", id: projectId },
  });
  return result;
}

/**
 * Recomputes the stored classification of assessed projects from their scores and current
 * progress, in a fixed number of queries however many projects there are. Part A (projects)
 * calls `recomputeProjectClassification` after milestones or budgets change; a daily job covers
 * time passing (a milestone becomes overdue without anyone editing). Only changed rows are
 * written; a changed classification is audited.
 */
export function reclassifyProjects(
  tx: DbOrTx,
  filter: { municipalityId?: number; projectIds?: number[] },
  today: string = todayIso(),
  options: { quiet?: boolean } = {},
): number {
  const where = and(
    filter.municipalityId !== undefined ? eq(projectAssessments.municipalityId, filter.municipalityId) : undefined,
    filter.projectIds ? inArray(projectAssessments.projectId, filter.projectIds) : undefined,
  );
  const assessed = tx
    .select({
      id: projectAssessments.id,
      municipalityId: projectAssessments.municipalityId,
      projectId: projectAssessments.projectId,
      classification: projectAssessments.classification,
      reason: projectAssessments.reason,
      totalScore: projectAssessments.totalScore,
      startDate: projects.startDate,
      endDate: projects.endDate,
      plannedBudgetCents: projects.budgetPlannedCents,
      spentBudgetCents: projects.budgetSpentCents,
      state: workflowInstances.state,
    })
    .from(projectAssessments)
    .innerJoin(projects, eq(projects.id, projectAssessments.projectId))
    .leftJoin(workflowInstances, projectInstanceJoin)
    .where(where)
    .all();
  if (assessed.length === 0) return 0;
  const projectIds = filter.projectIds ?? undefined;
  const scopeScores = and(
    filter.municipalityId !== undefined ? eq(assessmentScores.municipalityId, filter.municipalityId) : undefined,
    projectIds ? inArray(assessmentScores.projectId, projectIds) : undefined,
  );
  const scoreRows = tx
    .select({
      projectId: assessmentScores.projectId,
      criterionId: assessmentScores.criterionId,
      score: assessmentScores.score,
      focusArea: assessmentCriteria.focusArea,
      label: assessmentCriteria.label,
      weight: assessmentCriteria.weight,
      active: assessmentCriteria.active,
    })
    .from(assessmentScores)
    .innerJoin(assessmentCriteria, eq(assessmentCriteria.id, assessmentScores.criterionId))
    .where(scopeScores)
    .all();
  const scoresByProject = new Map<number, CriterionScore[]>();
  for (const r of scoreRows) {
    if (!r.active) continue;
    const list = scoresByProject.get(r.projectId) ?? [];
    list.push({ criterionId: r.criterionId, focusArea: r.focusArea, label: r.label, weight: r.weight, score: r.score });
    scoresByProject.set(r.projectId, list);
  }

  // Which states close a project follows each Kommune's deployed project workflow.
  const closedStates = new Map<number, string[]>();
  const isClosed = (municipalityId: number, state: string | null) => {
    let closed = closedStates.get(municipalityId);
    if (!closed) {
      closed = projectStateCatalog(tx, { municipalityId }).closed;
      closedStates.set(municipalityId, closed);
    }
    return state !== null && closed.includes(state);
  };
  const factsOf = scheduleFacts(tx, filter, today, isClosed);

  let changed = 0;
  const now = new Date().toISOString();
  for (const a of assessed) {
    const result = classifyProject(scoresByProject.get(a.projectId) ?? [], {
      today,
      startDate: a.startDate,
      endDate: a.endDate,
      finished: isClosed(a.municipalityId, a.state),
      ...factsOf(a.projectId),
      plannedBudgetCents: a.plannedBudgetCents,
      spentBudgetCents: a.spentBudgetCents,
    });
    if (result.reason === a.reason && result.classification === a.classification && Math.abs(result.totalScore - a.totalScore) < 1e-9) {
      continue;
    }
    tx.update(projectAssessments)
      .set({
        classification: result.classification,
        needsSupport: result.needsSupport,
        topicsScore: result.focusScores.topics,
        organisationScore: result.focusScores.organisation,
        technologyScore: result.focusScores.technology,
        totalScore: result.totalScore,
        reason: result.reason,
        weakestCriteria: JSON.stringify(result.weakestCriteria),
        classifiedAt: now,
      })
      .where(scoped(projectAssessments, { municipalityId: a.municipalityId }, eq(projectAssessments.id, a.id)))
      .run();
    changed++;
    if (!options.quiet && a.reason !== "" && result.classification !== a.classification) {
      writeAudit(tx, {
        actor: SYSTEM_ACTOR,
        municipalityId: a.municipalityId,
        entity: "projectAssessment",
        entityId: a.projectId,
        action: "reclassify",
        changes: changedValues({ classification: a.classification }, { classification: result.classification }),
        details: { reason: result.reason },
        parent: { entity: "project", id: a.projectId },
      });
    }
  }
  return changed;
}

/**
 * For the projects area: call inside the transaction that changed a project's milestones, risks,
 * dependencies, budget, dates or status. The projects depending on it are recomputed too (their
 * prerequisite changed). Does nothing for projects that have not been assessed yet.
 */
export function recomputeProjectClassification(tx: Tx, tenant: Tenant, projectId: number, today: string = todayIso()): void {
  const projectIds = [projectId, ...dependentProjectIds(tx, tenant.municipalityId, [projectId])];
  reclassifyProjects(tx, { municipalityId: tenant.municipalityId, projectIds }, today);
}

export interface PortfolioEntry {
  projectId: number;
  title: string;
  fieldOfAction: string;
  state: string | null;
  classification: Classification | null;
  needsSupport: boolean;
  topicsScore: number | null;
  organisationScore: number | null;
  technologyScore: number | null;
  totalScore: number | null;
  reason: string | null;
}

/** All current projects of the Kommune with their assessment (null when not assessed yet). */
export function listPortfolio(db: DbOrTx, tenant: Tenant): PortfolioEntry[] {
  return db
    .select({
      projectId: projects.id,
      title: projects.title,
      fieldOfAction: fieldsOfAction.name,
      state: workflowInstances.state,
      classification: projectAssessments.classification,
      needsSupport: sql<boolean>`coalesce(${projectAssessments.needsSupport}, 0)`.mapWith(Boolean),
      topicsScore: projectAssessments.topicsScore,
      organisationScore: projectAssessments.organisationScore,
      technologyScore: projectAssessments.technologyScore,
      totalScore: projectAssessments.totalScore,
      reason: projectAssessments.reason,
    })
    .from(projects)
    .innerJoin(fieldsOfAction, eq(fieldsOfAction.id, projects.fieldOfActionId))
    .leftJoin(projectAssessments, eq(projectAssessments.projectId, projects.id))
    .leftJoin(workflowInstances, projectInstanceJoin)
    .where(scoped(projects, tenant, isNull(projects.archivedAt)))
    .orderBy(asc(projects.title))
    .all();
}
