import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { OZG_CSV_OPTIONAL, OZG_CSV_REQUIRED } from "~/areas/efa/labels";
import { type CatalogueImporter, canImportCatalogue, catalogueHasExampleData, importOzgCatalogue, listOzgServices } from "~/areas/efa/catalogue.server";
import { EFA_STATUS_LABELS } from "~/areas/efa/labels";
import { ExampleDataNotice } from "~/areas/efa/ui";
import { providerCallerFor } from "~/areas/rollin/provider.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { CsrfInput } from "~/components/csrf";
import { type AppContext, requireContext } from "~/utils/context.server";
import { getDb } from "~/utils/db.server";
import { forbidden } from "~/utils/http.server";
import { UPLOADS } from "~/utils/request-limits";
import { withUploadForm } from "~/utils/upload.server";

export const meta: MetaFunction = () => [{ title: "OZG-Leistungskatalog – Fahrplan" }];

/** The platform administrator, or the person's provider role (coordination may import). */
function importerOf(ctx: AppContext): CatalogueImporter {
  return { actor: ctx.actor, isPlatformAdmin: ctx.user.isPlatformAdmin, providerRole: providerCallerFor(getDb(), ctx.user.id)?.providerRole ?? null };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "ozg.view");
  const services = listOzgServices(getDb());
  return json({
    services,
    exampleData: catalogueHasExampleData(services),
    canImport: canImportCatalogue(importerOf(ctx)),
    columns: { required: OZG_CSV_REQUIRED, optional: OZG_CSV_OPTIONAL },
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireContext(request, "ozg.view");
  const importer = importerOf(ctx);
  if (!canImportCatalogue(importer)) forbidden("Den Leistungskatalog importieren die Plattform-Administration und die Koordination eines Roll-in-Service.");
  return withUploadForm(request, UPLOADS.ozgCatalogueImport, async (form) => {
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) return json({ errors: ["Bitte wählen Sie eine CSV-Datei aus."], result: null }, { status: 400 });
    const result = importOzgCatalogue(importer, await file.text(), file.name);
    if (!result.ok) return json({ errors: result.errors, result: null }, { status: 400 });
    return json({ errors: [] as string[], result });
  });
}

export default function OzgCataloguePage() {
  const { services, exampleData, canImport, columns } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ to: "/ozg", label: "OZG-Leistungen" }, { label: "Leistungskatalog" }]} />
      <h1>OZG-Leistungskatalog</h1>
      <p className="max-w-3xl text-slate-700">
        Der Katalog gilt für die ganze Plattform: Alle Kommunen sehen dieselben Leistungen und erfassen dazu ihren eigenen Stand.
        {services.length ? ` ${services.length} Leistungen.` : ""}
      </p>
      <ExampleDataNotice show={exampleData} />
      {data?.result ? (
        <p className="alert-success" role="status">
          Import abgeschlossen: {data.result.created} neu, {data.result.updated} aktualisiert, {data.result.unchanged} unverändert.
        </p>
      ) : null}
      {data && data.errors.length > 0 ? (
        <div className="alert-error" role="alert">
          <p className="font-semibold">Die Datei wurde nicht importiert, es wurde nichts gespeichert. Bitte korrigieren Sie:</p>
          <ul className="mt-2 list-disc pl-5">
            {data.errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {canImport ? (
        <section aria-labelledby="import" className="card space-y-3 text-sm">
          <h2 id="import">Katalog importieren</h2>
          <p>
            CSV-Datei (UTF-8, Semikolon), erste Zeile mit den Spalten <code>{[...columns.required, ...columns.optional].join(";")}</code>. Pflicht sind
            OZG-ID, Name und Themenfeld; mehrere LeiKa-Schlüssel trennen Sie mit „|“. EfA-Status: „in Planung“, „in Umsetzung“ oder „verfügbar“, immer
            mit dem anbietenden Land. Bekannte OZG-IDs werden aktualisiert, neue angelegt; enthält eine Zeile einen Fehler, wird nichts gespeichert.
          </p>
          <p>
            <a href="/ozg/katalog/beispieldaten.csv" download>
              Beispieldatei herunterladen (ozg-katalog-beispieldaten.csv, Beispieldaten)
            </a>
          </p>
          <Form method="post" encType="multipart/form-data" className="flex flex-wrap items-end gap-3">
            <CsrfInput />
            <div>
              <label htmlFor="file" className="label">CSV-Datei</label>
              <input id="file" name="file" type="file" accept=".csv,text/csv" className="input" required />
            </div>
            <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
              Importieren
            </button>
          </Form>
        </section>
      ) : null}
      {services.length ? (
        <div className="overflow-x-auto">
          <table className="table">
            <caption className="sr-only">Leistungen des Katalogs</caption>
            <thead>
              <tr>
                <th scope="col">OZG-ID</th>
                <th scope="col">Leistung</th>
                <th scope="col">Themenfeld</th>
                <th scope="col">LeiKa-Schlüssel</th>
                <th scope="col">EfA-Land</th>
                <th scope="col">EfA-Status</th>
              </tr>
            </thead>
            <tbody>
              {services.map((s) => (
                <tr key={s.id}>
                  <td>{s.ozgId}</td>
                  <th scope="row">{s.name}</th>
                  <td>{s.themenfeld}</td>
                  <td>{s.leikaKeys.join(", ") || "–"}</td>
                  <td>{s.efaProvidingLand ?? "–"}</td>
                  <td>{s.efaStatus ? EFA_STATUS_LABELS[s.efaStatus] : "kein EfA-Angebot"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="card">Der Katalog ist noch leer.</p>
      )}
    </div>
  );
}
