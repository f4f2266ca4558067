import { and, eq } from "drizzle-orm";
import {
  reportDrafts,
  drawdowns,
  expenditures,
  financePlanItems,
  fieldsOfAction,
  fundingApplications,
  fundingProgrammes,
  municipalities,
  projects,
  units,
  workflowInstances,
} from "../../db/schema";
import type { CostCategory } from "../../db/schema/funding";
import { SYSTEM_ACTOR } from "../../app/utils/audit.server";
import { transaction } from "../../app/utils/db.server";
import { tenantRow } from "../../app/utils/tenant.server";
import { startWorkflow } from "../../app/workflow/index.server";

export interface SeededGrant {
  municipalityId: number;
  applicationId: number;
  projectId: number;
  /** Total of the finance plan. */
  plannedCents: number;
  receipts: { receiptNumber: string; receiptDate: string; payee: string; purpose: string; costCategory: CostCategory; amountCents: number }[];
}

const CATEGORIES: CostCategory[] = ["personnel", "materials", "externalServices", "investments"];

/**
 * A granted funding application with finance plan, drawdowns and `receiptCount` receipts, in the
 * given Kommune, its workflow put into `state` (test shortcut: the funding workflow's guards are
 * tested by the funding area).
 */
export function seedGrant(municipalityName: string, options: { receiptCount?: number; state?: string; title?: string; narrative?: string } = {}): SeededGrant {
  const receiptCount = options.receiptCount ?? 24;
  return transaction((tx) => {
    const m = tx.select().from(municipalities).where(eq(municipalities.name, municipalityName)).get()!;
    const tenant = { municipalityId: m.id };
    const unit = tx.select().from(units).where(eq(units.municipalityId, m.id)).get()!;
    const field = tx
      .insert(fieldsOfAction)
      .values(tenantRow(tenant, { focusArea: "organisation" as const, name: `Verwaltung ${Math.random().toString(36).slice(2, 8)}` }))
      .returning()
      .get();
    const project = tx
      .insert(projects)
      .values(tenantRow(tenant, { title: "Digitales Bürgeramt", description: "Online-Termine und E-Akte", fieldOfActionId: field.id, leadUnitId: unit.id, startDate: "2025-01-01", endDate: "2026-06-30", budgetPlannedCents: 12_000_000 }))
      .returning()
      .get();
    const programme = tx
      .insert(fundingProgrammes)
      .values(tenantRow(tenant, { funder: "Land Brandenburg – Ministerium des Innern und für Kommunales", name: "Kommunal digital – Förderaufruf 2025", fundingType: "share" as const, rateBp: 6500, ancillaryProvisions: "ANBest-Gk" as const }))
      .returning()
      .get();
    const application = tx
      .insert(fundingApplications)
      .values(
        tenantRow(tenant, {
          projectId: project.id,
          programmeId: programme.id,
          title: options.title ?? "Digitales Bürgeramt – Online-Terminvergabe und E-Akte",
          fileNumber: "MIK-32-2025/0815",
          decisionDate: "2025-02-14",
          grantedCents: 6_500_000,
          fundingPeriodStart: "2025-03-01",
          fundingPeriodEnd: "2026-02-28",
        }),
      )
      .returning()
      .get();
    tx.insert(drawdowns).values(tenantRow(tenant, { applicationId: application.id, requestedOn: "2025-04-01", requestedCents: 2_000_000, plannedPaymentsCents: 2_000_000, receivedOn: "2025-04-15", receivedCents: 2_000_000 })).run();
    tx.insert(drawdowns).values(tenantRow(tenant, { applicationId: application.id, requestedOn: "2026-01-10", requestedCents: 1_500_000, plannedPaymentsCents: 1_500_000, receivedOn: "2026-01-20", receivedCents: 1_500_000 })).run();
    const receipts: SeededGrant["receipts"] = [];
    for (let i = 0; i < receiptCount; i++) {
      const month = 3 + (i % 12);
      const year = month > 12 ? 2026 : 2025;
      const r = {
        receiptNumber: `R-${String(i + 1).padStart(4, "0")}`,
        receiptDate: `${year}-${String(((month - 1) % 12) + 1).padStart(2, "0")}-${String(1 + ((i * 3) % 27)).padStart(2, "0")}`,
        payee: i % 3 === 0 ? "Müller & Söhne GmbH" : i % 3 === 1 ? "Kommunale IT-Dienstleister eG" : "Schulungszentrum Süd",
        purpose: i % 2 === 0 ? "Lizenzgebühren Bürgerportal" : "Schulung Digitallotsen (2 Tage) – Präsenz",
        costCategory: CATEGORIES[i % CATEGORIES.length],
        amountCents: 10_000 + ((i * 7919) % 400_000),
      };
      receipts.push(r);
      // Paid on the receipt date: a Verwendungsnachweis proves paid expenditure only.
      tx.insert(expenditures).values(tenantRow(tenant, { applicationId: application.id, ...r, paidOn: r.receiptDate })).run();
    }
    // The plan covers the receipts (at most 5 % over per category), so the grant passes the
    // Prüfung vor Einreichung on overruns; small grants keep the fixed plan amounts.
    let plannedTotal = 0;
    for (const [i, c] of CATEGORIES.entries()) {
      const actual = receipts.filter((r) => r.costCategory === c).reduce((sum, r) => sum + r.amountCents, 0);
      const plannedCents = Math.max(2_000_000 + i * 500_000, Math.ceil((actual * 1.05) / 100) * 100);
      plannedTotal += plannedCents;
      tx.insert(financePlanItems).values(tenantRow(tenant, { applicationId: application.id, costCategory: c, description: `Plan ${c}`, budgetYear: 2025, plannedCents })).run();
    }
    startWorkflow(tx, { ...tenant, actor: SYSTEM_ACTOR, role: "admin" }, { definitionKey: "fundingApplication", subjectType: "fundingApplication", subjectId: application.id });
    tx.update(workflowInstances)
      .set({ state: options.state ?? "inProgress" })
      .where(
        and(
          eq(workflowInstances.municipalityId, m.id),
          eq(workflowInstances.subjectType, "fundingApplication"),
          eq(workflowInstances.subjectId, application.id),
        ),
      )
      .run();
    if (options.narrative) {
      // The Sachbericht a final Verwendungsnachweis needs.
      tx.insert(reportDrafts).values(tenantRow(tenant, { reportType: "verwendungsnachweis", subjectType: "fundingApplication", subjectId: application.id, budgetYear: 0, narrative: options.narrative })).run();
    }
    return { municipalityId: m.id, applicationId: application.id, projectId: project.id, plannedCents: plannedTotal, receipts };
  });
}
