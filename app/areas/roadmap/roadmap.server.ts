import { and, asc, eq, exists, inArray, isNull, or } from "drizzle-orm";
import {
  fieldsOfAction,
  milestones,
  projectAssessments,
  projectDependencies,
  projectUnits,
  projects,
  units,
  workflowInstances,
} from "../../../db/schema";
import type { DbOrTx } from "../../utils/db.server";
import { type Tenant, scoped } from "../../utils/tenant.server";
import type { RoadmapProject } from "./layout";
import { projectInstanceJoin, projectStateCatalog } from "../projects/states.server";
import { workflowStates } from "../../workflow/index.server";

import type { RoadmapFilter } from "./query";

export type { RoadmapFilter } from "./query";

export type RoadmapEntry = RoadmapProject & {
  leadUnitName: string;
  state: string | null;
  stateLabel: string;
  classification: "lighthouse" | "onTrack" | "laggard" | null;
  /** Set for a joint project of another Kommune in which the caller's Kommune is a partner (read-only). */
  joint?: { leadName: string };
};

/** The Kommune's current projects for the roadmap, filtered; three queries in all. */
export function loadRoadmap(db: DbOrTx, tenant: Tenant, filter: RoadmapFilter): RoadmapEntry[] {
  const rows = db
    .select({
      id: projects.id,
      title: projects.title,
      fieldOfActionId: projects.fieldOfActionId,
      fieldOfActionName: fieldsOfAction.name,
      startDate: projects.startDate,
      endDate: projects.endDate,
      leadUnitName: units.name,
      state: workflowInstances.state,
      classification: projectAssessments.classification,
    })
    .from(projects)
    .innerJoin(fieldsOfAction, eq(fieldsOfAction.id, projects.fieldOfActionId))
    .innerJoin(units, eq(units.id, projects.leadUnitId))
    .leftJoin(workflowInstances, projectInstanceJoin)
    .leftJoin(projectAssessments, eq(projectAssessments.projectId, projects.id))
    .where(
      scoped(
        projects,
        tenant,
        isNull(projects.archivedAt),
        filter.fieldOfActionId ? eq(projects.fieldOfActionId, filter.fieldOfActionId) : undefined,
        filter.state ? eq(workflowInstances.state, filter.state) : undefined,
        filter.unitId
          ? or(
              eq(projects.leadUnitId, filter.unitId),
              exists(
                db
                  .select({ id: projectUnits.id })
                  .from(projectUnits)
                  .where(and(eq(projectUnits.projectId, projects.id), eq(projectUnits.unitId, filter.unitId))),
              ),
            )
          : undefined,
      ),
    )
    .orderBy(asc(projects.startDate), asc(projects.title))
    .all();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const milestoneRows = db
    .select({
      id: milestones.id,
      projectId: milestones.projectId,
      title: milestones.title,
      dueDate: milestones.dueDate,
      originalDueDate: milestones.originalDueDate,
      doneAt: milestones.doneAt,
    })
    .from(milestones)
    .where(scoped(milestones, tenant, inArray(milestones.projectId, ids)))
    .orderBy(asc(milestones.dueDate))
    .all();
  const dependencyRows = db
    .select({ projectId: projectDependencies.projectId, dependsOn: projectDependencies.dependsOnProjectId })
    .from(projectDependencies)
    .where(scoped(projectDependencies, tenant, inArray(projectDependencies.projectId, ids)))
    .all();
  const milestonesOf = new Map<number, RoadmapEntry["milestones"]>();
  for (const m of milestoneRows) {
    const list = milestonesOf.get(m.projectId) ?? [];
    list.push({ id: m.id, title: m.title, dueDate: m.dueDate, originalDueDate: m.originalDueDate, done: m.doneAt !== null });
    milestonesOf.set(m.projectId, list);
  }
  const dependenciesOf = new Map<number, number[]>();
  for (const d of dependencyRows) dependenciesOf.set(d.projectId, [...(dependenciesOf.get(d.projectId) ?? []), d.dependsOn]);
  // Label and kind from the definition version each instance runs on: finished, cancelled and paused show as such.
  const states = workflowStates(db, tenant, "project", ids);
  return rows.map((r) => ({
    ...r,
    stateLabel: states.get(r.id)?.stateLabel ?? "ohne Ablauf",
    stateKind: states.get(r.id)?.stateKind ?? null,
    milestones: milestonesOf.get(r.id) ?? [],
    dependsOn: dependenciesOf.get(r.id) ?? [],
  }));
}

export function roadmapFilterOptions(db: DbOrTx, tenant: Tenant) {
  return {
    fieldsOfAction: db
      .select({ id: fieldsOfAction.id, name: fieldsOfAction.name })
      .from(fieldsOfAction)
      .where(scoped(fieldsOfAction, tenant))
      .orderBy(asc(fieldsOfAction.sortOrder), asc(fieldsOfAction.name))
      .all(),
    units: db.select({ id: units.id, name: units.name }).from(units).where(scoped(units, tenant)).orderBy(asc(units.name)).all(),
    states: projectStateCatalog(db, tenant).states.map(({ name, label }) => ({ name, label })),
  };
}

/** The filter in words for the PDF ("Handlungsfeld Mobilität, Status In Umsetzung"); empty for all projects. */
export function roadmapSelection(filter: RoadmapFilter, options: ReturnType<typeof roadmapFilterOptions>): string {
  const parts: string[] = [];
  const field = options.fieldsOfAction.find((f) => f.id === filter.fieldOfActionId);
  if (field) parts.push(`Handlungsfeld ${field.name}`);
  const unit = options.units.find((u) => u.id === filter.unitId);
  if (unit) parts.push(`Einheit ${unit.name}`);
  const state = options.states.find((s) => s.name === filter.state);
  if (state) parts.push(`Status ${state.label}`);
  return parts.join(", ");
}
