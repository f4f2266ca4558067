import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import {
  type CatalogueScope,
  catalogueDraft,
  catalogueEditorFor,
  discardCatalogueDraft,
  draftSource,
  editableScopes,
  publishCatalogueDraft,
  publishedFor,
  saveCatalogueDraft,
  scopeVersions,
} from "~/areas/maturity/catalogue-drafts.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { CsrfInput } from "~/components/csrf";
import { requireUser } from "~/utils/context.server";
import { readForm } from "~/utils/csrf.server";
import { getDb } from "~/utils/db.server";
import { ConflictError, ValidationError } from "~/utils/errors";
import { formatDateTime } from "~/utils/format";
import { badRequest, forbidden } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Reifegradkatalog pflegen – Fahrplan" }];

/** The scope the page works on: ?bereich=plattform|anbieter, the first one the person may edit by default. */
async function scopeOf(request: Request) {
  const { user } = await requireUser(request);
  const editor = catalogueEditorFor(getDb(), user.id);
  const scopes = editableScopes(editor);
  if (scopes.length === 0) forbidden("Den Reifegradkatalog pflegen die Plattform-Administration und die Koordination eines Roll-in-Service.");
  const wanted = new URL(request.url).searchParams.get("bereich");
  const scope: CatalogueScope = scopes.find((s) => (wanted === "anbieter" ? s.kind === "provider" : wanted === "plattform" ? s.kind === "platform" : true)) ?? scopes[0]!;
  return { editor, scopes, scope };
}

const SCOPE_PARAM = { platform: "plattform", provider: "anbieter" } as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const { editor, scopes, scope } = await scopeOf(request);
  const db = getDb();
  const inUse = publishedFor(db, scope);
  const draft = catalogueDraft(db, scope);
  return json({
    scope: scope.kind,
    scopes: scopes.map((s) => s.kind),
    providerName: editor.providerName,
    inUse: inUse ? { version: inUse.version, title: inUse.title } : null,
    versions: scopeVersions(db, scope),
    draft: draft ? { version: draft.version, updatedAt: draft.updatedAt } : null,
    source: draftSource(db, scope),
  });
}

type ActionResult = { errors: string[]; source: string };

export async function action({ request }: ActionFunctionArgs) {
  const { editor, scope } = await scopeOf(request);
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  const source = String(form.get("source") ?? "");
  const expected = Number(form.get("draftVersion") ?? 0);
  const back = `/reifegrad/katalog?bereich=${SCOPE_PARAM[scope.kind]}`;
  try {
    if (intent === "save") {
      saveCatalogueDraft(editor, scope, source, Number.isSafeInteger(expected) ? expected : -1);
      return redirect(`${back}&hinweis=gespeichert`);
    }
    if (intent === "publish") {
      // What the form shows is what gets published: saved (validated) first, then published.
      const saved = saveCatalogueDraft(editor, scope, source, Number.isSafeInteger(expected) ? expected : -1);
      const { version } = publishCatalogueDraft(editor, scope, saved);
      return redirect(`${back}&hinweis=veroeffentlicht&version=${version}`);
    }
    if (intent === "discard") {
      discardCatalogueDraft(editor, scope);
      return redirect(`${back}&hinweis=verworfen`);
    }
  } catch (error) {
    if (error instanceof ValidationError) return json<ActionResult>({ errors: error.fieldErrors.source ?? Object.values(error.fieldErrors).flat(), source }, { status: 400 });
    if (error instanceof ConflictError) return json<ActionResult>({ errors: [error.message], source }, { status: 409 });
    throw error;
  }
  badRequest("Unbekannte Aktion.");
}

const NOTICES: Record<string, string> = {
  gespeichert: "Der Entwurf ist gespeichert. Veröffentlichen Sie ihn, wenn er fertig ist.",
  veroeffentlicht: "Die neue Version ist veröffentlicht. Neue Selbstbewertungen verwenden sie; laufende behalten ihre Version.",
  verworfen: "Der Entwurf ist verworfen.",
};

export default function CataloguePage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const [params] = useSearchParams();
  const notice = NOTICES[params.get("hinweis") ?? ""];
  const scopeLabel = data.scope === "platform" ? "Plattform-Standard (alle Kommunen ohne eigenen Katalog ihres Roll-in-Service)" : `Katalog des Roll-in-Service ${data.providerName ?? ""} für seine Kommunen`;
  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ to: "/reifegrad", label: "Reifegrad" }, { label: "Katalog pflegen" }]} />
      <h1>Reifegradkatalog pflegen</h1>
      {notice ? <p className="alert-success" role="status">{notice}{params.get("version") ? ` (Version ${params.get("version")})` : ""}</p> : null}
      {data.scopes.length > 1 ? (
        <nav aria-label="Katalog wählen" className="flex gap-3">
          <Link to="?bereich=plattform" aria-current={data.scope === "platform" ? "page" : undefined}>Plattform-Standard</Link>
          <Link to="?bereich=anbieter" aria-current={data.scope === "provider" ? "page" : undefined}>Katalog des Roll-in-Service</Link>
        </nav>
      ) : null}
      <section aria-labelledby="stand" className="card space-y-2">
        <h2 id="stand">{scopeLabel}</h2>
        <p>
          {data.inUse ? `In Gebrauch: Version ${data.inUse.version} „${data.inUse.title}“.` : "Noch keine Version veröffentlicht."}
          {data.scope === "provider" && data.versions.length === 0 ? " Ihre Kommunen verwenden den Plattform-Standard, bis Sie eine eigene Version veröffentlichen." : null}
        </p>
        {data.versions.length ? (
          <table className="table">
            <caption className="sr-only">Veröffentlichte Versionen, neueste zuerst</caption>
            <thead>
              <tr><th scope="col">Version</th><th scope="col">Titel</th><th scope="col" className="text-right">Kriterien</th><th scope="col">Veröffentlicht</th></tr>
            </thead>
            <tbody>
              {data.versions.map((v) => (
                <tr key={v.id}><td>{v.version}</td><td>{v.title}</td><td className="text-right">{v.items}</td><td>{formatDateTime(v.createdAt)}</td></tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
      <section aria-labelledby="entwurf" className="card space-y-3">
        <h2 id="entwurf">{data.draft ? `Entwurf der nächsten Version (gespeichert ${formatDateTime(data.draft.updatedAt)})` : "Nächste Version entwerfen"}</h2>
        <p className="max-w-3xl text-sm text-slate-700">
          Der Katalog als JSON: Titel und Kriterien mit Code (z. B. VW-01), Handlungsfeld (administration, infrastructure, energy, mobility,
          society, organisation), Titel, genau fünf Stufenbeschreibungen (0–4), Förderthema, Schulungsthema und die Empfehlungsregeln
          (ab welchem Abstand welcher Maßnahmenvorschlag). Fehler werden mit ihrer Stelle genannt; ein fehlerhafter Entwurf wird nicht gespeichert.
        </p>
        <Form method="post" className="space-y-3">
          <CsrfInput />
          <input type="hidden" name="draftVersion" value={data.draft?.version ?? 0} />
          <label htmlFor="source" className="label">Katalog (JSON)</label>
          <textarea
            id="source"
            name="source"
            rows={24}
            className="input w-full font-mono text-xs"
            defaultValue={result?.source ?? data.source}
            aria-invalid={result?.errors.length ? true : undefined}
            aria-describedby={result?.errors.length ? "source-errors" : undefined}
            spellCheck={false}
          />
          {result?.errors.length ? (
            <div id="source-errors" className="field-error" role="alert">
              <p>Der Entwurf wurde nicht gespeichert:</p>
              <ul className="list-disc pl-6">
                {result.errors.map((e) => <li key={e}>{e}</li>)}
              </ul>
            </div>
          ) : null}
          <div className="flex flex-wrap gap-2">
            <button type="submit" name="intent" value="save" className="btn-secondary">Entwurf speichern</button>
            <button type="submit" name="intent" value="publish" className="btn-primary">Speichern und veröffentlichen</button>
            {data.draft ? <button type="submit" name="intent" value="discard" className="btn-secondary">Entwurf verwerfen</button> : null}
          </div>
        </Form>
      </section>
    </div>
  );
}
