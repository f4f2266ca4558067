import { rolesWith } from "../../utils/permissions";
import type { WorkflowDefinitionInput } from "../definition";

/** Who assesses projects also steers their course (plan approved, on hold, cancelled). */
const MANAGERS = rolesWith("project.assess");
/** Who edits a project moves it forward (to assessment, into and out of implementation). */
const LEADS = rolesWith("project.edit");

/** Projekt-Lebenszyklus: Idee → Bewertung → Geplant → In Umsetzung → Abgeschlossen. */
export const projectDefinition = {
  key: "project",
  name: "Projekt-Lebenszyklus",
  description: "Von der Idee über Bewertung und Planung bis zur Umsetzung und zum Abschluss eines Digitalisierungsprojekts.",
  subjectType: "project",
  states: [
    { name: "idea", label: "Idee", kind: "initial" },
    {
      name: "assessment",
      label: "Bewertung",
      kind: "active",
      // Rating the project (scores saved) is the work: the task closes itself then.
      tasks: [{ title: "Projekt bewerten", assigneeRole: "cdo", dueInDays: 14, doneWhen: [{ field: "assessedAt" }] }],
    },
    {
      name: "planned",
      label: "Geplant",
      kind: "active",
      // The project's own lead; without a lead who has an account the CDO (who names one) gets it.
      tasks: [{ title: "Umsetzung vorbereiten", assignee: { subjectRole: "projectLead" }, assigneeRole: "cdo", dueInDays: 30 }],
    },
    {
      name: "inProgress",
      label: "In Umsetzung",
      kind: "active",
      deadlines: [
        // The project's lead is reminded of its end; the CDO only while the project has no lead with an account.
        {
          key: "plannedEnd",
          label: "Geplantes Projektende",
          from: { field: "endDate" },
          remindDaysBefore: 14,
          assignee: { subjectRole: "projectLead" },
          assigneeRole: "cdo",
        },
      ],
    },
    { name: "completed", label: "Abgeschlossen", kind: "final" },
    { name: "onHold", label: "Zurückgestellt", kind: "waiting" },
    { name: "cancelled", label: "Abgebrochen", kind: "final" },
  ],
  transitions: [
    { name: "submitForAssessment", label: "Zur Bewertung geben", from: ["idea"], to: "assessment", roles: [...LEADS] },
    { name: "returnToIdea", label: "Zurück zur Idee", from: ["assessment"], to: "idea", roles: [...MANAGERS], requiresComment: true },
    {
      name: "approvePlan",
      label: "Planung freigeben",
      from: ["assessment"],
      to: "planned",
      roles: [...MANAGERS],
      guards: [
        {
          name: "fieldsPresent",
          params: { fields: [{ field: "startDate", label: "Beginn" }, { field: "endDate", label: "Ende" }] },
        },
      ],
    },
    { name: "startImplementation", label: "Umsetzung starten", from: ["planned"], to: "inProgress", roles: [...LEADS] },
    {
      name: "complete",
      label: "Abschließen",
      from: ["inProgress"],
      to: "completed",
      roles: [...LEADS],
      effects: [{ name: "notifyRole", params: { role: "cdo", message: "Projekt abgeschlossen" } }],
    },
    {
      name: "putOnHold",
      label: "Zurückstellen",
      from: ["assessment", "planned", "inProgress"],
      to: "onHold",
      roles: [...MANAGERS],
      requiresComment: true,
    },
    { name: "resume", label: "Wieder aufnehmen", from: ["onHold"], to: "assessment", roles: [...MANAGERS] },
    {
      name: "cancel",
      label: "Abbrechen",
      from: ["idea", "assessment", "planned", "inProgress", "onHold"],
      to: "cancelled",
      roles: [...MANAGERS],
      requiresComment: true,
      effects: [{ name: "notifyRole", params: { role: "cdo", message: "Projekt abgebrochen" } }],
    },
  ],
} satisfies WorkflowDefinitionInput;
