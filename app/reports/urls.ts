import type { ReportType } from "./data/types";

/** German URL parameter names: typ, id, jahr (budget year of a Zwischennachweis). */
export function reportPreviewUrl(type: ReportType, subjectId: number, budgetYear?: number): string {
  const params = new URLSearchParams({ typ: type, id: String(subjectId) });
  if (budgetYear) params.set("jahr", String(budgetYear));
  return `/berichte/vorschau?${params}`;
}

/** The page with the Sachbericht draft, figures, preview and archive of a funding application's reports. */
export function grantReportPageUrl(applicationId: number): string {
  return `/berichte/foerderung/${applicationId}`;
}

export function archivedReportUrl(reportId: number, download = false): string {
  return `/berichte/archiv/${reportId}${download ? "?download=1" : ""}`;
}

/** Query parameter carrying a German error back to the page after a plain (no-JavaScript) issue post. */
export const REPORT_ERROR_PARAM = "berichtFehler";
/** The report type the error belongs to (a page may offer several reports). */
export const REPORT_ERROR_TYPE_PARAM = "berichtFehlerTyp";
/** Hidden field the hydrated issue form adds: answer with JSON instead of redirecting. */
export const FETCHER_FIELD = "fetcher";
