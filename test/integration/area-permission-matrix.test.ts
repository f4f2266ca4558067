/// <reference types="vite/client" />
/**
 * Walks the permission matrix against the area functions that change data: each is called by a
 * caller of every role that lacks the permission (and by a caller without role, as a background job
 * would be) and must answer 403 before it writes a row; a caller with the permission gets past the
 * check. A second test fails when a mutating area function is neither in the table nor in the
 * allow-list of functions that are not caller-facing.
 */
import { and, eq, ne, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { fundingProgrammes, milestones, projects as projectTable, risks, trainingSessions, workflowInstances } from "../../db/schema";
import { ROLES, type Role } from "../../db/schema/org";
import * as apiTokens from "~/areas/api/tokens.server";
import * as mailAdmin from "~/areas/mail/outbox-admin.server";
import * as agenda from "~/areas/agenda/agenda.server";
import * as assessment from "~/areas/assessment/assessment.server";
import * as maturity from "~/areas/maturity/assessments.server";
import * as measures from "~/areas/maturity/measures.server";
import * as users from "~/areas/auth/users.server";
import * as ssoConfig from "~/areas/auth/sso-config.server";
import * as employees from "~/areas/employees/employees.server";
import * as applications from "~/areas/funding/applications.server";
import * as corrections from "~/areas/funding/corrections.server";
import * as documents from "~/areas/funding/documents.server";
import * as money from "~/areas/funding/money.server";
import * as receiptsPage from "~/areas/funding/receipts-page.server";
import * as programmes from "~/areas/funding/programmes.server";
import * as units from "~/areas/org/units.server";
import * as projectsCsv from "~/areas/projects/csv.server";
import * as projectWrite from "~/areas/projects/write.server";
import * as projectBulkWrite from "~/areas/projects/bulk-write.server";
import * as projectParts from "~/areas/projects/parts.server";
import * as milestoneUseCases from "~/areas/projects/milestones.server";
import * as dependencyUseCases from "~/areas/projects/dependencies.server";
import * as riskUseCases from "~/areas/projects/risks.server";
import * as statusReports from "~/areas/projects/status-reports.server";
import * as teams from "~/areas/teams/teams.server";
import * as attendance from "~/areas/trainings/attendance.server";
import * as courses from "~/areas/trainings/courses.server";
import * as external from "~/areas/trainings/external.server";
import * as feedback from "~/areas/trainings/feedback.server";
import * as mandatory from "~/areas/trainings/mandatory.server";
import * as privacy from "~/areas/trainings/privacy.server";
import * as registrations from "~/areas/trainings/registrations.server";
import * as sessionPage from "~/areas/trainings/session-page.server";
import * as sessions from "~/areas/trainings/sessions.server";
import * as archive from "~/reports/archive.server";
import * as definitions from "~/workflow/definitions.server";
import * as definitionEditor from "~/workflow/editor.server";
import * as engine from "~/workflow/engine.server";
import * as migration from "~/workflow/migration.server";
import * as tasks from "~/workflow/tasks.server";
import * as rollinConfirm from "~/areas/rollin/confirm.server";
import * as jointPartners from "~/areas/joint/partners.server";
import { JOINT_READ_ONLY_MESSAGE } from "~/areas/joint/joint";
import { DEMO_JOINT_PROJECT } from "../../db/seed/joint-projects";
import * as rollinMatrix from "~/areas/rollin/matrix.server";
import * as rollinProgrammes from "~/areas/rollin/programmes.server";
import * as rollinProvider from "~/areas/rollin/provider.server";
import * as efaAdoption from "~/areas/efa/adoption.server";
import * as efaCatalogue from "~/areas/efa/catalogue.server";
import * as efaMatrix from "~/areas/efa/provider-matrix.server";
import { PROVIDER_PERMISSIONS, type ProviderPermission, providerCan } from "~/areas/rollin/provider-permissions";
import { PROVIDER_ROLES, type ProviderRole } from "../../db/schema/rollin";
import type { AppContext } from "~/utils/context.server";
import { getDb, transaction } from "~/utils/db.server";
import { PERMISSIONS, type Permission, can } from "~/utils/permissions";
import { NOT_OWN_PROJECT_MESSAGE } from "~/areas/projects/projects";
import { auditCount, membershipOf, municipalityId, userId } from "../support/foundation";

const M = () => municipalityId("Musterstadt");
/** The caller's own employee record: the Rat member's, who trains no session used here. */
const OWN_EMPLOYEE = () => membershipOf("rat@musterstadt.example", "Musterstadt")!.employeeId!;

function callerAs(role: Role | null): AppContext {
  const email = "rat@musterstadt.example";
  const id = userId(email);
  return {
    sessionId: "matrix-test",
    user: { id, email, name: "Matrix-Test", isPlatformAdmin: false },
    actor: { userId: id, label: email },
    municipalityId: M(),
    municipality: { id: M(), name: "Musterstadt", kind: "stadt" },
    role: role as Role,
    employeeId: OWN_EMPLOYEE(),
    municipalities: [],
    can: (p) => can(role, p),
  };
}

/** A session of the Kommune the caller does not train: the trainer rule must not let them in. */
function foreignTrainedSession(): number {
  return getDb()
    .select({ id: trainingSessions.id })
    .from(trainingSessions)
    .where(and(eq(trainingSessions.municipalityId, M()), ne(trainingSessions.trainerEmployeeId, OWN_EMPLOYEE())))
    .get()!.id;
}

function localProgramme() {
  return getDb().select().from(fundingProgrammes).where(eq(fundingProgrammes.municipalityId, M())).get()!;
}

/** Input is never looked at before the check; with the permission, a validation error is fine. */
const X = {} as never;
const tx = <T>(fn: (t: Parameters<Parameters<typeof transaction>[0]>[0]) => T) => transaction(fn);

type Call = (c: AppContext) => unknown;
const TABLE: Record<string, { permission: Permission; call: Call }> = {
  "areas/agenda/agenda.server.ts#saveVision": { permission: "agenda.edit", call: (c) => agenda.saveVision(c, X) },
  "areas/agenda/agenda.server.ts#createFieldOfAction": { permission: "agenda.edit", call: (c) => agenda.createFieldOfAction(c, X) },
  "areas/agenda/agenda.server.ts#updateFieldOfAction": { permission: "agenda.edit", call: (c) => agenda.updateFieldOfAction(c, 0, 0, X) },
  "areas/agenda/agenda.server.ts#moveFieldOfAction": { permission: "agenda.edit", call: (c) => agenda.moveFieldOfAction(c, 0, "up") },
  "areas/agenda/agenda.server.ts#removeFieldOfAction": { permission: "agenda.edit", call: (c) => agenda.removeFieldOfAction(c, 0) },
  "areas/agenda/agenda.server.ts#createGoal": { permission: "agenda.edit", call: (c) => agenda.createGoal(c, X) },
  "areas/agenda/agenda.server.ts#updateGoal": { permission: "agenda.edit", call: (c) => agenda.updateGoal(c, 0, 0, X) },
  "areas/agenda/agenda.server.ts#recordGoalValue": { permission: "agenda.edit", call: (c) => agenda.recordGoalValue(c, 0, X, "2026-01-01") },
  "areas/agenda/agenda.server.ts#updateGoalValue": { permission: "agenda.edit", call: (c) => agenda.updateGoalValue(c, 0, 0, X, "2026-01-01") },
  "areas/agenda/agenda.server.ts#deleteGoalValue": { permission: "agenda.edit", call: (c) => agenda.deleteGoalValue(c, 0, 0) },
  "areas/agenda/agenda.server.ts#deleteGoal": { permission: "agenda.edit", call: (c) => agenda.deleteGoal(c, 0) },
  "areas/projects/write.server.ts#insertProject": { permission: "project.edit", call: (c) => tx((t) => projectWrite.insertProject(t, c, X)) },
  "areas/projects/bulk-write.server.ts#insertProjectsBulk": { permission: "project.import", call: (c) => tx((t) => projectBulkWrite.insertProjectsBulk(t, c, [])) },
  "areas/projects/bulk-write.server.ts#updateProjectsBulk": { permission: "project.import", call: (c) => tx((t) => projectBulkWrite.updateProjectsBulk(t, c, [])) },
  "areas/projects/write.server.ts#createProject": { permission: "project.edit", call: (c) => projectWrite.createProject(c, X) },
  "areas/projects/write.server.ts#updateProject": { permission: "project.edit", call: (c) => projectWrite.updateProject(c, 0, 0, X) },
  "areas/projects/write.server.ts#setProjectArchived": { permission: "project.edit", call: (c) => projectWrite.setProjectArchived(c, 0, 0, true) },
  "areas/projects/parts.server.ts#changeProjectPart": { permission: "project.edit", call: (c) => projectParts.changeProjectPart(c, 0, "milestone", () => ({ entityId: 0, action: "create", changes: {} })) },
  "areas/projects/milestones.server.ts#addMilestone": { permission: "project.edit", call: (c) => milestoneUseCases.addMilestone(c, 0, X) },
  "areas/projects/milestones.server.ts#rescheduleMilestone": { permission: "project.edit", call: (c) => milestoneUseCases.rescheduleMilestone(c, 0, 0, "2027-01-01") },
  "areas/projects/milestones.server.ts#setMilestoneDone": { permission: "project.edit", call: (c) => milestoneUseCases.setMilestoneDone(c, 0, 0, true, "2026-01-01") },
  "areas/projects/milestones.server.ts#removeMilestone": { permission: "project.edit", call: (c) => milestoneUseCases.removeMilestone(c, 0, 0) },
  "areas/projects/dependencies.server.ts#addDependency": { permission: "project.edit", call: (c) => dependencyUseCases.addDependency(c, 0, 0) },
  "areas/projects/dependencies.server.ts#removeDependency": { permission: "project.edit", call: (c) => dependencyUseCases.removeDependency(c, 0, 0) },
  "areas/projects/risks.server.ts#addRisk": { permission: "project.edit", call: (c) => riskUseCases.addRisk(c, 0, X) },
  "areas/projects/risks.server.ts#updateRisk": { permission: "project.edit", call: (c) => riskUseCases.updateRisk(c, 0, 0, 0, X) },
  "areas/projects/risks.server.ts#removeRisk": { permission: "project.edit", call: (c) => riskUseCases.removeRisk(c, 0, 0) },
  "areas/projects/risks.server.ts#setRiskClosed": { permission: "project.edit", call: (c) => riskUseCases.setRiskClosed(c, 0, 0, true) },
  "areas/projects/csv.server.ts#importProjectsCsv": { permission: "project.import", call: (c) => projectsCsv.importProjectsCsv(c, "", "p.csv") },
  "areas/teams/teams.server.ts#createTeam": { permission: "team.edit", call: (c) => tx((t) => teams.createTeam(t, c, X)) },
  "areas/teams/teams.server.ts#updateTeam": { permission: "team.edit", call: (c) => tx((t) => teams.updateTeam(t, c, 0, 0, X)) },
  "areas/teams/teams.server.ts#addMember": { permission: "team.edit", call: (c) => tx((t) => teams.addMember(t, c, 0, 0, X)) },
  "areas/teams/teams.server.ts#removeMember": { permission: "team.edit", call: (c) => tx((t) => teams.removeMember(t, c, 0, 0, 0)) },
  "areas/teams/teams.server.ts#deleteTeam": { permission: "team.edit", call: (c) => tx((t) => teams.deleteTeam(t, c, 0, 0)) },
  "areas/assessment/assessment.server.ts#createCriterion": { permission: "assessment.configure", call: (c) => tx((t) => assessment.createCriterion(t, c, X)) },
  "areas/assessment/assessment.server.ts#updateCriterion": { permission: "assessment.configure", call: (c) => tx((t) => assessment.updateCriterion(t, c, 0, 0, X)) },
  "areas/assessment/assessment.server.ts#saveAssessment": { permission: "project.assess", call: (c) => tx((t) => assessment.saveAssessment(t, c, 0, 0, [])) },
  "areas/projects/status-reports.server.ts#submitStatusReport": { permission: "project.edit", call: (c) => statusReports.submitStatusReport(c, 0, { light: "green", progress: "x", nextSteps: "", needs: "" }) },
  "areas/projects/status-reports.server.ts#setStatusRhythm": { permission: "agenda.edit", call: (c) => statusReports.setStatusRhythm(c, 0) },
  "areas/maturity/assessments.server.ts#startAssessment": { permission: "maturity.finalise", call: (c) => maturity.startAssessment(c, { targetYear: 0, shareForBenchmark: false }) },
  "areas/maturity/assessments.server.ts#saveRatings": { permission: "maturity.rate", call: (c) => maturity.saveRatings(c, 0, []) },
  "areas/maturity/assessments.server.ts#completeAssessment": { permission: "maturity.finalise", call: (c) => maturity.completeAssessment(c, 0, 0, false) },
  "areas/maturity/measures.server.ts#createMeasureGoal": { permission: "agenda.edit", call: (c) => measures.createMeasureGoal(c, 0, 0, X) },
  "areas/agenda/agenda.server.ts#insertGoal": { permission: "agenda.edit", call: (c) => tx((t) => agenda.insertGoal(t, c, X)) },
  "areas/maturity/measures.server.ts#createMeasureProject": { permission: "project.edit", call: (c) => measures.createMeasureProject(c, 0, 0, X) },
  "areas/auth/users.server.ts#addMember": { permission: "admin.users", call: (c) => users.addMember(c, X) },
  "areas/auth/users.server.ts#updateMember": { permission: "admin.users", call: (c) => users.updateMember(c, 0, 0, X) },
  "areas/auth/users.server.ts#removeMember": { permission: "admin.users", call: (c) => users.removeMember(c, 0, 0) },
  "areas/employees/employees.server.ts#importEmployees": { permission: "employee.edit", call: (c) => employees.importEmployees(c, "") },
  "areas/org/units.server.ts#createUnit": { permission: "org.edit", call: (c) => units.createUnit(c, X) },
  "areas/org/units.server.ts#updateUnit": { permission: "org.edit", call: (c) => units.updateUnit(c, 0, 0, X) },
  "areas/trainings/mandatory.server.ts#createMandatory": { permission: "training.manage", call: (c) => mandatory.createMandatory(c, X) },
  "areas/trainings/mandatory.server.ts#deleteMandatory": { permission: "training.manage", call: (c) => mandatory.deleteMandatory(c, 0) },
  "areas/trainings/privacy.server.ts#updateRetention": { permission: "training.manage", call: (c) => privacy.updateRetention(c, 0, 0) },
  "areas/trainings/courses.server.ts#createCourse": { permission: "training.manage", call: (c) => courses.createCourse(c, X) },
  "areas/trainings/courses.server.ts#updateCourse": { permission: "training.manage", call: (c) => courses.updateCourse(c, 0, 0, X) },
  "areas/trainings/sessions.server.ts#createSession": { permission: "training.manage", call: (c) => sessions.createSession(c, X) },
  "areas/trainings/sessions.server.ts#updateSession": { permission: "training.manage", call: (c) => sessions.updateSession(c, 0, 0, X) },
  "areas/trainings/external.server.ts#logExternalTraining": { permission: "training.register", call: (c) => external.logExternalTraining(c, c.employeeId!, X, null) },
  "areas/trainings/external.server.ts#decideExternalTraining": {
    permission: "training.register",
    call: (c) => external.decideExternalTraining(c, { all: false, unitIds: [] }, 0, 0, X),
  },
  "areas/trainings/registrations.server.ts#register": { permission: "training.register", call: (c) => registrations.register(c, { all: false, unitIds: [] }, 0, c.employeeId!) },
  "areas/trainings/registrations.server.ts#cancelRegistration": { permission: "training.register", call: (c) => registrations.cancelRegistration(c, { all: false, unitIds: [] }, 0) },
  "areas/trainings/session-page.server.ts#registerOnPage": { permission: "training.register", call: (c) => sessionPage.registerOnPage(c, 0, 1) },
  "areas/trainings/session-page.server.ts#cancelOnPage": { permission: "training.register", call: (c) => sessionPage.cancelOnPage(c, 0) },
  "areas/trainings/feedback.server.ts#submitFeedback": { permission: "training.view", call: (c) => feedback.submitFeedback(c, c.employeeId!, 0, X) },
  "areas/trainings/attendance.server.ts#recordAttendance": { permission: "training.recordAttendance", call: (c) => attendance.recordAttendance(c, foreignTrainedSession(), []) },
  "areas/trainings/attendance.server.ts#importAttendance": { permission: "training.recordAttendance", call: (c) => attendance.importAttendance(c, foreignTrainedSession(), "") },
  "areas/funding/applications.server.ts#startApplication": { permission: "funding.edit", call: (c) => applications.startApplication(c, X) },
  "areas/funding/applications.server.ts#updateBasics": { permission: "funding.edit", call: (c) => applications.updateBasics(c, 0, X) },
  "areas/funding/corrections.server.ts#addPlanItem": { permission: "funding.edit", call: (c) => corrections.addPlanItem(c, 0, X) },
  "areas/funding/corrections.server.ts#updatePlanItem": { permission: "funding.edit", call: (c) => corrections.updatePlanItem(c, 0, 0, X) },
  "areas/funding/corrections.server.ts#removePlanItem": { permission: "funding.edit", call: (c) => corrections.removePlanItem(c, 0, 0, 0) },
  "areas/funding/corrections.server.ts#correctDrawdown": { permission: "funding.recordExpenditure", call: (c) => corrections.correctDrawdown(c, 0, 0, X) },
  "areas/funding/corrections.server.ts#cancelDrawdown": { permission: "funding.recordExpenditure", call: (c) => corrections.cancelDrawdown(c, 0, 0, X) },
  "areas/funding/documents.server.ts#storeDocument": { permission: "funding.edit", call: (c) => documents.storeDocument(c, 0, new File([], "leer.pdf"), "other") },
  "areas/funding/applications.server.ts#confirmOwnContribution": { permission: "funding.confirmOwnContribution", call: (c) => applications.confirmOwnContribution(c, 0, X) },
  "areas/funding/applications.server.ts#recordSubmissionDate": { permission: "funding.approve", call: (c) => applications.recordSubmissionDate(c, 0, X) },
  "areas/funding/applications.server.ts#recordDecision": { permission: "funding.approve", call: (c) => applications.recordDecision(c, 0, X) },
  "areas/funding/applications.server.ts#recordReclaim": { permission: "funding.approve", call: (c) => applications.recordReclaim(c, 0, X) },
  "areas/funding/applications.server.ts#recordAmendmentDecision": { permission: "funding.approve", call: (c) => applications.recordAmendmentDecision(c, 0, X) },
  "areas/funding/money.server.ts#requestDrawdown": { permission: "funding.recordExpenditure", call: (c) => money.requestDrawdown(c, 0, X) },
  "areas/funding/money.server.ts#recordDrawdownReceived": { permission: "funding.recordExpenditure", call: (c) => money.recordDrawdownReceived(c, 0, 0, X) },
  "areas/funding/money.server.ts#addExpenditure": { permission: "funding.recordExpenditure", call: (c) => money.addExpenditure(c, 0, X) },
  "areas/funding/money.server.ts#updateExpenditure": { permission: "funding.recordExpenditure", call: (c) => money.updateExpenditure(c, 0, 0, X) },
  "areas/funding/money.server.ts#deleteExpenditure": { permission: "funding.recordExpenditure", call: (c) => money.deleteExpenditure(c, 0, 0, 0) },
  "areas/funding/money.server.ts#importReceipts": { permission: "funding.recordExpenditure", call: (c) => money.importReceipts(c, 0, "") },
  "areas/funding/receipts-page.server.ts#importReceiptsFile": { permission: "funding.recordExpenditure", call: (c) => receiptsPage.importReceiptsFile(c, 0, null) },
  "areas/funding/programmes.server.ts#createProgramme": { permission: "funding.manageLocalProgrammes", call: (c) => programmes.createProgramme(c, { shared: false } as never) },
  "areas/funding/programmes.server.ts#updateProgramme": { permission: "funding.manageLocalProgrammes", call: (c) => programmes.updateProgramme(c, localProgramme().id, X) },
  "areas/funding/programmes.server.ts#deleteProgramme": {
    permission: "funding.manageLocalProgrammes",
    call: (c) => programmes.deleteProgramme(c, localProgramme().id, localProgramme().version + 1),
  },
  "reports/archive.server.ts#saveDraft": { permission: "report.generate", call: (c) => archive.saveDraft(c, X) },
  "reports/archive.server.ts#issueReport": { permission: "report.generate", call: (c) => archive.issueReport(c, X) },
  "reports/archive.server.ts#saveLogo": { permission: "report.manageLogo", call: (c) => archive.saveLogo(c, new Uint8Array()) },
  "workflow/definitions.server.ts#deployDefinition": { permission: "workflow.deploy", call: (c) => tx((t) => definitions.deployDefinition(t, c, "{}")) },
  "workflow/editor.server.ts#deployDraft": { permission: "workflow.deploy", call: (c) => tx((t) => definitionEditor.deployDraft(t, c, "project", X)) },
  "workflow/migration.server.ts#migrateInstances": { permission: "workflow.migrate", call: (c) => tx((t) => migration.migrateInstances(t, c, X)) },
  "workflow/tasks.server.ts#completeMyTask": { permission: "task.view", call: (c) => tx((t) => tasks.completeMyTask(t, c, 0, 0)) },
  "areas/api/tokens.server.ts#createApiToken": { permission: "api.tokens", call: (c) => apiTokens.createApiToken(c, { name: "Matrix", lifetimeDays: "30" }) },
  "areas/api/tokens.server.ts#revokeApiToken": { permission: "api.tokens", call: (c) => apiTokens.revokeApiToken(c, 0) },
  "areas/auth/sso-config.server.ts#saveOidcConfig": {
    permission: "admin.users",
    call: (c) =>
      ssoConfig.saveOidcConfig(
        c,
        { enabled: false, displayName: "Matrix-IdP", issuer: "https://idp.matrix.example", clientId: "fahrplan", clientSecret: "geheim", groupClaim: "groups", groupRoles: {}, createUsers: false },
        null,
      ),
  },
  "areas/mail/outbox-admin.server.ts#retryMail": { permission: "mail.manage", call: (c) => mailAdmin.retryMail(c, 0) },
  "workflow/tasks.server.ts#markNotificationRead": { permission: "task.view", call: (c) => tx((t) => tasks.markNotificationRead(t, c, 0)) },
  "areas/joint/partners.server.ts#addProjectPartner": { permission: "project.edit", call: (c) => jointPartners.addProjectPartner(c, 0, X) },
  "areas/joint/partners.server.ts#updateProjectPartner": { permission: "project.edit", call: (c) => jointPartners.updateProjectPartner(c, 0, 0, 0, X) },
  "areas/joint/partners.server.ts#removeProjectPartner": { permission: "project.edit", call: (c) => jointPartners.removeProjectPartner(c, 0, 0, 0) },
  "areas/rollin/confirm.server.ts#confirmProgrammeStep": { permission: "programme.confirm", call: (c) => rollinConfirm.confirmProgrammeStep(c, 0, 0, "2026-01-01") },
  "areas/efa/adoption.server.ts#setOzgAdoption": { permission: "ozg.edit", call: (c) => efaAdoption.setOzgAdoption(c, 0, { status: "live", maturityLevel: 3, projectId: null, version: 0 }) },
};

/** Provider-level functions, checked against the provider roles (coordinator, manager, none). */
function providerCallerAs(role: ProviderRole | null): rollinProvider.ProviderCaller {
  const id = userId("rollin@landesdienst.example");
  return { userId: id, actor: { userId: id, label: "matrix" }, serviceProviderId: 1, providerName: "Matrix", providerRole: role, municipalityIds: [] };
}
type ProviderCall = (c: rollinProvider.ProviderCaller) => unknown;
const PROVIDER_TABLE: Record<string, { permission: ProviderPermission; call: ProviderCall }> = {
  "areas/rollin/provider.server.ts#assignManager": { permission: "provider.assign", call: (c) => rollinProvider.assignManager(c, { userId: 0, municipalityId: 0 }) },
  "areas/rollin/provider.server.ts#assignManagerBulk": { permission: "provider.assign", call: (c) => rollinProvider.assignManagerBulk(c, { userId: 0, municipalityIds: [0] }) },
  "areas/rollin/provider.server.ts#unassignManager": { permission: "provider.assign", call: (c) => rollinProvider.unassignManager(c, { userId: 0, municipalityId: 0 }) },
  "areas/rollin/programmes.server.ts#createTemplate": { permission: "programme.edit", call: (c) => rollinProgrammes.createTemplate(c, { name: "x", description: "", definition: "{}" }) },
  "areas/rollin/programmes.server.ts#publishTemplateVersion": { permission: "programme.edit", call: (c) => rollinProgrammes.publishTemplateVersion(c, 0, 0, "{}") },
  "areas/rollin/programmes.server.ts#rollOutProgramme": { permission: "programme.rollOut", call: (c) => rollinProgrammes.rollOutProgramme(c, { templateId: 0, municipalityIds: [], startDate: "2026-01-01" }) },
  "areas/rollin/programmes.server.ts#rollOutInTransaction": { permission: "programme.rollOut", call: (c) => tx((t) => rollinProgrammes.rollOutInTransaction(t, c, { templateId: 0, municipalityIds: [], startDate: "2026-01-01" })) },
  "areas/rollin/programmes.server.ts#upgradeRollouts": { permission: "programme.rollOut", call: (c) => rollinProgrammes.upgradeRollouts(c, { templateId: 0, municipalityIds: [] }) },
  "areas/rollin/matrix.server.ts#updateProgrammeSteps": { permission: "programme.editSteps", call: (c) => rollinMatrix.updateProgrammeSteps(c, [], {}, "2026-01-01") },
  "areas/efa/provider-matrix.server.ts#startOzgConnection": { permission: "programme.rollOut", call: (c) => efaMatrix.startOzgConnection(c, { municipalityId: 0, serviceId: 0, templateId: 0, startDate: "2026-01-01" }) },
  // Not a platform administrator here: the provider role decides.
  "areas/efa/catalogue.server.ts#importOzgCatalogue": { permission: "ozg.importCatalogue", call: (c) => efaCatalogue.importOzgCatalogue({ ...c, isPlatformAdmin: false }, "", "x.csv") },
};

describe("every provider-level area function checks the provider role itself", () => {
  for (const [name, { permission, call }] of Object.entries(PROVIDER_TABLE)) {
    const lacking: (ProviderRole | null)[] = [...PROVIDER_ROLES.filter((r) => !providerCan(r, permission)), null];
    const having = PROVIDER_PERMISSIONS[permission][0];
    it(`${name}: ${permission} – refused for ${lacking.map((r) => r ?? "ohne Rolle").join(", ")}, passes for ${having}`, async () => {
      for (const role of lacking) {
        const auditBefore = auditCount();
        const changesBefore = changes();
        const error = await outcome(() => call(providerCallerAs(role)));
        expect(isForbidden(error), `${name} as ${role}: ${String(error)}`).toBe(true);
        expect((await (error as Response).json()).message).toMatch(/Berechtigung/);
        expect(changes()).toBe(changesBefore);
        expect(auditCount()).toBe(auditBefore);
      }
      const error = await outcome(() => call(providerCallerAs(having)));
      expect(isForbidden(error), `${name} as ${having}: refused`).toBe(false);
    });
  }
});

/** Mutating by name but not called by a user with a role; each with the reason. */
const NOT_CALLER_FACING: Record<string, string> = {
  "areas/efa/adoption.server.ts#writeAdoption": "runs inside the checked setOzgAdoption or startOzgConnection transaction",
  "areas/assessment/assessment.server.ts#ensureDefaultCriteria": "creates the default criteria of a new Kommune (seed), no user input",
  "areas/assessment/assessment.server.ts#reclassifyProjects": "derived classification, recomputed inside the checked use case that changed its inputs",
  "areas/assessment/assessment.server.ts#recomputeProjectClassification": "derived classification, recomputed inside the checked project save",
  "areas/assessment/workflow.server.ts#reclassifyAllMunicipalities": "nightly background job",
  "areas/maturity/catalogue.server.ts#ensureDefaultCatalogue": "start-up: publishes the shipped catalogue once, no user input",
  "areas/maturity/catalogue.server.ts#insertCatalogue": "step inside publishCatalogue/publishCatalogueDraft (which check who may) and the start-up default",
  "areas/maturity/catalogue-drafts.server.ts#saveCatalogueDraft": "platform/provider data: refused unless platform admin (platform default) or the provider's coordination (its catalogue); matrix in maturity-catalogue.test.ts",
  "areas/maturity/catalogue-drafts.server.ts#publishCatalogueDraft": "platform/provider data: same check as saveCatalogueDraft; matrix in maturity-catalogue.test.ts",
  "areas/maturity/catalogue-drafts.server.ts#discardCatalogueDraft": "platform/provider data: same check as saveCatalogueDraft; matrix in maturity-catalogue.test.ts",
  "areas/maturity/catalogue.server.ts#publishCatalogue": "platform data: refused unless the user is a platform administrator (not a Kommune role); tested in maturity.test.ts",
  "areas/auth/login.server.ts#attemptLogin": "sign-in: there is no role before it succeeds; throttled instead",
  "areas/accessibility/feedback.server.ts#submitAccessibilityFeedback": "public feedback form of the Erklärung zur Barrierefreiheit (BITV 2.0 § 7): anyone may send, no login; rate-limited per client address instead",
  "areas/auth/password-reset.server.ts#requestPasswordReset": "Passwort vergessen: no login yet; the same answer for every address, rate-limited per address and client",
  "areas/auth/password-reset.server.ts#resetPassword": "Passwort vergessen: authorised by the single-use emailed token, not by a role",
  "areas/mail/outbox-admin.server.ts#setMailPreference": "changes only the signed-in person's own mail preference",
  "areas/auth/users.server.ts#changeOwnPassword": "changes only the signed-in user's own password, with the current one",
  "areas/trainings/calendar.server.ts#regenerateCalendarToken": "renews only the signed-in user's own calendar address",
  "areas/trainings/privacy.server.ts#runRetention": "background job (retention period)",
  "areas/trainings/privacy.server.ts#anonymiseExpired": "step of the retention job",
  "areas/trainings/mandatory.server.ts#scheduleRenewals": "runs inside the checked attendance recording",
  "areas/trainings/mandatory.server.ts#scheduleAllReminders": "background job (reminders)",
  "areas/trainings/waitlist.server.ts#promoteWaitlist": "runs inside the checked cancellation or session update",
  "areas/trainings/session-workflow.server.ts#startSessionWorkflow": "runs inside the checked session creation",
  "areas/trainings/session-workflow.server.ts#syncCapacityState": "runs inside checked registration use cases",
  "areas/trainings/session-workflow.server.ts#notifyEmployee": "notification written by checked use cases",
  "areas/trainings/session-workflow.server.ts#refreshSessionDeadlines": "runs inside the checked session update",
  "areas/funding/deadlines.server.ts#syncDeadlines": "runs inside checked funding use cases",
  "areas/funding/contributors.server.ts#recordContributor": "runs inside checked funding use cases (four-eyes bookkeeping)",
  "reports/render-job.server.ts#runRenderJob": "renders in the worker thread for a checked issueReport/preview",
  "workflow/engine.server.ts#fireTransition": "allowed roles come from each transition of the definition; refused per role in workflow-engine.test.ts",
  "areas/assessment/progress.server.ts#scheduleFacts": "reads only (schedule facts of a project), changes nothing",
  "areas/assessment/progress.server.ts#scheduleWarnings": "reads only (warnings shown after a checked save), changes nothing",
  "workflow/deputies.server.ts#addDeputy": "acts only on the caller's own Vertretung (row-level: the caller is the person deputised); tested in workflow-tasks.test.ts",
  "workflow/deputies.server.ts#removeDeputy": "acts only on the caller's own Vertretung (row-level); tested in workflow-tasks.test.ts",
  "workflow/engine.server.ts#refreshWorkflow": "runs inside checked area use cases after a record changed",
  "workflow/engine.server.ts#refreshSubjectWorkflow": "runs inside checked area use cases after a record changed",
  "workflow/registry.server.ts#registerTaskSource": "bootstrap registration of an area, no caller",
  "workflow/state-tasks.server.ts#createStateTasks": "runs inside a checked transition or workflow start",
  "workflow/state-tasks.server.ts#refreshStateTasks": "runs inside checked area use cases after a record changed",
  "workflow/engine.server.ts#startWorkflow": "runs inside the checked creation of its subject",
  "workflow/tasks.server.ts#createTask": "engine step on entering a state",
  "workflow/tasks.server.ts#completeTasks": "engine step on leaving a state",
  "workflow/tasks.server.ts#completeTasksWhere": "engine step on leaving a state",
  "workflow/tasks.server.ts#notify": "effect of a checked transition",
  "workflow/deadlines.server.ts#scheduleDeadline": "engine step on entering a state",
  "workflow/deadlines.server.ts#closeDeadlineIds": "engine step on leaving a state",
  "workflow/deadlines.server.ts#cancelDeadlines": "engine step on leaving a state",
  "workflow/deadlines.server.ts#finishInstanceDeadlines": "engine step on reaching a final state",
  "workflow/deadlines.server.ts#scanDeadlines": "background job (deadline scan)",
  "workflow/registry.server.ts#registerSubject": "module start-up registration, no data",
  "areas/auth/sso.server.ts#startSsoLogin": "SSO login before anyone is signed in (no caller); stores only state, nonce and PKCE verifier",
  "areas/auth/sso.server.ts#finishSsoLogin": "SSO callback before anyone is signed in; the provider's groups decide the role, every refusal is audited",
  "workflow/registry.server.ts#registerGuard": "module start-up registration, no data",
  "workflow/registry.server.ts#registerEffect": "module start-up registration, no data",
  "areas/registrations.server.ts#registerAll": "start-up registration of every area (registerAll), no caller, no data",
  "areas/assessment/workflow.server.ts#registerAssessment": "start-up registration (registerAll), no data",
  "areas/projects/workflow.server.ts#registerProjects": "start-up registration (registerAll), no data",
  "areas/funding/workflow.server.ts#registerFunding": "start-up registration (registerAll), no data",
  "areas/trainings/workflow.server.ts#registerTrainings": "start-up registration (registerAll), no data",
  "reports/workflow.server.ts#registerReports": "start-up registration (registerAll), no data",
  "workflow/builtins.server.ts#registerBuiltins": "start-up registration (registerAll), no data",
  "workflow/index.server.ts#registerWorkflowEngine": "start-up registration (registerAll), no data",
};

const MUTATING =
  /^(create|update|delete|remove|add|import|record|register|cancel|set|save|archive|approve|reject|submit|confirm|start|request|store|issue|deploy|migrate|fire|complete|mark|decide|log|regenerate|change|move|insert|run|sync|schedule|notify|promote|refresh|recompute|reclassify|anonymise|ensure|close|finish|scan|attempt|upload|assign|revoke|reset|restore|toggle|link|unlink|write|publish|correct|reschedule|unassign|roll|upgrade|discard|retry)([A-Z]|$)/;

function changes(): number {
  return getDb().get<{ n: number }>(sql`select total_changes() as n`).n;
}

async function outcome(call: () => unknown): Promise<unknown> {
  try {
    await call();
    return undefined;
  } catch (error) {
    return error;
  }
}

const isForbidden = (e: unknown): e is Response => e instanceof Response && e.status === 403;

describe("every mutating area function checks the permission of the matrix itself", () => {
  for (const [name, { permission, call }] of Object.entries(TABLE)) {
    const lacking: (Role | null)[] = [...ROLES.filter((r) => !can(r, permission)), null];
    const having = PERMISSIONS[permission][0];
    it(`${name}: ${permission} – refused for ${lacking.map((r) => r ?? "ohne Rolle").join(", ")}, passes for ${having}`, async () => {
      for (const role of lacking) {
        const auditBefore = auditCount();
        const changesBefore = changes();
        const error = await outcome(() => call(callerAs(role)));
        expect(isForbidden(error), `${name} as ${role}: ${String(error)}`).toBe(true);
        expect((await (error as Response).json()).message).toMatch(/Berechtigung|Trainer|selbst/);
        expect(changes(), `${name} as ${role} wrote rows`).toBe(changesBefore);
        expect(auditCount()).toBe(auditBefore);
      }
      const error = await outcome(() => call(callerAs(having)));
      expect(isForbidden(error), `${name} as ${having}: refused`).toBe(false);
    });
  }
});

describe("the table covers every mutating area function", () => {
  it("lists each exported function with a mutating name, or names why it is not caller-facing", () => {
    const modules = import.meta.glob(["/app/areas/**/*.server.ts", "/app/reports/**/*.server.ts", "/app/workflow/**/*.server.ts"], { eager: true });
    // A function re-exported by a barrel (index.server.ts) counts once, under its own module.
    const files = Object.keys(modules).sort((a, b) => Number(a.endsWith("/index.server.ts")) - Number(b.endsWith("/index.server.ts")));
    const seen = new Map<unknown, string>();
    for (const file of files) {
      for (const [exportName, value] of Object.entries(modules[file] as Record<string, unknown>)) {
        if (typeof value === "function" && MUTATING.test(exportName) && !seen.has(value)) {
          seen.set(value, `${file.replace(/^\/app\//, "")}#${exportName}`);
        }
      }
    }
    const found = [...seen.values()];
    expect(found.length).toBeGreaterThan(80);
    const missing = found.filter((f) => !(f in TABLE) && !(f in PROVIDER_TABLE) && !(f in NOT_CALLER_FACING));
    expect(missing, "mutating area functions without a permission entry").toEqual([]);
    const stale = [...Object.keys(TABLE), ...Object.keys(PROVIDER_TABLE), ...Object.keys(NOT_CALLER_FACING)].filter((k) => !found.includes(k));
    expect(stale, "entries for functions that no longer exist").toEqual([]);
  });
});

/**
 * Row level on top of the matrix: a project lead has `project.edit`, but changes (edits, archives,
 * moves dates or status of) only projects it leads or works on. Each per-project area function is
 * called on a project the caller has nothing to do with and must refuse before it writes; on the
 * lead's own project it passes.
 */
describe("project leads change, reschedule and move only their own projects", () => {
  const project = (title: string) => getDb().select().from(projectTable).where(and(eq(projectTable.municipalityId, M()), eq(projectTable.title, title))).get()!;
  const firstOf = <T>(rows: T[]) => rows[0]!;
  const targets = (title: string) => {
    const p = project(title);
    return {
      p,
      milestone: firstOf(getDb().select().from(milestones).where(eq(milestones.projectId, p.id)).all()),
      risk: getDb().select().from(risks).where(eq(risks.projectId, p.id)).get(),
      instance: getDb().select().from(workflowInstances).where(and(eq(workflowInstances.subjectType, "project"), eq(workflowInstances.subjectId, p.id))).get()!,
    };
  };
  type Targets = ReturnType<typeof targets>;
  const lead = (employeeId: number): AppContext => ({ ...callerAs("projectLead"), employeeId });
  const other = () => project("Digitaler Bauantrag").id;
  const PER_PROJECT: Record<string, (c: AppContext, t: Targets) => unknown> = {
    updateProject: (c, t) => projectWrite.updateProject(c, t.p.id, t.p.version, X),
    setProjectArchived: (c, t) => projectWrite.setProjectArchived(c, t.p.id, t.p.version, true),
    addMilestone: (c, t) => milestoneUseCases.addMilestone(c, t.p.id, { title: "Fremd", dueDate: "2027-06-01" }),
    rescheduleMilestone: (c, t) => milestoneUseCases.rescheduleMilestone(c, t.p.id, t.milestone.id, "2031-03-03"),
    setMilestoneDone: (c, t) => milestoneUseCases.setMilestoneDone(c, t.p.id, t.milestone.id, t.milestone.doneAt === null, "2026-12-01"),
    removeMilestone: (c, t) => milestoneUseCases.removeMilestone(c, t.p.id, t.milestone.id),
    addDependency: (c, t) => dependencyUseCases.addDependency(c, t.p.id, other()),
    removeDependency: (c, t) => dependencyUseCases.removeDependency(c, t.p.id, 0),
    addRisk: (c, t) => riskUseCases.addRisk(c, t.p.id, { title: "Fremd", category: "staffShortage", likelihood: 2, impact: 2, mitigation: "", ownerEmployeeId: null }),
    updateRisk: (c, t) => riskUseCases.updateRisk(c, t.p.id, t.risk?.id ?? 0, t.risk?.version ?? 1, X),
    removeRisk: (c, t) => riskUseCases.removeRisk(c, t.p.id, t.risk?.id ?? 0),
    setRiskClosed: (c, t) => riskUseCases.setRiskClosed(c, t.p.id, t.risk?.id ?? 0, true),
    submitStatusReport: (c, t) => statusReports.submitStatusReport(c, t.p.id, { light: "yellow", progress: "Fortschritt", nextSteps: "", needs: "" }),
  };

  it("refuses every per-project change and every status move on a project the lead neither leads nor works on; nothing is written", async () => {
    const foreign = targets("Wohngeld online");
    const caller = lead(OWN_EMPLOYEE());
    expect(foreign.p.projectLeadEmployeeId).not.toBe(OWN_EMPLOYEE());
    for (const [name, call] of Object.entries(PER_PROJECT)) {
      const auditBefore = auditCount();
      const changesBefore = changes();
      const error = await outcome(() => call(caller, foreign));
      expect(isForbidden(error), `${name}: ${String(error)}`).toBe(true);
      expect((await (error as Response).json()).message).toBe(NOT_OWN_PROJECT_MESSAGE);
      expect(changes(), `${name} wrote rows`).toBe(changesBefore);
      expect(auditCount()).toBe(auditBefore);
    }
    // Moving the status: the lead's transitions of the definition are offered as refused, firing one is refused.
    const offered = engine.availableTransitions(getDb(), caller, foreign.instance.id);
    expect(offered.length).toBeGreaterThan(0);
    expect(offered.every((t) => !t.allowed && t.reasons.includes(NOT_OWN_PROJECT_MESSAGE))).toBe(true);
    const changesBefore = changes();
    const error = await outcome(() => tx((t) => engine.fireTransition(t, caller, { instanceId: foreign.instance.id, transition: offered[0].name, expectedVersion: foreign.instance.version })));
    expect(error).toBeInstanceOf(engine.TransitionRefusedError);
    expect((error as InstanceType<typeof engine.TransitionRefusedError>).reasons).toEqual([NOT_OWN_PROJECT_MESSAGE]);
    expect(changes()).toBe(changesBefore);
  });

  it("refuses every per-project change and every partner change by a partner Kommune of a joint project (403, read-only); nothing is written", async () => {
    const joint = targets(DEMO_JOINT_PROJECT);
    const partnerRow = membershipOf("cdo@kleinhausen.example", "Kleinhausen")!;
    const partner: AppContext = { ...callerAs("cdo"), municipalityId: partnerRow.municipalityId, employeeId: partnerRow.employeeId };
    expect(partner.municipalityId).not.toBe(M());
    const calls: Record<string, () => unknown> = {
      ...Object.fromEntries(Object.entries(PER_PROJECT).map(([name, call]) => [name, () => call(partner, joint)])),
      addProjectPartner: () => jointPartners.addProjectPartner(partner, joint.p.id, { partnerMunicipalityId: M(), shareCents: 1, agreedOn: "2026-12-01", note: "" }),
      updateProjectPartner: () => jointPartners.updateProjectPartner(partner, joint.p.id, 1, 1, { shareCents: 1, agreedOn: "2026-12-01", note: "" }),
      removeProjectPartner: () => jointPartners.removeProjectPartner(partner, joint.p.id, 1, 1),
    };
    for (const [name, call] of Object.entries(calls)) {
      const auditBefore = auditCount();
      const changesBefore = changes();
      const error = await outcome(call);
      expect(isForbidden(error), `${name}: ${String(error)}`).toBe(true);
      expect((await (error as Response).json()).message, name).toBe(JOINT_READ_ONLY_MESSAGE);
      expect(changes(), `${name} wrote rows`).toBe(changesBefore);
      expect(auditCount()).toBe(auditBefore);
    }
  });

  it("lets the lead reschedule, close risks and move the status of its own project", async () => {
    const own = targets("Digitaler Bauantrag");
    const caller = lead(own.p.projectLeadEmployeeId!);
    for (const name of ["rescheduleMilestone", "setRiskClosed", "addMilestone", "submitStatusReport"] as const) {
      const error = await outcome(() => PER_PROJECT[name](caller, own));
      expect(isForbidden(error), `${name}: ${String(error)}`).toBe(false);
      expect(error, name).toBeUndefined();
    }
    const offered = engine.availableTransitions(getDb(), caller, own.instance.id);
    expect(offered.every((t) => !t.reasons.includes(NOT_OWN_PROJECT_MESSAGE))).toBe(true);
  });
});

/**
 * The Digitalbericht für den Rat speaks for the Digitalagenda: issueReport asks for `agenda.edit`
 * on top of `report.generate`, so a project lead or the Kämmerei (who issue other reports) cannot.
 */
describe("issueReport for the Digitalbericht: report.generate and agenda.edit", () => {
  it("refuses roles that may generate reports but do not steer the agenda, before anything is written", async () => {
    const lacking = ROLES.filter((r) => can(r, "report.generate") && !can(r, "agenda.edit"));
    expect(lacking.length).toBeGreaterThan(0);
    for (const role of lacking) {
      const auditBefore = auditCount();
      const changesBefore = changes();
      const error = await outcome(() => archive.issueReport(callerAs(role), { type: "digitalbericht", subjectId: M() }));
      expect(isForbidden(error), `${role}: ${String(error)}`).toBe(true);
      expect((await (error as Response).json()).message).toContain("Digitalagenda bearbeiten");
      expect(changes()).toBe(changesBefore);
      expect(auditCount()).toBe(auditBefore);
    }
  });
});
