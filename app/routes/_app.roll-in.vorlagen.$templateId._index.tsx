import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { PROGRAMME_ROLES } from "~/areas/rollin/programme-template";
import { getTemplate } from "~/areas/rollin/programmes.server";
import { providerCan } from "~/areas/rollin/provider-permissions";
import { requireProvider } from "~/areas/rollin/provider.server";
import { RollinTabs } from "~/areas/rollin/ui";
import { getDb } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";
import { idParam, notFound } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.template.name ?? "Programmvorlage"} – Roll-in-Service – Fahrplan` }];

/** One template of the caller's provider (another provider's is a 404), a chosen version or the latest. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const caller = await requireProvider(request, "provider.cockpit");
  const found = getTemplate(getDb(), caller, idParam(params.templateId));
  if (!found || !found.latest) notFound("Diese Programmvorlage gibt es nicht.");
  const wanted = Number(new URL(request.url).searchParams.get("version"));
  const shown = found.versions.find((v) => v.number === wanted) ?? found.latest;
  return json({
    template: { id: found.template.id, name: found.template.name, description: found.template.description, isExample: found.template.isExample },
    versions: found.versions.map((v) => ({ number: v.number, createdAt: v.createdAt })),
    latest: found.latest.number,
    shown: { number: shown.number, definition: shown.definition },
    canEdit: providerCan(caller.providerRole, "programme.edit"),
    canAssign: providerCan(caller.providerRole, "provider.assign"),
    canRollOut: providerCan(caller.providerRole, "programme.rollOut"),
  });
}

export default function TemplatePage() {
  const data = useLoaderData<typeof loader>();
  const base = `/roll-in/vorlagen/${data.template.id}`;
  return (
    <div className="space-y-4">
      <Breadcrumbs items={[{ to: "/roll-in", label: "Cockpit" }, { to: "/roll-in/vorlagen", label: "Programmvorlagen" }, { label: data.template.name }]} />
      <h1>
        {data.template.name}
        {data.template.isExample ? <span className="badge ml-3 border border-amber-700 bg-amber-100 align-middle text-amber-900">Beispiel</span> : null}
      </h1>
      <RollinTabs canAssign={data.canAssign} />
      {data.template.isExample ? (
        <p className="alert-warning">Beispielvorlage zum Ausprobieren und Anpassen – kein verbindliches Verfahren. Prüfen Sie Schritte und Fristen vor dem Ausrollen.</p>
      ) : null}
      <p>{data.template.description}</p>
      <div className="flex flex-wrap gap-3">
        <Link to={`${base}/matrix`} className="btn-primary">
          Matrix der Kommunen
        </Link>
        {data.canRollOut ? (
          <Link to={`${base}/ausrollen`} className="btn-secondary">
            In Kommunen ausrollen
          </Link>
        ) : null}
        {data.canEdit ? (
          <Link to={`${base}/bearbeiten`} className="btn-secondary">
            Neue Version bearbeiten
          </Link>
        ) : null}
      </div>
      <h2>
        Version {data.shown.number}
        {data.shown.number === data.latest ? " (aktuell)" : ` (aktuell ist Version ${data.latest})`}
      </h2>
      {data.shown.definition.phases.map((phase, i) => (
        <section key={phase.name} aria-labelledby={`phase-${i}`} className="card space-y-2">
          <h3 id={`phase-${i}`} className="font-semibold">
            Phase {i + 1}: {phase.name}
          </h3>
          <table className="table table-compact">
            <caption className="sr-only">Schritte der Phase {phase.name}</caption>
            <thead>
              <tr>
                <th scope="col">Schritt</th>
                <th scope="col" className="num">Fällig (Tage ab Start)</th>
                <th scope="col">Verantwortlich</th>
                <th scope="col">Checkliste</th>
                <th scope="col">Schulungen</th>
                <th scope="col">Unterlagen</th>
              </tr>
            </thead>
            <tbody>
              {phase.steps.map((s) => (
                <tr key={s.key}>
                  <td>
                    {s.title}
                    {s.optional ? <span className="badge ml-2 bg-slate-200 text-slate-900">optional</span> : null}
                    <div className="text-xs text-slate-700">Schlüssel: {s.key}</div>
                  </td>
                  <td className="num">{s.dueInDays}</td>
                  <td>{PROGRAMME_ROLES[s.responsibleRole]}</td>
                  <td>{s.checklist.length ? <ul className="list-disc pl-4">{s.checklist.map((c) => <li key={c}>{c}</li>)}</ul> : "–"}</td>
                  <td>{s.trainings.join(", ") || "–"}</td>
                  <td>{s.documents.join(", ") || "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      <section aria-labelledby="versionen">
        <h2 id="versionen">Versionen</h2>
        <ul className="list-disc pl-5 text-sm">
          {data.versions.map((v) => (
            <li key={v.number}>
              {v.number === data.shown.number ? (
                <span aria-current="true">Version {v.number}</span>
              ) : (
                <Link to={`${base}?version=${v.number}`}>Version {v.number}</Link>
              )}{" "}
              vom {formatDateTime(v.createdAt)}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
