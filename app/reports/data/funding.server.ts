import { and, asc, eq } from "drizzle-orm";
import { employees, fundingApplications, fundingProgrammes, municipalities, projects, units, users, workflowHistory } from "../../../db/schema";
import { GRANTED_STATES } from "../../areas/funding/applications.server";
import { effectiveRateBp } from "../../areas/funding/calc";
import { loadLedgerInput } from "../../areas/funding/ledger.server";
import { getWorkflow } from "../../workflow/index.server";
import { FUNDING_TYPE_LABELS } from "../../areas/funding/labels";
import type { DbOrTx } from "../../utils/db.server";
import { formatDateTime } from "../../utils/format";
import { type Tenant, scoped } from "../../utils/tenant.server";
import { ReportError } from "../report-error";
import { type GrantReportMeta, finalReportData, interimReportData, isDraftFinalReport } from "./grant-report";
import type { AmendmentLine, FinalReportData, GrantContact, GrantCover, InterimReportData } from "./types";

const KIND_PREFIX: Record<string, string> = { stadt: "Stadt", gemeinde: "Gemeinde", landkreis: "Landkreis", amt: "Amt" };

export interface GrantReportContext {
  generatedAt: string;
  generatedBy: string;
  /** Report date (ISO day). */
  today: string;
  narrative: string;
  /** Issue as vorzeitiger Verwendungsnachweis before the end of the funding period, with this reason. */
  earlyReason?: string | null;
  /** A final VN (not a draft) is refused without a Sachbericht; off only for on-page figures. */
  requireNarrative?: boolean;
}

function grantedApplication(db: DbOrTx, tenant: Tenant, applicationId: number) {
  const row = db
    .select({ application: fundingApplications, programme: fundingProgrammes, project: { title: projects.title, leadUnitId: projects.leadUnitId, leadEmployeeId: projects.projectLeadEmployeeId } })
    .from(fundingApplications)
    .innerJoin(fundingProgrammes, eq(fundingProgrammes.id, fundingApplications.programmeId))
    .leftJoin(projects, and(eq(projects.id, fundingApplications.projectId), eq(projects.municipalityId, fundingApplications.municipalityId)))
    .where(scoped(fundingApplications, tenant, eq(fundingApplications.id, applicationId)))
    .get();
  if (!row) throw new ReportError(`Förderantrag ${applicationId} wurde in dieser Kommune nicht gefunden.`, 404);
  const a = row.application;
  const workflow = getWorkflow(db, tenant, "fundingApplication", a.id);
  if (!workflow || !GRANTED_STATES.includes(workflow.state)) {
    throw new ReportError(
      `Der Förderantrag „${a.title}“ ist nicht bewilligt (Status: ${workflow?.stateLabel ?? "Antrag in Vorbereitung"}). Ein Nachweis ist erst nach dem Zuwendungsbescheid möglich.`,
    );
  }
  const missing = [
    !a.fileNumber && "Aktenzeichen",
    !a.decisionDate && "Datum des Bescheids",
    a.grantedCents == null && "bewilligter Betrag",
    (!a.fundingPeriodStart || !a.fundingPeriodEnd) && "Bewilligungszeitraum",
  ].filter(Boolean);
  if (missing.length > 0) {
    throw new ReportError(`Beim Förderantrag „${a.title}“ fehlen Angaben aus dem Zuwendungsbescheid: ${missing.join(", ")}.`);
  }
  return row;
}

function loadMunicipality(db: DbOrTx, tenant: Tenant) {
  return db
    .select({ name: municipalities.name, slug: municipalities.slug, kind: municipalities.kind, financiallyWeak: municipalities.financiallyWeak })
    .from(municipalities)
    .where(eq(municipalities.id, tenant.municipalityId))
    .get()!;
}

/** Contact for the funder: the project's lead unit and project lead, else who created the application. */
function loadContact(
  db: DbOrTx,
  tenant: Tenant,
  recipient: string,
  project: { leadUnitId: number | null; leadEmployeeId: number | null } | null,
  createdBy: number | null,
): GrantContact {
  const unit = project?.leadUnitId
    ? db.select({ name: units.name }).from(units).where(scoped(units, tenant, eq(units.id, project.leadUnitId))).get()?.name
    : undefined;
  const lead = project?.leadEmployeeId
    ? db
        .select({ firstName: employees.firstName, lastName: employees.lastName, email: employees.email })
        .from(employees)
        .where(scoped(employees, tenant, eq(employees.id, project.leadEmployeeId)))
        .get()
    : undefined;
  const creator = !lead && createdBy ? db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, createdBy)).get() : undefined;
  return {
    recipient,
    unit: unit ?? "–",
    person: lead ? `${lead.firstName} ${lead.lastName}` : (creator?.name ?? "–"),
    email: (lead ? lead.email : creator?.email) ?? "–",
  };
}

/** Änderungsbescheide as recorded in the application's workflow history (with their comment). */
function loadAmendments(db: DbOrTx, tenant: Tenant, instanceId: number | undefined): AmendmentLine[] {
  if (instanceId === undefined) return [];
  return db
    .select({ at: workflowHistory.at, comment: workflowHistory.comment, label: workflowHistory.transitionLabel })
    .from(workflowHistory)
    .where(scoped(workflowHistory, tenant, eq(workflowHistory.instanceId, instanceId), eq(workflowHistory.transition, "recordAmendmentDecision")))
    .orderBy(asc(workflowHistory.id))
    .all()
    .map((h) => ({ recordedOn: h.at, text: `${h.comment ?? h.label ?? "Änderungsbescheid"} (erfasst am ${formatDateTime(h.at)})` }));
}

function grantMeta(db: DbOrTx, tenant: Tenant, applicationId: number, context: GrantReportContext) {
  const { application: a, programme, project } = grantedApplication(db, tenant, applicationId);
  const municipality = loadMunicipality(db, tenant);
  const recipient = `${KIND_PREFIX[municipality.kind] ?? ""} ${municipality.name}`.trim();
  const cover: GrantCover = {
    applicationId: a.id,
    recipient,
    fileNumber: a.fileNumber!,
    decisionDate: a.decisionDate!,
    grantedCents: a.grantedCents!,
    fundingPeriodStart: a.fundingPeriodStart!,
    fundingPeriodEnd: a.fundingPeriodEnd!,
    measureTitle: a.title,
    projectTitle: project?.title ?? "–",
    programmeName: programme.name,
    funder: programme.funder,
    programmeAgency: programme.programmeAgency,
    fundingTypeLabel: FUNDING_TYPE_LABELS[programme.fundingType],
    fundingRateBp: effectiveRateBp(programme, municipality.financiallyWeak),
    ancillaryProvisions: programme.ancillaryProvisions === "other" ? "Nebenbestimmungen" : programme.ancillaryProvisions,
  };
  const meta: GrantReportMeta = {
    municipality: { name: municipality.name, slug: municipality.slug },
    generatedAt: context.generatedAt,
    generatedBy: context.generatedBy,
    asOf: context.today,
    cover,
    contact: loadContact(db, tenant, recipient, project, a.createdBy),
    narrative: context.narrative,
    amendments: loadAmendments(db, tenant, getWorkflow(db, tenant, "fundingApplication", a.id)?.id),
    earlyReason: context.earlyReason ?? null,
  };
  return { application: a, meta, input: loadLedgerInput(db, tenant, applicationId)! };
}

export const SACHBERICHT_MISSING =
  "Der Sachbericht fehlt. Ein Verwendungsnachweis (nach Ende des Bewilligungszeitraums oder vorzeitig) kann ohne Sachbericht nicht erstellt werden; bitte verfassen und speichern Sie ihn zuerst.";

/**
 * Verwendungsnachweis data of a granted application; ReportError when it cannot be made. Before
 * the end of the funding period it is a draft (marked "Entwurf") unless issued early with a
 * reason; a final one needs the Sachbericht.
 */
export function loadFinalReportData(db: DbOrTx, tenant: Tenant, applicationId: number, context: GrantReportContext): FinalReportData {
  const { application, meta, input } = grantMeta(db, tenant, applicationId, context);
  if (context.earlyReason?.trim() && context.today > application.fundingPeriodEnd!) {
    throw new ReportError("Der Bewilligungszeitraum ist bereits abgelaufen; ein vorzeitiger Verwendungsnachweis ist nicht nötig.");
  }
  const final = !isDraftFinalReport(application.fundingPeriodEnd!, context.today, context.earlyReason);
  if (final && context.requireNarrative !== false && !context.narrative.trim()) {
    throw new ReportError(SACHBERICHT_MISSING);
  }
  return finalReportData(input, meta);
}

/** Zwischennachweis data: the amounts received and spent in one budget year of the funding period. */
export function loadInterimReportData(
  db: DbOrTx,
  tenant: Tenant,
  applicationId: number,
  budgetYear: number,
  context: GrantReportContext,
): InterimReportData {
  const { application, meta, input } = grantMeta(db, tenant, applicationId, context);
  const first = Number(application.fundingPeriodStart!.slice(0, 4));
  const last = Number(application.fundingPeriodEnd!.slice(0, 4));
  if (!Number.isInteger(budgetYear) || budgetYear < first || budgetYear > last) {
    throw new ReportError(`Das Haushaltsjahr ${budgetYear} liegt nicht im Bewilligungszeitraum (${first}–${last}).`);
  }
  const from = `${budgetYear}-01-01` < application.fundingPeriodStart! ? application.fundingPeriodStart! : `${budgetYear}-01-01`;
  const to = `${budgetYear}-12-31` > application.fundingPeriodEnd! ? application.fundingPeriodEnd! : `${budgetYear}-12-31`;
  return interimReportData(input, { ...meta, earlyReason: null }, { budgetYear, from, to });
}

/** Budget years of the funding period (for the Zwischennachweis choice). */
export function fundingBudgetYears(start: string | null, end: string | null): number[] {
  if (!start || !end) return [];
  const years: number[] = [];
  for (let y = Number(start.slice(0, 4)); y <= Number(end.slice(0, 4)); y++) years.push(y);
  return years;
}
