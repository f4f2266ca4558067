import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { MUNICIPALITY_KINDS, municipalities, nowIso, users } from "./org";
import { projects } from "./projects";

/** Kostenarten of a finance plan; programmes list the ones they fund. */
export const COST_CATEGORIES = ["personnel", "materials", "investments", "externalServices", "other"] as const;
export type CostCategory = (typeof COST_CATEGORIES)[number];

/** Anteil-, Festbetrags- or Fehlbedarfsfinanzierung. */
export const FUNDING_TYPES = ["share", "fixed", "deficit"] as const;
export type FundingType = (typeof FUNDING_TYPES)[number];

export const ANCILLARY_PROVISIONS = ["ANBest-Gk", "ANBest-P", "ANBest-K", "ANBest-EU", "other"] as const;
export type AncillaryProvisions = (typeof ANCILLARY_PROVISIONS)[number];

/** How the computed grant is rounded: down to full euros or kept to the cent. */
export const ROUNDING_RULES = ["euroDown", "cent"] as const;
export type RoundingRule = (typeof ROUNDING_RULES)[number];

export const DOCUMENT_TYPES = [
  "projectOutline",
  "projectDescription",
  "financePlan",
  "budgetConfirmation",
  "quote",
  "grantDecision",
  "report",
  "receipt",
  "other",
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/**
 * Förderprogramm. `municipalityId` NULL = shared catalogue (maintained by platform admins, read by
 * every Kommune); otherwise the Kommune's own programme. Grant-law rules are columns (data), not code.
 */
export const fundingProgrammes = sqliteTable(
  "funding_programmes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id").references(() => municipalities.id),
    isExample: integer("is_example", { mode: "boolean" }).notNull().default(false),
    funder: text("funder").notNull(),
    programmeAgency: text("programme_agency"),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    sourceUrl: text("source_url"),
    /** JSON array of field-of-action names (Handlungsfelder); empty = any. */
    fieldsOfAction: text("fields_of_action", { mode: "json" }).$type<string[]>().notNull().default([]),
    /** JSON array of municipality kinds that may apply; empty = any. */
    applicantKinds: text("applicant_kinds", { mode: "json" }).$type<(typeof MUNICIPALITY_KINDS)[number][]>().notNull().default([]),
    /** Land the programme is limited to (e.g. "Brandenburg"); NULL = nationwide. */
    applicantState: text("applicant_state"),
    minPopulation: integer("min_population"),
    maxPopulation: integer("max_population"),
    fundingType: text("funding_type", { enum: FUNDING_TYPES }).notNull().default("share"),
    rateBp: integer("rate_bp").notNull().default(0),
    /** Higher rate for financially weak Kommunen (Haushaltsnotlage), if the programme grants one. */
    weakRateBp: integer("weak_rate_bp"),
    fixedAmountCents: integer("fixed_amount_cents"),
    minGrantCents: integer("min_grant_cents"),
    maxGrantCents: integer("max_grant_cents"),
    eligibleCostCategories: text("eligible_cost_categories", { mode: "json" }).$type<CostCategory[]>().notNull().default([]),
    windowOpens: text("window_opens"),
    /** Antragsfrist; NULL = applications any time. */
    windowCloses: text("window_closes"),
    outlineFirst: integer("outline_first", { mode: "boolean" }).notNull().default(false),
    outlineDeadline: text("outline_deadline"),
    ancillaryProvisions: text("ancillary_provisions", { enum: ANCILLARY_PROVISIONS }).notNull().default("ANBest-Gk"),
    roundingRule: text("rounding_rule", { enum: ROUNDING_RULES }).notNull().default("euroDown"),
    /** Drawn funds must be spent within N months (ANBest-Gk 1.2). */
    drawdownWindowMonths: integer("drawdown_window_months").notNull().default(2),
    /** Zwischennachweis K months after each budget year; NULL = none required. */
    interimReportMonths: integer("interim_report_months").default(4),
    /** Verwendungsnachweis M months after the funding period … */
    finalReportMonths: integer("final_report_months").notNull().default(6),
    /** … or a fixed day in the following year ("MM-DD", e.g. "03-31"). */
    finalReportFixedDay: text("final_report_fixed_day"),
    /** Single cost categories may exceed the plan by this much (ANBest-P 1.2). */
    permittedDeviationBp: integer("permitted_deviation_bp").notNull().default(2000),
    /** Total overrun harmless when borne by own funds (ANBest-K 1.2). */
    totalOverrunToleranceBp: integer("total_overrun_tolerance_bp").notNull().default(1000),
    /** Reclaim interest above the base rate (§ 49a VwVfG): 500 bp = 5 percentage points. */
    reclaimInterestBp: integer("reclaim_interest_bp").notNull().default(500),
    createdAt: text("created_at").notNull().default(nowIso),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("funding_programmes_municipality_idx").on(t.municipalityId)],
);

/** Förderantrag: links a project and a programme; its state is its workflow instance (`fundingApplication`). */
export const fundingApplications = sqliteTable(
  "funding_applications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id),
    programmeId: integer("programme_id")
      .notNull()
      .references(() => fundingProgrammes.id),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    thirdPartyFundsCents: integer("third_party_funds_cents").notNull().default(0),
    /** Vorsteuerabzug: the Kommune may deduct input tax for this measure, so net amounts count. */
    inputTaxDeductible: integer("input_tax_deductible", { mode: "boolean" }).notNull().default(false),
    ownContributionConfirmed: integer("own_contribution_confirmed", { mode: "boolean" }).notNull().default(false),
    ownContributionConfirmedBy: integer("own_contribution_confirmed_by").references(() => users.id),
    ownContributionBudgetRef: text("own_contribution_budget_ref"),
    submittedOn: text("submitted_on"),
    fileNumber: text("file_number"),
    decisionDate: text("decision_date"),
    grantedCents: integer("granted_cents"),
    fundingPeriodStart: text("funding_period_start"),
    fundingPeriodEnd: text("funding_period_end"),
    decisionProvisions: text("decision_provisions"),
    rejectionReason: text("rejection_reason"),
    earmarkingUntil: text("earmarking_until"),
    reclaimCents: integer("reclaim_cents"),
    reclaimSince: text("reclaim_since"),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: text("created_at").notNull().default(nowIso),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("funding_applications_municipality_idx").on(t.municipalityId),
    index("funding_applications_project_idx").on(t.projectId),
    index("funding_applications_programme_idx").on(t.programmeId),
  ],
);

/** Finanzierungsplan: planned costs per cost category and budget year. */
export const financePlanItems = sqliteTable(
  "finance_plan_items",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    applicationId: integer("application_id")
      .notNull()
      .references(() => fundingApplications.id),
    costCategory: text("cost_category", { enum: COST_CATEGORIES }).notNull(),
    description: text("description").notNull(),
    budgetYear: integer("budget_year").notNull(),
    plannedCents: integer("planned_cents").notNull(),
    eligible: integer("eligible", { mode: "boolean" }).notNull().default(true),
    createdAt: text("created_at").notNull().default(nowIso),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("finance_plan_items_municipality_idx").on(t.municipalityId),
    index("finance_plan_items_application_idx").on(t.applicationId),
  ],
);

/** Stored file: content-addressed under dataDirectory()/documents/<sha256>. */
export const applicationDocuments = sqliteTable(
  "application_documents",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    applicationId: integer("application_id")
      .notNull()
      .references(() => fundingApplications.id),
    documentType: text("document_type", { enum: DOCUMENT_TYPES }).notNull(),
    fileName: text("file_name").notNull(),
    mimeType: text("mime_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: text("sha256").notNull(),
    uploadedBy: integer("uploaded_by").references(() => users.id),
    createdAt: text("created_at").notNull().default(nowIso),
  },
  (t) => [
    index("application_documents_municipality_idx").on(t.municipalityId),
    index("application_documents_application_idx").on(t.applicationId),
  ],
);

/** Mittelabruf. */
export const drawdowns = sqliteTable(
  "drawdowns",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    applicationId: integer("application_id")
      .notNull()
      .references(() => fundingApplications.id),
    requestedOn: text("requested_on").notNull(),
    requestedCents: integer("requested_cents").notNull(),
    /** Payments due within the spending window, as stated in the request. */
    plannedPaymentsCents: integer("planned_payments_cents").notNull(),
    receivedOn: text("received_on"),
    receivedCents: integer("received_cents"),
    note: text("note"),
    /** Written reason when the request was made despite a spending-window warning (listed in the VN). */
    overrideReason: text("override_reason"),
    /** A cancelled drawdown stays on record but no longer counts. */
    cancelledOn: text("cancelled_on"),
    cancelReason: text("cancel_reason"),
    createdAt: text("created_at").notNull().default(nowIso),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("drawdowns_municipality_idx").on(t.municipalityId),
    index("drawdowns_application_idx").on(t.applicationId),
  ],
);

/** Ausgabe / Beleg; `amountCents` is gross (net + VAT unless input tax is deductible). */
export const expenditures = sqliteTable(
  "expenditures",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    applicationId: integer("application_id")
      .notNull()
      .references(() => fundingApplications.id),
    receiptNumber: text("receipt_number").notNull(),
    receiptDate: text("receipt_date").notNull(),
    payee: text("payee").notNull(),
    purpose: text("purpose").notNull(),
    costCategory: text("cost_category", { enum: COST_CATEGORIES }).notNull(),
    amountCents: integer("amount_cents").notNull(),
    netCents: integer("net_cents"),
    vatCents: integer("vat_cents"),
    paidOn: text("paid_on"),
    /** Set when a clerk keeps this receipt on record but marks it as not eligible. */
    notEligibleReason: text("not_eligible_reason"),
    documentId: integer("document_id").references(() => applicationDocuments.id),
    createdAt: text("created_at").notNull().default(nowIso),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("expenditures_municipality_idx").on(t.municipalityId),
    index("expenditures_application_date_idx").on(t.applicationId, t.receiptDate),
    index("expenditures_application_category_idx").on(t.applicationId, t.costCategory, t.amountCents),
    uniqueIndex("expenditures_receipt_unique").on(t.applicationId, t.receiptNumber),
  ],
);
