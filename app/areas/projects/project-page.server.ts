import type { AppContext } from "../../utils/context.server";
import type { DbOrTx } from "../../utils/db.server";
import { getWorkflowPanelData } from "../../workflow/index.server";
import { getAssessment } from "../assessment/assessment.server";
import { scheduleWarnings } from "../assessment/progress.server";
import { listPartners } from "../joint/partners.server";
import { mayChangeProject } from "./access.server";
import { getProjectDetail } from "./detail.server";
import { latestStatusReport } from "./status-reports.server";
import { projectFormOptions } from "./write.server";

/** Everything the project page shows, with who may change what; undefined when the project is not in this Kommune. */
export function projectPage(db: DbOrTx, ctx: AppContext, id: number, today: string) {
  const detail = getProjectDetail(db, ctx, id, today);
  if (!detail) return undefined;
  // A project lead sees the edit buttons only on projects it leads or works on (the area functions refuse the rest).
  const canEdit = ctx.can("project.edit") && mayChangeProject(db, ctx, detail.project);
  const archived = detail.project.archivedAt !== null;
  return {
    detail,
    canEdit,
    archived,
    // Archived projects are read-only until restored; the server refuses such edits as well.
    editable: canEdit && !archived,
    overdueMilestones: detail.milestones.filter((m) => m.overdue).length,
    /** Closed risks stay in the register but are neither re-rated nor in the matrix. */
    openRisks: detail.risks.filter((r) => r.closedAt === null),
    employees: canEdit ? projectFormOptions(db, ctx).employees : [],
    workflow: getWorkflowPanelData(db, ctx, "project", id),
    assessment: getAssessment(db, ctx, id) ?? null,
    canAssess: ctx.can("project.assess"),
    warnings: scheduleWarnings(db, ctx, id, today),
    latestStatus: latestStatusReport(db, ctx, id),
    partners: listPartners(db, ctx, id),
  };
}

export type ProjectPage = NonNullable<ReturnType<typeof projectPage>>;
