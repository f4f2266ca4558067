import { registerSubject } from "../../workflow/index.server";
import { projectSubject } from "./projects.server";

// Projects run through the built-in `project` definition; guards such as amountAtMost read
// budgetPlannedCents, deadlines read startDate/endDate, tasks read projectLeadUserId.
registerSubject("project", {
  label: "Projekt",
  load: (db, tenant, subjectId) => projectSubject(db, tenant, subjectId),
  subjectRoles: {
    projectLead: {
      label: "Projektleitung des Projekts",
      userId: (subject) => (typeof subject.data.projectLeadUserId === "number" ? subject.data.projectLeadUserId : null),
    },
  },
});
