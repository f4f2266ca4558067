import { and, asc, avg, count, desc, eq, inArray } from "drizzle-orm";
import { projects, trainingCourses, trainingFeedback, units } from "../../../db/schema";
import type { Role } from "../../../db/schema/org";
import type { TrainingFormat, TrainingTopic } from "../../../db/schema/trainings";
import { auditUpdate, newValues, writeAudit } from "../../utils/audit.server";
import { type DbOrTx, getDb, transaction } from "../../utils/db.server";
import { ValidationError } from "../../utils/errors";
import { type Tenant, scoped, tenantRow, updateVersioned } from "../../utils/tenant.server";
import type { AreaCaller } from "../../utils/caller.server";
import { assertCan } from "../../utils/permissions";

export interface CourseInput {
  title: string;
  topic: TrainingTopic;
  description: string;
  durationMinutes: number;
  format: TrainingFormat;
  targetUnitIds: number[];
  targetRoles: Role[];
  projectId: number | null;
}

export type Caller = AreaCaller;

export function listCourses(tenant: Tenant) {
  return getDb()
    .select({
      id: trainingCourses.id,
      title: trainingCourses.title,
      topic: trainingCourses.topic,
      format: trainingCourses.format,
      durationMinutes: trainingCourses.durationMinutes,
    })
    .from(trainingCourses)
    .where(scoped(trainingCourses, tenant))
    .orderBy(asc(trainingCourses.title))
    .all();
}

export function getCourse(tenant: Tenant, courseId: number, db: DbOrTx = getDb()) {
  return db.select().from(trainingCourses).where(scoped(trainingCourses, tenant, eq(trainingCourses.id, courseId))).get();
}

/** Feedback per course: number of ratings, average and the latest comments (no names). */
export function courseFeedback(tenant: Tenant, courseId?: number) {
  const db = getDb();
  const summary = db
    .select({ courseId: trainingFeedback.courseId, ratings: count(), average: avg(trainingFeedback.rating) })
    .from(trainingFeedback)
    .where(scoped(trainingFeedback, tenant, courseId ? eq(trainingFeedback.courseId, courseId) : undefined))
    .groupBy(trainingFeedback.courseId)
    .all()
    .map((r) => ({ courseId: r.courseId, ratings: r.ratings, average: r.average == null ? null : Number(r.average) }));
  const distribution = courseId
    ? db
        .select({ rating: trainingFeedback.rating, n: count() })
        .from(trainingFeedback)
        .where(scoped(trainingFeedback, tenant, eq(trainingFeedback.courseId, courseId)))
        .groupBy(trainingFeedback.rating)
        .all()
    : [];
  const comments = courseId
    ? db
        .select({ comment: trainingFeedback.comment, rating: trainingFeedback.rating, createdAt: trainingFeedback.createdAt })
        .from(trainingFeedback)
        .where(scoped(trainingFeedback, tenant, eq(trainingFeedback.courseId, courseId)))
        .orderBy(desc(trainingFeedback.id))
        .limit(20)
        .all()
        .filter((c) => c.comment.trim() !== "")
    : [];
  return { summary, distribution, comments };
}

function checkReferences(tx: DbOrTx, tenant: Tenant, input: CourseInput) {
  const errors: Record<string, string[]> = {};
  if (input.targetUnitIds.length) {
    const found = tx
      .select({ id: units.id })
      .from(units)
      .where(scoped(units, tenant, inArray(units.id, input.targetUnitIds)))
      .all();
    if (found.length !== new Set(input.targetUnitIds).size) errors.targetUnitIds = ["Eine gewählte Organisationseinheit gibt es in dieser Kommune nicht."];
  }
  if (input.projectId != null) {
    const project = tx.select({ id: projects.id }).from(projects).where(scoped(projects, tenant, eq(projects.id, input.projectId))).get();
    if (!project) errors.projectId = ["Das gewählte Projekt gibt es in dieser Kommune nicht."];
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
}

export function createCourse(caller: Caller, input: CourseInput): number {
  assertCan(caller, "training.manage");
  return transaction((tx) => {
    checkReferences(tx, caller, input);
    const row = tx.insert(trainingCourses).values(tenantRow(caller, input)).returning({ id: trainingCourses.id }).get();
    writeAudit(tx, { actor: caller.actor, municipalityId: caller.municipalityId, entity: "trainingCourse", entityId: row.id, action: "create", changes: newValues(input) });
    return row.id;
  });
}

export function updateCourse(caller: Caller, courseId: number, expectedVersion: number, input: CourseInput): void {
  assertCan(caller, "training.manage");
  transaction((tx) => {
    const before = getCourse(caller, courseId, tx);
    if (!before) throw new ValidationError({ form: ["Das Schulungsformat gibt es nicht mehr."] });
    checkReferences(tx, caller, input);
    updateVersioned(tx, trainingCourses, caller, courseId, expectedVersion, { ...input });
    auditUpdate(tx, { actor: caller.actor, municipalityId: caller.municipalityId, entity: "trainingCourse", entityId: courseId, before, after: { ...before, ...input } });
  });
}

/** Agenda projects to link a course to (projects area), newest first. */
export function projectOptions(tenant: Tenant) {
  return getDb()
    .select({ id: projects.id, title: projects.title })
    .from(projects)
    .where(and(scoped(projects, tenant)))
    .orderBy(asc(projects.title))
    .all();
}
