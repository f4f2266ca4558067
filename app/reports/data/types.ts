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
  "digitalbericht",
] as const;
export type ReportType = (typeof REPORT_TYPES)[number];

export const REPORT_TYPE_LABELS: Record<ReportType, string> = {
  verwendungsnachweis: "Verwendungsnachweis",
  zwischennachweis: "Zwischennachweis",
  projektsteckbrief: "Projektsteckbrief",
  statusbericht: "Digitalagenda-Statusbericht",
  teilnahmebescheinigung: "Teilnahmebescheinigung",
  digitalbericht: "Digitalbericht für den Rat",
};

/** What a report is about: the record its data comes from. */
export const REPORT_SUBJECT: Record<ReportType, string> = {
  verwendungsnachweis: "fundingApplication",
  zwischennachweis: "fundingApplication",
  projektsteckbrief: "project",
  statusbericht: "agenda",
  teilnahmebescheinigung: "certificate",
  digitalbericht: "agenda",
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
  /** Printed across every page when set (e.g. "Entwurf"). */
  watermark?: string;
}

/** Eine Zeile der Belegliste (zeitliche Reihenfolge, laufende Nummer). */
export interface ReceiptLine {
  runningNumber: number;
  receiptNumber: string;
  /** Belegdatum. */
  date: string;
  paidOn: string | null;
  /** Beleg- und Zahlungsdatum in einer Zelle (PDF). */
  dates: string;
  payee: string;
  purpose: string;
  /** Empfänger und Zweck in einer Zelle (PDF). */
  payeePurpose: string;
  costCategory: string;
  costCategoryLabel: string;
  netCents: number;
  vatCents: number;
  /** Brutto. */
  amountCents: number;
  eligibleCents: number;
  /** Why the receipt is not eligible ("" when eligible). */
  ineligibleReason: string;
}

export interface PlanActualLine {
  costCategory: string;
  costCategoryLabel: string;
  plannedCents: number;
  actualCents: number;
  eligibleCents: number;
  differenceCents: number;
  /** actual relative to plan, in basis points of the plan (null when nothing was planned). */
  deviationBp: number | null;
  /** Short mark for the table: "", "innerhalb P %", "über P %", "ungeplant". */
  mark: string;
}

export interface IncomeLine {
  label: string;
  plannedCents: number;
  actualCents: number;
}

export interface DrawdownLine {
  requestedOn: string;
  requestedCents: number;
  receivedOn: string | null;
  /** null while requested but not yet received. */
  receivedCents: number | null;
  status: string;
}

/** A drawdown made despite the spending-window check, with its written reason. */
export interface OverrideLine {
  requestedOn: string;
  requestedCents: number;
  reason: string;
}

/** Änderungsbescheid (amendment decision) as recorded in the application's history. */
export interface AmendmentLine {
  recordedOn: string;
  text: string;
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

/** Who to contact at the Zuwendungsempfänger about this report. */
export interface GrantContact {
  recipient: string;
  unit: string;
  person: string;
  email: string;
}

export interface FinancialStatement {
  /** Zuwendung, Eigenmittel, Drittmittel: plan and actual. */
  income: IncomeLine[];
  /** Set whenever own funds are negative: the figure never stands without this line. */
  ownFundsNote: string;
  /** What the actual income figures are, with the own-funds note when it applies. */
  incomeNote: string;
  /** Which amounts count (net with Vorsteuerabzug, else gross). */
  countingNote: string;
  expenditure: PlanActualLine[];
  totals: {
    plannedIncomeCents: number;
    actualIncomeCents: number;
    plannedExpenditureCents: number;
    actualExpenditureCents: number;
    eligibleExpenditureCents: number;
    deviationBp: number | null;
    mark: string;
  };
  /** The programme's limits: per item (P %) and total overrun. */
  limitsNote: string;
  /** German findings: overruns beyond the limits (empty when none). */
  overruns: { message: string }[];
  grant: {
    grantedCents: number;
    grantShareBp: number;
    requestedCents: number;
    receivedCents: number;
    pendingCents: number;
    eligibleCents: number;
    ineligibleCents: number;
    /** The grant share of the eligible expenditure, capped at the granted amount. */
    usedCents: number;
    /** received − used: positive = to pay back, negative = still to be drawn. */
    balanceCents: number;
    balanceKind: "overpaid" | "toDraw" | "balanced";
    balanceLabel: string;
    balanceText: string;
    interestCents: number;
  };
}

/** Verwendungsnachweis (ANBest-P Nr. 6): Sachbericht + zahlenmäßiger Nachweis + Belegliste. */
export interface FinalReportData extends ReportBase {
  cover: GrantCover;
  contact: GrantContact;
  /** "Verwendungsnachweis", "Vorzeitiger Verwendungsnachweis" or "Verwendungsnachweis (Entwurf)". */
  documentLabel: string;
  /** Sentence with the reason when issued before the end of the funding period ("" otherwise). */
  earlyNote: string;
  narrative: string;
  financialStatement: FinancialStatement;
  drawdowns: DrawdownLine[];
  overrides: OverrideLine[];
  amendments: AmendmentLine[];
  /** Chronological Belegliste. */
  receipts: ReceiptLine[];
  /** Receipts that count as not eligible, with their reason. */
  ineligibleReceipts: ReceiptLine[];
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
  /** Per funding application: total costs of its finance plan, grant, funds received (from the ledger). */
  funding: { title: string; programme: string; stage: string; plannedCostsCents: number; grantedCents: number | null; receivedCents: number }[];
  /** Sum of the applications' finance plans: the funded measure's costs, not the project budget. */
  fundingPlannedTotalCents: number;
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
  /** The latest status report of every project that has one (traffic light, progress, next steps, needs). */
  projectStatus: { title: string; light: string; reportedOn: string; author: string; progress: string; nextSteps: string; needs: string }[];
}

/**
 * Digitalbericht für den Rat: every figure comes from the function the page showing it uses
 * (agenda, Reifegrad, portfolio, funding, trainings); `projects` is stored with the archived
 * report so the next one can say what changed since.
 */
export interface CouncilReportData extends ReportBase {
  agenda: { title: string; vision: string };
  reportDate: string;
  kpis: { label: string; value: string }[];
  /** Agenda progress per Handlungsfeld (as on the agenda page). */
  fields: { focusArea: string; name: string; goals: number; projects: number; progress: string }[];
  goals: { field: string; title: string; indicator: string; baseline: string; actual: string; target: string; progressPercent: number }[];
  maturity: {
    /** "Selbstbewertung abgeschlossen am …" or why there is none. */
    summary: string;
    areas: { label: string; current: string; target: string; rated: string }[];
    gaps: { code: string; title: string; area: string; levels: string; proposal: string; measures: string }[];
    /** Per field: the current average of every finalised assessment, oldest first. */
    trend: { label: string; history: string }[];
  };
  portfolio: { classification: string; count: number }[];
  lighthouses: { title: string; fieldOfAction: string; reason: string }[];
  laggards: { title: string; fieldOfAction: string; reason: string }[];
  fundingSecured: { title: string; programme: string; stage: string; grantedCents: number; receivedCents: number }[];
  fundingSecuredTotalCents: number;
  fundingPending: { title: string; programme: string; stage: string; grantCents: number }[];
  fundingPendingTotalCents: number;
  training: { summary: string; units: { unit: string; employees: number; covered: number; coverage: string; meetsTarget: string }[] };
  projectStatus: { title: string; light: string; reportedOn: string; author: string; progress: string; nextSteps: string; needs: string }[];
  sinceLast: {
    previousIssuedAt: string | null;
    note: string;
    emptyNew: string;
    emptyFinished: string;
    emptyDelayed: string;
    newProjects: { title: string; fieldOfAction: string; detail: string }[];
    finishedProjects: { title: string; fieldOfAction: string; detail: string }[];
    delayedProjects: { title: string; fieldOfAction: string; detail: string }[];
  };
  /** The project states at issue time: what the next Digitalbericht compares with. */
  projects: { id: number; title: string; fieldOfAction: string; state: string | null; stateLabel: string; closed: boolean; startDate: string | null; endDate: string | null }[];
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
  digitalbericht: CouncilReportData;
}

export function isReportType(value: string): value is ReportType {
  return (REPORT_TYPES as readonly string[]).includes(value);
}
