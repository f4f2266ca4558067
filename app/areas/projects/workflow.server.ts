import { registerSubject } from "../../workflow/index.server";
import { NOT_OWN_PROJECT_MESSAGE } from "./projects";
import { getProjectRow, mayChangeProject, projectSubject } from "./projects.server";

// Projects run through the built-in `project` definition; guards such as amountAtMost read
// budgetPlannedCents, deadlines read startDate/endDate, tasks read projectLeadUserId.
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
});
