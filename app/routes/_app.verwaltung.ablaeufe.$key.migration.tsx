import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf";
import { FormErrors } from "~/components/forms";
import { requireContext } from "~/utils/context.server";
import { readForm } from "~/utils/csrf.server";
import { getDb, transaction } from "~/utils/db.server";
import { ConflictError, ValidationError } from "~/utils/errors";
import { formatNumber } from "~/utils/format";
import { notFound } from "~/utils/http.server";
import { definitionVersions, loadDefinition } from "~/workflow/definitions.server";
import { MigrationPreviewTable } from "~/workflow/migration-preview";
import { migrateInstances, previewMigration, runningStates } from "~/workflow/migration.server";

export const meta: MetaFunction = () => [{ title: "Vorgänge migrieren – Abläufe – Fahrplan" }];

function versionParam(value: string | null, versions: number[], fallback: number): number {
  const n = Number(value);
  return value && versions.includes(n) ? n : fallback;
}

/** `mapping.<old state>` fields (query or form) → { old: new }; empty choices are left out. */
function mappingOf(entries: Iterable<[string, FormDataEntryValue]>): Record<string, string> {
  const mapping: Record<string, string> = {};
  for (const [name, value] of entries) {
    if (name.startsWith("mapping.") && typeof value === "string" && value) mapping[name.slice("mapping.".length)] = value;
  }
  return mapping;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "workflow.migrate");
  const key = params.key ?? "";
  const versions = definitionVersions(getDb(), ctx, key);
  if (versions.length < 2) notFound("Für diesen Ablauf gibt es keine zweite Version, auf die migriert werden könnte.");
  const url = new URL(request.url);
  const toVersion = versionParam(url.searchParams.get("nach"), versions, versions[0]);
  const fromVersion = versionParam(url.searchParams.get("von"), versions, versions.find((v) => v !== toVersion)!);
  const from = loadDefinition(getDb(), ctx, key, fromVersion)!;
  const to = loadDefinition(getDb(), ctx, key, toVersion)!;
  const chosen = mappingOf(url.searchParams.entries());
  const running = runningStates(getDb(), ctx, key, fromVersion).map((r) => ({
    ...r,
    label: from.states.find((s) => s.name === r.state)?.label ?? r.state,
    selected: chosen[r.state] ?? (to.states.some((s) => s.name === r.state) ? r.state : ""),
  }));
  const wantsPreview = url.searchParams.get("vorschau") === "1" && fromVersion !== toVersion && running.length > 0;
  return json({
    key,
    name: to.name,
    versions,
    fromVersion,
    toVersion,
    running,
    targets: to.states.map((s) => ({ value: s.name, label: `${s.label} (${s.name})` })),
    preview: wantsPreview ? previewMigration(getDb(), ctx, { definitionKey: key, fromVersion, toVersion, mapping: chosen }) : null,
  });
}

const ConfirmForm = z.object({
  fromVersion: z.coerce.number().int().positive(),
  toVersion: z.coerce.number().int().positive(),
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireContext(request, "workflow.migrate");
  const key = params.key ?? "";
  if (!definitionVersions(getDb(), ctx, key).length) notFound();
  const form = await readForm(request);
  const parsed = ConfirmForm.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    return json({ errors: ["Bitte lassen Sie sich zuerst die Vorschau anzeigen und bestätigen Sie die Migration dort."] }, { status: 400 });
  }
  try {
    const { migrated } = transaction((tx) => migrateInstances(tx, ctx, { definitionKey: key, ...parsed.data, mapping: mappingOf(form.entries()) }));
    return redirect(`/verwaltung/ablaeufe/${key}?version=${parsed.data.toVersion}&migriert=${migrated}`);
  } catch (error) {
    if (error instanceof ValidationError) {
      return json({ errors: [error.message, ...Object.values(error.fieldErrors).flat()] }, { status: 422 });
    }
    if (error instanceof ConflictError) return json({ errors: [error.message] }, { status: 409 });
    throw error;
  }
}

export default function MigrateInstances() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const location = useLocation();
  const preview = data.preview;
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link to="/verwaltung">Verwaltung</Link> › <Link to="/verwaltung/ablaeufe">Abläufe</Link> ›{" "}
        <Link to={`/verwaltung/ablaeufe/${data.key}`}>{data.name}</Link> › Migration
      </p>
      <h1>Laufende Vorgänge migrieren: {data.name}</h1>
      <p className="max-w-3xl text-slate-700">
        Vorgänge bleiben auf der Version, mit der sie gestartet wurden. Hier verschieben Sie die laufenden Vorgänge einer Version auf eine andere:
        Sie ordnen jedem belegten Status einen Status der Zielversion zu, prüfen in der Vorschau, welcher Vorgang wohin wechselt und welche Aufgaben
        und Fristen enden oder entstehen, und bestätigen dann. Hat sich seit der Vorschau etwas geändert, wird nichts migriert.
      </p>

      <Form method="get" className="card flex flex-wrap items-end gap-4">
        <h2 className="sr-only">Versionen wählen</h2>
        <div>
          <label htmlFor="von" className="label">
            Von Version
          </label>
          <select id="von" name="von" defaultValue={data.fromVersion} className="input">
            {data.versions.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="nach" className="label">
            Nach Version
          </label>
          <select id="nach" name="nach" defaultValue={data.toVersion} className="input">
            {data.versions.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-secondary">
          Anzeigen
        </button>
      </Form>

      <section aria-labelledby="zuordnung" className="card space-y-3">
        <h2 id="zuordnung">
          1. Zuordnung der Status: Version {data.fromVersion} → Version {data.toVersion}
        </h2>
        {data.running.length === 0 ? (
          <p className="text-slate-700">Auf Version {data.fromVersion} laufen keine Vorgänge.</p>
        ) : data.fromVersion === data.toVersion ? (
          <p className="text-slate-700">Bitte wählen Sie eine andere Zielversion als die Ausgangsversion.</p>
        ) : (
          <Form method="get" className="space-y-3">
            <input type="hidden" name="von" value={data.fromVersion} />
            <input type="hidden" name="nach" value={data.toVersion} />
            <input type="hidden" name="vorschau" value="1" />
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Status in Version {data.fromVersion}</th>
                  <th scope="col" className="num">
                    Laufende Vorgänge
                  </th>
                  <th scope="col">Status in Version {data.toVersion}</th>
                </tr>
              </thead>
              <tbody>
                {data.running.map((r) => (
                  <tr key={r.state}>
                    <td>{r.label}</td>
                    <td className="num">{formatNumber(r.count)}</td>
                    <td>
                      <label htmlFor={`mapping-${r.state}`} className="sr-only">
                        Zielstatus für „{r.label}“
                      </label>
                      <select id={`mapping-${r.state}`} name={`mapping.${r.state}`} defaultValue={r.selected} className="input">
                        <option value="">– keine Zuordnung –</option>
                        {data.targets.map((t) => (
                          <option key={t.value} value={t.value}>
                            {t.label}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <button type="submit" className="btn-secondary">
              Vorschau anzeigen
            </button>
          </Form>
        )}
      </section>

      {preview && (
        <section aria-labelledby="vorschau" className="card space-y-3" data-testid="migration-preview">
          <h2 id="vorschau">2. Vorschau und Bestätigung</h2>
          <FormErrors errors={result?.errors} id="migration-fehler" />
          {preview.problems.length > 0 ? (
            <div className="alert-error" role="alert">
              <p>So kann nicht migriert werden:</p>
              <ul className="list-disc pl-5">
                {preview.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </div>
          ) : (
            <p>
              {formatNumber(preview.items.length)} laufende Vorgänge wechseln von Version {preview.fromVersion} auf Version {preview.toVersion}.
            </p>
          )}
          <MigrationPreviewTable preview={preview} />
          {preview.problems.length === 0 && (
            <Form method="post" action={`${location.pathname}${location.search}`} className="space-y-3">
              <CsrfInput />
              <input type="hidden" name="fromVersion" value={preview.fromVersion} />
              <input type="hidden" name="toVersion" value={preview.toVersion} />
              <input type="hidden" name="fingerprint" value={preview.fingerprint} />
              {data.running.map((r) => (
                <input key={r.state} type="hidden" name={`mapping.${r.state}`} value={r.selected} />
              ))}
              <button type="submit" className="btn-primary" disabled={navigation.state !== "idle"}>
                {formatNumber(preview.items.length)} Vorgänge jetzt migrieren
              </button>
            </Form>
          )}
        </section>
      )}
    </div>
  );
}
