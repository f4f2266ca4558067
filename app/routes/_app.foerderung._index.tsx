import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { fundingOverviewPage } from "~/areas/funding/overview-page.server";
import { requireContext } from "~/utils/context.server";
import { formatDate, formatEuro, formatNumber } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Förderung – Fahrplan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "funding.view");
  return json(await fundingOverviewPage(ctx));
}

export default function FundingOverview() {
  const data = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1>Förderung</h1>
        <nav aria-label="Förderung" className="flex flex-wrap gap-2">
          {data.canStart && (
            <Link to="/foerderung/finder" className="btn-primary">
              Förderprogramm finden
            </Link>
          )}
          <Link to="/foerderung/programme" className="btn-secondary">
            Programmkatalog
          </Link>
          <Link to="/foerderung/kalender" className="btn-secondary">
            Fristenkalender
          </Link>
        </nav>
      </div>
      <section aria-labelledby="summen" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <h2 id="summen" className="sr-only">
          Summen
        </h2>
        {data.amounts.map((a) => (
          <div key={a.label} className="card">
            <p className="text-sm text-slate-600">{a.label}</p>
            <p className="text-xl font-semibold">{formatEuro(a.cents)}</p>
          </div>
        ))}
      </section>
      <div className="grid gap-6 lg:grid-cols-3">
        <section aria-labelledby="pipeline" className="card">
          <h2 id="pipeline">Anträge nach Status</h2>
          <figure className="mt-2">
            <div className="[&_svg]:h-auto [&_svg]:max-w-full" dangerouslySetInnerHTML={{ __html: data.charts.pipelineChart }} />
            <figcaption className="sr-only">Anzahl der Förderanträge je Status; Zahlen in der Tabelle.</figcaption>
          </figure>
          <table className="table mt-2">
            <thead>
              <tr>
                <th scope="col">Status</th>
                <th scope="col" className="num">Anträge</th>
                <th scope="col" className="num">Zuwendung</th>
              </tr>
            </thead>
            <tbody>
              {data.pipeline.map((p) => (
                <tr key={p.state}>
                  <td>{p.stateLabel}</td>
                  <td className="num">{formatNumber(p.count)}</td>
                  <td className="num">{formatEuro(p.grantCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section aria-labelledby="betraege" className="card">
          <h2 id="betraege">Fördermittel</h2>
          <figure className="mt-2">
            <div className="[&_svg]:h-auto [&_svg]:max-w-full" dangerouslySetInnerHTML={{ __html: data.charts.amountsChart }} />
            <figcaption className="text-sm text-slate-600">Beantragt (eingereichte Anträge), bewilligt, eingegangen und verausgabt; Beträge oben.</figcaption>
          </figure>
        </section>
        <section aria-labelledby="eigenanteil" className="card">
          <h2 id="eigenanteil">Eigenanteil je Haushaltsjahr</h2>
          <figure className="mt-2">
            <div className="[&_svg]:h-auto [&_svg]:max-w-full" dangerouslySetInnerHTML={{ __html: data.charts.ownChart }} />
            <figcaption className="text-sm text-slate-600">Von der Kämmerei bestätigte Eigenanteile laufender Anträge.</figcaption>
          </figure>
          <table className="table mt-2">
            <thead>
              <tr>
                <th scope="col">Haushaltsjahr</th>
                <th scope="col" className="num">Eigenanteil</th>
              </tr>
            </thead>
            <tbody>
              {data.ownContributionByYear.length === 0 && (
                <tr>
                  <td colSpan={2}>Noch keine bestätigten Eigenanteile.</td>
                </tr>
              )}
              {data.ownContributionByYear.map((y) => (
                <tr key={y.budgetYear}>
                  <td>{y.budgetYear}</td>
                  <td className="num">{formatEuro(y.cents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
      <section aria-labelledby="naechste-fristen" className="card">
        <h2 id="naechste-fristen">Nächste Fristen</h2>
        {data.deadlines.length === 0 ? (
          <p className="mt-2 text-sm">Keine Fristen in den nächsten zwölf Monaten.</p>
        ) : (
          <ul className="mt-2 space-y-1 text-sm">
            {data.deadlines.slice(0, 10).map((d) => (
              <li key={d.id}>
                <strong>{formatDate(d.dueDate)}</strong> – <Link to={d.link}>{d.label}</Link>
                {d.status === "overdue" && <span className="badge ml-2 bg-red-100 text-red-800">überfällig</span>}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="antraege" className="card">
        <h2 id="antraege">Förderanträge ({formatNumber(data.applicationCount)})</h2>
        <div className="mt-2 overflow-x-auto" tabIndex={0} role="region" aria-label="Tabelle der Förderanträge">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Antrag</th>
                <th scope="col">Programm</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">Kosten</th>
                <th scope="col" className="num">Zuwendung</th>
                <th scope="col" className="num">Eingegangen</th>
                <th scope="col" className="num">Verausgabt</th>
              </tr>
            </thead>
            <tbody>
              {data.applications.length === 0 && (
                <tr>
                  <td colSpan={7}>Noch keine Förderanträge. Starten Sie mit „Förderprogramm finden“.</td>
                </tr>
              )}
              {data.applications.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link to={`/foerderung/antraege/${a.id}`}>{a.title}</Link>
                  </td>
                  <td>{a.programmeName}</td>
                  <td>{a.stateLabel}</td>
                  <td className="num">{formatEuro(a.plannedCents)}</td>
                  <td className="num">{formatEuro(a.grantedCents ?? a.grantCents)}</td>
                  <td className="num">{formatEuro(a.receivedCents)}</td>
                  <td className="num">{formatEuro(a.spentCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
