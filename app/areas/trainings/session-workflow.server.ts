import { and, eq } from "drizzle-orm";
import { memberships } from "../../../db/schema";
import { SYSTEM_ACTOR } from "../../utils/audit.server";
import type { DbOrTx, Tx } from "../../utils/db.server";
import type { Tenant } from "../../utils/tenant.server";
import {
  TransitionRefusedError,
  type WorkflowCaller,
  fireTransition,
  refreshWorkflow,
  getWorkflow,
  notify,
  startWorkflow,
} from "../../workflow/index.server";
import { OPEN_FOR_REGISTRATION } from "./registration-window";

export const SESSION_SUBJECT = "trainingSession";
export const SESSION_DEFINITION = "trainingSession";

/** States of the built-in `trainingSession` definition this area relies on; the subject's contract requires REGISTRATION_OPEN. */
export const REGISTRATION_OPEN = OPEN_FOR_REGISTRATION[0];
export { OPEN_FOR_REGISTRATION };
export const CLOSED_STATES = ["cancelled"] as const;

/**
 * The automatic "Ausgebucht"/"Anmeldung offen" steps are taken by the system. The definition
 * grants these steps to managing roles, so the system acts with the administration role; the
 * history still names "System" as the actor.
 */
export function systemCaller(tenant: Tenant): WorkflowCaller {
  return { municipalityId: tenant.municipalityId, actor: SYSTEM_ACTOR, role: "admin" };
}

export function startSessionWorkflow(tx: Tx, caller: WorkflowCaller, sessionId: number): void {
  startWorkflow(tx, caller, { definitionKey: SESSION_DEFINITION, subjectType: SESSION_SUBJECT, subjectId: sessionId });
}

export function sessionWorkflowState(db: DbOrTx, tenant: Tenant, sessionId: number): { state: string; label: string } | null {
  const view = getWorkflow(db, tenant, SESSION_SUBJECT, sessionId);
  return view ? { state: view.state, label: view.stateLabel } : null;
}

/**
 * "Ausgebucht" and "Anmeldung offen" follow the registrations: when the last seat is taken the
 * session is marked fully booked, when a seat frees up without a waitlist it opens again.
 * Fired by the system inside the registration's transaction, so state and seats never disagree.
 */
export function syncCapacityState(tx: Tx, tenant: Tenant, sessionId: number, registered: number, capacity: number): void {
  const view = getWorkflow(tx, tenant, SESSION_SUBJECT, sessionId);
  if (!view) return;
  const transition =
    view.state === REGISTRATION_OPEN && registered >= capacity
      ? "markFullyBooked"
      : view.state === "fullyBooked" && registered < capacity
        ? "reopenRegistration"
        : null;
  if (!transition) return;
  try {
    fireTransition(tx, systemCaller(tenant), {
      instanceId: view.id,
      transition,
      expectedVersion: view.version,
      comment: transition === "markFullyBooked" ? "Alle Plätze sind vergeben." : "Ein Platz ist frei geworden.",
    });
  } catch (error) {
    // A Kommune's own version of the definition may lack the step or guard it: the seats are
    // still right, only the automatic status change is skipped. Refusals are checked before any write.
    if (!(error instanceof TransitionRefusedError)) throw error;
  }
}

/** In-app notification to the login linked to this employee (if the person has one). */
export function notifyEmployee(tx: Tx, tenant: Tenant, employeeId: number, message: string, link?: string): void {
  const member = tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.municipalityId, tenant.municipalityId), eq(memberships.employeeId, employeeId)))
    .get();
  if (member) notify(tx, tenant, { userId: member.userId, message, link });
}

/** After the session's dates changed: the engine recomputes its state deadlines (Anmeldeschluss). */
export function refreshSessionDeadlines(tx: Tx, tenant: Tenant, sessionId: number): void {
  const view = getWorkflow(tx, tenant, SESSION_SUBJECT, sessionId);
  if (view) refreshWorkflow(tx, tenant, view.id);
}
