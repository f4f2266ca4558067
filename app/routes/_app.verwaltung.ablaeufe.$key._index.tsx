import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireContext } from "~/utils/context.server";
import { getDb } from "~/utils/db.server";
import { formatNumber } from "~/utils/format";
import { notFound } from "~/utils/http.server";
import { ROLE_LABELS } from "~/utils/permissions";
import { StateDiagram } from "~/workflow/components";
import { definitionVersions, describeAssignee, describeCall, listDefinitionSummaries, loadDefinition } from "~/workflow/definitions.server";
import { diagramFor } from "~/workflow/diagram.server";
import { STATE_KIND_LABELS } from "~/workflow/state-kinds";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.definition.name ?? "Ablauf"} – Abläufe – Fahrplan` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "workflow.view");
  const key = params.key ?? "";
  const versions = definitionVersions(getDb(), ctx, key);
  if (!versions.length) notFound("Diesen Ablauf gibt es in Ihrer Kommune nicht.");
  const requested = new URL(request.url).searchParams.get("version");
  const version = requested ? Number(requested) : versions[0];
  const definition = versions.includes(version) ? loadDefinition(getDb(), ctx, key, version) : undefined;
  if (!definition) notFound("Diese Version des Ablaufs gibt es nicht.");
  const summary = listDefinitionSummaries(getDb(), ctx).find((d) => d.key === key)!;
  const stateLabel = (name: string) => definition.states.find((s) => s.name === name)?.label ?? name;
  return json({
    key,
    version,
    summary,
    definition: { name: definition.name, description: definition.description, subjectType: definition.subjectType },
    states: definition.states.map((s) => ({
      name: s.name,
      label: s.label,
      kind: s.kind,
      tasks: s.tasks.map((t) => `${t.title} (an: ${describeAssignee(definition.subjectType, t)})`),
      deadlines: s.deadlines.map((d) => `${d.label} (Erinnerung an: ${describeAssignee(definition.subjectType, d, "cdo")})`),
    })),
    transitions: definition.transitions.map((t) => ({
      name: t.name,
      label: t.label,
      from: t.from.map(stateLabel).join(", "),
      to: stateLabel(t.to),
      roles: t.roles.map((r) => ROLE_LABELS[r]).join(", "),
      guards: t.guards.map((g) => describeCall("guard", g)),
      effects: t.effects.map((e) => describeCall("effect", e)),
      requiresComment: t.requiresComment,
    })),
    diagram: diagramFor(definition),
    json: JSON.stringify(definition, null, 2),
    canMigrate: ctx.can("workflow.migrate") && versions.length > 1,
    canDeploy: ctx.can("workflow.deploy"),
  });
}

export default function WorkflowDefinitionDetail() {
  const data = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link to="/verwaltung">Verwaltung</Link> › <Link to="/verwaltung/ablaeufe">Abläufe</Link> › {data.definition.name}
      </p>
      <h1>
        {data.definition.name} – Version {data.version}
      </h1>
      {searchParams.get("bereitgestellt") && (
        <p className="alert-success" role="status">
          Version {data.version} wurde geprüft und bereitgestellt. Neue Vorgänge starten ab jetzt auf dieser Version.
        </p>
      )}
      {searchParams.get("migriert") && (
        <p className="alert-success" role="status">
          {searchParams.get("migriert")} laufende Vorgänge wurden auf Version {data.version} migriert.
        </p>
      )}
      {data.definition.description && <p className="max-w-3xl text-slate-700">{data.definition.description}</p>}
      {data.canDeploy && (
        <p>
          <Link to={`/verwaltung/ablaeufe/${data.key}/bearbeiten?version=${data.version}`} className="btn-primary">
            Im Formular bearbeiten (als neue Version)
          </Link>
        </p>
      )}

      <section aria-labelledby="versionen" className="card">
        <h2 id="versionen">Versionen</h2>
        <table className="table mt-3">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Herkunft</th>
              <th scope="col" className="num">Vorgänge</th>
              <th scope="col" className="num">davon laufend</th>
            </tr>
          </thead>
          <tbody>
            {data.summary.versions.map((v) => (
              <tr key={v.version}>
                <td>
                  {v.version === data.version ? (
                    <strong aria-current="page">Version {v.version} (angezeigt)</strong>
                  ) : (
                    <Link to={`?version=${v.version}`}>Version {v.version}</Link>
                  )}
                </td>
                <td>{v.builtIn ? "mitgeliefert" : `eigene Version${v.deployedBy ? ` von ${v.deployedBy}` : ""}`}</td>
                <td className="num">{formatNumber(v.instanceCount)}</td>
                <td className="num">{formatNumber(v.runningCount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {data.canMigrate && (
          <p className="mt-3">
            <Link to={`/verwaltung/ablaeufe/${data.key}/migration`} className="btn-secondary">
              Laufende Vorgänge migrieren
            </Link>
          </p>
        )}
      </section>

      <section aria-labelledby="diagramm" className="card">
        <h2 id="diagramm">Ablaufdiagramm</h2>
        <StateDiagram diagram={data.diagram} states={data.states} name={data.definition.name} />
      </section>

      <section aria-labelledby="status" className="card">
        <h2 id="status">Status</h2>
        <table className="table mt-3">
          <thead>
            <tr>
              <th scope="col">Status</th>
              <th scope="col">Art</th>
              <th scope="col">Aufgaben beim Eintritt</th>
              <th scope="col">Fristen</th>
            </tr>
          </thead>
          <tbody>
            {data.states.map((s) => (
              <tr key={s.name}>
                <td>
                  {s.label} <span className="text-xs text-slate-600">({s.name})</span>
                </td>
                <td>{STATE_KIND_LABELS[s.kind]}</td>
                <td>{s.tasks.join("; ") || "–"}</td>
                <td>{s.deadlines.join("; ") || "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="schritte" className="card">
        <h2 id="schritte">Schritte</h2>
        <table className="table mt-3">
          <thead>
            <tr>
              <th scope="col">Schritt</th>
              <th scope="col">Von → nach</th>
              <th scope="col">Wer darf</th>
              <th scope="col">Bedingungen und Wirkungen</th>
            </tr>
          </thead>
          <tbody>
            {data.transitions.map((t) => (
              <tr key={t.name}>
                <td>
                  {t.label} <span className="text-xs text-slate-600">({t.name})</span>
                </td>
                <td>
                  {t.from} → {t.to}
                </td>
                <td>{t.roles}</td>
                <td>
                  <ul className="list-disc pl-4">
                    {t.guards.map((g) => (
                      <li key={g}>Bedingung: {g}</li>
                    ))}
                    {t.effects.map((e) => (
                      <li key={e}>Wirkung: {e}</li>
                    ))}
                    {t.requiresComment && <li>Begründung erforderlich</li>}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="json" className="card">
        <h2 id="json">Definition als JSON</h2>
        <details className="mt-2">
          <summary className="cursor-pointer text-brand-700">JSON anzeigen (zum Anpassen und erneuten Bereitstellen)</summary>
          <pre className="mt-2 max-h-96 overflow-auto rounded bg-slate-100 p-3 text-xs" tabIndex={0} role="region" aria-label="Ablaufdefinition als JSON">
            {data.json}
          </pre>
        </details>
      </section>
    </div>
  );
}
