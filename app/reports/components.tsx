import { Link, useFetcher, useLocation, useRouteLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect, useState } from "react";
import { CsrfInput } from "~/components/csrf";
import { REPORT_TYPE_LABELS, type ReportType } from "./data/types";
import { FETCHER_FIELD, REPORT_ERROR_PARAM, REPORT_ERROR_TYPE_PARAM, archivedReportUrl, reportPreviewUrl } from "./urls";

type IssueResult = { ok: true; reportId: number; title: string } | { ok: false; message: string };

/**
 * Preview and "issue and archive" for one report; other areas place this on their pages
 * (application, project, agenda). The preview opens the PDF from the live data; issuing archives it.
 */
export function ReportActions({
  type,
  subjectId,
  budgetYear,
  canGenerate,
  label,
  allowEarly = false,
}: {
  type: ReportType;
  subjectId: number;
  budgetYear?: number;
  canGenerate: boolean;
  label?: string;
  /** Offer "vorzeitiger Verwendungsnachweis" (before the end of the funding period, with a reason). */
  allowEarly?: boolean;
}) {
  const fetcher = useFetcher<IssueResult>();
  // Only after hydration does the form ask for JSON; without JavaScript the server redirects.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const location = useLocation();
  const [params] = useSearchParams();
  const name = label ?? REPORT_TYPE_LABELS[type];
  // Without JavaScript the form posts normally: success opens the archived PDF, an error comes back here.
  const plainError = params.get(REPORT_ERROR_TYPE_PARAM) === type ? params.get(REPORT_ERROR_PARAM) : null;
  const result: IssueResult | undefined = fetcher.data ?? (plainError ? { ok: false, message: plainError } : undefined);
  const back = new URLSearchParams(params);
  back.delete(REPORT_ERROR_PARAM);
  back.delete(REPORT_ERROR_TYPE_PARAM);
  const redirectTo = location.pathname + (back.size ? `?${back}` : "");
  return (
    <div className="flex flex-wrap items-center gap-2">
      <a href={reportPreviewUrl(type, subjectId, budgetYear)} className="btn-secondary" target="_blank" rel="noreferrer">
        {name}: Vorschau (PDF)
      </a>
      {canGenerate ? (
        <fetcher.Form method="post" action="/berichte/erzeugen">
          <CsrfInput />
          <input type="hidden" name="redirectTo" value={redirectTo} />
          {hydrated ? <input type="hidden" name={FETCHER_FIELD} value="1" /> : null}
          <input type="hidden" name="typ" value={type} />
          <input type="hidden" name="id" value={subjectId} />
          {budgetYear ? <input type="hidden" name="jahr" value={budgetYear} /> : null}
          {allowEarly ? (
            <fieldset className="mb-2 space-y-1">
              <legend className="text-sm text-slate-700">
                Der Bewilligungszeitraum läuft noch: ohne diese Angabe wird der Nachweis als „Entwurf“ gekennzeichnet.
              </legend>
              <label className="flex items-center gap-2">
                <input type="checkbox" name="vorzeitig" value="1" /> Als vorzeitigen Verwendungsnachweis vorlegen
              </label>
              <label className="block">
                <span className="block text-sm">Begründung (Pflicht bei vorzeitiger Vorlage)</span>
                <textarea name="begruendung" rows={2} maxLength={2000} className="w-full" />
              </label>
            </fieldset>
          ) : null}
          <button type="submit" className="btn-primary" disabled={fetcher.state !== "idle"}>
            {fetcher.state !== "idle" ? "Wird erstellt …" : `${name} erstellen und archivieren`}
          </button>
        </fetcher.Form>
      ) : null}
      <div aria-live="polite" className="w-full">
        {result && result.ok ? (
          <p className="alert-success mt-2">
            Archiviert: <a href={archivedReportUrl(result.reportId)} className="underline">{result.title}</a> (
            <a href={archivedReportUrl(result.reportId, true)} className="underline">herunterladen</a>)
          </p>
        ) : null}
        {result && !result.ok ? (
          <p className="alert-error mt-2" role="alert">
            {result.message}
          </p>
        ) : null}
      </div>
    </div>
  );
}

/** Whether the caller may see reports: the layout's navigation lists only permitted areas. */
function useCanViewReports(): boolean {
  const layout = useRouteLoaderData<{ nav: { to: string }[] }>("routes/_app");
  return layout?.nav.some((item) => item.to === "/berichte") ?? false;
}

/** A PDF preview link for other areas' pages (project: Projektsteckbrief, agenda: Statusbericht). */
export function ReportPreviewLink({ type, subjectId }: { type: ReportType; subjectId: number }) {
  if (!useCanViewReports()) return null;
  return (
    <a href={reportPreviewUrl(type, subjectId)} className="btn-secondary" target="_blank" rel="noreferrer">
      {REPORT_TYPE_LABELS[type]} (PDF)
    </a>
  );
}

/** A link to the report page of a funding application (Sachbericht, Nachweise, Archiv). */
export function GrantReportsLink({ applicationId }: { applicationId: number }) {
  if (!useCanViewReports()) return null;
  return (
    <Link to={`/berichte/foerderung/${applicationId}`} className="btn-secondary">
      Nachweise und Berichte
    </Link>
  );
}
