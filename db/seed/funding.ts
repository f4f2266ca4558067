import { and, eq } from "drizzle-orm";
import { addMonthsIso, endOfMonthAfter } from "../../app/utils/calendar";
import { SYSTEM_ACTOR, writeAudit } from "../../app/utils/audit.server";
import type { Db, Tx } from "../../app/utils/db.server";
import { todayIso } from "../../app/utils/format";
import { recordContributor } from "../../app/areas/funding/contributors.server";
import { SUBJECT_TYPE, syncDeadlines } from "../../app/areas/funding/deadlines.server";
import { type WorkflowCaller, fireTransition, startWorkflow } from "../../app/workflow/index.server";
import * as s from "../schema";
import type { SeededOrganisation } from "./organisation";
import { projectsByTitle } from "./agenda-projects";

type ProgrammeValues = typeof s.fundingProgrammes.$inferInsert;

/**
 * Example programmes, each marked as an example: the rules follow DOMAIN.md (ANBest-Gk/-P
 * defaults), the names and figures are illustrative, not real calls for proposals.
 */
export function examplePrograms(today: string): ProgrammeValues[] {
  const year = Number(today.slice(0, 4));
  return [
    {
      isExample: true,
      funder: "Bund (Beispiel: Bundesministerium für Digitales)",
      programmeAgency: "Projektträger Digitale Verwaltung (Beispiel)",
      name: "Digitale Kommune – Verwaltungsleistungen online (Beispiel)",
      description:
        "Anteilfinanzierung von Vorhaben, die Verwaltungsleistungen medienbruchfrei online anbieten (OZG, EfA-Nachnutzung). Zuwendung nach § 44 BHO mit ANBest-Gk.",
      sourceUrl: "https://www.example.org/foerderung/digitale-kommune",
      fieldsOfAction: ["Verwaltung", "Bürgerservice", "Infrastruktur"],
      applicantKinds: ["stadt", "gemeinde", "amt", "landkreis"],
      fundingType: "share",
      rateBp: 6500,
      weakRateBp: 8000,
      minGrantCents: 1_000_000,
      maxGrantCents: 50_000_000,
      eligibleCostCategories: ["externalServices", "investments", "materials"],
      windowOpens: `${year}-01-01`,
      windowCloses: addMonthsIso(today, 5),
      ancillaryProvisions: "ANBest-Gk",
      roundingRule: "euroDown",
      drawdownWindowMonths: 2,
      interimReportMonths: 4,
      finalReportMonths: 6,
      permittedDeviationBp: 2000,
      totalOverrunToleranceBp: 1000,
    },
    {
      isExample: true,
      funder: "Land Brandenburg (Beispiel)",
      programmeAgency: "Investitionsbank des Landes (Beispiel)",
      name: "Kommunale Digitalisierung Brandenburg – zweistufig (Beispiel)",
      description:
        "Landesprogramm mit Projektskizze zu einem festen Stichtag; nach Aufforderung folgt der Vollantrag. Verwendungsnachweis jeweils bis 31. März des Folgejahres.",
      sourceUrl: "https://www.example.org/land/kommunale-digitalisierung",
      fieldsOfAction: ["Verwaltung", "Bildung", "Mobilität", "Energie"],
      applicantKinds: [],
      applicantState: "Brandenburg",
      fundingType: "share",
      rateBp: 7500,
      minGrantCents: 500_000,
      maxGrantCents: 20_000_000,
      eligibleCostCategories: ["personnel", "externalServices", "investments", "materials"],
      outlineFirst: true,
      outlineDeadline: addMonthsIso(today, 2),
      windowCloses: addMonthsIso(today, 6),
      ancillaryProvisions: "ANBest-K",
      roundingRule: "cent",
      drawdownWindowMonths: 2,
      interimReportMonths: null,
      finalReportMonths: 6,
      finalReportFixedDay: "03-31",
      permittedDeviationBp: 2000,
      totalOverrunToleranceBp: 1000,
    },
    {
      isExample: true,
      funder: "Stiftung Digitale Dörfer (Beispiel)",
      name: "Smart-Village-Starter – Festbetrag (Beispiel)",
      description: "Festbetrag von 25.000 € für kleine Gemeinden, die erste digitale Bürgerdienste einführen. Anträge jederzeit.",
      sourceUrl: "https://www.example.org/smart-village-starter",
      fieldsOfAction: [],
      applicantKinds: ["gemeinde", "amt"],
      maxPopulation: 20_000,
      fundingType: "fixed",
      rateBp: 0,
      fixedAmountCents: 2_500_000,
      eligibleCostCategories: [],
      ancillaryProvisions: "ANBest-P",
      roundingRule: "cent",
      drawdownWindowMonths: 2,
      interimReportMonths: null,
      finalReportMonths: 3,
      permittedDeviationBp: 2000,
      totalOverrunToleranceBp: 1000,
    },
    {
      isExample: true,
      funder: "Bund und Länder (Beispiel)",
      name: "Digitale Bildungsinfrastruktur – Schulen (Beispiel)",
      description: "Ausstattung von Schulen mit WLAN und Präsentationstechnik. Die Antragsfrist dieser Runde ist abgelaufen.",
      fieldsOfAction: ["Bildung"],
      applicantKinds: ["stadt", "gemeinde", "landkreis"],
      fundingType: "share",
      rateBp: 9000,
      maxGrantCents: 150_000_000,
      eligibleCostCategories: ["investments", "externalServices"],
      windowOpens: `${year - 1}-10-01`,
      windowCloses: `${year}-03-31`,
      ancillaryProvisions: "ANBest-Gk",
      roundingRule: "euroDown",
      drawdownWindowMonths: 2,
      interimReportMonths: 4,
      finalReportMonths: 6,
      permittedDeviationBp: 2000,
      totalOverrunToleranceBp: 1000,
    },
  ];
}

function caller(org: SeededOrganisation, municipalityId: number, email: string, role: WorkflowCaller["role"]): WorkflowCaller {
  return { municipalityId, actor: { userId: org.users.get(email)!, label: email }, role };
}

function fire(tx: Tx, who: WorkflowCaller, applicationId: number, transition: string, comment?: string) {
  const instance = tx
    .select({ id: s.workflowInstances.id, version: s.workflowInstances.version })
    .from(s.workflowInstances)
    .where(and(eq(s.workflowInstances.municipalityId, who.municipalityId), eq(s.workflowInstances.subjectType, SUBJECT_TYPE), eq(s.workflowInstances.subjectId, applicationId)))
    .get()!;
  fireTransition(tx, who, { instanceId: instance.id, transition, expectedVersion: instance.version, comment });
}

/**
 * The shared example catalogue, one Kommune-own programme for Musterstadt, and a demo grant for
 * "Digitaler Bauantrag": granted, partly drawn, with receipts, so reports and the overview have data.
 */
export function seedFunding(db: Db, org: SeededOrganisation): void {
  const tx = db as unknown as Tx;
  const today = todayIso();
  const ids = examplePrograms(today).map((p) => db.insert(s.fundingProgrammes).values(p).returning({ id: s.fundingProgrammes.id }).get().id);
  const m = org.musterstadt;
  db.insert(s.fundingProgrammes)
    .values({
      municipalityId: m.id,
      isExample: true,
      funder: "Bürgerstiftung Musterstadt (Beispiel)",
      name: "Bürgerstiftung: Digitale Teilhabe (eigenes Programm, Beispiel)",
      description: "Kommunaleigenes Programm: Zuschüsse für Projekte, die älteren Menschen den Zugang zu Online-Diensten erleichtern.",
      fieldsOfAction: ["Bürgerservice", "Bildung", "Personal"],
      fundingType: "share",
      rateBp: 5000,
      maxGrantCents: 3_000_000,
      ancillaryProvisions: "other",
      roundingRule: "euroDown",
    })
    .run();

  const projects = projectsByTitle(db, m.id);
  const projectId = projects.get("Digitaler Bauantrag");
  if (!projectId) return;
  const cdo = caller(org, m.id, "cdo@musterstadt.example", "cdo");
  const finance = caller(org, m.id, "kaemmerei@musterstadt.example", "finance");
  const start = addMonthsIso(today, -7);
  const periodStart = `${start.slice(0, 7)}-01`;
  const periodEnd = endOfMonthAfter(periodStart, 17);
  const app = db
    .insert(s.fundingApplications)
    .values({
      municipalityId: m.id,
      projectId,
      programmeId: ids[0],
      title: "Digitaler Bauantrag – Digitale Kommune",
      description: "Einführung des digitalen Bauantragsverfahrens mit EfA-Nachnutzung und Anbindung an das Fachverfahren.",
      thirdPartyFundsCents: 0,
      createdBy: cdo.actor.userId,
    })
    .returning()
    .get();
  const plan: [s.CostCategory, string, number, number][] = [
    ["externalServices", "Einführung und Anpassung des Fachverfahrens", Number(periodStart.slice(0, 4)), 18_000_000],
    ["investments", "Scanner und Großformat-Bildschirme", Number(periodStart.slice(0, 4)), 4_500_000],
    ["materials", "Lizenzen im ersten Jahr", Number(periodEnd.slice(0, 4)), 3_000_000],
    ["personnel", "Projektleitung (eigenes Personal)", Number(periodStart.slice(0, 4)), 2_500_000],
  ];
  for (const [costCategory, description, budgetYear, plannedCents] of plan) {
    db.insert(s.financePlanItems).values({ municipalityId: m.id, applicationId: app.id, costCategory, description, budgetYear, plannedCents }).run();
  }
  recordContributor(tx, cdo, app.id, cdo.actor.userId, "author");
  recordContributor(tx, cdo, app.id, cdo.actor.userId, "financePlan");
  startWorkflow(tx, cdo, { definitionKey: "fundingApplication", subjectType: SUBJECT_TYPE, subjectId: app.id });
  fire(tx, cdo, app.id, "requestInternalReview");
  db.update(s.fundingApplications)
    .set({ ownContributionConfirmed: true, ownContributionConfirmedBy: finance.actor.userId, ownContributionBudgetRef: "HH 11.1.01 / 7831000" })
    .where(eq(s.fundingApplications.id, app.id))
    .run();
  fire(tx, finance, app.id, "submit", "Eigenanteil im Haushalt gesichert, Antrag freigegeben.");
  // 65 % of the eligible 255.000 € (personnel is not eligible under this programme).
  db.update(s.fundingApplications)
    .set({
      submittedOn: addMonthsIso(today, -9),
      fileNumber: "DK-2-4711/BE",
      decisionDate: addMonthsIso(today, -7),
      grantedCents: 16_575_000,
      fundingPeriodStart: periodStart,
      fundingPeriodEnd: periodEnd,
      earmarkingUntil: endOfMonthAfter(periodEnd, 60),
    })
    .where(eq(s.fundingApplications.id, app.id))
    .run();
  fire(tx, finance, app.id, "recordApproval", "Zuwendungsbescheid DK-2-4711/BE");
  fire(tx, cdo, app.id, "startImplementation");

  const drawn = addMonthsIso(today, -4);
  db.insert(s.drawdowns)
    .values({ municipalityId: m.id, applicationId: app.id, requestedOn: drawn, requestedCents: 6_500_000, plannedPaymentsCents: 10_000_000, receivedOn: drawn, receivedCents: 6_500_000 })
    .run();
  db.insert(s.drawdowns)
    .values({ municipalityId: m.id, applicationId: app.id, requestedOn: addMonthsIso(today, -1), requestedCents: 3_250_000, plannedPaymentsCents: 5_000_000, receivedOn: null, receivedCents: null })
    .run();
  const receipts: [string, number, string, string, s.CostCategory, number, boolean][] = [
    ["RE-2025-101", -6, "Bau-IT Consulting GmbH", "Konzeption Prozessdigitalisierung", "externalServices", 2_380_000, true],
    ["RE-2025-117", -5, "Bau-IT Consulting GmbH", "Einrichtung Fachverfahren, 1. Abschlag", "externalServices", 4_760_000, true],
    ["RE-2025-130", -4, "Büro & Technik Schmidt KG", "Scanner A3 (3 Stück)", "investments", 1_190_000, true],
    ["RE-2025-142", -3, "Bau-IT Consulting GmbH", "Schnittstelle XBau, 2. Abschlag", "externalServices", 3_570_000, true],
    ["RE-2025-151", -2, "Displaywelt GmbH", "Großformat-Bildschirme (2 Stück)", "investments", 2_261_000, true],
    ["RE-2025-166", -1, "Softwarehaus Nord AG", "Lizenzen Fachverfahren", "materials", 1_428_000, false],
  ];
  for (const [receiptNumber, months, payee, purpose, costCategory, amountCents, paid] of receipts) {
    const date = addMonthsIso(today, months);
    db.insert(s.expenditures)
      .values({
        municipalityId: m.id,
        applicationId: app.id,
        receiptNumber,
        receiptDate: date,
        payee,
        purpose,
        costCategory,
        amountCents,
        paidOn: paid ? date : null,
      })
      .run();
  }
  syncDeadlines(tx, { municipalityId: m.id }, app.id);
  writeAudit(tx, { actor: SYSTEM_ACTOR, municipalityId: m.id, entity: "fundingApplication", entityId: app.id, action: "seed_demo", details: { programmes: ids.length + 1 } });
}
