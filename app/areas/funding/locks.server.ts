import { eq } from "drizzle-orm";
import { archivedReports } from "../../../db/schema";
import { issuedReport } from "../../reports/issued-report.server";
import type { DbOrTx } from "../../utils/db.server";
import { ValidationError } from "../../utils/errors";
import { type Tenant, scoped } from "../../utils/tenant.server";

/**
 * Once a Verwendungsnachweis of the application is issued (archived as final, or vorzeitig with a
 * reason), its money (receipts, drawdowns, finance plan, Vorsteuerabzug) is part of a filed report
 * and stays as it was filed (the archive is immutable). An archived draft (before the end of the
 * funding period, marked "Entwurf") is not filed with the funder: corrections stay possible.
 */
export function receiptsLocked(db: DbOrTx, tenant: Tenant, applicationId: number): boolean {
  return (
    db
      .select({ id: archivedReports.id })
      .from(archivedReports)
      .where(
        scoped(
          archivedReports,
          tenant,
          eq(archivedReports.reportType, "verwendungsnachweis"),
          eq(archivedReports.subjectType, "fundingApplication"),
          eq(archivedReports.subjectId, applicationId),
          issuedReport(),
        ),
      )
      .get() !== undefined
  );
}

export const RECEIPTS_LOCKED_MESSAGE =
  "Die Belege sind Teil eines archivierten Verwendungsnachweises: Belege können nicht mehr erfasst, geändert oder gelöscht werden. Korrekturen bitte mit dem Fördergeber abstimmen.";

export const DRAWDOWNS_LOCKED_MESSAGE =
  "Ein Verwendungsnachweis dieses Antrags ist archiviert: Mittelabrufe können nicht mehr erfasst, korrigiert oder storniert werden. Änderungen bitte mit dem Fördergeber abstimmen.";

export const PLAN_LOCKED_MESSAGE =
  "Ein Verwendungsnachweis dieses Antrags ist archiviert: Finanzierungsplan und Vorsteuerabzug können nicht mehr geändert werden.";

/** Refuses any change to the money of an application whose Verwendungsnachweis is issued and archived. */
export function requireUnlocked(tx: DbOrTx, tenant: Tenant, applicationId: number, message: string): void {
  if (receiptsLocked(tx, tenant, applicationId)) throw new ValidationError({ form: [message] });
}
