import { inArray } from "drizzle-orm";
import type { assessmentCriteria } from "../../../db/schema";
import { projectAssessments, projects } from "../../../db/schema";
import { type Tx, transaction } from "../../utils/db.server";
import { scoped } from "../../utils/tenant.server";
import { type Caller, type CriterionInput, updateCriterion } from "./assessment.server";
import type { Classification } from "./classify";

export interface ClassChange {
  projectId: number;
  title: string;
  before: Classification;
  after: Classification;
}

/** Thrown to roll the trial run back; carries its result out of the transaction. */
class TrialRun extends Error {
  constructor(readonly changes: ClassChange[] | undefined) {
    super("trial run");
  }
}

/** Whether a criterion change can move projects between classes (weight or active), so it needs a preview. */
export function needsPreview(
  before: Pick<typeof assessmentCriteria.$inferSelect, "weight" | "active">,
  input: Pick<CriterionInput, "weight" | "active">,
): boolean {
  return before.weight !== input.weight || before.active !== input.active;
}

function classes(tx: Tx, caller: Caller) {
  return new Map(
    tx
      .select({ projectId: projectAssessments.projectId, classification: projectAssessments.classification })
      .from(projectAssessments)
      .where(scoped(projectAssessments, caller))
      .all()
      .map((r) => [r.projectId, r.classification]),
  );
}

/**
 * Which assessed projects would change class if the criterion were changed like this: the change is
 * applied and the Kommune reclassified inside a transaction that is then rolled back, so the preview
 * uses exactly the rules of the real save. Undefined when the criterion is not in this Kommune;
 * a stale version throws ConflictError like the save.
 */
export function previewCriterionChange(
  caller: Caller,
  id: number,
  expectedVersion: number,
  input: Omit<CriterionInput, "focusArea">,
): ClassChange[] | undefined {
  try {
    transaction((tx) => {
      const before = classes(tx, caller);
      if (updateCriterion(tx, caller, id, expectedVersion, input) === undefined) throw new TrialRun(undefined);
      const after = classes(tx, caller);
      const moved = [...after].filter(([projectId, c]) => before.has(projectId) && before.get(projectId) !== c);
      const titles = new Map(
        moved.length
          ? tx
              .select({ id: projects.id, title: projects.title })
              .from(projects)
              .where(scoped(projects, caller, inArray(projects.id, moved.map(([projectId]) => projectId))))
              .all()
              .map((p) => [p.id, p.title])
          : [],
      );
      throw new TrialRun(
        moved
          .map(([projectId, c]) => ({ projectId, title: titles.get(projectId) ?? "", before: before.get(projectId)!, after: c }))
          .sort((a, b) => a.title.localeCompare(b.title, "de")),
      );
    });
  } catch (error) {
    if (error instanceof TrialRun) return error.changes;
    throw error;
  }
  throw new Error("the trial run always rolls back");
}
