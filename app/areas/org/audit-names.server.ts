import { and, eq, inArray } from "drizzle-orm";
import {
  agendas,
  assessmentCriteria,
  employees,
  externalTrainings,
  fieldsOfAction,
  fundingApplications,
  fundingProgrammes,
  goals,
  memberships,
  milestones,
  projects,
  risks,
  teams,
  trainingCourses,
  trainingSessions,
  units,
  users,
} from "../../../db/schema";
import type { DbOrTx } from "../../utils/db.server";
import { formatDate } from "../../utils/format";
import { type Tenant, scoped } from "../../utils/tenant.server";
import { instanceLabels } from "../../workflow/index.server";
import { type AuditNames, refKey } from "./audit-display";
import type { RefKind } from "./audit-labels";

type Resolver = (db: DbOrTx, t: Tenant, ids: number[]) => { id: number; name: string }[];

const fullName = (r: { id: number; firstName: string; lastName: string }) => ({ id: r.id, name: `${r.firstName} ${r.lastName}` });

/** One query per kind of record, always within the Kommune: another Kommune's ids stay numbers. */
const RESOLVERS: Record<Exclude<RefKind, "workflowInstance">, Resolver> = {
  project: (db, t, ids) => db.select({ id: projects.id, name: projects.title }).from(projects).where(scoped(projects, t, inArray(projects.id, ids))).all(),
  unit: (db, t, ids) => db.select({ id: units.id, name: units.name }).from(units).where(scoped(units, t, inArray(units.id, ids))).all(),
  fieldOfAction: (db, t, ids) =>
    db.select({ id: fieldsOfAction.id, name: fieldsOfAction.name }).from(fieldsOfAction).where(scoped(fieldsOfAction, t, inArray(fieldsOfAction.id, ids))).all(),
  employee: (db, t, ids) =>
    db
      .select({ id: employees.id, firstName: employees.firstName, lastName: employees.lastName })
      .from(employees)
      .where(scoped(employees, t, inArray(employees.id, ids)))
      .all()
      .map(fullName),
  // Accounts are shared between Kommunen; only members of this one are named.
  user: (db, t, ids) =>
    db
      .select({ id: users.id, name: users.name })
      .from(users)
      .innerJoin(memberships, eq(memberships.userId, users.id))
      .where(and(scoped(memberships, t), inArray(users.id, ids)))
      .all(),
  membership: (db, t, ids) =>
    db
      .select({ id: memberships.id, name: users.name })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(scoped(memberships, t, inArray(memberships.id, ids)))
      .all(),
  goal: (db, t, ids) => db.select({ id: goals.id, name: goals.title }).from(goals).where(scoped(goals, t, inArray(goals.id, ids))).all(),
  milestone: (db, t, ids) => db.select({ id: milestones.id, name: milestones.title }).from(milestones).where(scoped(milestones, t, inArray(milestones.id, ids))).all(),
  risk: (db, t, ids) => db.select({ id: risks.id, name: risks.title }).from(risks).where(scoped(risks, t, inArray(risks.id, ids))).all(),
  team: (db, t, ids) => db.select({ id: teams.id, name: teams.name }).from(teams).where(scoped(teams, t, inArray(teams.id, ids))).all(),
  trainingCourse: (db, t, ids) =>
    db.select({ id: trainingCourses.id, name: trainingCourses.title }).from(trainingCourses).where(scoped(trainingCourses, t, inArray(trainingCourses.id, ids))).all(),
  trainingSession: (db, t, ids) =>
    db
      .select({ id: trainingSessions.id, title: trainingCourses.title, startsAt: trainingSessions.startsAt })
      .from(trainingSessions)
      .innerJoin(trainingCourses, eq(trainingCourses.id, trainingSessions.courseId))
      .where(scoped(trainingSessions, t, inArray(trainingSessions.id, ids)))
      .all()
      .map((r) => ({ id: r.id, name: `${r.title} am ${formatDate(r.startsAt)}` })),
  fundingApplication: (db, t, ids) =>
    db.select({ id: fundingApplications.id, name: fundingApplications.title }).from(fundingApplications).where(scoped(fundingApplications, t, inArray(fundingApplications.id, ids))).all(),
  // Shared programmes (no Kommune) are readable by every Kommune.
  fundingProgramme: (db, _t, ids) => db.select({ id: fundingProgrammes.id, name: fundingProgrammes.name }).from(fundingProgrammes).where(inArray(fundingProgrammes.id, ids)).all(),
  agenda: (db, t, ids) => db.select({ id: agendas.id, name: agendas.title }).from(agendas).where(scoped(agendas, t, inArray(agendas.id, ids))).all(),
  externalTraining: (db, t, ids) =>
    db.select({ id: externalTrainings.id, name: externalTrainings.title }).from(externalTrainings).where(scoped(externalTrainings, t, inArray(externalTrainings.id, ids))).all(),
  assessmentCriterion: (db, t, ids) =>
    db.select({ id: assessmentCriteria.id, name: assessmentCriteria.label }).from(assessmentCriteria).where(scoped(assessmentCriteria, t, inArray(assessmentCriteria.id, ids))).all(),
};

const CHUNK = 500;

/** Names for every id a page of entries refers to: one query per kind (and per 500 ids). */
export function resolveAuditNames(db: DbOrTx, tenant: Tenant, refs: ReadonlyMap<RefKind, ReadonlySet<number>>): AuditNames {
  const names = new Map<string, string>();
  const stateLabels = new Map<string, Map<string, string>>();
  for (const [kind, set] of refs) {
    const ids = [...set];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      if (kind === "workflowInstance") {
        for (const [id, labels] of instanceLabels(db, tenant, chunk)) {
          names.set(refKey(kind, id), labels.name);
          stateLabels.set(String(id), labels.states);
        }
        continue;
      }
      for (const row of RESOLVERS[kind](db, tenant, chunk)) names.set(refKey(kind, row.id), row.name);
    }
  }
  return { names, stateLabels };
}
