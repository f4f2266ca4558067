import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { goals, maturityAssessments, maturityGoalMeasures, maturityItems, maturityMeasures, maturityRatings, projects, users } from "../../../db/schema";
import { formatDate, formatShare, todayIso } from "../../utils/format";
import { getGoal } from "../agenda/agenda.server";
import { auditUpdate, newValues, writeAudit } from "../../utils/audit.server";
import type { AreaCaller } from "../../utils/caller.server";
import { type DbOrTx, transaction } from "../../utils/db.server";
import { ValidationError } from "../../utils/errors";
import { assertCan } from "../../utils/permissions";
import { type Tenant, scoped, tenantRow, updateVersioned } from "../../utils/tenant.server";
import { projectStateLabels } from "../projects/states.server";
import { catalogueFor, catalogueItems } from "./catalogue.server";
import { type Rating, rankGaps, summariseAreas } from "./maturity";

/** Target years a new assessment may aim at: two or three years ahead. */
export function allowedTargetYears(today = new Date()): number[] {
  const year = today.getUTCFullYear();
  return [year + 2, year + 3];
}

function assessmentRow(db: DbOrTx, tenant: Tenant, id: number) {
  return db.select().from(maturityAssessments).where(scoped(maturityAssessments, tenant, eq(maturityAssessments.id, id))).get();
}

function ratingsOf(db: DbOrTx, tenant: Tenant, assessmentId: number) {
  return db.select().from(maturityRatings).where(scoped(maturityRatings, tenant, eq(maturityRatings.assessmentId, assessmentId))).all();
}

/** The assessments of the Kommune, newest first. */
export function listAssessments(db: DbOrTx, tenant: Tenant) {
  return db
    .select()
    .from(maturityAssessments)
    .where(scoped(maturityAssessments, tenant))
    .orderBy(desc(maturityAssessments.createdAt), desc(maturityAssessments.id))
    .all();
}

/** The open draft, else the latest finalised assessment, else none. */
export function currentAssessment(db: DbOrTx, tenant: Tenant) {
  const all = listAssessments(db, tenant);
  return all.find((a) => a.status === "draft") ?? all.find((a) => a.status === "final");
}

/** Everything the Reifegrad page shows for one assessment: items with ratings, areas, gaps, measures. */
export function assessmentView(db: DbOrTx, tenant: Tenant, assessmentId: number) {
  const assessment = assessmentRow(db, tenant, assessmentId);
  if (!assessment) return undefined;
  const items = catalogueItems(db, assessment.catalogueId);
  const ratingRows = ratingsOf(db, tenant, assessmentId);
  const raters = new Map(
    ratingRows.length
      ? db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, [...new Set(ratingRows.map((r) => r.ratedByUserId).filter((x): x is number => x !== null))])).all().map((u) => [u.id, u.name])
      : [],
  );
  const ratings: Rating[] = ratingRows.map((r) => ({ itemId: r.itemId, currentLevel: r.currentLevel, targetLevel: r.targetLevel }));
  const measures = measuresByItem(db, tenant);
  const goalMeasures = goalMeasuresByItem(db, tenant);
  const byItem = new Map(ratingRows.map((r) => [r.itemId, r]));
  const finaliser = assessment.finalisedByUserId ? db.select({ name: users.name }).from(users).where(eq(users.id, assessment.finalisedByUserId)).get() : undefined;
  return {
    assessment: { ...assessment, finalisedByName: finaliser?.name ?? null },
    items: items.map((item) => {
      const r = byItem.get(item.id);
      return {
        ...item,
        rating: r ? { currentLevel: r.currentLevel, targetLevel: r.targetLevel, note: r.note, evidenceUrl: r.evidenceUrl, ratedBy: r.ratedByUserId ? raters.get(r.ratedByUserId) ?? null : null, updatedAt: r.updatedAt } : null,
        measures: measures.get(item.code) ?? [],
        goals: goalMeasures.get(item.code) ?? [],
      };
    }),
    areas: summariseAreas(items, ratings),
    gaps: rankGaps(items, ratings).map((g) => ({ ...g, measures: measures.get(g.item.code) ?? [], goals: goalMeasures.get(g.item.code) ?? [] })),
    ratedCount: ratingRows.length,
  };
}

/** The projects created as measures, per item code, with their state. */
export function measuresByItem(db: DbOrTx, tenant: Tenant) {
  const rows = db
    .select({ itemCode: maturityMeasures.itemCode, projectId: projects.id, title: projects.title, archivedAt: projects.archivedAt })
    .from(maturityMeasures)
    .innerJoin(projects, eq(projects.id, maturityMeasures.projectId))
    .where(scoped(maturityMeasures, tenant))
    .orderBy(asc(projects.title))
    .all();
  const states = projectStateLabels(db, tenant, [...new Set(rows.map((r) => r.projectId))]);
  const map = new Map<string, { projectId: number; title: string; stateLabel: string }[]>();
  for (const r of rows) {
    const list = map.get(r.itemCode) ?? [];
    list.push({ projectId: r.projectId, title: r.title, stateLabel: r.archivedAt ? "archiviert" : states.get(r.projectId) ?? "–" });
    map.set(r.itemCode, list);
  }
  return map;
}

/** The goals of the Digitalagenda taken as measures, per item code, with their progress. */
export function goalMeasuresByItem(db: DbOrTx, tenant: Tenant, today = todayIso()) {
  const rows = db
    .select({ itemCode: maturityGoalMeasures.itemCode, goalId: goals.id, title: goals.title })
    .from(maturityGoalMeasures)
    .innerJoin(goals, eq(goals.id, maturityGoalMeasures.goalId))
    .where(scoped(maturityGoalMeasures, tenant))
    .orderBy(asc(goals.title))
    .all();
  const map = new Map<string, { goalId: number; title: string; stateLabel: string }[]>();
  for (const r of rows) {
    const goal = getGoal(db, tenant, r.goalId, today);
    const list = map.get(r.itemCode) ?? [];
    list.push({ goalId: r.goalId, title: r.title, stateLabel: goal ? `Ziel bis ${formatDate(goal.targetDate)}, erreicht ${formatShare(goal.progress)}` : "–" });
    map.set(r.itemCode, list);
  }
  return map;
}

/** Per finalised assessment (snapshot) the area averages, oldest first: the trend. */
export function snapshotTrend(db: DbOrTx, tenant: Tenant) {
  return listAssessments(db, tenant)
    .filter((a) => a.status === "final")
    .reverse()
    .map((a) => {
      const items = catalogueItems(db, a.catalogueId);
      const ratings = ratingsOf(db, tenant, a.id);
      return { id: a.id, finalisedAt: a.finalisedAt!, targetYear: a.targetYear, areas: summariseAreas(items, ratings) };
    });
}

/**
 * Starts a new assessment on the latest catalogue; the ratings of the last finalised one (same
 * item codes) are the starting point. Only one draft at a time.
 */
export function startAssessment(caller: AreaCaller, input: { targetYear: number; shareForBenchmark: boolean }, today = new Date()): number {
  assertCan(caller, "maturity.finalise");
  return transaction((tx) => {
    if (!allowedTargetYears(today).includes(input.targetYear)) {
      throw new ValidationError({ targetYear: [`Das Zieljahr liegt zwei oder drei Jahre voraus (${allowedTargetYears(today).join(" oder ")}).`] });
    }
    const all = listAssessments(tx, caller);
    if (all.some((a) => a.status === "draft")) throw new ValidationError({ form: ["Es gibt bereits eine offene Selbstbewertung."] });
    const catalogue = catalogueFor(tx, caller.municipalityId);
    if (!catalogue) throw new ValidationError({ form: ["Es ist noch kein Reifegradkatalog veröffentlicht."] });
    const created = tx
      .insert(maturityAssessments)
      .values(tenantRow(caller, { catalogueId: catalogue.id, targetYear: input.targetYear, shareForBenchmark: input.shareForBenchmark }))
      .returning({ id: maturityAssessments.id })
      .get();
    const previous = all.find((a) => a.status === "final");
    let copied = 0;
    if (previous) {
      const oldItems = new Map(catalogueItems(tx, previous.catalogueId).map((i) => [i.id, i.code]));
      const newItems = new Map(catalogueItems(tx, catalogue.id).map((i) => [i.code, i.id]));
      for (const r of ratingsOf(tx, caller, previous.id)) {
        const itemId = newItems.get(oldItems.get(r.itemId) ?? "");
        if (itemId === undefined) continue;
        tx.insert(maturityRatings).values(tenantRow(caller, { assessmentId: created.id, itemId, currentLevel: r.currentLevel, targetLevel: r.targetLevel, note: r.note, evidenceUrl: r.evidenceUrl, ratedByUserId: r.ratedByUserId })).run();
        copied++;
      }
    }
    writeAudit(tx, {
      actor: caller.actor,
      municipalityId: caller.municipalityId,
      entity: "maturityAssessment",
      entityId: created.id,
      action: "create",
      changes: newValues({ targetYear: input.targetYear, shareForBenchmark: input.shareForBenchmark, catalogueVersion: catalogue.version }),
      details: { copiedRatings: copied },
    });
    return created.id;
  });
}

export interface RatingInput {
  itemId: number;
  currentLevel: number;
  targetLevel: number;
  note: string;
  evidenceUrl: string | null;
}

/**
 * Saves ratings of a draft (any number of items; several people contribute, each rating keeps
 * who set it). Field errors are keyed `ratings[i].field` as the form names them.
 */
export function saveRatings(caller: AreaCaller, assessmentId: number, input: readonly RatingInput[]): number {
  assertCan(caller, "maturity.rate");
  return transaction((tx) => {
    const assessment = assessmentRow(tx, caller, assessmentId);
    if (!assessment) throw new ValidationError({ form: ["Die Selbstbewertung gibt es in dieser Kommune nicht."] });
    if (assessment.status !== "draft") throw new ValidationError({ form: ["Die Selbstbewertung ist abgeschlossen und kann nicht mehr geändert werden."] });
    const items = new Map(catalogueItems(tx, assessment.catalogueId).map((i) => [i.id, i]));
    const errors: Record<string, string[]> = {};
    input.forEach((r, i) => {
      if (!items.has(r.itemId)) errors[`ratings[${i}].itemId`] = ["Dieses Kriterium gehört nicht zum Katalog der Bewertung."];
      else if (r.targetLevel < r.currentLevel) errors[`ratings[${i}].targetLevel`] = ["Das Ziel darf nicht unter dem heutigen Stand liegen."];
    });
    if (Object.keys(errors).length) throw new ValidationError(errors);
    const before = new Map(ratingsOf(tx, caller, assessmentId).map((r) => [r.itemId, r]));
    let changed = 0;
    for (const r of input) {
      const old = before.get(r.itemId);
      const values = { currentLevel: r.currentLevel, targetLevel: r.targetLevel, note: r.note, evidenceUrl: r.evidenceUrl };
      if (old && old.currentLevel === r.currentLevel && old.targetLevel === r.targetLevel && old.note === r.note && old.evidenceUrl === r.evidenceUrl) continue;
      const code = items.get(r.itemId)!.code;
      if (old) {
        tx.update(maturityRatings).set({ ...values, ratedByUserId: caller.actor.userId, updatedAt: new Date().toISOString() }).where(scoped(maturityRatings, caller, eq(maturityRatings.id, old.id))).run();
        auditUpdate(tx, {
          actor: caller.actor,
          municipalityId: caller.municipalityId,
          entity: "maturityRating",
          entityId: old.id,
          before: { currentLevel: old.currentLevel, targetLevel: old.targetLevel, note: old.note, evidenceUrl: old.evidenceUrl },
          after: values,
          details: { item: code },
          parent: { entity: "maturityAssessment", id: assessmentId },
        });
      } else {
        const row = tx.insert(maturityRatings).values(tenantRow(caller, { assessmentId, itemId: r.itemId, ...values, ratedByUserId: caller.actor.userId })).returning({ id: maturityRatings.id }).get();
        writeAudit(tx, {
          actor: caller.actor,
          municipalityId: caller.municipalityId,
          entity: "maturityRating",
          entityId: row.id,
          action: "create",
          changes: newValues(values),
          details: { item: code },
          parent: { entity: "maturityAssessment", id: assessmentId },
        });
      }
      changed++;
    }
    return changed;
  });
}

/** Finalises a draft into a dated snapshot; every item must be rated. One person does this. */
export function completeAssessment(caller: AreaCaller, assessmentId: number, expectedVersion: number, shareForBenchmark: boolean, now = new Date()): void {
  assertCan(caller, "maturity.finalise");
  transaction((tx) => {
    const assessment = assessmentRow(tx, caller, assessmentId);
    if (!assessment) throw new ValidationError({ form: ["Die Selbstbewertung gibt es in dieser Kommune nicht."] });
    if (assessment.status !== "draft") throw new ValidationError({ form: ["Die Selbstbewertung ist bereits abgeschlossen."] });
    const items = tx.select({ id: maturityItems.id }).from(maturityItems).where(eq(maturityItems.catalogueId, assessment.catalogueId)).all();
    const rated = ratingsOf(tx, caller, assessmentId).length;
    if (rated < items.length) {
      throw new ValidationError({ form: [`Es sind erst ${rated} von ${items.length} Kriterien bewertet; abschließen lässt sich die Bewertung, wenn alle bewertet sind.`] });
    }
    const finalisedAt = now.toISOString();
    updateVersioned(tx, maturityAssessments, caller, assessmentId, expectedVersion, { status: "final", finalisedAt, finalisedByUserId: caller.actor.userId, shareForBenchmark, updatedAt: finalisedAt });
    writeAudit(tx, {
      actor: caller.actor,
      municipalityId: caller.municipalityId,
      entity: "maturityAssessment",
      entityId: assessmentId,
      action: "complete",
      changes: { status: { from: "draft", to: "final" }, ...(shareForBenchmark !== assessment.shareForBenchmark ? { shareForBenchmark: { from: assessment.shareForBenchmark, to: shareForBenchmark } } : {}) },
    });
  });
}

/** The item of an assessment, for measure proposals. */
export function assessmentItem(db: DbOrTx, tenant: Tenant, assessmentId: number, itemId: number) {
  const assessment = assessmentRow(db, tenant, assessmentId);
  if (!assessment) return undefined;
  return db.select().from(maturityItems).where(and(eq(maturityItems.id, itemId), eq(maturityItems.catalogueId, assessment.catalogueId))).get();
}

