import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, goals, maturityAssessments, maturityGoalMeasures, maturityMeasures, maturityRatings, municipalities, projects } from "../../db/schema";
import { agendaOverview } from "~/areas/agenda/agenda.server";
import type { Role } from "../../db/schema/org";
import { assessmentView, currentAssessment, completeAssessment, saveRatings, startAssessment } from "~/areas/maturity/assessments.server";
import { benchmarkView } from "~/areas/maturity/benchmark.server";
import { catalogueItems, latestCatalogue, publishCatalogue } from "~/areas/maturity/catalogue.server";
import { createMeasureGoal, createMeasureProject, measureChoices } from "~/areas/maturity/measures.server";
import type { AppContext } from "~/utils/context.server";
import { getDb } from "~/utils/db.server";
import { ValidationError } from "~/utils/errors";
import { can } from "~/utils/permissions";
import { municipalityId, userId } from "../support/foundation";

function caller(municipality: string, role: Role, email = "cdo@musterstadt.example", platformAdmin = false): AppContext {
  const id = userId(email);
  const m = municipalityId(municipality);
  return {
    sessionId: "t",
    user: { id, email, name: email, isPlatformAdmin: platformAdmin },
    actor: { userId: id, label: email },
    municipalityId: m,
    municipality: { id: m, name: municipality, kind: "stadt" },
    role,
    employeeId: null,
    municipalities: [],
    can: (p) => can(role, p),
  };
}

const errorsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError) return e.fieldErrors;
    throw e;
  }
  throw new Error("no error");
};

describe("self-assessment end to end", () => {
  it("rates the open draft, refuses to finalise while items are open, finalises, then starts anew from the snapshot", () => {
    const db = getDb();
    const cdo = caller("Musterstadt", "cdo");
    const draft = currentAssessment(db, cdo)!;
    expect(draft.status).toBe("draft");
    const view = assessmentView(db, cdo, draft.id)!;
    const open = view.items.filter((i) => !i.rating);
    expect(open.length).toBe(3);
    expect(errorsOf(() => completeAssessment(cdo, draft.id, draft.version, true)).form![0]).toContain("37 von 40");
    // A target below today is refused and nothing is written.
    const before = db.select().from(maturityRatings).where(eq(maturityRatings.assessmentId, draft.id)).all().length;
    expect(errorsOf(() => saveRatings(cdo, draft.id, [{ itemId: open[0]!.id, currentLevel: 3, targetLevel: 1, note: "", evidenceUrl: null }]))).toEqual({ "ratings[0].targetLevel": ["Das Ziel darf nicht unter dem heutigen Stand liegen."] });
    expect(db.select().from(maturityRatings).where(eq(maturityRatings.assessmentId, draft.id)).all().length).toBe(before);
    // Another person contributes (project lead), then the CDO finalises.
    const lead = caller("Musterstadt", "projectLead", "projektleitung@musterstadt.example");
    expect(saveRatings(lead, draft.id, open.map((i) => ({ itemId: i.id, currentLevel: 0, targetLevel: 2, note: "", evidenceUrl: null })))).toBe(3);
    const audit = db.select().from(auditLog).where(eq(auditLog.entity, "maturityRating")).all();
    expect(audit.length).toBe(3);
    completeAssessment(cdo, draft.id, draft.version, true);
    const final = currentAssessment(db, cdo)!;
    expect(final).toMatchObject({ id: draft.id, status: "final", finalisedByUserId: userId("cdo@musterstadt.example") });
    expect(db.select().from(auditLog).where(and(eq(auditLog.entity, "maturityAssessment"), eq(auditLog.action, "complete"))).all().length).toBe(1);
    expect(errorsOf(() => saveRatings(cdo, draft.id, [])).form![0]).toContain("abgeschlossen");
    // Starting anew: target year two or three years ahead; the ratings carry over.
    expect(errorsOf(() => startAssessment(cdo, { targetYear: 2027, shareForBenchmark: false }, new Date("2026-12-03"))).targetYear![0]).toContain("2028 oder 2029");
    const next = startAssessment(cdo, { targetYear: 2029, shareForBenchmark: false }, new Date("2026-12-03"));
    expect(assessmentView(db, cdo, next)!.ratedCount).toBe(40);
    expect(errorsOf(() => startAssessment(cdo, { targetYear: 2029, shareForBenchmark: false }, new Date("2026-12-03"))).form![0]).toContain("bereits eine offene");
  });

  it("turns two gaps into projects linked back to their items", () => {
    const db = getDb();
    const cdo = caller("Musterstadt", "cdo");
    const a = currentAssessment(db, cdo)!;
    const gaps = assessmentView(db, cdo, a.id)!.gaps;
    const choices = measureChoices(db, cdo);
    const ids = gaps.slice(0, 2).map((g) => createMeasureProject(cdo, a.id, g.item.id, { fieldOfActionId: choices.fieldsOfAction[0]!.id, leadUnitId: choices.units[0]!.id }));
    const created = db.select().from(projects).where(eq(projects.id, ids[0]!)).get()!;
    expect(created.description).toContain(gaps[0]!.item.code);
    const after = assessmentView(db, cdo, a.id)!;
    expect(after.gaps[0]!.measures.map((m) => m.projectId)).toEqual([ids[0]]);
    expect(after.items.find((i) => i.id === gaps[1]!.item.id)!.measures[0]!.stateLabel).toBeTruthy();
    // Wrong field of action (another Kommune's) is refused next to the field, nothing half-saved.
    const count = db.select().from(maturityMeasures).all().length;
    const k = caller("Kleinhausen", "cdo", "cdo@kleinhausen.example");
    const foreignField = measureChoices(db, k).fieldsOfAction[0]?.id ?? 999_999;
    expect(errorsOf(() => createMeasureProject(cdo, a.id, gaps[2]!.item.id, { fieldOfActionId: foreignField, leadUnitId: choices.units[0]!.id }))).toHaveProperty("fieldOfActionId");
    expect(db.select().from(maturityMeasures).all().length).toBe(count);
    // An item without a gap has no proposal.
    const noGap = after.items.find((i) => i.rating && i.rating.targetLevel === i.rating.currentLevel);
    if (noGap) expect(errorsOf(() => createMeasureProject(cdo, a.id, noGap.id, { fieldOfActionId: choices.fieldsOfAction[0]!.id, leadUnitId: choices.units[0]!.id })).form![0]).toContain("keinen Abstand");
  });

  it("turns a gap into a goal of the Digitalagenda, measured by the item's level, linked back and listed with its progress", () => {
    const db = getDb();
    const cdo = caller("Musterstadt", "cdo");
    const a = currentAssessment(db, cdo)!;
    const gap = assessmentView(db, cdo, a.id)!.gaps[3]!;
    const field = measureChoices(db, cdo).fieldsOfAction[1]!;
    const goalId = createMeasureGoal(cdo, a.id, gap.item.id, { fieldOfActionId: field.id });
    const goal = db.select().from(goals).where(eq(goals.id, goalId)).get()!;
    expect(goal).toMatchObject({ municipalityId: municipalityId("Musterstadt"), fieldOfActionId: field.id, baseline: gap.currentLevel, targetValue: gap.targetLevel, targetDate: `${a.targetYear}-12-31`, unit: "Stufe 0–4" });
    expect(goal.indicator).toContain(gap.item.code);
    expect(goal.title).toBe(gap.proposal);
    // The item lists the goal with its progress (no value recorded yet: 0 %), next to its projects.
    const after = assessmentView(db, cdo, a.id)!;
    const item = after.items.find((i) => i.id === gap.item.id)!;
    expect(item.goals).toEqual([{ goalId, title: goal.title, stateLabel: `Ziel bis 31.12.${a.targetYear}, erreicht 0 %` }]);
    expect(after.gaps.find((g) => g.item.id === gap.item.id)!.goals.map((g) => g.goalId)).toEqual([goalId]);
    // The goal stands in the agenda in its field of action; creation and link are audited.
    const overview = agendaOverview(db, cdo, "2026-12-03");
    expect(overview.focusAreas.flatMap((f) => f.fields).find((f) => f.id === field.id)!.goals.map((g) => g.id)).toContain(goalId);
    const link = db.select().from(maturityGoalMeasures).where(eq(maturityGoalMeasures.goalId, goalId)).get()!;
    expect(link.itemCode).toBe(gap.item.code);
    expect(db.select().from(auditLog).where(and(eq(auditLog.entity, "maturityMeasure"), eq(auditLog.entityId, String(link.id)))).get()!.action).toBe("create");
    expect(db.select().from(auditLog).where(and(eq(auditLog.entity, "goal"), eq(auditLog.entityId, String(goalId)))).get()!.action).toBe("create");
    // Failure paths: another Kommune's field of action, an item without a gap, a role without agenda.edit – nothing written.
    const goalCount = db.select().from(goals).all().length;
    const linkCount = db.select().from(maturityGoalMeasures).all().length;
    const k = caller("Kleinhausen", "cdo", "cdo@kleinhausen.example");
    expect(errorsOf(() => createMeasureGoal(cdo, a.id, gap.item.id, { fieldOfActionId: measureChoices(db, k).fieldsOfAction[0]!.id }))).toHaveProperty("fieldOfActionId");
    const noGap = after.items.find((i) => i.rating && i.rating.targetLevel === i.rating.currentLevel);
    if (noGap) expect(errorsOf(() => createMeasureGoal(cdo, a.id, noGap.id, { fieldOfActionId: field.id })).form![0]).toContain("keinen Abstand");
    let status = 0;
    try {
      createMeasureGoal(caller("Musterstadt", "projectLead", "projektleitung@musterstadt.example"), a.id, gap.item.id, { fieldOfActionId: field.id });
    } catch (e) {
      status = (e as Response).status;
    }
    expect(status).toBe(403);
    expect(db.select().from(goals).all().length).toBe(goalCount);
    expect(db.select().from(maturityGoalMeasures).all().length).toBe(linkCount);
  });
});

describe("benchmark across Kommunen", () => {
  it("hides every figure with 4 contributors, shows it with 5, and names no Kommune", () => {
    const db = getDb();
    const cdo = caller("Musterstadt", "cdo");
    // Demo: Musterstadt plus three shared Kommunen = 4.
    const four = benchmarkView(cdo, "platform")!;
    expect(four.areas.every((a) => !a.figure.shown && a.figure.contributors === 4)).toBe(true);
    // A fifth Kommune shares its figures.
    const m = db.insert(municipalities).values({ name: "Fünftdorf", slug: "fuenftdorf", kind: "gemeinde" }).returning({ id: municipalities.id }).get();
    const catalogue = latestCatalogue(db)!;
    const a = db.insert(maturityAssessments).values({ municipalityId: m.id, catalogueId: catalogue.id, targetYear: 2028, status: "final", shareForBenchmark: true, finalisedAt: "2026-10-01T00:00:00.000Z" }).returning({ id: maturityAssessments.id }).get();
    for (const item of catalogueItems(db, catalogue.id)) db.insert(maturityRatings).values({ municipalityId: m.id, assessmentId: a.id, itemId: item.id, currentLevel: 4, targetLevel: 4 }).run();
    const five = benchmarkView(cdo, "platform")!;
    expect(five.areas.every((x) => x.figure.shown && x.figure.contributors === 5)).toBe(true);
    expect(five.items.every((x) => x.figure.shown)).toBe(true);
    const text = JSON.stringify(five);
    for (const name of ["Fünftdorf", "Kleinhausen", "Eichenbrück", "Wiesengrund"]) expect(text).not.toContain(name);
    // Unshared figures stay out of the platform cohort.
    db.update(maturityAssessments).set({ shareForBenchmark: false }).where(eq(maturityAssessments.id, a.id)).run();
    expect(benchmarkView(cdo, "platform")!.areas[0]!.figure.shown).toBe(false);
    // Musterstadt has no Roll-in-Service: the provider cohort is just itself.
    expect(benchmarkView(cdo, "provider")!.areas[0]!.figure.contributors).toBe(1);
  });
});

describe("catalogue versions", () => {
  it("only platform admins publish; a new version is audited and new assessments use it", () => {
    const cdo = caller("Musterstadt", "cdo");
    expect(() => publishCatalogue(cdo, "{}")).toThrow();
    const admin = caller("Musterstadt", "admin", "admin@fahrplan.example", true);
    expect(errorsOf(() => publishCatalogue(admin, "{nope"))).toEqual({ source: ["Der Text ist kein gültiges JSON."] });
    const db = getDb();
    const before = latestCatalogue(db)!;
    const items = catalogueItems(db, before.id).slice(0, 2).map(({ code, area, title, levels, purposeTag, trainingTopic, recommendations }) => ({ code, area, title, levels, purposeTag, trainingTopic, recommendations }));
    expect(publishCatalogue(admin, JSON.stringify({ title: "Kurz", items }))).toEqual({ version: before.version + 1 });
    expect(db.select().from(auditLog).where(eq(auditLog.entity, "maturityCatalogue")).all().length).toBe(1);
  });
});
