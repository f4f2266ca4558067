import { and, eq } from "drizzle-orm";
import { dashboardSnapshots } from "../../../db/schema";
import type { DbOrTx } from "../../utils/db.server";
import { type Tenant, scoped, tenantRow } from "../../utils/tenant.server";

/** The figures a Monatsstand keeps: figure key → number. */
export type SnapshotFigures = Record<string, number>;

function previousMonth(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

/**
 * Keeps one snapshot of the dashboard figures per Kommune and month: the first dashboard load of a
 * month writes it (later loads of the month leave it alone), and last month's snapshot is returned
 * for the trend. Not audited: it is a derived copy of figures, not a change of data.
 */
export function monthlySnapshot(db: DbOrTx, tenant: Tenant, today: string, figures: SnapshotFigures): { month: string; figures: SnapshotFigures } | null {
  const month = today.slice(0, 7);
  db.insert(dashboardSnapshots)
    .values(tenantRow(tenant, { month, takenOn: today, figures: JSON.stringify(figures) }))
    .onConflictDoNothing({ target: [dashboardSnapshots.municipalityId, dashboardSnapshots.month] })
    .run();
  const last = db
    .select({ month: dashboardSnapshots.month, figures: dashboardSnapshots.figures })
    .from(dashboardSnapshots)
    .where(scoped(dashboardSnapshots, tenant, and(eq(dashboardSnapshots.month, previousMonth(month)))))
    .get();
  return last ? { month: last.month, figures: JSON.parse(last.figures) as SnapshotFigures } : null;
}
