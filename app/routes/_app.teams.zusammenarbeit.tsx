import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { cooperationOverview } from "~/areas/teams/teams.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { requireContext } from "~/utils/context.server";
import { getDb } from "~/utils/db.server";
import { formatShare } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Zusammenarbeit der Einheiten – Fahrplan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "team.view");
  return json(cooperationOverview(getDb(), ctx));
}

export default function CooperationPage() {
  const { silo, units, matrix, pairs, singleUnitProjects } = useLoaderData<typeof loader>();
  const max = Math.max(1, ...matrix.flatMap((row, i) => row.filter((_, j) => j !== i)));
  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ to: "/teams", label: "Teams" }, { label: "Zusammenarbeit" }]} />
      <h1>Zusammenarbeit der Einheiten</h1>
      <section aria-labelledby="silo" className="card">
        <h2 id="silo">Referatsübergreifende Projekte</h2>
        <p className="mt-2 text-3xl font-semibold" data-testid="silo-share">
          {formatShare(silo.share)}
        </p>
        <p className="text-slate-700">
          {silo.crossUnitCount} von {silo.projectCount} laufenden Projekten werden von zwei oder mehr Einheiten getragen
          (federführende Einheit, beteiligte Einheiten und Einheiten der Teammitglieder).
        </p>
      </section>

      <section aria-labelledby="matrix" className="card overflow-x-auto">
        <h2 id="matrix">Gemeinsame Projekte je Einheitenpaar</h2>
        <p className="mt-1 text-sm text-slate-700">
          Jede Zelle zählt die Projekte, an denen beide Einheiten beteiligt sind; die Diagonale zeigt, an wie vielen Projekten eine
          Einheit insgesamt beteiligt ist.
        </p>
        {units.length ? (
          <table className="mt-3 border-collapse text-sm">
            <caption className="sr-only">Matrix der Zusammenarbeit: Einheiten in Zeilen und Spalten</caption>
            <thead>
              <tr>
                <th scope="col" className="p-2 text-left">
                  Einheit
                </th>
                {units.map((u) => (
                  <th key={u.id} scope="col" className="p-2 text-center font-semibold">
                    <abbr title={u.name}>{u.shortName ?? u.name.slice(0, 6)}</abbr>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {units.map((u, i) => (
                <tr key={u.id}>
                  <th scope="row" className="p-2 text-left font-normal">
                    {u.name}
                  </th>
                  {matrix[i].map((n, j) => {
                    const strength = i === j ? 0 : n / max;
                    return (
                      <td
                        key={units[j].id}
                        className={`border border-slate-200 p-2 text-center tabular-nums ${i === j ? "bg-slate-100 font-semibold" : ""}`}
                        style={i !== j && n > 0 ? { backgroundColor: `rgba(29, 78, 216, ${0.08 + strength * 0.3})` } : undefined}
                      >
                        {n > 0 ? n : <span className="text-slate-500">·</span>}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="mt-2">Es gibt noch keine laufenden Projekte.</p>
        )}
      </section>

      <section aria-labelledby="paare" className="card">
        <h2 id="paare">Wer arbeitet mit wem an welchen Projekten?</h2>
        {pairs.length ? (
          <table className="table mt-3">
            <thead>
              <tr>
                <th scope="col">Einheiten</th>
                <th scope="col" className="num">
                  Projekte
                </th>
                <th scope="col">Gemeinsame Projekte</th>
              </tr>
            </thead>
            <tbody>
              {pairs.map((p) => (
                <tr key={`${p.unitA}-${p.unitB}`}>
                  <td>
                    {p.unitA} und {p.unitB}
                  </td>
                  <td className="num">{p.projects.length}</td>
                  <td>
                    {p.projects.map((pr, k) => (
                      <span key={pr.id}>
                        {k > 0 ? ", " : null}
                        <Link to={`/projekte/${pr.id}`}>{pr.title}</Link>
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="mt-2">Noch arbeiten keine Einheiten gemeinsam an einem Projekt.</p>
        )}
      </section>

      <section aria-labelledby="silos" className="card">
        <h2 id="silos">Projekte in nur einer Einheit</h2>
        {singleUnitProjects.length ? (
          <ul className="mt-2 list-disc pl-6">
            {singleUnitProjects.map((p) => (
              <li key={p.id}>
                <Link to={`/projekte/${p.id}`}>{p.title}</Link> <span className="text-slate-700">({p.unit})</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2">Alle laufenden Projekte werden referatsübergreifend getragen.</p>
        )}
      </section>
    </div>
  );
}
