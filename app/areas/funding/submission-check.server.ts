import { eq } from "drizzle-orm";
import { reportDrafts } from "../../../db/schema";
import type { DbOrTx } from "../../utils/db.server";
import { todayIso } from "../../utils/format";
import { type Tenant, scoped } from "../../utils/tenant.server";
import { SUBJECT_TYPE } from "./subject";
import { loadLedgerInput } from "./ledger.server";
import { computeLedger } from "./money";
import { type CheckPoint, submissionCheck } from "./submission-check";

/** The Sachbericht saved for the application's final Verwendungsnachweis ("" when none). */
function finalNarrative(db: DbOrTx, tenant: Tenant, applicationId: number): string {
  return (
    db
      .select({ narrative: reportDrafts.narrative })
      .from(reportDrafts)
      .where(
        scoped(
          reportDrafts,
          tenant,
          eq(reportDrafts.reportType, "verwendungsnachweis"),
          eq(reportDrafts.subjectType, SUBJECT_TYPE),
          eq(reportDrafts.subjectId, applicationId),
          eq(reportDrafts.budgetYear, 0),
        ),
      )
      .get()?.narrative ?? ""
  );
}

/**
 * „Prüfung vor Einreichung“ of one application, computed from the ledger (the same figures as
 * the Verwendungsnachweis). Null when the application is not in the caller's Kommune.
 */
export function loadSubmissionCheck(db: DbOrTx, tenant: Tenant, applicationId: number, asOf: string = todayIso()): CheckPoint[] | null {
  const input = loadLedgerInput(db, tenant, applicationId);
  if (!input) return null;
  return submissionCheck({
    ledger: computeLedger(input),
    drawdowns: input.drawdowns,
    drawdownWindowMonths: input.programme.drawdownWindowMonths,
    narrative: finalNarrative(db, tenant, applicationId),
    asOf,
  });
}
