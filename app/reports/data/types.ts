/**
 * The report data each template renders. Loaders (`*.server.ts`) build these from the database;
 * the bench and unit tests build them synthetically. Amounts are integer cents, rates basis
 * points, dates ISO strings; the renderer formats them through app/utils/format.ts.
 */

export const REPORT_TYPES = [
  "verwendungsnachweis",
  "zwischennachweis",
  "projektsteckbrief",
  "statusbericht",
  "teilnahmebescheinigung",
] as const;
export type ReportType = (typeof REPORT_TYPES)[number];

export const REPORT_TYPE_LABELS: Record<ReportType, string> = {
  verwendungsnachweis: "Verwendungsnachweis",
  zwischennachweis: "Zwischennachweis",
  projektsteckbrief: "Projektsteckbrief",
  statusbericht: "Digitalagenda-Statusbericht",
  teilnahmebescheinigung: "Teilnahmebescheinigung",
};

/** What a report is about: the record its data comes from. */
export const REPORT_SUBJECT: Record<ReportType, string> = {
  verwendungsnachweis: "fundingApplication",
  zwischennachweis: "fundingApplication",
  projektsteckbrief: "project",
  statusbericht: "agenda",
  teilnahmebescheinigung: "certificate",
};

export interface ReportMunicipality {
  name: string;
  slug: string;
}

/** Fields every report data object carries. */
export interface ReportBase {
  municipality: ReportMunicipality;
  /** ISO timestamp of generation; also shown in the footer. */
  generatedAt: string;
  generatedBy: string;
}

/** Eine Beleg-Zeile der Belegliste. */
export interface ReceiptLine {
  receiptNumber: string;
  date: string;
  payee: string;
  purpose: string;
  costCategory: string;
  costCategoryLabel: string;
  amountCents: number;
}

export interface PlanActualLine {
  costCategory: string;
  costCategoryLabel: string;
  plannedCents: number;
  actualCents: number;
  differenceCents: number;
  /** actual relative to plan, in basis points of the plan (null when nothing was planned). */
  deviationBp: number | null;
}

export interface IncomeLine {
  label: string;
  plannedCents: number;
  actualCents: number;
}

export interface DrawdownLine {
  requestedOn: string;
  receivedOn: string | null;
  receivedCents: number;
}

/** Cover data of a grant report (Zuwendungsempfänger, Aktenzeichen, Bescheid, Zeitraum, Maßnahme). */
export interface GrantCover {
  applicationId: number;
  recipient: string;
  fileNumber: string;
  decisionDate: string;
  grantedCents: number;
  fundingPeriodStart: string;
  fundingPeriodEnd: string;
  measureTitle: string;
  projectTitle: string;
  programmeName: string;
  funder: string;
  programmeAgency: string | null;
  fundingTypeLabel: string;
  fundingRateBp: number;
  ancillaryProvisions: string;
}

export interface FinancialStatement {
  income: IncomeLine[];
  expenditure: PlanActualLine[];
  totals: {
    plannedIncomeCents: number;
    actualIncomeCents: number;
    plannedExpenditureCents: number;
    actualExpenditureCents: number;
  };
  grant: {
    grantedCents: number;
    receivedCents: number;
    /** The grant share of the actual expenditure, capped at the granted amount. */
    usedCents: number;
    /** received − used: positive = to pay back, negative = still to be drawn. */
    balanceCents: number;
    balanceLabel: string;
  };
}

/** Verwendungsnachweis (ANBest-P Nr. 6): Sachbericht + zahlenmäßiger Nachweis + Belegliste. */
export interface FinalReportData extends ReportBase {
  cover: GrantCover;
  narrative: string;
  financialStatement: FinancialStatement;
  drawdowns: DrawdownLine[];
  receipts: ReceiptLine[];
  receiptTotalCents: number;
}

/** Zwischennachweis for one budget year: the amounts received and spent in that year. */
export interface InterimReportData extends FinalReportData {
  budgetYear: number;
  periodStart: string;
  periodEnd: string;
}

export interface ProjectProfileData extends ReportBase {
  project: {
    id: number;
    title: string;
    description: string;
    fieldOfAction: string;
    focusArea: string;
    leadUnit: string;
    projectLead: string;
    status: string;
    startDate: string | null;
    endDate: string | null;
    budgetPlannedCents: number;
    budgetSpentCents: number;
    classification: string;
  };
  milestones: { title: string; dueDate: string; originalDueDate: string | null; done: string }[];
  risks: { title: string; category: string; rating: string; mitigation: string }[];
  funding: { title: string; programme: string; stage: string; grantedCents: number | null }[];
  moreMilestones: number;
}

export interface StatusReportData extends ReportBase {
  agenda: { title: string; vision: string };
  reportDate: string;
  kpis: { label: string; value: string }[];
  portfolio: { status: string; count: number }[];
  roadmap: { title: string; fieldOfAction: string; startDate: string | null; endDate: string | null; status: string }[];
  goals: { title: string; indicator: string; baseline: string; target: string; actual: string; progressPercent: number }[];
  laggards: { title: string; reason: string }[];
  fundingSecured: { title: string; programme: string; fileNumber: string; grantedCents: number }[];
  fundingSecuredTotalCents: number;
}

export interface CertificateData extends ReportBase {
  participantName: string;
  courseTitle: string;
  courseDescription: string;
  sessionDate: string;
  hours: number;
  trainer: string;
  place: string;
  verificationCode: string;
  checkUrl: string;
}

export interface ReportDataByType {
  verwendungsnachweis: FinalReportData;
  zwischennachweis: InterimReportData;
  projektsteckbrief: ProjectProfileData;
  statusbericht: StatusReportData;
  teilnahmebescheinigung: CertificateData;
}

export function isReportType(value: string): value is ReportType {
  return (REPORT_TYPES as readonly string[]).includes(value);
}
