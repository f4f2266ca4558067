import { asc, desc, eq, isNull } from "drizzle-orm";
import { archivedReports, fieldsOfAction, municipalities, projects, workflowInstances } from "../../../db/schema";
import { FOCUS_AREA_LABELS } from "../../areas/agenda/agenda";
import { agendaOverview } from "../../areas/agenda/agenda.server";
import { listPortfolio } from "../../areas/assessment/assessment.server";
import { CLASSIFICATIONS, CLASSIFICATION_LABELS } from "../../areas/assessment/classify";
import { GRANTED_STATES } from "../../areas/funding/applications.server";
import { fundingOverview } from "../../areas/funding/overview.server";
import { assessmentView, listAssessments, snapshotTrend } from "../../areas/maturity/assessments.server";
import { MATURITY_AREA_LABELS } from "../../areas/maturity/catalogue";
import { TRAFFIC_LIGHT_LABELS } from "../../areas/projects/status-reports";
import { projectInstanceJoin, projectStateCatalog, projectStateLabels } from "../../areas/projects/states.server";
import { unitCoverage } from "../../areas/trainings/coverage.server";
import type { DbOrTx } from "../../utils/db.server";
import { formatDate, formatEuro, formatNumber, formatPercentBp, formatShare } from "../../utils/format";
import { type Tenant, scoped } from "../../utils/tenant.server";
import { latestStatusReports } from "./agenda.server";
import { type ProjectSnapshot, compareWithPrevious } from "./council-compare";
import type { CouncilReportData } from "./types";

/** Funding applications still waiting for a decision (neither granted nor rejected/withdrawn). */
const NOT_PENDING = new Set([...GRANTED_STATES, "rejected", "withdrawn"]);

/** How the Reifegrad page shows an average level (hundredths): "2,25". */
const level = (hundredths: number | null) => (hundredths === null ? "–" : formatNumber(hundredths / 100, 2));

/** The last issued Digitalbericht of the Kommune: when, and the project states it stored. */
export function previousCouncilReport(db: DbOrTx, tenant: Tenant): { issuedAt: string; projects: ProjectSnapshot[] } | null {
  const row = db
    .select({ generatedAt: archivedReports.generatedAt, dataSnapshot: archivedReports.dataSnapshot })
    .from(archivedReports)
    .where(scoped(archivedReports, tenant, eq(archivedReports.reportType, "digitalbericht")))
    .orderBy(desc(archivedReports.generatedAt), desc(archivedReports.id))
    .get();
  if (!row) return null;
  const snapshot = JSON.parse(row.dataSnapshot) as { projects?: ProjectSnapshot[] };
  return { issuedAt: row.generatedAt, projects: snapshot.projects ?? [] };
}

/** Every project not archived, with its state: what "seit dem letzten Bericht" compares. */
function projectSnapshots(db: DbOrTx, tenant: Tenant): ProjectSnapshot[] {
  const rows = db
    .select({ id: projects.id, title: projects.title, fieldOfAction: fieldsOfAction.name, state: workflowInstances.state, startDate: projects.startDate, endDate: projects.endDate })
    .from(projects)
    .innerJoin(fieldsOfAction, eq(fieldsOfAction.id, projects.fieldOfActionId))
    .leftJoin(workflowInstances, projectInstanceJoin)
    .where(scoped(projects, tenant, isNull(projects.archivedAt)))
    .orderBy(asc(projects.title))
    .all();
  const catalog = projectStateCatalog(db, tenant);
  const labels = projectStateLabels(db, tenant, rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, stateLabel: labels.get(r.id) ?? "ohne Ablauf", closed: r.state !== null && catalog.closed.includes(r.state) }));
}

function maturitySection(db: DbOrTx, tenant: Tenant): CouncilReportData["maturity"] {
  const latest = listAssessments(db, tenant).find((a) => a.status === "final");
  const trend = snapshotTrend(db, tenant);
  const history = Object.entries(MATURITY_AREA_LABELS).map(([area, label]) => ({
    label,
    history: trend
      .map((s) => ({ at: s.finalisedAt, value: s.areas.find((a) => a.area === area)?.current ?? null }))
      .filter((s) => s.value !== null)
      .map((s) => `${level(s.value)} (${formatDate(s.at)})`)
      .join(" → "),
  })).filter((t) => t.history !== "");
  if (!latest) {
    return { summary: "Es gibt noch keine abgeschlossene Selbstbewertung zum Reifegrad.", areas: [], gaps: [], trend: history };
  }
  const view = assessmentView(db, tenant, latest.id)!;
  return {
    summary: `Selbstbewertung abgeschlossen am ${formatDate(latest.finalisedAt)}${view.assessment.finalisedByName ? ` von ${view.assessment.finalisedByName}` : ""}, Zieljahr ${latest.targetYear}; ${formatNumber(view.gaps.length)} Kriterien liegen unter ihrem Ziel. Stufen 0 bis 4.`,
    areas: view.areas.map((a) => ({ label: a.label, current: level(a.current), target: level(a.target), rated: `${a.rated} von ${a.items}` })),
    gaps: view.gaps.slice(0, 8).map((g) => ({
      code: g.item.code,
      title: g.item.title,
      area: MATURITY_AREA_LABELS[g.item.area],
      levels: `${g.currentLevel} → ${g.targetLevel}`,
      proposal: g.proposal ?? "–",
      measures: g.measures.length || g.goals.length
        ? [...g.measures.map((m) => `Projekt: ${m.title} (${m.stateLabel})`), ...g.goals.map((m) => `Ziel: ${m.title} (${m.stateLabel})`)].join("; ")
        : "noch keine",
    })),
    trend: history,
  };
}

/** Digitalbericht für den Rat: agenda, Reifegrad, portfolio, funding, trainings, status reports, changes. */
export function loadCouncilReportData(
  db: DbOrTx,
  tenant: Tenant,
  context: { generatedAt: string; generatedBy: string; today: string },
): CouncilReportData {
  const municipality = db.select({ name: municipalities.name, slug: municipalities.slug }).from(municipalities).where(eq(municipalities.id, tenant.municipalityId)).get()!;
  const overview = agendaOverview(db, tenant, context.today);
  const fields = overview.focusAreas.flatMap((f) =>
    f.fields.map((field) => ({
      focusArea: FOCUS_AREA_LABELS[f.focusArea],
      name: field.name,
      goals: field.goals.length,
      projects: field.projects.length,
      progress: formatShare(field.progress),
    })),
  );
  const goals = overview.focusAreas.flatMap((f) =>
    f.fields.flatMap((field) =>
      field.goals.map((g) => ({
        field: field.name,
        title: g.title,
        indicator: `${g.indicator} (${g.unit})`,
        baseline: formatNumber(g.baseline),
        actual: g.current ? formatNumber(g.current.value) : "–",
        target: formatNumber(g.targetValue),
        progressPercent: Math.round(g.progress * 100),
      })),
    ),
  );

  const portfolioRows = listPortfolio(db, tenant);
  const portfolio = [
    ...CLASSIFICATIONS.map((c) => ({ classification: CLASSIFICATION_LABELS[c], count: portfolioRows.filter((p) => p.classification === c).length })),
    { classification: "noch nicht bewertet", count: portfolioRows.filter((p) => !p.classification).length },
  ];
  const classified = (c: (typeof CLASSIFICATIONS)[number]) =>
    portfolioRows.filter((p) => p.classification === c).map((p) => ({ title: p.title, fieldOfAction: p.fieldOfAction, reason: p.reason || "–" }));

  const funding = fundingOverview(tenant, db, context.today);
  const securedRows = funding.applications.filter((a) => a.grantedCents != null);
  const pendingRows = funding.applications.filter((a) => !NOT_PENDING.has(a.state));
  const pendingTotalCents = pendingRows.reduce((s, a) => s + a.grantCents, 0);

  const coverage = unitCoverage(tenant, context.today, db);
  const trainingSummary =
    coverage.total.employees === 0
      ? "Es sind noch keine Beschäftigten erfasst."
      : `${formatPercentBp(coverage.total.coverageBp)} der Beschäftigten sind geschult (mindestens eine Schulung in den letzten 12 Monaten und alle Pflichtschulungen aktuell): ${formatNumber(coverage.total.covered)} von ${formatNumber(coverage.total.employees)}; Ziel der Kommune ${formatPercentBp(coverage.targetBp)}.`;

  const current = projectSnapshots(db, tenant);
  const sinceLast = compareWithPrevious(previousCouncilReport(db, tenant), current, context.today);
  const maturity = maturitySection(db, tenant);
  const count = (c: string) => portfolio.find((p) => p.classification === c)!.count;

  return {
    municipality,
    generatedAt: context.generatedAt,
    generatedBy: context.generatedBy,
    agenda: { title: overview.agenda?.title ?? "Digitalagenda", vision: overview.agenda?.vision ?? "" },
    reportDate: context.today,
    kpis: [
      { label: "Projekte im Portfolio", value: formatNumber(portfolioRows.length) },
      { label: "Leuchttürme", value: formatNumber(count(CLASSIFICATION_LABELS.lighthouse)) },
      { label: "Nachzügler", value: formatNumber(count(CLASSIFICATION_LABELS.laggard)) },
      { label: "Messbare Ziele der Digitalagenda", value: formatNumber(goals.length) },
      { label: "Bewilligte Fördermittel", value: formatEuro(funding.totals.grantedCents) },
      { label: "Beantragt, noch ohne Entscheidung (erwartete Zuwendung)", value: formatEuro(pendingTotalCents) },
      { label: "Schulungsquote", value: formatPercentBp(coverage.total.coverageBp) },
    ],
    fields,
    goals,
    maturity,
    portfolio,
    lighthouses: classified("lighthouse"),
    laggards: classified("laggard"),
    fundingSecured: securedRows.map((a) => ({ title: a.title, programme: a.programmeName, stage: a.stateLabel, grantedCents: a.grantedCents!, receivedCents: a.receivedCents })),
    fundingSecuredTotalCents: funding.totals.grantedCents,
    fundingPending: pendingRows.map((a) => ({ title: a.title, programme: a.programmeName, stage: a.stateLabel, grantCents: a.grantCents })),
    fundingPendingTotalCents: pendingTotalCents,
    training: {
      summary: trainingSummary,
      units: coverage.units.map((u) => ({
        unit: u.unitName,
        employees: u.employees,
        covered: u.covered,
        coverage: formatPercentBp(u.coverageBp),
        meetsTarget: u.meetsTarget === null ? "–" : u.meetsTarget ? "ja" : "nein",
      })),
    },
    projectStatus: latestStatusReports(db, tenant).map((r) => ({
      title: r.title,
      light: TRAFFIC_LIGHT_LABELS[r.light],
      reportedOn: r.reportedOn,
      author: r.authorName,
      progress: r.progress,
      nextSteps: r.nextSteps || "–",
      needs: r.needs || "–",
    })),
    sinceLast,
    projects: current,
  };
}
