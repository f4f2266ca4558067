import { and, asc, eq, gte, lte } from "drizzle-orm";
import {
  drawdowns,
  expenditures,
  financePlanItems,
  fundingApplications,
  fundingProgrammes,
  municipalities,
  projects,
} from "../../../db/schema";
import { GRANTED_STATES } from "../../areas/funding/applications.server";
import { effectiveRateBp } from "../../areas/funding/calc";
import { getWorkflow } from "../../workflow/index.server";
import { COST_CATEGORY_KEYS, COST_CATEGORY_LABELS, FUNDING_TYPE_LABELS } from "../../areas/funding/labels";
import type { DbOrTx } from "../../utils/db.server";
import { type Tenant, scoped } from "../../utils/tenant.server";
import { ReportError } from "../report-error";
import { buildFinancialStatement, orderReceipts } from "./financial-statement";
import type { DrawdownLine, FinalReportData, GrantCover, InterimReportData, ReceiptLine } from "./types";

const KIND_PREFIX: Record<string, string> = { stadt: "Stadt", gemeinde: "Gemeinde", landkreis: "Landkreis", amt: "Amt" };

export interface GrantReportContext {
  generatedAt: string;
  generatedBy: string;
  narrative: string;
}

function grantedApplication(db: DbOrTx, tenant: Tenant, applicationId: number) {
  const row = db
    .select({ application: fundingApplications, programme: fundingProgrammes, project: { title: projects.title } })
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

function grantReport(
  db: DbOrTx,
  tenant: Tenant,
  applicationId: number,
  context: GrantReportContext,
  period?: { from: string; to: string; budgetYear: number },
): FinalReportData {
  const { application: a, programme, project } = grantedApplication(db, tenant, applicationId);
  const municipality = loadMunicipality(db, tenant);
  const receiptRows = db
    .select()
    .from(expenditures)
    .where(
      scoped(
        expenditures,
        tenant,
        eq(expenditures.applicationId, applicationId),
        period ? gte(expenditures.receiptDate, period.from) : undefined,
        period ? lte(expenditures.receiptDate, period.to) : undefined,
      ),
    )
    .orderBy(asc(expenditures.receiptDate), asc(expenditures.id))
    .all();
  const receipts: ReceiptLine[] = orderReceipts(
    receiptRows.map((r) => ({
      receiptNumber: r.receiptNumber,
      date: r.receiptDate,
      payee: r.payee,
      purpose: r.purpose,
      costCategory: r.costCategory,
      costCategoryLabel: COST_CATEGORY_LABELS[r.costCategory],
      amountCents: r.amountCents,
    })),
    COST_CATEGORY_KEYS,
  );
  const planItems = db
    .select({ costCategory: financePlanItems.costCategory, plannedCents: financePlanItems.plannedCents, budgetYear: financePlanItems.budgetYear })
    .from(financePlanItems)
    .where(scoped(financePlanItems, tenant, eq(financePlanItems.applicationId, applicationId)))
    .all()
    .filter((p) => !period || p.budgetYear === period.budgetYear);
  const drawdownLines: DrawdownLine[] = db
    .select()
    .from(drawdowns)
    .where(scoped(drawdowns, tenant, eq(drawdowns.applicationId, applicationId)))
    .orderBy(asc(drawdowns.requestedOn), asc(drawdowns.id))
    .all()
    .filter((d) => d.receivedOn && d.receivedCents != null)
    .filter((d) => !period || (d.receivedOn! >= period.from && d.receivedOn! <= period.to))
    .map((d) => ({ requestedOn: d.requestedOn, receivedOn: d.receivedOn, receivedCents: d.receivedCents ?? 0 }));
  const rateBp = effectiveRateBp(programme, municipality.financiallyWeak);
  const financialStatement = buildFinancialStatement({
    categoryLabels: COST_CATEGORY_LABELS,
    planItems,
    receipts,
    drawdowns: drawdownLines,
    grantedCents: a.grantedCents!,
    thirdPartyFundsCents: period ? 0 : a.thirdPartyFundsCents,
    fundingType: programme.fundingType,
    rateBp,
  });
  const cover: GrantCover = {
    applicationId: a.id,
    recipient: `${KIND_PREFIX[municipality.kind] ?? ""} ${municipality.name}`.trim(),
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
    fundingRateBp: rateBp,
    ancillaryProvisions: programme.ancillaryProvisions === "other" ? "Nebenbestimmungen" : programme.ancillaryProvisions,
  };
  return {
    municipality: { name: municipality.name, slug: municipality.slug },
    generatedAt: context.generatedAt,
    generatedBy: context.generatedBy,
    cover,
    narrative: context.narrative,
    financialStatement,
    drawdowns: drawdownLines,
    receipts,
    receiptTotalCents: receipts.reduce((s, r) => s + r.amountCents, 0),
  };
}

/** Verwendungsnachweis data of a granted application; ReportError when it cannot be made. */
export function loadFinalReportData(db: DbOrTx, tenant: Tenant, applicationId: number, context: GrantReportContext): FinalReportData {
  return grantReport(db, tenant, applicationId, context);
}

/** Zwischennachweis data: the amounts received and spent in one budget year of the funding period. */
export function loadInterimReportData(
  db: DbOrTx,
  tenant: Tenant,
  applicationId: number,
  budgetYear: number,
  context: GrantReportContext,
): InterimReportData {
  const { application } = grantedApplication(db, tenant, applicationId);
  const first = Number(application.fundingPeriodStart!.slice(0, 4));
  const last = Number(application.fundingPeriodEnd!.slice(0, 4));
  if (!Number.isInteger(budgetYear) || budgetYear < first || budgetYear > last) {
    throw new ReportError(`Das Haushaltsjahr ${budgetYear} liegt nicht im Bewilligungszeitraum (${first}–${last}).`);
  }
  const from = `${budgetYear}-01-01` < application.fundingPeriodStart! ? application.fundingPeriodStart! : `${budgetYear}-01-01`;
  const to = `${budgetYear}-12-31` > application.fundingPeriodEnd! ? application.fundingPeriodEnd! : `${budgetYear}-12-31`;
  const data = grantReport(db, tenant, applicationId, context, { from, to, budgetYear });
  return { ...data, budgetYear, periodStart: from, periodEnd: to };
}

/** Budget years of the funding period (for the Zwischennachweis choice). */
export function fundingBudgetYears(start: string | null, end: string | null): number[] {
  if (!start || !end) return [];
  const years: number[] = [];
  for (let y = Number(start.slice(0, 4)); y <= Number(end.slice(0, 4)); y++) years.push(y);
  return years;
}
