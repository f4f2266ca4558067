import { and, asc, count, countDistinct, eq, inArray, isNull, lt, sum } from "drizzle-orm";
import {
  fieldsOfAction,
  goalValues,
  goals,
  milestones,
  projectAssessments,
  projects,
  workflowInstances,
} from "../../../db/schema";
import type { DbOrTx } from "../../utils/db.server";
import { listDeadlines } from "../../workflow/index.server";
import { type Tenant, scoped } from "../../utils/tenant.server";
import type { PortfolioEntry } from "../assessment/assessment.server";
import { CLASSIFICATION_LABELS, type Classification } from "../assessment/classify";
import { runningCondition } from "../projects/list.server";
import { countsByStatus, isRunningState } from "../projects/states";
import { projectInstanceJoin, projectStateCatalog } from "../projects/states.server";
import { runningSiloIndicator } from "../teams/teams.server";
import { type ChartImage, chartImage } from "./chart-cache.server";
import { budgetSpec, goalProgressSpec, portfolioSpec, projectsByFieldAndStatusSpec } from "./charts";
import { currentValue, goalProgress } from "../agenda/agenda";
import { addDaysIso } from "../../utils/calendar";

/**
 * The Übersicht is composed of one function per area; each returns a plain section object the
 * page renders. Further areas (trainings, funding) add their own function and one loader line.
 */

function projectRows(db: DbOrTx, tenant: Tenant) {
  return db
    .select({
      fieldOfAction: fieldsOfAction.name,
      state: workflowInstances.state,
      count: count(),
      plannedCents: sum(projects.budgetPlannedCents).mapWith(Number),
      spentCents: sum(projects.budgetSpentCents).mapWith(Number),
    })
    .from(projects)
    .innerJoin(fieldsOfAction, eq(fieldsOfAction.id, projects.fieldOfActionId))
    .leftJoin(workflowInstances, projectInstanceJoin)
    .where(scoped(projects, tenant, isNull(projects.archivedAt)))
    .groupBy(fieldsOfAction.id, workflowInstances.state)
    .all();
}

/**
 * Projects by workflow state, all and running (not finished or cancelled, by the kinds of the
 * workflow's states, not by their names): the Übersicht's figures and the Roll-in cockpit's row.
 */
export function projectStatusFigures(db: DbOrTx, tenant: Tenant, rows = projectRows(db, tenant)) {
  const catalog = projectStateCatalog(db, tenant);
  return {
    catalog,
    byState: countsByStatus(catalog, rows),
    projects: rows.reduce((n, r) => n + r.count, 0),
    running: rows.filter((r) => isRunningState(catalog, r.state)).reduce((n, r) => n + r.count, 0),
  };
}

/** Projects by status and field of action, and the budget planned vs. spent. */
export async function projectSection(db: DbOrTx, tenant: Tenant) {
  const rows = projectRows(db, tenant);
  const figures = projectStatusFigures(db, tenant, rows);
  const projectStateLabel = figures.catalog.label;
  const byState = figures.byState;
  const fieldNames = [...new Set(rows.map((r) => r.fieldOfAction))].sort((a, b) => a.localeCompare(b, "de"));
  const byField = fieldNames.map((name) => {
    const list = rows.filter((r) => r.fieldOfAction === name);
    return {
      fieldOfAction: name,
      count: list.reduce((n, r) => n + r.count, 0),
      plannedCents: list.reduce((n, r) => n + (r.plannedCents ?? 0), 0),
      spentCents: list.reduce((n, r) => n + (r.spentCents ?? 0), 0),
      byState: list.reduce<Record<string, number>>((sums, r) => {
        const label = projectStateLabel(r.state);
        sums[label] = (sums[label] ?? 0) + r.count;
        return sums;
      }, {}),
    };
  });
  const totals = {
    projects: byField.reduce((n, f) => n + f.count, 0),
    /** Not finished or cancelled, by the kinds of the workflow's states (not by their names). */
    running: figures.running,
    plannedCents: byField.reduce((n, f) => n + f.plannedCents, 0),
    spentCents: byField.reduce((n, f) => n + f.spentCents, 0),
  };
  const statusLabels = byState.map((s) => s.label);
  const [statusChart, budgetChart] = totals.projects
    ? await Promise.all([
        chartImage(
          tenant,
          "projekte-status",
          projectsByFieldAndStatusSpec(
            rows.map((r) => ({ fieldOfAction: r.fieldOfAction, status: projectStateLabel(r.state), count: r.count })),
            statusLabels,
          ),
          "Projekte nach Handlungsfeld und Status",
        ),
        chartImage(tenant, "budget", budgetSpec(byField), "Budget geplant und ausgegeben nach Handlungsfeld"),
      ])
    : [null, null];
  return { byState, byField, statusLabels, totals, statusChart, budgetChart };
}

/**
 * Overdue milestones (past due, not done) of running projects: the ten oldest, the total count and
 * the number of projects they belong to (what the list `/projekte?phase=running&overdueMilestones=1` shows).
 */
export function overdueSection(db: DbOrTx, tenant: Tenant, today: string) {
  const { closed } = projectStateCatalog(db, tenant);
  const condition = scoped(
    milestones,
    tenant,
    isNull(milestones.doneAt),
    lt(milestones.dueDate, today),
    isNull(projects.archivedAt),
    runningCondition(closed),
  );
  const base = () =>
    db
      .select({
        id: milestones.id,
        title: milestones.title,
        dueDate: milestones.dueDate,
        projectId: projects.id,
        projectTitle: projects.title,
      })
      .from(milestones)
      .innerJoin(projects, eq(projects.id, milestones.projectId))
      .leftJoin(workflowInstances, projectInstanceJoin)
      .where(condition);
  const list = base().orderBy(asc(milestones.dueDate)).limit(10).all();
  const totals = db
    .select({ n: count(), projects: countDistinct(milestones.projectId) })
    .from(milestones)
    .innerJoin(projects, eq(projects.id, milestones.projectId))
    .leftJoin(workflowInstances, projectInstanceJoin)
    .where(condition)
    .get()!;
  return { total: totals.n, projectCount: totals.projects, list };
}

/** Projects per classification (Leuchtturm, im Plan, Nachzügler): the Übersicht's and the Roll-in cockpit's figure. */
export function assessmentCounts(db: DbOrTx, tenant: Tenant) {
  const counts = db
    .select({ classification: projectAssessments.classification, n: count() })
    .from(projectAssessments)
    .innerJoin(projects, eq(projects.id, projectAssessments.projectId))
    .where(scoped(projectAssessments, tenant, isNull(projects.archivedAt)))
    .groupBy(projectAssessments.classification)
    .all();
  const byClass = (c: Classification) => counts.find((r) => r.classification === c)?.n ?? 0;
  return { lighthouse: byClass("lighthouse"), onTrack: byClass("onTrack"), laggard: byClass("laggard") };
}

/** Counts per classification and the laggards with their reason, weakest first. */
export async function assessmentSection(db: DbOrTx, tenant: Tenant) {
  const current = scoped(projectAssessments, tenant, isNull(projects.archivedAt));
  const laggards = db
    .select({
      projectId: projects.id,
      title: projects.title,
      totalScore: projectAssessments.totalScore,
      reason: projectAssessments.reason,
    })
    .from(projectAssessments)
    .innerJoin(projects, eq(projects.id, projectAssessments.projectId))
    .where(and(current, eq(projectAssessments.classification, "laggard")))
    .orderBy(asc(projectAssessments.totalScore), asc(projects.title))
    .limit(15)
    .all();
  const points = db
    .select({
      title: projects.title,
      classification: projectAssessments.classification,
      topics: projectAssessments.topicsScore,
      organisation: projectAssessments.organisationScore,
      technology: projectAssessments.technologyScore,
    })
    .from(projectAssessments)
    .innerJoin(projects, eq(projects.id, projectAssessments.projectId))
    .where(current)
    .orderBy(asc(projects.id))
    .all()
    .filter((p) => p.organisation !== null && p.technology !== null)
    .map((p) => ({
      title: p.title,
      classification: CLASSIFICATION_LABELS[p.classification as Classification],
      topics: p.topics ?? 0,
      organisation: p.organisation!,
      technology: p.technology!,
    }));
  const chart = points.length
    ? await chartImage(tenant, "portfolio-uebersicht", portfolioSpec(points, { width: 360, height: 280 }), "Portfolio: Projekte nach Bewertung und Einstufung")
    : null;
  return {
    counts: assessmentCounts(db, tenant),
    laggards,
    chart,
  };
}

/** Progress of every agenda goal from its baseline towards its target, by its current value (latest dated on or before today). */
export async function goalSection(db: DbOrTx, tenant: Tenant, today: string) {
  const goalRows = db
    .select({
      id: goals.id,
      title: goals.title,
      unit: goals.unit,
      baseline: goals.baseline,
      targetValue: goals.targetValue,
      targetDate: goals.targetDate,
    })
    .from(goals)
    .where(scoped(goals, tenant))
    .orderBy(asc(goals.targetDate), asc(goals.title))
    .all();
  const valuesByGoal = new Map<number, { value: number; recordedOn: string }[]>();
  for (const v of db
    .select({ goalId: goalValues.goalId, value: goalValues.value, recordedOn: goalValues.recordedOn })
    .from(goalValues)
    .where(scoped(goalValues, tenant))
    .orderBy(asc(goalValues.recordedOn), asc(goalValues.id))
    .all()) {
    valuesByGoal.set(v.goalId, [...(valuesByGoal.get(v.goalId) ?? []), v]);
  }
  const list = goalRows.map((g) => {
    const actual = currentValue(valuesByGoal.get(g.id) ?? [], today);
    const share = actual ? goalProgress(g, [actual], today) : null;
    return { ...g, actualValue: actual?.value ?? null, recordedOn: actual?.recordedOn ?? null, share };
  });
  const withValues = list.filter((g) => g.share !== null);
  const chart = withValues.length
    ? await chartImage(
        tenant,
        "ziele",
        goalProgressSpec(withValues.map((g) => ({ goal: g.title, percent: Math.round(g.share! * 100) }))),
        "Zielerreichung der Ziele der Digitalagenda",
      )
    : null;
  return { list, chart };
}

/** The large portfolio chart of /projekte/portfolio: every assessed current project. */
export async function portfolioPageChart(tenant: Tenant, entries: PortfolioEntry[]): Promise<ChartImage | null> {
  const assessed = entries.filter((p) => p.classification && p.organisationScore !== null && p.technologyScore !== null);
  if (!assessed.length) return null;
  return chartImage(
    tenant,
    "portfolio",
    portfolioSpec(
      assessed.map((p) => ({
        title: p.title,
        classification: CLASSIFICATION_LABELS[p.classification!],
        topics: p.topicsScore ?? 0,
        organisation: p.organisationScore!,
        technology: p.technologyScore!,
      })),
      { width: 560, height: 420 },
    ),
    "Portfolio: Projekte nach Organisation, Technologie und Themen, nach Einstufung",
  );
}

/** Share of running projects in which two or more units work together (high is good: few silos). */
export function siloSection(db: DbOrTx, tenant: Tenant) {
  return runningSiloIndicator(db, tenant);
}

/** How many projects have no assessment yet, so the CDO sees what is still open. */
export function unassessedCount(db: DbOrTx, tenant: Tenant): number {
  return db
    .select({ n: count() })
    .from(projects)
    .leftJoin(projectAssessments, eq(projectAssessments.projectId, projects.id))
    .where(scoped(projects, tenant, isNull(projects.archivedAt), isNull(projectAssessments.id)))
    .get()!.n;
}


/** Open deadlines of all areas due within the next 30 days or already overdue, earliest first. */
export function deadlineSection(db: DbOrTx, tenant: Tenant, today: string) {
  const horizon = addDaysIso(today, 30);
  const list = listDeadlines(db, tenant, { status: ["open", "due", "overdue"], to: horizon });
  const projectIds = [...new Set(list.filter((d) => d.subjectType === "project").map((d) => d.subjectId))];
  const titles = new Map(
    projectIds.length
      ? db
          .select({ id: projects.id, title: projects.title })
          .from(projects)
          .where(scoped(projects, tenant, inArray(projects.id, projectIds)))
          .all()
          .map((p) => [p.id, p.title])
      : [],
  );
  return {
    overdueCount: list.filter((d) => d.dueDate < today).length,
    list: list.slice(0, 12).map((d) => ({
      id: d.id,
      label: d.label,
      subjectTitle: d.subjectType === "project" ? (titles.get(d.subjectId) ?? null) : null,
      dueDate: d.dueDate,
      overdue: d.dueDate < today,
      link: d.link ?? (d.subjectType === "project" ? `/projekte/${d.subjectId}` : null),
    })),
  };
}
