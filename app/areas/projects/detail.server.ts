import { asc, eq, isNull, sql } from "drizzle-orm";
import { employees, fieldsOfAction, goals, milestones, projectDependencies, projectGoals, projectUnits, projects, risks, units, workflowInstances } from "../../../db/schema";
import type { DbOrTx } from "../../utils/db.server";
import { type Tenant, scoped } from "../../utils/tenant.server";
import { isMilestoneOverdue, riskScore } from "./projects";
import { projectInstanceJoin, projectStateLabels } from "./states.server";

/** Everything the project page shows; undefined when the project is not in this Kommune. */
export function getProjectDetail(db: DbOrTx, t: Tenant, id: number, today: string) {
  const project = db
    .select({
      project: projects,
      fieldOfAction: fieldsOfAction.name,
      focusArea: fieldsOfAction.focusArea,
      leadUnit: units.name,
      leadFirstName: employees.firstName,
      leadLastName: employees.lastName,
      leadEmail: employees.email,
      state: workflowInstances.state,
    })
    .from(projects)
    .innerJoin(fieldsOfAction, eq(fieldsOfAction.id, projects.fieldOfActionId))
    .innerJoin(units, eq(units.id, projects.leadUnitId))
    .leftJoin(employees, eq(employees.id, projects.projectLeadEmployeeId))
    .leftJoin(workflowInstances, projectInstanceJoin)
    .where(scoped(projects, t, eq(projects.id, id)))
    .get();
  if (!project) return undefined;
  const involvedUnits = db
    .select({ id: units.id, name: units.name, kind: units.kind })
    .from(projectUnits)
    .innerJoin(units, eq(units.id, projectUnits.unitId))
    .where(scoped(projectUnits, t, eq(projectUnits.projectId, id)))
    .orderBy(asc(units.name))
    .all();
  const projectGoalRows = db
    .select({ id: goals.id, title: goals.title, indicator: goals.indicator })
    .from(projectGoals)
    .innerJoin(goals, eq(goals.id, projectGoals.goalId))
    .where(scoped(projectGoals, t, eq(projectGoals.projectId, id)))
    .orderBy(asc(goals.title))
    .all();
  const milestoneRows = db
    .select()
    .from(milestones)
    .where(scoped(milestones, t, eq(milestones.projectId, id)))
    .orderBy(asc(milestones.dueDate), asc(milestones.id))
    .all()
    .map((m) => ({ ...m, overdue: isMilestoneOverdue(m, today) }));
  const needs = db
    .select({ dependencyId: projectDependencies.id, id: projects.id, title: projects.title, state: workflowInstances.state })
    .from(projectDependencies)
    .innerJoin(projects, eq(projects.id, projectDependencies.dependsOnProjectId))
    .leftJoin(workflowInstances, projectInstanceJoin)
    .where(scoped(projectDependencies, t, eq(projectDependencies.projectId, id)))
    .orderBy(asc(projects.title))
    .all();
  const neededBy = db
    .select({ id: projects.id, title: projects.title, state: workflowInstances.state })
    .from(projectDependencies)
    .innerJoin(projects, eq(projects.id, projectDependencies.projectId))
    .leftJoin(workflowInstances, projectInstanceJoin)
    .where(scoped(projectDependencies, t, eq(projectDependencies.dependsOnProjectId, id)))
    .orderBy(asc(projects.title))
    .all();
  const riskRows = db
    .select({
      id: risks.id,
      title: risks.title,
      category: risks.category,
      likelihood: risks.likelihood,
      impact: risks.impact,
      mitigation: risks.mitigation,
      ownerEmployeeId: risks.ownerEmployeeId,
      closedAt: risks.closedAt,
      version: risks.version,
      ownerFirstName: employees.firstName,
      ownerLastName: employees.lastName,
    })
    .from(risks)
    .leftJoin(employees, eq(employees.id, risks.ownerEmployeeId))
    .where(scoped(risks, t, eq(risks.projectId, id)))
    .all()
    .map((r) => ({ ...r, score: riskScore(r) }))
    // open risks first
    .sort((a, b) => Number(a.closedAt !== null) - Number(b.closedAt !== null) || b.score - a.score || a.id - b.id);
  const candidates = db
    .select({ id: projects.id, title: projects.title })
    .from(projects)
    .where(scoped(projects, t, isNull(projects.archivedAt), sql`${projects.id} <> ${id}`))
    .orderBy(asc(projects.title))
    .all()
    .filter((p) => !needs.some((n) => n.id === p.id));
  const labels = projectStateLabels(db, t, [...needs.map((n) => n.id), ...neededBy.map((n) => n.id)]);
  return {
    ...project,
    involvedUnits,
    goals: projectGoalRows,
    milestones: milestoneRows,
    needs: needs.map((n) => ({ ...n, stateLabel: labels.get(n.id) ?? null })),
    neededBy: neededBy.map((n) => ({ ...n, stateLabel: labels.get(n.id) ?? null })),
    risks: riskRows,
    dependencyCandidates: candidates,
  };
}

export type ProjectDetail = NonNullable<ReturnType<typeof getProjectDetail>>;
