import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { listTeams } from "~/areas/teams/teams.server";
import { requireContext } from "~/utils/context.server";
import { getDb } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "Teams – Fahrplan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "team.view");
  return json({ teams: listTeams(getDb(), ctx), canEdit: ctx.can("team.edit") });
}

export default function TeamsPage() {
  const { teams, canEdit } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1>Teams</h1>
        <div className="flex flex-wrap gap-3">
          <Link to="/teams/zusammenarbeit" className="btn-secondary">
            Zusammenarbeit der Einheiten
          </Link>
          {canEdit ? (
            <Link to="/teams/neu" className="btn-primary">
              Neues Team
            </Link>
          ) : null}
        </div>
      </div>
      {searchParams.get("hinweis") === "geloescht" ? (
        <p className="alert-success" role="status">
          Das Team wurde aufgelöst.
        </p>
      ) : null}
      <p className="max-w-3xl text-slate-700">
        Projektteams, Task Forces, Arbeitsgruppen und das Digitallotsen-Netzwerk bringen Beschäftigte aus mehreren Fachbereichen und
        Unternehmen des Konzerns Stadt zusammen.
      </p>
      {teams.length ? (
        <table className="table card">
          <caption className="sr-only">Alle Teams der Kommune</caption>
          <thead>
            <tr>
              <th scope="col">Team</th>
              <th scope="col">Art</th>
              <th scope="col" className="num">
                Mitglieder
              </th>
              <th scope="col" className="num">
                Einheiten
              </th>
              <th scope="col" className="num">
                Projekte
              </th>
            </tr>
          </thead>
          <tbody>
            {teams.map((t) => (
              <tr key={t.id}>
                <td>
                  <Link to={`/teams/${t.id}`}>{t.name}</Link>
                </td>
                <td>{t.kindLabel}</td>
                <td className="num">{t.memberCount}</td>
                <td className="num">{t.unitCount}</td>
                <td className="num">{t.projectCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="card">Es gibt noch keine Teams.</p>
      )}
    </div>
  );
}
