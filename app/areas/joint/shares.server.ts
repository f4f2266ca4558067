import { eq, ne, sum } from "drizzle-orm";
import { projectPartners } from "../../../db/schema";
import type { DbOrTx } from "../../utils/db.server";
import { ValidationError } from "../../utils/errors";
import { formatEuro } from "../../utils/format";
import { type Tenant, scoped } from "../../utils/tenant.server";
import { budgetBelowSharesMessage } from "./joint";

/** The agreed shares of a project's partners together (lead Kommune's view), optionally without one partner row. */
export function partnerSharesTotal(db: DbOrTx, lead: Tenant, projectId: number, exceptPartnerId?: number): number {
  const row = db
    .select({ total: sum(projectPartners.shareCents).mapWith(Number) })
    .from(projectPartners)
    .where(scoped(projectPartners, lead, eq(projectPartners.projectId, projectId), exceptPartnerId ? ne(projectPartners.id, exceptPartnerId) : undefined))
    .get();
  return row?.total ?? 0;
}

/** The hard rule from the project's side: its planned budget may not drop below its partners' shares. */
export function assertBudgetCoversShares(db: DbOrTx, lead: Tenant, projectId: number, budgetPlannedCents: number): void {
  const shares = partnerSharesTotal(db, lead, projectId);
  if (budgetPlannedCents < shares) throw new ValidationError({ budgetPlanned: [budgetBelowSharesMessage(shares, formatEuro)] });
}
