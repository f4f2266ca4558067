import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { ADOPTION_STATUS_LABELS, KPI_MIN_LEVEL, levelLabel } from "~/areas/efa/adoption";
import { kommuneOzgView } from "~/areas/efa/adoption.server";
import { EFA_STATUS_LABELS } from "~/areas/efa/labels";
import { ExampleDataNotice } from "~/areas/efa/ui";
import { providerCallerFor } from "~/areas/rollin/provider.server";
import { requireContext } from "~/utils/context.server";
import { getDb } from "~/utils/db.server";
import { formatPercentBp } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "OZG-Leistungen – Fahrplan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "ozg.view");
  const db = getDb();
  const view = kommuneOzgView(db, ctx);
  return json({
    ...view,
    municipalityName: ctx.municipality.name,
    canEdit: ctx.can("ozg.edit"),
    isProvider: providerCallerFor(db, ctx.user.id) !== null,
  });
}

export default function OzgPage() {
  const { rows, kpi, exampleData, municipalityName, canEdit, isProvider } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1>OZG-Leistungen und EfA-Nachnutzung</h1>
        <p className="flex gap-4">
          <Link to="/ozg/katalog">Leistungskatalog</Link>
          {isProvider ? <Link to="/ozg/kommunen">Alle betreuten Kommunen</Link> : null}
        </p>
      </div>
      {params.get("hinweis") === "gespeichert" ? <p className="alert-success" role="status">Der Stand der Leistung ist gespeichert.</p> : null}
      <ExampleDataNotice show={exampleData} />
      <section aria-labelledby="kennzahl" className="card space-y-1">
        <h2 id="kennzahl">Kennzahl: digitale Leistungen</h2>
        <p className="text-3xl font-semibold" data-testid="ozg-kpi">
          {formatPercentBp(kpi.shareBp)}
        </p>
        <p className="text-sm text-slate-700">
          {kpi.relevant === 0
            ? "Für diese Kommune ist keine Leistung des Katalogs als relevant erfasst."
            : `${kpi.atTarget} von ${kpi.relevant} relevanten Leistungen in ${municipalityName} sind mindestens auf Stufe ${KPI_MIN_LEVEL} (Online-Leistung) des OZG-Reifegradmodells. Leistungen „nicht relevant“ zählen nicht mit.`}
        </p>
      </section>
      {rows.length === 0 ? (
        <p className="card">Der Leistungskatalog ist noch leer. Die Plattform-Administration oder die Koordination des Roll-in-Service importiert ihn.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="table">
            <caption className="sr-only">OZG-Leistungen mit Stand der Kommune</caption>
            <thead>
              <tr>
                <th scope="col">OZG-ID</th>
                <th scope="col">Leistung</th>
                <th scope="col">Themenfeld</th>
                <th scope="col">EfA-Angebot</th>
                <th scope="col">Status</th>
                <th scope="col">Reifegrad</th>
                <th scope="col">Projekt</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.service.id} id={`leistung-${r.service.id}`}>
                  <td>{r.service.ozgId}</td>
                  <th scope="row">
                    <Link to={`/ozg/${r.service.id}`} aria-label={`${r.service.name}${canEdit ? " bearbeiten" : ""}`}>
                      {r.service.name}
                    </Link>
                  </th>
                  <td>{r.service.themenfeld}</td>
                  <td>{r.service.efaStatus ? `${r.service.efaProvidingLand}, ${EFA_STATUS_LABELS[r.service.efaStatus]}` : "kein EfA-Angebot"}</td>
                  <td>{ADOPTION_STATUS_LABELS[r.status]}</td>
                  <td>{r.status === "notRelevant" ? "–" : levelLabel(r.maturityLevel)}</td>
                  <td>{r.project ? <Link to={`/projekte/${r.project.id}`}>{r.project.title}</Link> : "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
