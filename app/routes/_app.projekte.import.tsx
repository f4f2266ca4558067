import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { CSV_COLUMNS, MAX_IMPORT_ROWS } from "~/areas/projects/csv-columns";
import { importProjectsCsv } from "~/areas/projects/csv.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { CsrfInput } from "~/components/csrf";
import { requireContext } from "~/utils/context.server";
import { ValidationError } from "~/utils/errors";
import { formatNumber } from "~/utils/format";
import { UPLOADS } from "~/utils/request-limits";
import { withUploadForm } from "~/utils/upload.server";

export const meta: MetaFunction = () => [{ title: "Projekte importieren – Fahrplan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireContext(request, "project.import");
  return null;
}

type ActionData = { ok: true; created: number; updated: number; unchanged: number } | { ok: false; errors: string[] };

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireContext(request, "project.import");
  try {
    return await withUploadForm(request, UPLOADS.projectImport, async (formData) => {
      const file = formData.get("file");
      if (!(file instanceof File) || file.size === 0) {
        return json<ActionData>({ ok: false, errors: ["Bitte wählen Sie eine CSV-Datei aus."] }, { status: 400 });
      }
      let content: string;
      try {
        content = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
      } catch {
        return json<ActionData>(
          { ok: false, errors: ["Die Datei ist nicht UTF-8-kodiert. Bitte speichern Sie sie in Excel als „CSV UTF-8 (durch Trennzeichen getrennt)“."] },
          { status: 400 },
        );
      }
      const result = importProjectsCsv(ctx, content, file.name || "upload.csv");
      return json<ActionData>(result, { status: result.ok ? 200 : 400 });
    });
  } catch (error) {
    if (error instanceof ValidationError) return json<ActionData>({ ok: false, errors: Object.values(error.fieldErrors).flat() }, { status: 400 });
    throw error;
  }
}

export default function ImportProjects() {
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ to: "/projekte", label: "Projekte" }, { label: "Import" }]} />
      <h1>Projekte aus CSV importieren</h1>
      <section aria-labelledby="format-titel" className="card space-y-2">
        <h2 id="format-titel">Dateiformat</h2>
        <p>
          Verwenden Sie am besten eine exportierte Datei als Vorlage. Erwartet wird eine CSV-Datei mit Semikolon als Trennzeichen in UTF-8
          (Excel: „CSV UTF-8“), deutsche Zahlen (1.234,56) und Datumsangaben (23.11.2026).
        </p>
        <p>
          Zeilen ohne ID legen neue Projekte an (Status „Idee“), Zeilen mit der ID eines Projekts dieser Kommune aktualisieren es. Für
          Aktualisierungen braucht jede Zeile die Version aus dem Export: Wurde das Projekt seitdem geändert, wird die Zeile abgelehnt,
          damit keine Änderung verloren geht. Archivierte Projekte lassen sich nicht per Import ändern. Enthält auch nur eine Zeile einen
          Fehler, wird nichts gespeichert; alle Fehler werden mit Zeilennummer aufgeführt. Höchstens {formatNumber(MAX_IMPORT_ROWS)} Projekte
          je Datei.
        </p>
        <p className="text-sm text-slate-700">Spalten: {CSV_COLUMNS.join("; ")}</p>
      </section>
      {result && !result.ok ? (
        <div className="alert-error" role="alert" data-testid="import-errors">
          <p className="font-semibold">Der Import wurde nicht ausgeführt; es wurde nichts gespeichert. Bitte korrigieren Sie:</p>
          <ul className="mt-2 list-disc pl-5">
            {result.errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {result?.ok ? (
        <div className="alert-success" role="status">
          Import abgeschlossen: {formatNumber(result.created)} angelegt, {formatNumber(result.updated)} aktualisiert, {formatNumber(result.unchanged)}{" "}
          unverändert. <Link to="/projekte">Zur Projektliste</Link>
        </div>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="card space-y-4">
        <CsrfInput />
        <div>
          <label htmlFor="import-file" className="label">
            CSV-Datei
          </label>
          <input id="import-file" name="file" type="file" accept=".csv,text/csv" required className="input" />
        </div>
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          Importieren
        </button>
      </Form>
    </div>
  );
}
