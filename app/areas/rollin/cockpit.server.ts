import { and, count, eq, ne } from "drizzle-orm";
import { programmeSteps } from "../../../db/schema";
import { assessmentCounts, deadlineSection, overdueSection, projectStatusFigures } from "../dashboard/dashboard.server";
import { memoScope } from "../dashboard/memo.server";
import { upcomingFundingDeadlines } from "../funding/overview.server";
import { trainingDashboardSection } from "../trainings/coverage.server";
import type { DbOrTx } from "../../utils/db.server";
import type { Tenant } from "../../utils/tenant.server";
import { type Permission, can } from "../../utils/permissions";
import { type TaskListItem, type TaskScope, listTasksFor } from "../../workflow/task-list.server";
import type { CockpitCaller } from "./cockpit-caller.server";
import type { CockpitSort } from "./cockpit-query";
import { programmeStepTotals } from "./programme-template";
import { callerMunicipalities } from "./provider.server";

/**
 * The caller's Kommunen where their role there has the permission, each with the scope "Meine
 * Aufgaben" uses: the Roll-in role for provider staff, the membership's own role for members.
 */
function kommunenWith(db: DbOrTx, caller: CockpitCaller, permission: Permission) {
  return callerMunicipalities(db, caller).flatMap((m) => {
    const role = caller.roleIn(m.id);
    if (!role || !can(role, permission)) return [];
    const scope: TaskScope = { municipalityId: m.id, municipalityName: m.name, role };
    return [{ ...m, scope }];
  });
}


/**
 * The inbox across all Kommunen the caller acts for, as "Meine Aufgaben" computes it for each with
 * the caller's role there (the Roll-in role also sees tasks addressed to the Kommune's CDO).
 */
export function providerInbox(db: DbOrTx, caller: CockpitCaller, today: string): TaskListItem[] {
  return listTasksFor(db, caller.userId, kommunenWith(db, caller, "task.view").map((m) => m.scope), today);
}

/**
 * One row per Kommune the caller acts for, each figure from the function the Kommune's own
 * Übersicht uses (and cached under the same name, so both read the same result).
 */
export async function cockpitRows(db: DbOrTx, caller: CockpitCaller, today: string, query: { sort: CockpitSort; group: string | null; q: string }) {
  const list = kommunenWith(db, caller, "dashboard.view");
  // One write stamp for the whole page: ~1,700 sections are checked against it.
  const memoSection = memoScope();
  // Open tasks per Kommune as the inbox counts them, cached like the other figures: computing the
  // inbox of 200+ Kommunen on every visit was most of the cockpit's time.
  const openTasks = new Map<number, number>();
  for (const m of list) {
    const scope = m.scope;
    openTasks.set(m.id, await memoSection({ municipalityId: m.id }, `providerTasks:${caller.userId}`, today, () => listTasksFor(db, caller.userId, [scope], today).length));
  }
  const groups = [...new Set(list.map((m) => m.group).filter((g): g is string => !!g))].sort((a, b) => a.localeCompare(b, "de"));
  const needle = query.q.trim().toLocaleLowerCase("de");
  const shown = list.filter((m) => (!query.group || m.group === query.group) && (!needle || m.name.toLocaleLowerCase("de").includes(needle)));
  const rows = await Promise.all(shown.map(async (m) => {
    const tenant = { municipalityId: m.id };
    const section = <T,>(name: string, compute: () => T) => memoSection(tenant, name, today, compute);
    const projects = await section("projectStatus", () => {
      const f = projectStatusFigures(db, tenant);
      return { byState: f.byState, projects: f.projects, running: f.running };
    });
    const assessment = await section("assessmentCounts", () => assessmentCounts(db, tenant));
    const overdue = await section("overdue", () => overdueSection(db, tenant, today));
    const deadlines = await section("deadlines", () => deadlineSection(db, tenant, today));
    const funding = await section("fundingNext", () => upcomingFundingDeadlines(tenant, db, today, 12)[0] ?? null);
    const training = await section("training", () => trainingDashboardSection(tenant, today));
    const programme = await section("programmeSteps", () => programmeStepFigures(db, tenant, today));
    return {
      municipalityId: m.id,
      name: m.name,
      group: m.group,
      projects,
      laggards: assessment.laggard,
      overdueMilestones: overdue.total,
      overdueDeadlines: deadlines.overdueCount,
      nextFundingDeadline: funding,
      coverageBp: training.coverageBp,
      targetBp: training.targetBp,
      openTasks: openTasks.get(m.id) ?? 0,
      programme,
    };
  }));
  const by: Record<CockpitSort, (a: (typeof rows)[number], b: (typeof rows)[number]) => number> = {
    name: (a, b) => a.name.localeCompare(b.name, "de"),
    overdue: (a, b) => b.overdueMilestones - a.overdueMilestones,
    laggards: (a, b) => b.laggards - a.laggards,
    tasks: (a, b) => b.openTasks - a.openTasks,
    coverage: (a, b) => (a.coverageBp ?? -1) - (b.coverageBp ?? -1),
  };
  rows.sort((a, b) => by[query.sort](a, b) || a.name.localeCompare(b.name, "de"));
  return { rows, groups, total: list.length, openTasks: [...openTasks.values()].reduce((a, b) => a + b, 0) };
}

/** A Kommune's programme steps: all, finished (done or confirmed) and overdue. */
function programmeStepFigures(db: DbOrTx, tenant: Tenant, today: string) {
  const rows = db
    .select({ status: programmeSteps.status, dueDate: programmeSteps.dueDate, n: count() })
    .from(programmeSteps)
    .where(and(eq(programmeSteps.municipalityId, tenant.municipalityId), ne(programmeSteps.stepKey, "")))
    .groupBy(programmeSteps.status, programmeSteps.dueDate)
    .all();
  const { steps, finished, overdue } = programmeStepTotals(rows, today);
  return { steps, finished, overdue };
}
