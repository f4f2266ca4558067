import { eq } from "drizzle-orm";
import { programmeSteps } from "../../../db/schema";
import { changedValues } from "../../utils/audit-changes";
import { writeAudit } from "../../utils/audit.server";
import type { AreaCaller } from "../../utils/caller.server";
import { type DbOrTx, transaction } from "../../utils/db.server";
import { ValidationError } from "../../utils/errors";
import { assertCan } from "../../utils/permissions";
import { type Tenant, scoped, updateVersioned } from "../../utils/tenant.server";

/**
 * The Kommune confirms a step the Roll-in-Service reported done: only its own steps (another
 * Kommune's step is unknown here), only done ones, with a version check.
 */
export function confirmProgrammeStep(caller: AreaCaller, stepId: number, expectedVersion: number, at: string): void {
  assertCan(caller, "programme.confirm");
  transaction((tx) => {
    const step = tx.select().from(programmeSteps).where(scoped(programmeSteps, caller, eq(programmeSteps.id, stepId))).get();
    if (!step) throw new ValidationError({ stepId: ["Diesen Programmschritt gibt es in Ihrer Kommune nicht."] });
    if (step.status !== "done") throw new ValidationError({ stepId: [`„${step.title}“ ist noch nicht als erledigt gemeldet; bestätigen lässt sich nur ein erledigter Schritt.`] });
    updateVersioned(tx, programmeSteps, caller, stepId, expectedVersion, { status: "confirmed", confirmedAt: at, confirmedByUserId: caller.actor.userId });
    writeAudit(tx, {
      actor: caller.actor,
      municipalityId: caller.municipalityId,
      entity: "programmeStep",
      entityId: stepId,
      action: "confirm",
      changes: changedValues({ status: step.status, confirmedAt: null }, { status: "confirmed", confirmedAt: at }),
    });
  });
}

/** Whether a Roll-in programme runs in the Kommune (its navigation then shows "Programmschritte"). */
export function hasProgrammeSteps(db: DbOrTx, tenant: Tenant): boolean {
  return !!db.select({ id: programmeSteps.id }).from(programmeSteps).where(scoped(programmeSteps, tenant)).limit(1).get();
}
