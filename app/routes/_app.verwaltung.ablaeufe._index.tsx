import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf";
import { FormErrors } from "~/components/forms";
import { requireContext } from "~/utils/context.server";
import { getDb, transaction } from "~/utils/db.server";
import { ValidationError } from "~/utils/errors";
import { formatDateTime, formatNumber } from "~/utils/format";
import { UPLOADS } from "~/utils/request-limits";
import { withUploadForm } from "~/utils/upload.server";
import { deployDefinition, listDefinitionSummaries, registryOverview } from "~/workflow/definitions.server";

export const meta: MetaFunction = () => [{ title: "Abläufe – Verwaltung – Fahrplan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "workflow.view");
  return json({
    definitions: listDefinitionSummaries(getDb(), ctx),
    registry: registryOverview(),
    canDeploy: ctx.can("workflow.deploy"),
  });
}

/** Deploys a definition pasted as JSON or uploaded as a .json file. */
export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireContext(request, "workflow.deploy");
  try {
    return await withUploadForm(request, UPLOADS.workflowDefinition, async (formData) => {
      const file = formData.get("file");
      const pasted = String(formData.get("definition") ?? "");
      const fromFile = file instanceof File && file.size > 0;
      const text = fromFile ? await file.text() : pasted;
      if (!text.trim()) {
        return json({ errors: ["Bitte fügen Sie eine Ablaufdefinition als JSON ein oder wählen Sie eine JSON-Datei aus."], pasted }, { status: 400 });
      }
      try {
        const { key, version } = transaction((tx) => deployDefinition(tx, ctx, text));
        return redirect(`/verwaltung/ablaeufe/${key}?version=${version}&bereitgestellt=1`);
      } catch (error) {
        if (error instanceof ValidationError) return json({ errors: error.fieldErrors.definition ?? [error.message], pasted }, { status: 422 });
        throw error;
      }
    });
  } catch (error) {
    if (error instanceof ValidationError) return json({ errors: Object.values(error.fieldErrors).flat(), pasted: "" }, { status: 400 });
    throw error;
  }
}

export default function WorkflowDefinitions() {
  const { definitions, registry, canDeploy } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link to="/verwaltung">Verwaltung</Link> › Abläufe
      </p>
      <h1>Abläufe</h1>
      <p className="max-w-3xl text-slate-700">
        Jeder Ablauf legt Status, Schritte, Bedingungen, Aufgaben und Fristen fest. Mitgelieferte Abläufe sind Version 1; Ihre Kommune kann
        eigene Versionen bereitstellen. Laufende Vorgänge bleiben auf ihrer Version, bis sie ausdrücklich migriert werden.
      </p>
      <section aria-labelledby="definitionen" className="card">
        <h2 id="definitionen">Ablaufdefinitionen</h2>
        <table className="table mt-3" data-testid="definition-table">
          <thead>
            <tr>
              <th scope="col">Ablauf</th>
              <th scope="col">Gegenstand</th>
              <th scope="col">Aktuelle Version</th>
              <th scope="col">Versionen und Vorgänge</th>
            </tr>
          </thead>
          <tbody>
            {definitions.map((d) => (
              <tr key={d.key}>
                <td>
                  <Link to={`/verwaltung/ablaeufe/${d.key}`}>{d.name}</Link>
                  <div className="text-xs text-slate-600">{d.key}</div>
                </td>
                <td>{d.subjectLabel}</td>
                <td className="num">{d.latestVersion}</td>
                <td>
                  <ul>
                    {d.versions.map((v) => (
                      <li key={v.version}>
                        Version {v.version} {v.builtIn ? "(mitgeliefert)" : `(bereitgestellt ${formatDateTime(v.deployedAt)}${v.deployedBy ? ` von ${v.deployedBy}` : ""})`}:{" "}
                        {formatNumber(v.instanceCount)} Vorgänge, davon {formatNumber(v.runningCount)} laufend
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {canDeploy && (
        <section aria-labelledby="bereitstellen" className="card space-y-3">
          <h2 id="bereitstellen">Eigene Version bereitstellen</h2>
          <p className="text-sm text-slate-700">
            Fügen Sie die Definition als JSON ein oder laden Sie eine JSON-Datei hoch. Ein bestehender Schlüssel (z. B. „project“) erhält eine neue
            Version. Die Definition wird vor dem Bereitstellen vollständig geprüft. Tipp: Übernehmen Sie das JSON einer vorhandenen Version von deren
            Detailseite und passen Sie es an.
          </p>
          <Form method="post" encType="multipart/form-data" className="space-y-3">
            <CsrfInput />
            <FormErrors errors={result?.errors.length ? ["Der Ablauf wurde nicht bereitgestellt:", ...result.errors] : undefined} id="definition-fehler" />
            <div>
              <label htmlFor="definition" className="label">
                Ablaufdefinition (JSON)
              </label>
              <textarea
                id="definition"
                name="definition"
                rows={12}
                className="input font-mono text-xs"
                defaultValue={result?.pasted}
                aria-invalid={result?.errors.length ? true : undefined}
                aria-describedby={result?.errors.length ? "definition-fehler" : undefined}
              />
            </div>
            <div>
              <label htmlFor="file" className="label">
                oder JSON-Datei hochladen
              </label>
              <input id="file" name="file" type="file" accept="application/json,.json" className="text-sm" />
            </div>
            <button type="submit" className="btn-primary" disabled={navigation.state !== "idle"}>
              Prüfen und bereitstellen
            </button>
          </Form>
        </section>
      )}

      <section aria-labelledby="bausteine" className="card">
        <h2 id="bausteine">Verfügbare Bausteine</h2>
        <p className="mt-2 text-sm text-slate-700">Definitionen können nur diese registrierten Bedingungen (guards) und Wirkungen (effects) verwenden.</p>
        <dl className="mt-3 grid gap-2 text-sm sm:grid-cols-[12rem_1fr]">
          <dt className="font-semibold">Bedingungen</dt>
          <dd className="font-mono">{registry.guards.join(", ")}</dd>
          <dt className="font-semibold">Wirkungen</dt>
          <dd className="font-mono">{registry.effects.join(", ")}</dd>
        </dl>
      </section>
    </div>
  );
}
