import { registerJob } from "../../utils/jobs.server";
import { remindAllDueStatusReports } from "./status-reports.server";
import { registerSubject } from "../../workflow/index.server";
import { NOT_OWN_PROJECT_MESSAGE } from "./projects";
import { PROJECT_IN_PROGRESS } from "./states";
import { getProjectRow, mayChangeProject } from "./access.server";
import { projectSubject } from "./subject.server";

/**
 * Projects run through the built-in `project` definition; guards such as amountAtMost read
 * budgetPlannedCents, deadlines read startDate/endDate, tasks read projectLeadUserId. Status
 * reports are due on the Kommune's rhythm; the project lead gets a task when one is due. Idempotent.
 */
export function registerProjects(): void {
  registerSubject("project", {
    label: "Projekt",
    load: (db, tenant, subjectId) => projectSubject(db, tenant, subjectId),
    // A project lead moves the status only of projects it leads or works on, like every other change.
    refuseCaller: (db, caller, subjectId) => {
      const project = getProjectRow(db, caller, subjectId);
      return project && !mayChangeProject(db, caller, project) ? NOT_OWN_PROJECT_MESSAGE : null;
    },
    subjectRoles: {
      projectLead: {
        label: "Projektleitung des Projekts",
        userId: (subject) => (typeof subject.data.projectLeadUserId === "number" ? subject.data.projectLeadUserId : null),
      },
    },
    requires: [{ states: [PROJECT_IN_PROGRESS], reason: "Der Statusbericht zählt Projekte in diesem Status als „in Umsetzung“." }],
  });
  registerJob({
    name: "projects.statusReportReminders",
    intervalMs: 6 * 60 * 60 * 1000,
    run: () => {
      const created = remindAllDueStatusReports();
      if (created > 0) console.info(`[job projects.statusReportReminders] ${created} tasks created`);
    },
  });
}
