import { eq } from "drizzle-orm";
import { milestones } from "../../../db/schema";
import { changedValues, newValues, oldValues } from "../../utils/audit.server";
import type { DbOrTx } from "../../utils/db.server";
import { ValidationError } from "../../utils/errors";
import { type Tenant, scoped, tenantRow, updateVersioned } from "../../utils/tenant.server";
import type { ProjectEditor } from "./access.server";
import { changeProjectPart } from "./parts.server";

/** The project's milestone, or a German error when it was removed meanwhile. */
function requireMilestone(tx: DbOrTx, t: Tenant, projectId: number, milestoneId: number) {
  const row = tx.select().from(milestones).where(scoped(milestones, t, eq(milestones.id, milestoneId), eq(milestones.projectId, projectId))).get();
  if (!row) throw new ValidationError({ form: ["Den Meilenstein gibt es nicht mehr."] });
  return row;
}

export function addMilestone(editor: ProjectEditor, projectId: number, input: { title: string; dueDate: string }): number {
  return changeProjectPart(editor, projectId, "milestone", (tx) => {
    const created = tx.insert(milestones).values(tenantRow(editor, { projectId, ...input })).returning({ id: milestones.id }).get();
    return { entityId: created.id, action: "create", changes: newValues(input) };
  });
}

/** Marks a milestone done (today) or open again. */
export function setMilestoneDone(editor: ProjectEditor, projectId: number, milestoneId: number, done: boolean, today: string): void {
  changeProjectPart(editor, projectId, "milestone", (tx) => {
    const before = requireMilestone(tx, editor, projectId, milestoneId);
    const doneAt = done ? today : null;
    updateVersioned(tx, milestones, editor, milestoneId, before.version, { doneAt });
    return { entityId: milestoneId, action: done ? "done" : "reopen", changes: changedValues({ doneAt: before.doneAt }, { doneAt }) };
  });
}

/**
 * Reschedules a milestone: the new date is the one in force (overdue, Fahrplan, classification);
 * the first planned date stays in `originalDueDate`. Moving it back to that date clears it.
 */
export function rescheduleMilestone(editor: ProjectEditor, projectId: number, milestoneId: number, dueDate: string): void {
  changeProjectPart(editor, projectId, "milestone", (tx) => {
    const before = requireMilestone(tx, editor, projectId, milestoneId);
    if (before.dueDate === dueDate) throw new ValidationError({ dueDate: ["Der Meilenstein liegt bereits auf diesem Datum."] });
    const first = before.originalDueDate ?? before.dueDate;
    const originalDueDate = first === dueDate ? null : first;
    updateVersioned(tx, milestones, editor, milestoneId, before.version, { dueDate, originalDueDate });
    return {
      entityId: milestoneId,
      action: "reschedule",
      changes: { dueDate: { from: before.dueDate, to: dueDate }, originalDueDate: { from: before.originalDueDate, to: originalDueDate } },
    };
  });
}

export function removeMilestone(editor: ProjectEditor, projectId: number, milestoneId: number): void {
  changeProjectPart(editor, projectId, "milestone", (tx) => {
    const before = requireMilestone(tx, editor, projectId, milestoneId);
    tx.delete(milestones).where(scoped(milestones, editor, eq(milestones.id, milestoneId))).run();
    return { entityId: milestoneId, action: "delete", changes: oldValues({ title: before.title, dueDate: before.dueDate, doneAt: before.doneAt }) };
  });
}
