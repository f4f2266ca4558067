import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { createCriterion, ensureDefaultCriteria, listCriteria, updateCriterion } from "~/areas/assessment/assessment.server";
import { CLASSIFICATION_LABELS, FOCUS_AREAS, FOCUS_AREA_LABELS } from "~/areas/assessment/classify";
import { type ClassChange, needsPreview, previewCriterionChange } from "~/areas/assessment/criteria-preview.server";
import { CriteriaActionSchema, zodFieldErrors } from "~/areas/assessment/criteria-form";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { CsrfInput } from "~/components/csrf";
import { FormErrors } from "~/components/forms";
import { requireContext } from "~/utils/context.server";
import { readForm } from "~/utils/csrf.server";
import { getDb, transaction } from "~/utils/db.server";
import { ConflictError, ValidationError } from "~/utils/errors";
import { orNotFound } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Bewertungskriterien – Fahrplan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "project.view");
  return json({ criteria: listCriteria(getDb(), ctx), canConfigure: ctx.can("assessment.configure") });
}

/** A weight or activation change is first shown as a preview: which projects would change class. */
type Preview = {
  id: number;
  version: number;
  label: string;
  description: string;
  weight: number;
  active: boolean;
  before: { label: string; weight: number; active: boolean };
  changes: ClassChange[];
};
type ActionData = { key: string; ok: boolean; message?: string; fieldErrors: Record<string, string[]>; formErrors: string[]; preview?: Preview };

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireContext(request, "assessment.configure");
  const formData = await readForm(request);
  const parsed = CriteriaActionSchema.safeParse(Object.fromEntries(formData));
  const key = `${formData.get("intent")}-${formData.get("id") ?? ""}`;
  if (!parsed.success) {
    const { form, ...fieldErrors } = zodFieldErrors(parsed.error);
    return json<ActionData>({ key, ok: false, fieldErrors, formErrors: form ?? [] }, { status: 400 });
  }
  const input = parsed.data;
  try {
    if (input.intent === "createDefaults") {
      const n = transaction((tx) => ensureDefaultCriteria(tx, ctx));
      return json<ActionData>({ key, ok: true, message: `${n} Standardkriterien angelegt.`, fieldErrors: {}, formErrors: [] });
    }
    if (input.intent === "create") {
      transaction((tx) => createCriterion(tx, ctx, { ...input, active: true }));
      return json<ActionData>({ key, ok: true, message: "Das Kriterium wurde angelegt.", fieldErrors: {}, formErrors: [] });
    }
    const before = orNotFound(listCriteria(getDb(), ctx).find((c) => c.id === input.id));
    if (needsPreview(before, input) && input.confirm !== "1") {
      const changes = orNotFound(previewCriterionChange(ctx, input.id, input.version, input));
      const { id, version, label, description, weight, active } = input;
      const preview = { id, version, label, description, weight, active, before: { label: before.label, weight: before.weight, active: before.active }, changes };
      return json<ActionData>({ key, ok: false, fieldErrors: {}, formErrors: [], preview });
    }
    orNotFound(transaction((tx) => updateCriterion(tx, ctx, input.id, input.version, input)));
    return json<ActionData>({
      key,
      ok: true,
      message: "Das Kriterium wurde gespeichert; alle bewerteten Projekte wurden neu eingestuft.",
      fieldErrors: {},
      formErrors: [],
    });
  } catch (error) {
    if (error instanceof ValidationError) {
      const { form, ...fieldErrors } = error.fieldErrors;
      return json<ActionData>({ key, ok: false, fieldErrors, formErrors: form ?? [] }, { status: 400 });
    }
    if (error instanceof ConflictError) return json<ActionData>({ key, ok: false, fieldErrors: {}, formErrors: [error.message] }, { status: 409 });
    throw error;
  }
}

function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  return errors?.length ? (
    <p id={id} className="field-error" role="alert">
      {errors.join(" ")}
    </p>
  ) : null;
}

/** The preview step of a weight or activation change: project → class now → class after; then confirm or discard. */
function PreviewPanel({ preview }: { preview: Preview }) {
  const what = [
    preview.before.weight !== preview.weight ? `Gewicht ${preview.before.weight} → ${preview.weight}` : null,
    preview.before.active !== preview.active ? (preview.active ? "wieder aktiv" : "deaktiviert") : null,
  ].filter(Boolean);
  return (
    <section aria-labelledby="vorschau" className="alert-warning space-y-3" data-testid="criteria-preview">
      <h2 id="vorschau" className="text-base font-semibold">
        Vorschau: „{preview.before.label}“ – {what.join(", ")}
      </h2>
      {preview.changes.length === 0 ? (
        <p>Keine Einstufung ändert sich.</p>
      ) : (
        <table className="table bg-white">
          <caption className="text-left">
            {preview.changes.length === 1 ? "Dieses Projekt ändert" : `Diese ${preview.changes.length} Projekte ändern`} seine Einstufung:
          </caption>
          <thead>
            <tr>
              <th scope="col">Projekt</th>
              <th scope="col">bisher</th>
              <th scope="col">danach</th>
            </tr>
          </thead>
          <tbody>
            {preview.changes.map((c) => (
              <tr key={c.projectId}>
                <td>
                  <Link to={`/bewertung/${c.projectId}`}>{c.title}</Link>
                </td>
                <td>{CLASSIFICATION_LABELS[c.before]}</td>
                <td>{CLASSIFICATION_LABELS[c.after]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="flex flex-wrap gap-2">
        <Form method="post">
          <CsrfInput />
          <input type="hidden" name="intent" value="update" />
          <input type="hidden" name="confirm" value="1" />
          <input type="hidden" name="id" value={preview.id} />
          <input type="hidden" name="version" value={preview.version} />
          <input type="hidden" name="label" value={preview.label} />
          <input type="hidden" name="description" value={preview.description} />
          <input type="hidden" name="weight" value={preview.weight} />
          {preview.active ? <input type="hidden" name="active" value="on" /> : null}
          <button type="submit" className="btn-primary">
            Änderung übernehmen
          </button>
        </Form>
        <Link to="/bewertung/kriterien" className="btn-secondary">
          Verwerfen
        </Link>
      </div>
    </section>
  );
}

export default function CriteriaPage() {
  const { criteria, canConfigure } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const errorsFor = (key: string) => (result && result.key === key && !result.ok ? result : undefined);
  const created = errorsFor("create-");
  return (
    <div className="space-y-6">
      <Breadcrumbs
        items={[
          { to: "/projekte", label: "Projekte" },
          { to: "/projekte/portfolio", label: "Portfolio" },
          { label: "Bewertungskriterien" },
        ]}
      />
      <h1>Bewertungskriterien und Gewichte</h1>
      <p className="max-w-3xl text-slate-700">
        Jedes Projekt wird je Kriterium mit 0 (nicht erfüllt) bis 4 (voll erfüllt) bewertet. Je Fokusbereich zählt der gewichtete
        Mittelwert; die Gesamtbewertung ist der Mittelwert der drei Fokusbereiche. Nachzügler sind Projekte unter 2,0 gesamt, mit
        einem Fokusbereich unter 1,5, mit zwei oder mehr überfälligen Meilensteinen, überschrittenem Projektende oder einem
        Budgetverbrauch deutlich vor der Zeit. Leuchttürme erreichen gesamt mindestens 3,2 und in jedem Fokusbereich mindestens 2,5
        ohne Verzug.
      </p>
      {result?.ok ? (
        <p className="alert-success" role="status">
          {result.message}
        </p>
      ) : null}
      {result?.preview ? <PreviewPanel preview={result.preview} /> : null}
      {criteria.length === 0 ? (
        <div className="alert-info space-y-2">
          <p>Für diese Kommune sind noch keine Kriterien eingerichtet.</p>
          {canConfigure ? (
            <Form method="post">
              <CsrfInput />
              <input type="hidden" name="intent" value="createDefaults" />
              <button type="submit" className="btn-primary">
                Standardkriterien übernehmen
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}
      {FOCUS_AREAS.map((area) => {
        const list = criteria.filter((c) => c.focusArea === area);
        if (!list.length) return null;
        return (
          <section key={area} aria-labelledby={`bereich-${area}`} className="card space-y-4">
            <h2 id={`bereich-${area}`}>{FOCUS_AREA_LABELS[area]}</h2>
            {list.map((c) => {
              const err = errorsFor(`update-${c.id}`);
              const p = `k${c.id}`;
              return canConfigure ? (
                <Form key={c.id} method="post" className="grid gap-3 border-t border-slate-200 pt-3 md:grid-cols-[2fr_3fr_6rem_auto_auto] md:items-end">
                  <CsrfInput />
                  <input type="hidden" name="intent" value="update" />
                  <input type="hidden" name="id" value={c.id} />
                  <input type="hidden" name="version" value={c.version} />
                  <div>
                    <label htmlFor={`${p}-label`} className="label">
                      Bezeichnung
                    </label>
                    <input
                      id={`${p}-label`}
                      name="label"
                      defaultValue={c.label}
                      className="input"
                      aria-invalid={err?.fieldErrors.label ? true : undefined}
                      aria-describedby={err?.fieldErrors.label ? `${p}-label-error` : undefined}
                    />
                    <FieldError id={`${p}-label-error`} errors={err?.fieldErrors.label} />
                  </div>
                  <div>
                    <label htmlFor={`${p}-description`} className="label">
                      Beschreibung
                    </label>
                    <input
                      id={`${p}-description`}
                      name="description"
                      defaultValue={c.description}
                      className="input"
                      aria-invalid={err?.fieldErrors.description ? true : undefined}
                      aria-describedby={err?.fieldErrors.description ? `${p}-description-error` : undefined}
                    />
                    <FieldError id={`${p}-description-error`} errors={err?.fieldErrors.description} />
                  </div>
                  <div>
                    <label htmlFor={`${p}-weight`} className="label">
                      Gewicht
                    </label>
                    <input
                      id={`${p}-weight`}
                      name="weight"
                      type="number"
                      min={1}
                      max={10}
                      defaultValue={c.weight}
                      className="input"
                      aria-invalid={err?.fieldErrors.weight ? true : undefined}
                      aria-describedby={err?.fieldErrors.weight ? `${p}-weight-error` : undefined}
                    />
                    <FieldError id={`${p}-weight-error`} errors={err?.fieldErrors.weight} />
                  </div>
                  <div className="flex items-center gap-2 pb-2">
                    <input id={`${p}-active`} name="active" type="checkbox" defaultChecked={c.active} className="h-4 w-4" />
                    <label htmlFor={`${p}-active`} className="text-sm">
                      aktiv
                    </label>
                  </div>
                  <div>
                    <button type="submit" className="btn-secondary" disabled={navigation.state === "submitting"}>
                      Speichern<span className="sr-only">: {c.label}</span>
                    </button>
                  </div>
                  {err?.formErrors.length ? <FormErrors errors={err.formErrors} /> : null}
                </Form>
              ) : (
                <div key={c.id} className="border-t border-slate-200 pt-3">
                  <p className="font-medium">
                    {c.label} <span className="text-sm font-normal text-slate-600">(Gewicht {c.weight}{c.active ? "" : ", deaktiviert"})</span>
                  </p>
                  <p className="text-sm text-slate-700">{c.description}</p>
                </div>
              );
            })}
          </section>
        );
      })}
      {canConfigure && criteria.length > 0 ? (
        <section aria-labelledby="neu" className="card">
          <h2 id="neu">Eigenes Kriterium hinzufügen</h2>
          <Form method="post" className="mt-3 grid gap-3 md:grid-cols-[2fr_2fr_3fr_6rem_auto] md:items-end">
            <CsrfInput />
            <input type="hidden" name="intent" value="create" />
            <div>
              <label htmlFor="neu-focusArea" className="label">
                Fokusbereich
              </label>
              <select id="neu-focusArea" name="focusArea" className="input" defaultValue="organisation">
                {FOCUS_AREAS.map((a) => (
                  <option key={a} value={a}>
                    {FOCUS_AREA_LABELS[a]}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="neu-label" className="label">
                Bezeichnung
              </label>
              <input
                id="neu-label"
                name="label"
                className="input"
                aria-invalid={created?.fieldErrors.label ? true : undefined}
                aria-describedby={created?.fieldErrors.label ? "neu-label-error" : undefined}
              />
              <FieldError id="neu-label-error" errors={created?.fieldErrors.label} />
            </div>
            <div>
              <label htmlFor="neu-description" className="label">
                Beschreibung
              </label>
              <input id="neu-description" name="description" className="input" />
            </div>
            <div>
              <label htmlFor="neu-weight" className="label">
                Gewicht
              </label>
              <input
                id="neu-weight"
                name="weight"
                type="number"
                min={1}
                max={10}
                defaultValue={1}
                className="input"
                aria-invalid={created?.fieldErrors.weight ? true : undefined}
                aria-describedby={created?.fieldErrors.weight ? "neu-weight-error" : undefined}
              />
              <FieldError id="neu-weight-error" errors={created?.fieldErrors.weight} />
            </div>
            <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
              Hinzufügen
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
