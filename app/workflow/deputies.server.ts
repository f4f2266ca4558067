import { and, asc, eq, gte, inArray, isNull, lte, ne, or } from "drizzle-orm";
import { memberships, users } from "../../db/schema/org";
import { workflowDeputies } from "../../db/schema/workflow";
import { writeAudit, newValues, oldValues } from "~/utils/audit.server";
import type { DbOrTx, Tx } from "~/utils/db.server";
import { ValidationError } from "~/utils/errors";
import { type Tenant, scoped, tenantRow } from "~/utils/tenant.server";
import type { WorkflowCaller } from "./registry.server";

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface DeputyView {
  id: number;
  userId: number;
  userName: string;
  deputyUserId: number;
  deputyName: string;
  fromDate: string;
  untilDate: string | null;
}

function activeOn(day: string) {
  return and(lte(workflowDeputies.fromDate, day), or(isNull(workflowDeputies.untilDate), gte(workflowDeputies.untilDate, day)));
}

/** People the user stands in for today in this Kommune. */
export function deputisedFor(db: DbOrTx, tenant: Tenant, userId: number, today: string): { userId: number; name: string }[] {
  return db
    .select({ userId: workflowDeputies.userId, name: users.name })
    .from(workflowDeputies)
    .innerJoin(users, eq(users.id, workflowDeputies.userId))
    .where(scoped(workflowDeputies, tenant, eq(workflowDeputies.deputyUserId, userId), activeOn(today)))
    .all();
}

/** The caller's own Vertretungen in the current Kommune that have not ended, and those where the caller stands in. */
export function listDeputies(db: DbOrTx, caller: WorkflowCaller, today: string): { mine: DeputyView[]; forOthers: DeputyView[] } {
  const me = caller.actor.userId ?? -1;
  const rows = db
    .select({
      id: workflowDeputies.id,
      userId: workflowDeputies.userId,
      deputyUserId: workflowDeputies.deputyUserId,
      fromDate: workflowDeputies.fromDate,
      untilDate: workflowDeputies.untilDate,
    })
    .from(workflowDeputies)
    .where(
      scoped(
        workflowDeputies,
        caller,
        or(eq(workflowDeputies.userId, me), eq(workflowDeputies.deputyUserId, me)),
        or(isNull(workflowDeputies.untilDate), gte(workflowDeputies.untilDate, today)),
      ),
    )
    .orderBy(asc(workflowDeputies.fromDate), asc(workflowDeputies.id))
    .all();
  const names = new Map(
    db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(inArray(users.id, [...new Set(rows.flatMap((r) => [r.userId, r.deputyUserId]))].concat(-1)))
      .all()
      .map((u) => [u.id, u.name]),
  );
  const views = rows.map((r) => ({ ...r, userName: names.get(r.userId) ?? "", deputyName: names.get(r.deputyUserId) ?? "" }));
  return { mine: views.filter((v) => v.userId === me), forOthers: views.filter((v) => v.deputyUserId === me) };
}

/** Members of the Kommune who can stand in for the caller (everyone with a login there but the caller). */
export function deputyCandidates(db: DbOrTx, caller: WorkflowCaller): { id: number; name: string }[] {
  return db
    .select({ id: users.id, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.municipalityId, caller.municipalityId), ne(users.id, caller.actor.userId ?? -1), eq(users.active, true)))
    .orderBy(asc(users.name))
    .all();
}

/** Names a deputy for the caller's absence in the current Kommune (audited). */
export function addDeputy(tx: Tx, caller: WorkflowCaller, input: { deputyUserId: number; fromDate: string; untilDate: string | null }): number {
  const errors: Record<string, string[]> = {};
  if (!deputyCandidates(tx, caller).some((c) => c.id === input.deputyUserId)) {
    errors.deputyUserId = ["Bitte wählen Sie eine Person mit Zugang zu dieser Kommune."];
  }
  if (!ISO_DAY.test(input.fromDate)) errors.fromDate = ["Bitte geben Sie das Datum an, ab dem die Vertretung gilt."];
  if (input.untilDate !== null && !ISO_DAY.test(input.untilDate)) errors.untilDate = ["Bitte geben Sie ein gültiges Datum an."];
  else if (input.untilDate !== null && input.untilDate < input.fromDate) errors.untilDate = ["Das Ende darf nicht vor dem Beginn liegen."];
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const row = tx
    .insert(workflowDeputies)
    .values(tenantRow(caller, { userId: caller.actor.userId!, deputyUserId: input.deputyUserId, fromDate: input.fromDate, untilDate: input.untilDate }))
    .returning({ id: workflowDeputies.id })
    .get();
  writeAudit(tx, {
    actor: caller.actor,
    municipalityId: caller.municipalityId,
    entity: "workflowDeputy",
    entityId: row.id,
    action: "create",
    changes: newValues({ deputyUserId: input.deputyUserId, fromDate: input.fromDate, untilDate: input.untilDate }),
  });
  return row.id;
}

/** Ends one of the caller's Vertretungen (removes it); false when it is not the caller's. */
export function removeDeputy(tx: Tx, caller: WorkflowCaller, id: number): boolean {
  const row = tx
    .select()
    .from(workflowDeputies)
    .where(scoped(workflowDeputies, caller, eq(workflowDeputies.id, id), eq(workflowDeputies.userId, caller.actor.userId ?? -1)))
    .get();
  if (!row) return false;
  tx.delete(workflowDeputies).where(scoped(workflowDeputies, caller, eq(workflowDeputies.id, id))).run();
  writeAudit(tx, {
    actor: caller.actor,
    municipalityId: caller.municipalityId,
    entity: "workflowDeputy",
    entityId: id,
    action: "delete",
    changes: oldValues({ deputyUserId: row.deputyUserId, fromDate: row.fromDate, untilDate: row.untilDate }),
  });
  return true;
}
