import { rolesWith } from "../../utils/permissions";
import type { WorkflowDefinitionInput } from "../definition";

const MANAGERS = rolesWith("training.manage");

/** Schulungstermin: Geplant → Anmeldung offen → Ausgebucht → Durchgeführt → Dokumentiert; Abgesagt. */
export const trainingSessionDefinition = {
  key: "trainingSession",
  name: "Schulungstermin",
  description: "Ablauf eines Schulungstermins von der Planung über die Anmeldung bis zur Dokumentation der Teilnahme.",
  subjectType: "trainingSession",
  states: [
    { name: "planned", label: "Geplant", kind: "initial" },
    {
      name: "registrationOpen",
      label: "Anmeldung offen",
      kind: "active",
      deadlines: [
        {
          key: "registrationDeadline",
          label: "Anmeldeschluss",
          from: { field: "registrationDeadline" },
          remindDaysBefore: 3,
          assigneeRole: "cdo",
        },
      ],
    },
    { name: "fullyBooked", label: "Ausgebucht", kind: "waiting" },
    {
      name: "held",
      label: "Durchgeführt",
      kind: "active",
      tasks: [{ title: "Anwesenheit erfassen und Termin dokumentieren", assigneeRole: "cdo", dueInDays: 7 }],
      deadlines: [
        {
          key: "documentation",
          label: "Dokumentation des Termins",
          from: { enteredState: true },
          addDays: 14,
          remindDaysBefore: 7,
          assigneeRole: "cdo",
        },
      ],
    },
    { name: "documented", label: "Dokumentiert", kind: "final" },
    { name: "cancelled", label: "Abgesagt", kind: "final" },
  ],
  transitions: [
    { name: "openRegistration", label: "Anmeldung öffnen", from: ["planned"], to: "registrationOpen", roles: [...MANAGERS] },
    { name: "markFullyBooked", label: "Als ausgebucht markieren", from: ["registrationOpen"], to: "fullyBooked", roles: [...MANAGERS] },
    { name: "reopenRegistration", label: "Anmeldung wieder öffnen", from: ["fullyBooked"], to: "registrationOpen", roles: [...MANAGERS] },
    { name: "markHeld", label: "Als durchgeführt markieren", from: ["registrationOpen", "fullyBooked"], to: "held", roles: [...MANAGERS] },
    { name: "document", label: "Dokumentation abschließen", from: ["held"], to: "documented", roles: [...MANAGERS] },
    {
      name: "cancel",
      label: "Termin absagen",
      from: ["planned", "registrationOpen", "fullyBooked"],
      to: "cancelled",
      roles: [...MANAGERS],
      requiresComment: true,
      effects: [
        { name: "notifyRole", params: { role: "cdo", message: "Schulungstermin abgesagt" } },
        { name: "notifySessionParticipants", params: { message: "Schulungstermin abgesagt" } },
      ],
    },
  ],
} satisfies WorkflowDefinitionInput;
