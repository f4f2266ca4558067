import { and, asc, count, countDistinct, eq, inArray, isNull, sql } from "drizzle-orm";
import { employees, projectUnits, projects, teamMembers, teamProjects, teams, units } from "../../../db/schema";
import type { TeamKind, TeamRole } from "../../../db/schema/teams";
import { auditUpdate, newValues, oldValues, writeAudit } from "../../utils/audit.server";
import type { DbOrTx, Tx } from "../../utils/db.server";
import { ValidationError } from "../../utils/errors";
import { type Tenant, scoped, tenantRow, updateVersioned } from "../../utils/tenant.server";
import { workflowStates } from "../../workflow/index.server";
import { type ProjectUnits, type SiloIndicator, cooperationMatrix, cooperationPairs, siloIndicator } from "./cooperation";
import { TEAM_KIND_LABELS, TEAM_ROLE_LABELS } from "./teams";
import type { AreaCaller } from "../../utils/caller.server";
import { assertCan } from "../../utils/permissions";

export type Caller = AreaCaller;

export function listTeams(db: DbOrTx, tenant: Tenant) {
  const rows = db
    .select({
      id: teams.id,
      name: teams.name,
      kind: teams.kind,
      memberCount: countDistinct(teamMembers.employeeId),
      unitCount: countDistinct(employees.unitId),
    })
    .from(teams)
    .leftJoin(teamMembers, eq(teamMembers.teamId, teams.id))
    .leftJoin(employees, eq(employees.id, teamMembers.employeeId))
    .where(scoped(teams, tenant))
    .groupBy(teams.id)
    .orderBy(asc(teams.name))
    .all();
  const projectCounts = new Map(
    db
      .select({ teamId: teamProjects.teamId, n: count() })
      .from(teamProjects)
      .where(scoped(teamProjects, tenant))
      .groupBy(teamProjects.teamId)
      .all()
      .map((r) => [r.teamId, r.n]),
  );
  return rows.map((r) => ({ ...r, kindLabel: TEAM_KIND_LABELS[r.kind], projectCount: projectCounts.get(r.id) ?? 0 }));
}

export function getTeam(db: DbOrTx, tenant: Tenant, id: number) {
  const team = db.select().from(teams).where(scoped(teams, tenant, eq(teams.id, id))).get();
  if (!team) return undefined;
  const members = db
    .select({
      id: teamMembers.id,
      employeeId: teamMembers.employeeId,
      teamRole: teamMembers.teamRole,
      firstName: employees.firstName,
      lastName: employees.lastName,
      jobTitle: employees.jobTitle,
      unitId: units.id,
      unitName: units.name,
    })
    .from(teamMembers)
    .innerJoin(employees, eq(employees.id, teamMembers.employeeId))
    .innerJoin(units, eq(units.id, employees.unitId))
    .where(scoped(teamMembers, tenant, eq(teamMembers.teamId, id)))
    .orderBy(sql`case ${teamMembers.teamRole} when 'lead' then 0 when 'digitalPilot' then 1 else 2 end`, asc(employees.lastName))
    .all()
    .map((m) => ({ ...m, roleLabel: TEAM_ROLE_LABELS[m.teamRole] }));
  const teamProjectList = db
    .select({ id: projects.id, title: projects.title, archivedAt: projects.archivedAt })
    .from(teamProjects)
    .innerJoin(projects, eq(projects.id, teamProjects.projectId))
    .where(scoped(teamProjects, tenant, eq(teamProjects.teamId, id)))
    .orderBy(asc(projects.title))
    .all();
  return {
    ...team,
    kindLabel: TEAM_KIND_LABELS[team.kind],
    members,
    projects: teamProjectList,
    unitCount: new Set(members.map((m) => m.unitId)).size,
  };
}

/** Projects a team may be assigned to: the Kommune's projects that are not archived. */
export function listAssignableProjects(db: DbOrTx, tenant: Tenant) {
  return db
    .select({ id: projects.id, title: projects.title })
    .from(projects)
    .where(scoped(projects, tenant, isNull(projects.archivedAt)))
    .orderBy(asc(projects.title))
    .all();
}

/** Active employees grouped by unit, for choosing members. */
export function listEmployeesByUnit(db: DbOrTx, tenant: Tenant) {
  const rows = db
    .select({
      id: employees.id,
      firstName: employees.firstName,
      lastName: employees.lastName,
      unitId: units.id,
      unitName: units.name,
    })
    .from(employees)
    .innerJoin(units, eq(units.id, employees.unitId))
    .where(scoped(employees, tenant, eq(employees.active, true)))
    .orderBy(asc(units.name), asc(employees.lastName), asc(employees.firstName))
    .all();
  const groups: { unitId: number; unitName: string; employees: { id: number; name: string }[] }[] = [];
  for (const r of rows) {
    let g = groups[groups.length - 1];
    if (!g || g.unitId !== r.unitId) groups.push((g = { unitId: r.unitId, unitName: r.unitName, employees: [] }));
    g.employees.push({ id: r.id, name: `${r.lastName}, ${r.firstName}` });
  }
  return groups;
}

export interface TeamValues {
  name: string;
  kind: TeamKind;
  description: string;
  projectIds: number[];
}

function validateTeam(tx: Tx, tenant: Tenant, values: TeamValues, exceptId?: number) {
  const errors: Record<string, string[]> = {};
  const clash = tx
    .select({ id: teams.id })
    .from(teams)
    .where(scoped(teams, tenant, sql`lower(${teams.name}) = lower(${values.name})`))
    .all()
    .some((t) => t.id !== exceptId);
  if (clash) errors.name = ["Es gibt bereits ein Team mit diesem Namen."];
  const projectIds = [...new Set(values.projectIds)];
  if (projectIds.length) {
    const found = tx
      .select({ id: projects.id })
      .from(projects)
      .where(scoped(projects, tenant, inArray(projects.id, projectIds)))
      .all();
    if (found.length !== projectIds.length) errors.projectIds = ["Mindestens ein gewähltes Projekt gibt es nicht."];
  }
  return { errors, projectIds };
}

function checkEmployees(tx: Tx, tenant: Tenant, ids: number[]): boolean {
  if (!ids.length) return true;
  const found = tx
    .select({ id: employees.id })
    .from(employees)
    .where(scoped(employees, tenant, inArray(employees.id, ids), eq(employees.active, true)))
    .all();
  return found.length === new Set(ids).size;
}

function setProjects(tx: Tx, tenant: Tenant, teamId: number, projectIds: number[]) {
  tx.delete(teamProjects).where(scoped(teamProjects, tenant, eq(teamProjects.teamId, teamId))).run();
  for (const projectId of projectIds) tx.insert(teamProjects).values(tenantRow(tenant, { teamId, projectId })).run();
}

export function createTeam(
  tx: Tx,
  caller: Caller,
  input: TeamValues & { leadEmployeeId?: number; memberEmployeeIds: number[] },
): number {
  assertCan(caller, "team.edit");
  const { errors, projectIds } = validateTeam(tx, caller, input);
  const memberIds = [...new Set(input.memberEmployeeIds)].filter((id) => id !== input.leadEmployeeId);
  if (input.leadEmployeeId && !checkEmployees(tx, caller, [input.leadEmployeeId])) {
    errors.leadEmployeeId = ["Die gewählte Person gibt es in dieser Kommune nicht."];
  }
  if (!checkEmployees(tx, caller, memberIds)) errors.memberEmployeeIds = ["Mindestens eine gewählte Person gibt es in dieser Kommune nicht."];
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const team = tx
    .insert(teams)
    .values(tenantRow(caller, { name: input.name, kind: input.kind, description: input.description }))
    .returning({ id: teams.id })
    .get();
  setProjects(tx, caller, team.id, projectIds);
  const members: { employeeId: number; teamRole: TeamRole }[] = [
    ...(input.leadEmployeeId ? [{ employeeId: input.leadEmployeeId, teamRole: "lead" as const }] : []),
    ...memberIds.map((employeeId) => ({ employeeId, teamRole: "member" as const })),
  ];
  for (const m of members) tx.insert(teamMembers).values(tenantRow(caller, { teamId: team.id, ...m })).run();
  writeAudit(tx, {
    actor: caller.actor,
    municipalityId: caller.municipalityId,
    entity: "team",
    entityId: team.id,
    action: "create",
    changes: newValues({ name: input.name, kind: input.kind, description: input.description, projectIds, members }),
  });
  return team.id;
}

export function updateTeam(tx: Tx, caller: Caller, id: number, expectedVersion: number, input: TeamValues) {
  assertCan(caller, "team.edit");
  const before = getTeam(tx, caller, id);
  if (!before) return undefined;
  const { errors, projectIds } = validateTeam(tx, caller, input, id);
  if (Object.keys(errors).length) throw new ValidationError(errors);
  updateVersioned(tx, teams, caller, id, expectedVersion, {
    name: input.name,
    kind: input.kind,
    description: input.description,
    updatedAt: new Date().toISOString(),
  });
  setProjects(tx, caller, id, projectIds);
  auditUpdate(tx, {
    actor: caller.actor,
    municipalityId: caller.municipalityId,
    entity: "team",
    entityId: id,
    before: { name: before.name, kind: before.kind, description: before.description, projectIds: before.projects.map((p) => p.id) },
    after: { name: input.name, kind: input.kind, description: input.description, projectIds },
  });
  return id;
}

/** Bumps the team's version for a change to its members, so parallel edits are detected. */
function touchTeam(tx: Tx, caller: Caller, teamId: number, expectedVersion: number) {
  updateVersioned(tx, teams, caller, teamId, expectedVersion, { updatedAt: new Date().toISOString() });
}

export function addMember(tx: Tx, caller: Caller, teamId: number, expectedVersion: number, input: { employeeId: number; teamRole: TeamRole }) {
  assertCan(caller, "team.edit");
  const team = tx.select({ id: teams.id }).from(teams).where(scoped(teams, caller, eq(teams.id, teamId))).get();
  if (!team) return undefined;
  if (!checkEmployees(tx, caller, [input.employeeId])) {
    throw new ValidationError({ employeeId: ["Die gewählte Person gibt es in dieser Kommune nicht."] });
  }
  const existing = tx
    .select({ id: teamMembers.id })
    .from(teamMembers)
    .where(scoped(teamMembers, caller, eq(teamMembers.teamId, teamId), eq(teamMembers.employeeId, input.employeeId)))
    .get();
  if (existing) throw new ValidationError({ employeeId: ["Diese Person ist bereits Mitglied des Teams."] });
  touchTeam(tx, caller, teamId, expectedVersion);
  const row = tx
    .insert(teamMembers)
    .values(tenantRow(caller, { teamId, ...input }))
    .returning({ id: teamMembers.id })
    .get();
  writeAudit(tx, {
    actor: caller.actor,
    municipalityId: caller.municipalityId,
    entity: "team",
    entityId: teamId,
    action: "add_member",
    changes: newValues(input),
  });
  return row.id;
}

export function removeMember(tx: Tx, caller: Caller, teamId: number, expectedVersion: number, memberId: number) {
  assertCan(caller, "team.edit");
  const member = tx
    .select()
    .from(teamMembers)
    .where(scoped(teamMembers, caller, eq(teamMembers.id, memberId), eq(teamMembers.teamId, teamId)))
    .get();
  if (!member) return undefined;
  touchTeam(tx, caller, teamId, expectedVersion);
  tx.delete(teamMembers).where(scoped(teamMembers, caller, eq(teamMembers.id, memberId))).run();
  writeAudit(tx, {
    actor: caller.actor,
    municipalityId: caller.municipalityId,
    entity: "team",
    entityId: teamId,
    action: "remove_member",
    changes: oldValues({ employeeId: member.employeeId, teamRole: member.teamRole }),
  });
  return memberId;
}

export function deleteTeam(tx: Tx, caller: Caller, id: number, expectedVersion: number) {
  assertCan(caller, "team.edit");
  const before = getTeam(tx, caller, id);
  if (!before) return undefined;
  // Deleting with the version the user saw: the cascade must not take members added meanwhile.
  updateVersioned(tx, teams, caller, id, expectedVersion, {});
  tx.delete(teams).where(scoped(teams, caller, eq(teams.id, id))).run();
  writeAudit(tx, {
    actor: caller.actor,
    municipalityId: caller.municipalityId,
    entity: "team",
    entityId: id,
    action: "delete",
    changes: oldValues({
      name: before.name,
      kind: before.kind,
      members: before.members.map((m) => ({ employeeId: m.employeeId, teamRole: m.teamRole })),
      projectIds: before.projects.map((p) => p.id),
    }),
  });
  return id;
}

/**
 * Every unit involved in each current project: its lead unit, the further involved units and
 * the units of the members of teams working on it. Three queries, however many projects.
 */
export function projectUnitSets(db: DbOrTx, tenant: Tenant): (ProjectUnits & { title: string })[] {
  const list = db
    .select({ id: projects.id, title: projects.title, leadUnitId: projects.leadUnitId })
    .from(projects)
    .where(scoped(projects, tenant, isNull(projects.archivedAt)))
    .orderBy(asc(projects.title))
    .all();
  const sets = new Map(list.map((p) => [p.id, { projectId: p.id, title: p.title, unitIds: [p.leadUnitId] }]));
  const involved = db
    .select({ projectId: projectUnits.projectId, unitId: projectUnits.unitId })
    .from(projectUnits)
    .where(scoped(projectUnits, tenant))
    .all();
  const viaTeams = db
    .selectDistinct({ projectId: teamProjects.projectId, unitId: employees.unitId })
    .from(teamProjects)
    .innerJoin(teamMembers, and(eq(teamMembers.teamId, teamProjects.teamId)))
    .innerJoin(employees, eq(employees.id, teamMembers.employeeId))
    .where(scoped(teamProjects, tenant))
    .all();
  for (const r of [...involved, ...viaTeams]) {
    const s = sets.get(r.projectId);
    if (s && !s.unitIds.includes(r.unitId)) s.unitIds.push(r.unitId);
  }
  return [...sets.values()];
}

/**
 * The silo figure: of the running projects (not in a final state of their workflow; a project
 * without a workflow counts as running), how many involve two or more units. The dashboard and the
 * cooperation page show this one figure; the project list's filter `phase=running&cooperation=cross`
 * selects the same projects.
 */
export function runningSiloIndicator(db: DbOrTx, tenant: Tenant, sets: ProjectUnits[] = projectUnitSets(db, tenant)): SiloIndicator {
  const states = workflowStates(db, tenant, "project");
  return siloIndicator(sets.filter((s) => states.get(s.projectId)?.stateKind !== "final"));
}

/** The cooperation view: unit × unit matrix, unit pairs with their projects, and the silo indicator. */
export function cooperationOverview(db: DbOrTx, tenant: Tenant) {
  const sets = projectUnitSets(db, tenant);
  const involvedIds = new Set(sets.flatMap((s) => s.unitIds));
  const unitList = db
    .select({ id: units.id, name: units.name, shortName: units.shortName })
    .from(units)
    .where(scoped(units, tenant))
    .orderBy(asc(units.name))
    .all()
    .filter((u) => involvedIds.has(u.id));
  const titles = new Map(sets.map((s) => [s.projectId, s.title]));
  const unitNames = new Map(unitList.map((u) => [u.id, u.name]));
  return {
    silo: runningSiloIndicator(db, tenant, sets),
    units: unitList,
    matrix: cooperationMatrix(sets, unitList.map((u) => u.id)),
    pairs: cooperationPairs(sets).map((p) => ({
      unitA: unitNames.get(p.unitA) ?? "",
      unitB: unitNames.get(p.unitB) ?? "",
      projects: p.projectIds.map((id) => ({ id, title: titles.get(id) ?? "" })),
    })),
    singleUnitProjects: sets
      .filter((s) => new Set(s.unitIds).size < 2)
      .map((s) => ({ id: s.projectId, title: s.title, unit: unitNames.get(s.unitIds[0]) ?? "" })),
  };
}
