import { and, eq, exists, sql } from "drizzle-orm";
import { type Role, memberships, providerAssignments, users } from "../../db/schema/org";
import { preparedQuery } from "~/utils/db.server";
import type { Tenant } from "~/utils/tenant.server";
import { type SubjectData, subjectProvider } from "./registry.server";

/** Who a task or deadline goes to: one person, or (without a person) everyone in a role. */
export interface Assignee {
  assigneeUserId: number | null;
  assigneeRole: Role | null;
}

/** How a definition names the responsible person: a subject role, an older subject field, a role as fallback. */
export interface AssigneeSpec {
  assignee?: { subjectRole: string };
  assigneeUserField?: string;
  assigneeRole?: Role;
}

/**
 * An active login that may act in the Kommune (a member, or a Roll-in manager whose provider is
 * assigned to it). A task addressed to anyone else would reach nobody.
 */
export function canActIn(municipalityId: number, userId: number): boolean {
  const query = preparedQuery("workflow.canActIn", (db) =>
    db
      .select({ id: users.id })
      .from(users)
      .where(
        and(
          eq(users.id, sql.placeholder("userId")),
          eq(users.active, true),
          sql`(${exists(
            db
              .select({ one: sql`1` })
              .from(memberships)
              .where(and(eq(memberships.userId, users.id), eq(memberships.municipalityId, sql.placeholder("municipalityId")))),
          )} OR ${exists(
            db
              .select({ one: sql`1` })
              .from(providerAssignments)
              .where(
                and(
                  eq(providerAssignments.serviceProviderId, users.serviceProviderId),
                  eq(providerAssignments.municipalityId, sql.placeholder("municipalityId")),
                ),
              ),
          )})`,
        ),
      )
      .prepare(),
  );
  return query.get({ userId, municipalityId }) !== undefined;
}

/** The person the spec names at the subject (the project's lead …), when that person can act in the Kommune. */
export function subjectPerson(tenant: Tenant, spec: AssigneeSpec, subjectType: string, subject: SubjectData): number | null {
  let userId: unknown;
  if (spec.assignee) userId = subjectProvider(subjectType)?.subjectRoles?.[spec.assignee.subjectRole]?.userId(subject) ?? null;
  else if (spec.assigneeUserField) userId = subject.data[spec.assigneeUserField];
  if (typeof userId !== "number" || !Number.isSafeInteger(userId)) return null;
  return canActIn(tenant.municipalityId, userId) ? userId : null;
}

/**
 * The person in the subject role; only when that role is empty (nobody, or nobody with access to
 * the Kommune) the spec's role, else `fallbackRole`. Undefined when there is neither.
 */
export function resolveAssignee(
  tenant: Tenant,
  spec: AssigneeSpec,
  subjectType: string,
  subject: SubjectData,
  fallbackRole?: Role,
): Assignee | undefined {
  const userId = subjectPerson(tenant, spec, subjectType, subject);
  if (userId !== null) return { assigneeUserId: userId, assigneeRole: null };
  const role = spec.assigneeRole ?? fallbackRole;
  return role ? { assigneeUserId: null, assigneeRole: role } : undefined;
}

/** A deadline's addressee in the shape scheduleDeadline takes: the subject's person, else its role (CDO by default). */
export function deadlineAssignee(
  tenant: Tenant,
  spec: AssigneeSpec,
  subjectType: string,
  subject: SubjectData,
): { assigneeUserId?: number; assigneeRole?: Role } {
  const a = resolveAssignee(tenant, spec, subjectType, subject, "cdo")!;
  return a.assigneeUserId !== null ? { assigneeUserId: a.assigneeUserId } : { assigneeRole: a.assigneeRole! };
}
