import { asc, desc, eq, isNull } from "drizzle-orm";
import { projectStatusReports } from "../../../db/schema/status-reports";
import { TRAFFIC_LIGHT_LABELS } from "../../areas/projects/status-reports";
import {
  fieldsOfAction,
  fundingApplications,
  fundingProgrammes,
  municipalities,
  projectAssessments,
  projects,
  workflowInstances,
} from "../../../db/schema";
import { FOCUS_AREA_LABELS } from "../../areas/agenda/agenda";
import { agendaOverview } from "../../areas/agenda/agenda.server";
import { CLASSIFICATION_LABELS } from "../../areas/assessment/classify";
import { GRANTED_STATES } from "../../areas/funding/applications.server";
import { loadLedgers } from "../../areas/funding/ledger.server";
import { unitCoverage } from "../../areas/trainings/coverage.server";
import { RISK_CATEGORY_LABELS } from "../../areas/projects/projects";
import { getProjectDetail } from "../../areas/projects/detail.server";
import { PROJECT_IN_PROGRESS, countsByStatus } from "../../areas/projects/states";
import { projectInstanceJoin, projectStateCatalog, projectStateLabels } from "../../areas/projects/states.server";
import type { DbOrTx } from "../../utils/db.server";
import { formatEuro, formatNumber, formatPercentBp, formatShare } from "../../utils/format";
import { type Tenant, scoped } from "../../utils/tenant.server";
import { subjectInstanceJoin } from "../../workflow/index.server";
import { ReportError } from "../report-error";
import type { ProjectProfileData, ReportBase, StatusReportData } from "./types";

const MAX_MILESTONES = 6;

function base(db: DbOrTx, tenant: Tenant, context: { generatedAt: string; generatedBy: string }): ReportBase {
  const m = db
    .select({ name: municipalities.name, slug: municipalities.slug })
    .from(municipalities)
    .where(eq(municipalities.id, tenant.municipalityId))
    .get()!;
  return { municipality: m, generatedAt: context.generatedAt, generatedBy: context.generatedBy };
}

const applicationInstanceJoin = subjectInstanceJoin(fundingApplications, "fundingApplication");

function fundingRows(db: DbOrTx, tenant: Tenant, projectId?: number) {
  return db
    .select({
      id: fundingApplications.id,
      title: fundingApplications.title,
      projectId: fundingApplications.projectId,
      programme: fundingProgrammes.name,
      fileNumber: fundingApplications.fileNumber,
      grantedCents: fundingApplications.grantedCents,
      state: workflowInstances.state,
    })
    .from(fundingApplications)
    .innerJoin(fundingProgrammes, eq(fundingProgrammes.id, fundingApplications.programmeId))
    .leftJoin(workflowInstances, applicationInstanceJoin)
    .where(scoped(fundingApplications, tenant, projectId ? eq(fundingApplications.projectId, projectId) : undefined))
    .orderBy(asc(fundingApplications.title))
    .all();
}

/** A project's funding applications with the ledger's figures (finance-plan total, grant, received). */
function projectFunding(db: DbOrTx, tenant: Tenant, projectId: number): ProjectProfileData["funding"] {
  const ledgers = loadLedgers(db, tenant);
  return fundingRows(db, tenant, projectId).map((f) => {
    const ledger = ledgers.get(f.id);
    return {
      title: f.title,
      programme: f.programme,
      stage: FUNDING_STAGE_LABELS[f.state ?? "drafting"] ?? f.state ?? "in Vorbereitung",
      plannedCostsCents: ledger?.plannedTotalCents ?? 0,
      grantedCents: f.grantedCents,
      receivedCents: ledger?.receivedCents ?? 0,
    };
  });
}

const FUNDING_STAGE_LABELS: Record<string, string> = {
  drafting: "in Vorbereitung",
  internalReview: "interne Prüfung",
  submitted: "eingereicht",
  approved: "bewilligt",
  inProgress: "in Durchführung",
  rejected: "abgelehnt",
  withdrawn: "zurückgezogen",
  closed: "abgeschlossen",
};

/** Projektsteckbrief: one page on a project, from the projects area's detail query. */
export function loadProjectProfileData(
  db: DbOrTx,
  tenant: Tenant,
  projectId: number,
  context: { generatedAt: string; generatedBy: string; today: string },
): ProjectProfileData {
  const detail = getProjectDetail(db, tenant, projectId, context.today);
  if (!detail) throw new ReportError(`Projekt ${projectId} wurde in dieser Kommune nicht gefunden.`, 404);
  const funding = projectFunding(db, tenant, projectId);
  const assessment = db
    .select({ classification: projectAssessments.classification })
    .from(projectAssessments)
    .where(scoped(projectAssessments, tenant, eq(projectAssessments.projectId, projectId)))
    .get();
  const p = detail.project;
  const milestones = detail.milestones.map((m) => ({
    title: m.title,
    dueDate: m.dueDate,
    originalDueDate: m.originalDueDate,
    done: m.doneAt ? "erledigt" : m.overdue ? "überfällig" : "offen",
  }));
  return {
    ...base(db, tenant, context),
    project: {
      id: p.id,
      title: p.title,
      description: p.description,
      fieldOfAction: detail.fieldOfAction,
      focusArea: FOCUS_AREA_LABELS[detail.focusArea],
      leadUnit: detail.leadUnit,
      projectLead: detail.leadLastName ? `${detail.leadFirstName} ${detail.leadLastName}` : "nicht benannt",
      status: projectStateLabels(db, tenant, [p.id]).get(p.id) ?? "ohne Ablauf",
      startDate: p.startDate,
      endDate: p.endDate,
      budgetPlannedCents: p.budgetPlannedCents,
      budgetSpentCents: p.budgetSpentCents,
      classification: assessment ? CLASSIFICATION_LABELS[assessment.classification] : "noch nicht bewertet",
    },
    milestones: milestones.slice(0, MAX_MILESTONES),
    moreMilestones: Math.max(0, milestones.length - MAX_MILESTONES),
    risks: detail.risks.filter((r) => r.closedAt === null).slice(0, 4).map((r) => ({
      title: r.title,
      category: RISK_CATEGORY_LABELS[r.category],
      rating: `${r.score} von 25`,
      mitigation: r.mitigation || "–",
    })),
    funding,
    fundingPlannedTotalCents: funding.reduce((s, f) => s + f.plannedCostsCents, 0),
  };
}

/** The latest status report of each project of the Kommune, by project title. */
export function latestStatusReports(db: DbOrTx, tenant: Tenant) {
  const rows = db
    .select({ projectId: projectStatusReports.projectId, title: projects.title, light: projectStatusReports.light, reportedOn: projectStatusReports.reportedOn, authorName: projectStatusReports.authorName, progress: projectStatusReports.progress, nextSteps: projectStatusReports.nextSteps, needs: projectStatusReports.needs })
    .from(projectStatusReports)
    .innerJoin(projects, eq(projects.id, projectStatusReports.projectId))
    .where(scoped(projectStatusReports, tenant, isNull(projects.archivedAt)))
    .orderBy(desc(projectStatusReports.reportedOn), desc(projectStatusReports.id))
    .all();
  const seen = new Set<number>();
  return rows.filter((r) => (seen.has(r.projectId) ? false : (seen.add(r.projectId), true))).sort((a, b) => a.title.localeCompare(b.title, "de"));
}

/** Digitalagenda-Statusbericht for the council: portfolio, roadmap extract, goals, laggards, funding. */
export function loadStatusReportData(
  db: DbOrTx,
  tenant: Tenant,
  context: { generatedAt: string; generatedBy: string; today: string },
): StatusReportData {
  const overview = agendaOverview(db, tenant, context.today);
  const projectRows = db
    .select({
      id: projects.id,
      title: projects.title,
      startDate: projects.startDate,
      endDate: projects.endDate,
      fieldOfAction: fieldsOfAction.name,
      state: workflowInstances.state,
    })
    .from(projects)
    .innerJoin(fieldsOfAction, eq(fieldsOfAction.id, projects.fieldOfActionId))
    .leftJoin(workflowInstances, projectInstanceJoin)
    .where(scoped(projects, tenant))
    .orderBy(asc(projects.startDate), asc(projects.title))
    .all();
  const catalog = projectStateCatalog(db, tenant);
  const portfolio = countsByStatus(catalog, projectRows.map((p) => ({ state: p.state, count: 1 }))).map((line) => ({ status: line.label, count: line.count }));
  // Roadmap extract: what runs or starts within the next twelve months.
  const horizon = `${Number(context.today.slice(0, 4)) + 1}${context.today.slice(4)}`;
  const upcoming = projectRows
    .filter((p) => p.state === null || !catalog.closed.includes(p.state))
    .filter((p) => (!p.startDate || p.startDate <= horizon) && (!p.endDate || p.endDate >= context.today))
    .slice(0, 15);
  const labels = projectStateLabels(db, tenant, upcoming.map((p) => p.id));
  const roadmap = upcoming.map((p) => ({
    title: p.title,
    fieldOfAction: p.fieldOfAction,
    startDate: p.startDate,
    endDate: p.endDate,
    status: labels.get(p.id) ?? "ohne Ablauf",
  }));
  const goals = overview.focusAreas.flatMap((f) =>
    f.fields.flatMap((field) =>
      field.goals.map((g) => ({
        title: g.title,
        indicator: `${g.indicator} (${g.unit})`,
        baseline: formatNumber(g.baseline),
        target: formatNumber(g.targetValue),
        actual: g.current ? formatNumber(g.current.value) : "–",
        progressPercent: Math.round(g.progress * 100),
      })),
    ),
  );
  const laggards = db
    .select({ title: projects.title, reason: projectAssessments.reason })
    .from(projectAssessments)
    .innerJoin(projects, eq(projects.id, projectAssessments.projectId))
    .where(scoped(projectAssessments, tenant, eq(projectAssessments.classification, "laggard")))
    .orderBy(asc(projects.title))
    .all();
  const secured = fundingRows(db, tenant)
    .filter((f) => f.state && GRANTED_STATES.includes(f.state) && f.grantedCents != null)
    .map((f) => ({ title: f.title, programme: f.programme, fileNumber: f.fileNumber ?? "–", grantedCents: f.grantedCents! }));
  const fundingSecuredTotalCents = secured.reduce((s, f) => s + f.grantedCents, 0);
  const active = projectRows.filter((p) => p.state === PROJECT_IN_PROGRESS).length;
  const avgProgress = goals.length ? goals.reduce((s, g) => s + g.progressPercent, 0) / goals.length / 100 : null;
  return {
    ...base(db, tenant, context),
    agenda: { title: overview.agenda?.title ?? "Digitalagenda", vision: overview.agenda?.vision ?? "" },
    reportDate: context.today,
    kpis: [
      { label: "Projekte im Portfolio", value: formatNumber(projectRows.length) },
      { label: "davon in Umsetzung", value: formatNumber(active) },
      { label: "Nachzügler mit Beratungsbedarf", value: formatNumber(laggards.length) },
      { label: "Durchschnittliche Zielerreichung", value: formatShare(avgProgress) },
      // The same figure as the trainings page (unitCoverage), never a typed-in value.
      { label: "Schulungsquote (geschult in den letzten 12 Monaten)", value: formatPercentBp(unitCoverage(tenant, context.today, db).total.coverageBp) },
      {
        label: "Gesicherte Fördermittel",
        value: `${formatEuro(fundingSecuredTotalCents)} (${secured.length === 1 ? "1 Bescheid" : `${formatNumber(secured.length)} Bescheide`})`,
      },
    ],
    portfolio,
    roadmap,
    goals,
    laggards,
    fundingSecured: secured,
    fundingSecuredTotalCents,
    projectStatus: latestStatusReports(db, tenant).map((r) => ({
      title: r.title,
      light: TRAFFIC_LIGHT_LABELS[r.light],
      reportedOn: r.reportedOn,
      author: r.authorName,
      progress: r.progress,
      nextSteps: r.nextSteps || "–",
      needs: r.needs || "–",
    })),
  };
}

