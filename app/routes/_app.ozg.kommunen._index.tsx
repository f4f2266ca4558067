import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { ADOPTION_STATUS_LABELS } from "~/areas/efa/adoption";
import { providerOzgMatrix } from "~/areas/efa/provider-matrix.server";
import { ExampleDataNotice } from "~/areas/efa/ui";
import { providerCan } from "~/areas/rollin/provider-permissions";
import { requireProvider } from "~/areas/rollin/provider.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { getDb } from "~/utils/db.server";
import { formatPercentBp } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "OZG-Leistungen der betreuten Kommunen – Fahrplan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await requireProvider(request, "provider.cockpit");
  const matrix = providerOzgMatrix(getDb(), caller);
  return json({
    providerName: caller.providerName,
    services: matrix.services.map((s) => ({ id: s.id, ozgId: s.ozgId, name: s.name, efa: s.efaStatus !== null })),
    rows: matrix.rows,
    exampleData: matrix.exampleData,
    canStart: providerCan(caller.providerRole, "programme.rollOut"),
  });
}

const CELL_CLASS: Record<keyof typeof ADOPTION_STATUS_LABELS, string> = {
  notStarted: "bg-white",
  connecting: "bg-amber-50",
  live: "bg-green-50",
  notRelevant: "bg-slate-100 text-slate-700",
};

export default function ProviderOzgMatrix() {
  const { providerName, services, rows, exampleData, canStart } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ to: "/ozg", label: "OZG-Leistungen" }, { label: "Betreute Kommunen" }]} />
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1>OZG-Leistungen der betreuten Kommunen</h1>
        <p className="flex gap-4">
          <a href="/ozg/kommunen.csv" download>Als CSV herunterladen</a>
          <a href="/ozg/kommunen.xlsx" download>Als XLSX herunterladen</a>
        </p>
      </div>
      {params.get("hinweis") === "gestartet" ? (
        <p className="alert-success" role="status">Die Anbindung ist gestartet: Das Programm ist ausgerollt, das Projekt ist mit der Leistung verknüpft.</p>
      ) : null}
      <p className="max-w-3xl text-slate-700">
        {providerName}: je Kommune der Stand jeder Leistung (Status und Stufe 0–4 des OZG-Reifegradmodells) und die Kennzahl „Anteil der relevanten
        Leistungen ab Stufe 3“. Sie sehen nur die Kommunen, die Sie betreuen.
      </p>
      <ExampleDataNotice show={exampleData} />
      {rows.length === 0 || services.length === 0 ? (
        <p className="card">{rows.length === 0 ? "Ihnen sind keine Kommunen zugeordnet." : "Der Leistungskatalog ist noch leer."}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="table text-sm">
            <caption className="sr-only">Kommunen und OZG-Leistungen</caption>
            <thead>
              <tr>
                <th scope="col">Kommune</th>
                <th scope="col" className="text-right">ab Stufe 3</th>
                {services.map((s) => (
                  <th scope="col" key={s.id} className="min-w-32">
                    <span className="block text-xs font-normal">{s.ozgId}</span>
                    {s.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.municipality.id}>
                  <th scope="row">
                    {r.municipality.name}
                    {r.municipality.group ? <span className="block text-xs font-normal text-slate-700">{r.municipality.group}</span> : null}
                  </th>
                  <td className="text-right" data-testid={`kpi-${r.municipality.id}`}>
                    {formatPercentBp(r.kpi.shareBp)}
                    <span className="block text-xs text-slate-700">{r.kpi.atTarget} von {r.kpi.relevant}</span>
                  </td>
                  {r.cells.map((c, i) => {
                    const s = services[i]!;
                    const startable = canStart && s.efa && (c.status === "notStarted" || (c.status === "connecting" && c.projectId === null));
                    return (
                      <td key={s.id} className={CELL_CLASS[c.status]}>
                        {ADOPTION_STATUS_LABELS[c.status]}
                        {c.status !== "notRelevant" ? <span className="block text-xs">Stufe {c.maturityLevel}</span> : null}
                        {startable ? (
                          <Link
                            to={`/ozg/kommunen/anbinden?kommune=${r.municipality.id}&leistung=${s.id}`}
                            className="block text-xs"
                            aria-label={`Anbindung starten: ${s.name} in ${r.municipality.name}`}
                          >
                            Anbindung starten
                          </Link>
                        ) : null}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
