import { and, asc, eq, inArray, isNull, like, or } from "drizzle-orm";
import { milestones, municipalities, projectPartners, projects } from "../../../db/schema";
import type { DbOrTx } from "../../utils/db.server";
import type { Tenant } from "../../utils/tenant.server";
import { workflowStates } from "../../workflow/index.server";
import type { StateKind } from "../../workflow/state-kinds";
import { isMilestoneOverdue } from "../projects/projects";
import type { RoadmapEntry } from "../roadmap/roadmap.server";
import { jointMark } from "./joint";

/**
 * The partner read path of joint projects. The partner Kommune never passes through the tenant
 * scope of the lead's tables: every query here starts from `project_partners` filtered by the
 * partner column (the caller's Kommune from the session) and joins only the joint project itself,
 * its milestones and the lead Kommune's name. The lead's Kommune id used for the workflow state
 * comes from that joined project row, never from input. Nothing else of the lead is read.
 */

/** A field of action does not exist for the partner (it is the lead's agenda); joint projects get their own group. */
export const JOINT_GROUP = "Gemeinsame Projekte (interkommunal)";

export interface JointProjectRow {
  id: number;
  title: string;
  leadMunicipalityId: number;
  leadName: string;
  startDate: string | null;
  endDate: string | null;
  shareCents: number;
  agreedOn: string;
  state: string | null;
  stateLabel: string;
  stateKind: StateKind | null;
}

function partnerCondition(partner: Tenant) {
  return and(eq(projectPartners.partnerMunicipalityId, partner.municipalityId), isNull(projects.archivedAt));
}

function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** State label and kind from the lead's workflow instance, one look-up per lead Kommune. */
function withStates<T extends { id: number; leadMunicipalityId: number }>(db: DbOrTx, rows: T[]) {
  const byLead = new Map<number, number[]>();
  for (const r of rows) byLead.set(r.leadMunicipalityId, [...(byLead.get(r.leadMunicipalityId) ?? []), r.id]);
  const states = new Map<number, { state: string; stateLabel: string; stateKind: StateKind }>();
  for (const [leadId, ids] of byLead) {
    for (const [id, s] of workflowStates(db, { municipalityId: leadId }, "project", ids)) states.set(id, s);
  }
  return rows.map((r) => {
    const s = states.get(r.id);
    return { ...r, state: s?.state ?? null, stateLabel: s?.stateLabel ?? "ohne Ablauf", stateKind: s?.stateKind ?? null };
  });
}

/** The joint projects in which the caller's Kommune is a partner (not archived), optionally searched by title/description. */
export function jointProjectsOfPartner(db: DbOrTx, partner: Tenant, options: { q?: string } = {}): JointProjectRow[] {
  const q = options.q?.trim();
  const rows = db
    .select({
      id: projects.id,
      title: projects.title,
      leadMunicipalityId: projects.municipalityId,
      leadName: municipalities.name,
      startDate: projects.startDate,
      endDate: projects.endDate,
      shareCents: projectPartners.shareCents,
      agreedOn: projectPartners.agreedOn,
    })
    .from(projectPartners)
    .innerJoin(projects, and(eq(projects.id, projectPartners.projectId), eq(projects.municipalityId, projectPartners.municipalityId)))
    .innerJoin(municipalities, eq(municipalities.id, projects.municipalityId))
    .where(
      and(
        partnerCondition(partner),
        q ? or(like(projects.title, `%${escapeLike(q)}%`), like(projects.description, `%${escapeLike(q)}%`)) : undefined,
      ),
    )
    .orderBy(asc(projects.startDate), asc(projects.title))
    .all();
  return withStates(db, rows);
}

/** The read-only view of one joint project for a partner; undefined when the caller's Kommune is not (or no longer) a partner. */
export function jointProjectDetail(db: DbOrTx, partner: Tenant, projectId: number, today: string) {
  const row = db
    .select({
      id: projects.id,
      title: projects.title,
      description: projects.description,
      leadMunicipalityId: projects.municipalityId,
      leadName: municipalities.name,
      startDate: projects.startDate,
      endDate: projects.endDate,
      shareCents: projectPartners.shareCents,
      agreedOn: projectPartners.agreedOn,
      note: projectPartners.note,
    })
    .from(projectPartners)
    .innerJoin(projects, and(eq(projects.id, projectPartners.projectId), eq(projects.municipalityId, projectPartners.municipalityId)))
    .innerJoin(municipalities, eq(municipalities.id, projects.municipalityId))
    .where(and(partnerCondition(partner), eq(projects.id, projectId)))
    .get();
  if (!row) return undefined;
  const [project] = withStates(db, [row]);
  const closed = project.stateKind === "final";
  const list = db
    .select({ id: milestones.id, title: milestones.title, dueDate: milestones.dueDate, originalDueDate: milestones.originalDueDate, doneAt: milestones.doneAt })
    .from(milestones)
    .where(and(eq(milestones.projectId, project.id), eq(milestones.municipalityId, project.leadMunicipalityId)))
    .orderBy(asc(milestones.dueDate), asc(milestones.id))
    .all()
    .map((m) => ({ ...m, overdue: !closed && isMilestoneOverdue(m, today) }));
  return { ...project, milestones: list };
}

export type JointProjectDetail = NonNullable<ReturnType<typeof jointProjectDetail>>;

/** Milestones of the partner's joint projects, for the roadmap (same path: partner row → project → milestones). */
export function jointMilestones(db: DbOrTx, partner: Tenant, projectIds: number[]) {
  if (projectIds.length === 0) return [];
  return db
    .select({ id: milestones.id, projectId: milestones.projectId, title: milestones.title, dueDate: milestones.dueDate, originalDueDate: milestones.originalDueDate, doneAt: milestones.doneAt })
    .from(projectPartners)
    .innerJoin(projects, and(eq(projects.id, projectPartners.projectId), eq(projects.municipalityId, projectPartners.municipalityId)))
    .innerJoin(milestones, and(eq(milestones.projectId, projects.id), eq(milestones.municipalityId, projects.municipalityId)))
    .where(and(partnerCondition(partner), inArray(projects.id, projectIds)))
    .orderBy(asc(milestones.dueDate))
    .all();
}

/**
 * The partner's figures: joint projects (all and running, by the kinds of the lead's workflow
 * states) and the sum of its agreed shares. The lead's own figures do not change.
 */
export function jointFigures(db: DbOrTx, partner: Tenant) {
  const rows = jointProjectsOfPartner(db, partner);
  return {
    projects: rows.length,
    running: rows.filter((r) => r.stateKind !== "final").length,
    shareCents: rows.reduce((n, r) => n + r.shareCents, 0),
  };
}

/**
 * The partner's joint projects as roadmap entries, in their own group, marked with the lead
 * Kommune; without the lead's assessment and dependencies (they would show the lead's other
 * projects). A filter by the partner's field of action or unit does not apply to them: they are left out.
 */
export function jointRoadmapEntries(db: DbOrTx, partner: Tenant, filter: { fieldOfActionId?: number; unitId?: number; state?: string }): RoadmapEntry[] {
  if (filter.fieldOfActionId || filter.unitId) return [];
  const rows = jointProjectsOfPartner(db, partner).filter((r) => !filter.state || r.state === filter.state);
  const byProject = new Map<number, RoadmapEntry["milestones"]>();
  for (const m of jointMilestones(db, partner, rows.map((r) => r.id))) {
    byProject.set(m.projectId, [...(byProject.get(m.projectId) ?? []), { id: m.id, title: m.title, dueDate: m.dueDate, originalDueDate: m.originalDueDate, done: m.doneAt !== null }]);
  }
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    fieldOfActionId: null,
    fieldOfActionName: JOINT_GROUP,
    startDate: r.startDate,
    endDate: r.endDate,
    leadUnitName: jointMark(r.leadName),
    state: r.state,
    stateLabel: r.stateLabel,
    stateKind: r.stateKind,
    classification: null,
    milestones: byProject.get(r.id) ?? [],
    dependsOn: [],
    joint: { leadName: r.leadName },
  }));
}

/**
 * The joint projects shown under the partner's project list: the search term, status and phase
 * apply; filters on the partner's own agenda, units, assessment or archive leave them out (those
 * do not exist for another Kommune's project).
 */
export function jointProjectsForList(
  db: DbOrTx,
  partner: Tenant,
  query: { q?: string; status?: string; phase?: "running" | "closed"; fieldOfAction?: number; unit?: number; classification?: string; cooperation?: string; overdue: boolean; overdueMilestones: boolean; archived: boolean },
): JointProjectRow[] {
  if (query.fieldOfAction || query.unit || query.classification || query.cooperation || query.overdue || query.overdueMilestones || query.archived) return [];
  return jointProjectsOfPartner(db, partner, { q: query.q }).filter(
    (r) =>
      (!query.status || r.state === query.status) &&
      (!query.phase || (query.phase === "closed") === (r.stateKind === "final")),
  );
}
