import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { FUNDING_TYPE_LABELS } from "~/areas/funding/labels";
import { listProgrammes } from "~/areas/funding/programmes.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { requireContext } from "~/utils/context.server";
import { formatDate, formatEuro, formatPercentBp, todayIso } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Förderprogramme – Fahrplan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "funding.view");
  return json({
    today: todayIso(),
    programmes: listProgrammes(ctx).map((p) => ({
      id: p.id,
      name: p.name,
      funder: p.funder,
      shared: p.municipalityId === null,
      isExample: p.isExample,
      fundingType: p.fundingType,
      rateBp: p.rateBp,
      fixedAmountCents: p.fixedAmountCents,
      maxGrantCents: p.maxGrantCents,
      windowCloses: p.windowCloses,
      outlineFirst: p.outlineFirst,
      fieldsOfAction: p.fieldsOfAction,
    })),
    canCreate: ctx.can("funding.manageLocalProgrammes") || ctx.user.isPlatformAdmin,
  });
}

export default function ProgrammeCatalogue() {
  const { programmes, canCreate, today } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ to: "/foerderung", label: "Förderung" }, { label: "Programmkatalog" }]} />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1>Förderprogramme</h1>
        {canCreate && (
          <Link to="/foerderung/programme/neu" className="btn-primary">
            Programm anlegen
          </Link>
        )}
      </div>
      {params.get("geloescht") && (
        <p className="alert-success" role="status">
          Das Förderprogramm wurde gelöscht.
        </p>
      )}
      <p className="text-sm text-slate-700">
        Der gemeinsame Katalog wird von der Plattform-Administration für alle Kommunen gepflegt; eigene Programme (z. B. ein Landesprogramm) sieht nur Ihre Kommune.
      </p>
      <div className="card overflow-x-auto" tabIndex={0} role="region" aria-label="Tabelle der Förderprogramme">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Programm</th>
              <th scope="col">Fördergeber</th>
              <th scope="col">Finanzierung</th>
              <th scope="col" className="num">Höchstbetrag</th>
              <th scope="col">Antragsfrist</th>
              <th scope="col">Handlungsfelder</th>
              <th scope="col">Katalog</th>
            </tr>
          </thead>
          <tbody>
            {programmes.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link to={`/foerderung/programme/${p.id}`}>{p.name}</Link>
                  {p.isExample && <span className="badge ml-2 bg-amber-100 text-amber-900">Beispiel</span>}
                </td>
                <td>{p.funder}</td>
                <td>
                  {FUNDING_TYPE_LABELS[p.fundingType]}
                  {p.fundingType === "share" ? ` ${formatPercentBp(p.rateBp)}` : p.fundingType === "fixed" ? ` ${formatEuro(p.fixedAmountCents)}` : ""}
                </td>
                <td className="num">{formatEuro(p.maxGrantCents)}</td>
                <td>
                  {p.windowCloses ? formatDate(p.windowCloses) : "jederzeit"}
                  {p.windowCloses && p.windowCloses < today && <span className="badge ml-2 bg-slate-200 text-slate-800">abgelaufen</span>}
                  {p.outlineFirst && <span className="block text-xs text-slate-600">zweistufig (Projektskizze)</span>}
                </td>
                <td>{p.fieldsOfAction.length ? p.fieldsOfAction.join(", ") : "alle"}</td>
                <td>{p.shared ? "gemeinsam" : "eigenes Programm"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
