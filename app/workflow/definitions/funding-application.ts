import { rolesWith } from "../../utils/permissions";
import type { WorkflowDefinitionInput } from "../definition";

/** Who edits an application moves it while it is prepared; who approves it decides and reports. */
const EDITORS = rolesWith("funding.edit");
const APPROVERS = rolesWith("funding.approve");
const BEFORE_DECISION = ["drafting", "projectOutline", "outlineSubmitted", "internalReview", "submitted"];

/** Förderantrag, following the lifecycle in DOMAIN.md (ANBest-P/-Gk defaults). */
export const fundingApplicationDefinition = {
  key: "fundingApplication",
  name: "Förderantrag",
  description:
    "Von der Projektskizze und Antragstellung über interne Prüfung (Vier-Augen-Prinzip), Bewilligung und Durchführung bis zum geprüften Verwendungsnachweis.",
  subjectType: "fundingApplication",
  states: [
    { name: "drafting", label: "Antrag in Vorbereitung", kind: "initial" },
    { name: "projectOutline", label: "Projektskizze", kind: "active" },
    { name: "outlineSubmitted", label: "Projektskizze eingereicht", kind: "waiting" },
    {
      name: "internalReview",
      label: "Interne Prüfung",
      kind: "active",
      tasks: [
        { title: "Eigenanteil bestätigen", assigneeRole: "finance", dueInDays: 7, doneWhen: [{ field: "ownContributionConfirmed" }] },
        { title: "Förderantrag freigeben (Vier-Augen-Prinzip)", assigneeRole: "cdo", dueInDays: 10 },
      ],
    },
    { name: "submitted", label: "Eingereicht", kind: "waiting" },
    {
      name: "approved",
      label: "Bewilligt",
      kind: "active",
      tasks: [
        {
          title: "Zuwendungsbescheid prüfen und Durchführung beginnen",
          assignee: { subjectRole: "applicationAuthor" },
          assigneeRole: "cdo",
          dueInDays: 14,
        },
      ],
    },
    { name: "rejected", label: "Abgelehnt", kind: "final" },
    { name: "withdrawn", label: "Zurückgezogen", kind: "final" },
    {
      name: "inProgress",
      label: "In Durchführung",
      kind: "active",
      // The report deadlines follow the programme's rules (data), so the funding area computes and
      // schedules them (scheduleDeadline) rather than the definition.
    },
    { name: "amendmentRequested", label: "Änderungsantrag", kind: "waiting" },
    { name: "interimReport", label: "Zwischennachweis", kind: "active" },
    { name: "finalReportSubmitted", label: "Verwendungsnachweis eingereicht", kind: "waiting" },
    { name: "finalReportReviewed", label: "Verwendungsnachweis geprüft", kind: "active" },
    {
      name: "reclaim",
      label: "Rückforderung",
      kind: "active",
      tasks: [{ title: "Rückforderung begleichen", assigneeRole: "finance", dueInDays: 30 }],
    },
    { name: "closed", label: "Abgeschlossen", kind: "final" },
  ],
  transitions: [
    { name: "prepareOutline", label: "Projektskizze erstellen (zweistufiges Verfahren)", from: ["drafting"], to: "projectOutline", roles: [...EDITORS] },
    { name: "submitOutline", label: "Projektskizze einreichen", from: ["projectOutline"], to: "outlineSubmitted", roles: [...EDITORS] },
    { name: "inviteToApply", label: "Aufforderung zur Antragstellung erfassen", from: ["outlineSubmitted"], to: "drafting", roles: [...EDITORS] },
    {
      name: "rejectOutline",
      label: "Ablehnung der Projektskizze erfassen",
      from: ["outlineSubmitted"],
      to: "rejected",
      roles: [...EDITORS],
      requiresComment: true,
    },
    {
      name: "requestInternalReview",
      label: "Zur internen Prüfung geben",
      from: ["drafting"],
      to: "internalReview",
      roles: [...EDITORS],
      effects: [
        { name: "notifyRole", params: { role: "finance", message: "Förderantrag zur internen Prüfung: Eigenanteil bestätigen" } },
        { name: "recordApplicationContributor", params: { kind: "review" } },
      ],
    },
    {
      name: "returnToDrafting",
      label: "Zur Überarbeitung zurückgeben",
      from: ["internalReview"],
      to: "drafting",
      roles: [...APPROVERS],
      requiresComment: true,
    },
    {
      name: "submit",
      label: "Freigeben und beim Fördergeber einreichen",
      from: ["internalReview"],
      to: "submitted",
      roles: [...APPROVERS],
      guards: [
        { name: "fourEyes", params: { transition: "requestInternalReview", excludeUsersField: "contributorUserIds" } },
        {
          name: "fieldsPresent",
          params: { fields: [{ field: "ownContributionConfirmed", label: "Bestätigung des Eigenanteils durch die Kämmerei" }] },
        },
      ],
    },
    {
      name: "recordApproval",
      label: "Bewilligung erfassen",
      from: ["submitted"],
      to: "approved",
      roles: [...APPROVERS],
      guards: [
        {
          name: "fieldsPresent",
          params: {
            fields: [
              { field: "fileNumber", label: "Aktenzeichen" },
              { field: "decisionDate", label: "Datum des Zuwendungsbescheids" },
              { field: "grantedCents", label: "Bewilligte Zuwendung" },
              { field: "fundingPeriodStart", label: "Beginn des Bewilligungszeitraums" },
              { field: "fundingPeriodEnd", label: "Ende des Bewilligungszeitraums" },
            ],
          },
        },
      ],
    },
    { name: "recordRejection", label: "Ablehnung erfassen", from: ["submitted"], to: "rejected", roles: [...APPROVERS], requiresComment: true },
    { name: "withdraw", label: "Antrag zurückziehen", from: BEFORE_DECISION, to: "withdrawn", roles: [...APPROVERS], requiresComment: true },
    { name: "startImplementation", label: "Durchführung beginnen", from: ["approved"], to: "inProgress", roles: [...EDITORS] },
    {
      name: "requestAmendment",
      label: "Änderungsantrag stellen",
      from: ["inProgress"],
      to: "amendmentRequested",
      roles: [...APPROVERS],
      requiresComment: true,
    },
    {
      name: "recordAmendmentDecision",
      label: "Entscheidung zum Änderungsantrag erfassen",
      from: ["amendmentRequested"],
      to: "inProgress",
      roles: [...APPROVERS],
    },
    { name: "startInterimReport", label: "Zwischennachweis erstellen", from: ["inProgress"], to: "interimReport", roles: [...EDITORS] },
    {
      name: "submitInterimReport",
      label: "Zwischennachweis eingereicht",
      from: ["interimReport"],
      to: "inProgress",
      roles: [...APPROVERS],
      guards: [{ name: "finalReportArchived", params: { reportType: "zwischennachweis" } }],
    },
    {
      name: "submitFinalReport",
      label: "Verwendungsnachweis einreichen",
      from: ["inProgress"],
      to: "finalReportSubmitted",
      roles: [...APPROVERS],
      guards: [{ name: "finalReportArchived", params: { reportType: "verwendungsnachweis" } }],
    },
    {
      name: "recordFinalReview",
      label: "Prüfung des Verwendungsnachweises erfassen",
      from: ["finalReportSubmitted"],
      to: "finalReportReviewed",
      roles: [...APPROVERS],
    },
    {
      name: "recordReclaim",
      label: "Rückforderung erfassen",
      from: ["inProgress", "finalReportReviewed"],
      to: "reclaim",
      roles: [...APPROVERS],
      requiresComment: true,
      effects: [{ name: "notifyRole", params: { role: "finance", message: "Rückforderung zu einem Förderantrag erfasst" } }],
    },
    { name: "close", label: "Abschließen", from: ["finalReportReviewed"], to: "closed", roles: [...APPROVERS] },
    { name: "settleReclaim", label: "Rückforderung beglichen – abschließen", from: ["reclaim"], to: "closed", roles: [...APPROVERS] },
  ],
} satisfies WorkflowDefinitionInput;
