import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf";
import { currentLogo, listArchivedReports, saveLogo } from "~/reports/archive.server";
import { ReportActions } from "~/reports/components";
import { REPORT_TYPE_LABELS, isReportType } from "~/reports/data/types";
import { grantedApplications, reportableProjects } from "~/reports/overview.server";
import { archivedReportUrl, grantReportPageUrl } from "~/reports/urls";
import { requireContext } from "~/utils/context.server";
import { getDb } from "~/utils/db.server";
import { ValidationError } from "~/utils/errors";
import { formatDateTime } from "~/utils/format";
import { UPLOADS } from "~/utils/request-limits";
import { withUploadForm } from "~/utils/upload.server";

export const meta: MetaFunction = () => [{ title: "Berichte – Fahrplan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "report.view");
  const db = getDb();
  const logo = currentLogo(db, ctx);
  const archive = listArchivedReports(db, ctx).filter(
    (r) => r.reportType !== "teilnahmebescheinigung" || ctx.can("training.viewPersonalData"),
  );
  return json({
    municipalityId: ctx.municipalityId,
    canGenerate: ctx.can("report.generate"),
    // The council report speaks for the Digitalagenda: issued by those who steer it (checked again in issueReport).
    canIssueCouncil: ctx.can("report.generate") && ctx.can("agenda.edit"),
    lastCouncil: archive.find((r) => r.reportType === "digitalbericht")?.generatedAt ?? null,
    canManageLogo: ctx.can("report.manageLogo"),
    logo: logo ? { uploadedAt: logo.uploadedAt, mimeType: logo.mimeType } : null,
    applications: grantedApplications(db, ctx),
    projects: reportableProjects(db, ctx),
    archive: archive.map((r) => ({
      ...r,
      typeLabel: isReportType(r.reportType) ? REPORT_TYPE_LABELS[r.reportType] : r.reportType,
    })),
  });
}

/** Logo upload (multipart): PNG or JPEG up to 1 MB, for the header of every report. */
export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireContext(request, "report.manageLogo");
  try {
    return await withUploadForm(request, UPLOADS.logo, async (form) => {
      const file = form.get("logo");
      saveLogo(ctx, file instanceof Blob ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array());
      return json({ ok: true, fieldErrors: {} as Record<string, string[]> });
    });
  } catch (error) {
    if (error instanceof ValidationError) return json({ ok: false, fieldErrors: error.fieldErrors }, { status: 400 });
    throw error;
  }
}

function shortHash(sha: string) {
  return `${sha.slice(0, 12)}…`;
}

export default function ReportsPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const logoErrors = actionData && !actionData.ok ? (actionData.fieldErrors.logo ?? []) : [];
  return (
    <div className="space-y-6">
      <h1>Berichte</h1>
      <p className="max-w-3xl text-slate-700">
        Nachweise, Steckbriefe und Statusberichte entstehen als PDF/A aus den aktuellen Daten. Die Vorschau zeigt den
        jetzigen Stand; „erstellen und archivieren“ legt den Bericht unveränderlich im Archiv ab (mit Prüfsumme,
        Ersteller, Zeitpunkt und Datenstand).
      </p>

      <section aria-labelledby="neu" className="card space-y-4">
        <h2 id="neu">Bericht erstellen</h2>
        <div>
          <h3>Digitalbericht für den Rat</h3>
          <p className="mb-2 max-w-3xl text-sm text-slate-700">
            Digitalagenda, Reifegrad und Entwicklung, Portfolio mit Leuchttürmen und Nachzüglern, Fördermittel, Schulungen,
            letzte Statusberichte und was sich seit dem letzten ausgestellten Digitalbericht geändert hat
            {data.lastCouncil ? ` (zuletzt ausgestellt am ${formatDateTime(data.lastCouncil)})` : " (noch keiner ausgestellt: der erste Bericht vergleicht nicht)"}.
          </p>
          <ReportActions type="digitalbericht" subjectId={data.municipalityId} canGenerate={data.canIssueCouncil} label="Digitalbericht" />
        </div>
        <div>
          <h3>Digitalagenda-Statusbericht für den Rat</h3>
          <ReportActions type="statusbericht" subjectId={data.municipalityId} canGenerate={data.canGenerate} label="Statusbericht" />
        </div>
        <div>
          <h3>Verwendungs- und Zwischennachweise</h3>
          {data.applications.length === 0 ? (
            <p className="text-slate-700">Es gibt noch keine bewilligten Förderanträge.</p>
          ) : (
            <ul className="list-disc space-y-1 pl-6">
              {data.applications.map((a) => (
                <li key={a.id}>
                  <Link to={grantReportPageUrl(a.id)} className="underline">{a.title}</Link>{" "}
                  <span className="text-sm text-slate-700">
                    ({a.fileNumber ?? "ohne Aktenzeichen"}, {a.stateLabel})
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3>Projektsteckbrief</h3>
          {data.projects.length === 0 ? (
            <p className="text-slate-700">Es sind noch keine Projekte erfasst.</p>
          ) : (
            <Form method="get" action="/berichte/vorschau" target="_blank" className="flex flex-wrap items-end gap-2">
              <input type="hidden" name="typ" value="projektsteckbrief" />
              <div>
                <label htmlFor="steckbrief-projekt" className="label">
                  Projekt
                </label>
                <select id="steckbrief-projekt" name="id" className="input">
                  {data.projects.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.title}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" className="btn-secondary">
                Steckbrief anzeigen (PDF)
              </button>
            </Form>
          )}
        </div>
      </section>

      <section aria-labelledby="archiv" className="card overflow-x-auto">
        <h2 id="archiv">Archiv</h2>
        {data.archive.length === 0 ? (
          <p className="mt-2 text-slate-700">Es wurden noch keine Berichte archiviert.</p>
        ) : (
          <table className="table mt-3">
            <caption className="sr-only">Archivierte Berichte, neueste zuerst</caption>
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="py-2 pr-3">Bericht</th>
                <th scope="col" className="py-2 pr-3">Art</th>
                <th scope="col" className="py-2 pr-3">Erstellt am</th>
                <th scope="col" className="py-2 pr-3">Erstellt von</th>
                <th scope="col" className="py-2 pr-3">SHA-256</th>
                <th scope="col" className="py-2 pr-3 num">Größe</th>
                <th scope="col" className="py-2">Datei</th>
              </tr>
            </thead>
            <tbody>
              {data.archive.map((r) => (
                <tr key={r.id} className="border-b border-slate-200 align-top">
                  <td className="py-2 pr-3">
                    {r.subjectType === "fundingApplication" ? <Link to={grantReportPageUrl(r.subjectId)} className="underline">{r.title}</Link> : r.title}
                  </td>
                  <td className="py-2 pr-3">{r.typeLabel}</td>
                  <td className="py-2 pr-3">{formatDateTime(r.generatedAt)}</td>
                  <td className="py-2 pr-3">{r.generatedByName ?? r.generatedByLabel}</td>
                  <td className="py-2 pr-3 font-mono text-xs" title={r.sha256}>
                    {shortHash(r.sha256)}
                  </td>
                  <td className="py-2 pr-3 num">{Math.ceil(r.sizeBytes / 1024)} KB</td>
                  <td className="py-2">
                    <a href={archivedReportUrl(r.id)} target="_blank" rel="noreferrer" className="underline">
                      Öffnen<span className="sr-only">: {r.title}</span>
                    </a>
                    {" · "}
                    <a href={archivedReportUrl(r.id, true)} className="underline">
                      Herunterladen<span className="sr-only">: {r.title}</span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {data.canManageLogo ? (
        <section aria-labelledby="logo" className="card space-y-3">
          <h2 id="logo">Logo für Berichte</h2>
          <p className="text-slate-700">
            {data.logo
              ? `Ein Logo ist hinterlegt (hochgeladen ${formatDateTime(data.logo.uploadedAt)}). Es erscheint in der Kopfzeile jedes Berichts.`
              : "Es ist noch kein Logo hinterlegt; die Kopfzeile zeigt nur den Namen der Kommune."}
          </p>
          {actionData?.ok ? <p className="alert-success">Das Logo wurde gespeichert.</p> : null}
          <Form method="post" encType="multipart/form-data" className="flex flex-wrap items-end gap-3">
            <CsrfInput />
            <div>
              <label htmlFor="logo-datei" className="label">
                Logo-Datei (PNG oder JPEG, höchstens 1 MB)
              </label>
              <input
                id="logo-datei"
                name="logo"
                type="file"
                accept="image/png,image/jpeg"
                className="input"
                aria-invalid={logoErrors.length > 0 || undefined}
                aria-describedby={logoErrors.length > 0 ? "logo-fehler" : undefined}
              />
              {logoErrors.length > 0 ? (
                <p id="logo-fehler" className="field-error" role="alert">
                  {logoErrors.join(" ")}
                </p>
              ) : null}
            </div>
            <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
              Logo hochladen
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
