import { z } from "zod";
import { registerGuard } from "../workflow/index.server";
import { hasArchivedReport } from "./archive.server";
import { REPORT_TYPE_LABELS } from "./data/types";

const GRANT_REPORTS = ["verwendungsnachweis", "zwischennachweis"] as const;

/**
 * Registers the guard `finalReportArchived`: a Verwendungsnachweis (or, with params, a Zwischennachweis) may only be
 * submitted once an issued, final report for this application is in the archive; a draft (archived
 * before its period ended, marked "Entwurf") does not count. Intended for the fundingApplication
 * transitions `submitFinalReport` (and `submitInterimReport` with { reportType: "zwischennachweis" }).
 * Idempotent.
 */
export function registerReports(): void {
  registerGuard("finalReportArchived", {
    label: "Nachweis im Berichtsarchiv",
    optionLabels: REPORT_TYPE_LABELS,
    params: z.object({ reportType: z.enum(GRANT_REPORTS).default("verwendungsnachweis") }),
    describe: (p) => `${REPORT_TYPE_LABELS[p.reportType]} ist erstellt und archiviert`,
    check(ctx, p) {
      // Only a final (or vorzeitig issued) report counts: a draft is "nicht zur Einreichung bestimmt".
      if (hasArchivedReport(ctx.tx, ctx.tenant, p.reportType, ctx.instance.subjectId, { finalOnly: true })) return true;
      if (hasArchivedReport(ctx.tx, ctx.tenant, p.reportType, ctx.instance.subjectId)) {
        return `Der ${REPORT_TYPE_LABELS[p.reportType]} ist bisher nur als Entwurf archiviert (Zeitraum noch nicht beendet). Bitte archivieren Sie ihn nach Ende des Zeitraums oder als vorzeitigen Nachweis mit Begründung.`;
      }
      return `Bitte erstellen und archivieren Sie zuerst den ${REPORT_TYPE_LABELS[p.reportType]} (Berichte › Nachweise).`;
    },
  });
}
