/**
 * The read API's use cases: each checks the token owner's permission, reads through the same area
 * functions the pages use (one function per figure) and returns data parsed by its response schema.
 */
import type { z } from "zod";
import { todayIso } from "../../utils/format";
import { getDb } from "../../utils/db.server";
import { listApplications } from "../funding/overview.server";
import { parseProjectListQuery } from "../projects/projects";
import { listProjects } from "../projects/list.server";
import { unitCoverage } from "../trainings/coverage.server";
import { listSessions } from "../trainings/sessions.server";
import {
  FundingApplicationListSchema,
  ProjectPageSchema,
  ProjectQuerySchema,
  TrainingCoverageSchema,
  TrainingSessionListSchema,
  TrainingSessionQuerySchema,
} from "./schemas";
import { ApiError, type ApiCaller, requireApiPermission } from "./tokens.server";

function parseQuery<S extends z.ZodType>(schema: S, url: URL): z.output<S> {
  const parsed = schema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.join(".")))].join(", ");
    throw new ApiError(400, "invalid_query", `Ungültige Abfrageparameter: ${fields}.`);
  }
  return parsed.data;
}

export function apiProjects(caller: ApiCaller, url: URL) {
  requireApiPermission(caller, "project.view");
  const q = parseQuery(ProjectQuerySchema, url);
  const query = parseProjectListQuery(
    new URLSearchParams({
      page: String(q.page),
      ...(q.q ? { q: q.q } : {}),
      ...(q.phase ? { phase: q.phase } : {}),
      ...(q.archived === "true" ? { archived: "1" } : {}),
    }),
  );
  const today = todayIso();
  const result = listProjects(getDb(), caller, query, today);
  return ProjectPageSchema.parse({
    page: result.page,
    pageCount: result.pageCount,
    total: result.total,
    data: result.rows.map((r) => ({
      id: r.id,
      title: r.title,
      fieldOfAction: r.fieldOfAction,
      leadUnit: r.leadUnit,
      state: r.state,
      stateLabel: r.stateLabel,
      startDate: r.startDate,
      endDate: r.endDate,
      budgetPlannedCents: r.budgetPlannedCents,
      budgetSpentCents: r.budgetSpentCents,
      ozgRelevant: r.ozgRelevant,
      efaReuse: r.efaReuse,
      classification: r.classification,
      needsSupport: r.needsSupport,
      archived: r.archivedAt !== null,
      overdue: r.overdue,
    })),
  });
}

export function apiTrainingSessions(caller: ApiCaller, url: URL) {
  requireApiPermission(caller, "training.view");
  const q = parseQuery(TrainingSessionQuerySchema, url);
  const rows = listSessions(caller, { from: q.from, before: q.before, limit: 500 });
  return TrainingSessionListSchema.parse({
    data: rows.map((r) => ({
      id: r.id,
      courseId: r.courseId,
      courseTitle: r.courseTitle,
      topic: r.topic,
      format: r.format,
      startsAt: r.startsAt,
      endsAt: r.endsAt,
      sessionDate: r.sessionDate,
      location: r.location,
      onlineUrl: r.onlineUrl,
      capacity: r.capacity,
      registrationDeadline: r.registrationDeadline,
      registered: r.registered,
      waitlisted: r.waitlisted,
      state: r.state,
      stateLabel: r.stateLabel,
    })),
  });
}

export function apiTrainingCoverage(caller: ApiCaller) {
  requireApiPermission(caller, "training.view");
  const { total, units, targetBp } = unitCoverage(caller);
  return TrainingCoverageSchema.parse({
    targetBp,
    total,
    units: units.map((u) => ({
      unitId: u.unitId,
      unitName: u.unitName,
      employees: u.employees,
      covered: u.covered,
      trainedRecently: u.trainedRecently,
      coverageBp: u.coverageBp,
      meetsTarget: u.meetsTarget,
    })),
  });
}

export function apiFundingApplications(caller: ApiCaller) {
  requireApiPermission(caller, "funding.view");
  return FundingApplicationListSchema.parse({
    data: listApplications(caller).map(({ row, ownContributionCents }) => ({ ...row, ownContributionCents })),
  });
}
