import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listTemplates } from "~/areas/rollin/programmes.server";
import { providerCan } from "~/areas/rollin/provider-permissions";
import { requireProvider } from "~/areas/rollin/provider.server";
import { RollinTabs } from "~/areas/rollin/ui";
import { getDb } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "Programmvorlagen – Roll-in-Service – Fahrplan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await requireProvider(request, "provider.cockpit");
  return json({
    canEdit: providerCan(caller.providerRole, "programme.edit"),
    canAssign: providerCan(caller.providerRole, "provider.assign"),
    canRollOut: providerCan(caller.providerRole, "programme.rollOut"),
    templates: listTemplates(getDb(), caller).map((t) => ({ id: t.id, name: t.name, description: t.description, isExample: t.isExample, latestVersion: t.latestVersion, rollouts: t.rollouts })),
  });
}

export default function Templates() {
  const data = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <h1>Programmvorlagen</h1>
      <RollinTabs canAssign={data.canAssign} />
      <p className="text-sm text-slate-700">
        Eine Vorlage beschreibt ein Roll-in-Programm in Phasen und Schritten mit Fälligkeit ab Start. Ausgerollt bekommt jede gewählte Kommune ein Projekt mit diesen Schritten; die
        Matrix zeigt den Stand aller Kommunen.
      </p>
      {data.canEdit ? (
        <Link to="/roll-in/vorlagen/neu" className="btn-primary">
          Neue Vorlage anlegen
        </Link>
      ) : null}
      <table className="table" data-testid="templates">
        <caption className="sr-only">Programmvorlagen des Roll-in-Service</caption>
        <thead>
          <tr>
            <th scope="col">Vorlage</th>
            <th scope="col" className="num">Version</th>
            <th scope="col" className="num">Kommunen</th>
            <th scope="col">Weiter</th>
          </tr>
        </thead>
        <tbody>
          {data.templates.map((t) => (
            <tr key={t.id}>
              <td>
                <Link to={`/roll-in/vorlagen/${t.id}`} className="font-medium">
                  {t.name}
                </Link>
                {t.isExample ? <span className="badge ml-2 border border-amber-700 bg-amber-100 text-amber-900">Beispiel</span> : null}
                <p className="text-sm text-slate-700">{t.description}</p>
              </td>
              <td className="num">{t.latestVersion}</td>
              <td className="num">{t.rollouts}</td>
              <td className="space-x-3 text-sm">
                <Link to={`/roll-in/vorlagen/${t.id}/matrix`}>
                  Matrix<span className="sr-only"> von {t.name}</span>
                </Link>
                {data.canRollOut ? (
                  <Link to={`/roll-in/vorlagen/${t.id}/ausrollen`}>
                    Ausrollen<span className="sr-only">: {t.name}</span>
                  </Link>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {data.templates.length === 0 ? <p className="alert-info">Noch keine Vorlage.</p> : null}
    </div>
  );
}
