import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { MATURITY_AREAS, type MaturityArea } from "../../db/schema/maturity";
import { assessmentView, currentAssessment, saveRatings } from "~/areas/maturity/assessments.server";
import { LEVELS, MATURITY_AREA_LABELS } from "~/areas/maturity/catalogue";
import { parseRatingForm } from "~/areas/maturity/rating-form";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { CsrfInput } from "~/components/csrf";
import { requireContext } from "~/utils/context.server";
import { readForm } from "~/utils/csrf.server";
import { getDb } from "~/utils/db.server";
import { ValidationError } from "~/utils/errors";
import { formatDateTime } from "~/utils/format";
import { notFound } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Selbstbewertung – Fahrplan" }];

function draftArea(ctx: Parameters<typeof currentAssessment>[1], areaParam: string | undefined) {
  const area = (MATURITY_AREAS as readonly string[]).includes(areaParam ?? "") ? (areaParam as MaturityArea) : notFound();
  const db = getDb();
  const assessment = currentAssessment(db, ctx);
  if (!assessment || assessment.status !== "draft") return { area, view: null };
  const view = assessmentView(db, ctx, assessment.id)!;
  return { area, view, items: view.items.filter((i) => i.area === area) };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "maturity.rate");
  const { area, view, items } = draftArea(ctx, params.area);
  if (!view) return redirect("/reifegrad");
  return json({ area, label: MATURITY_AREA_LABELS[area], targetYear: view.assessment.targetYear, items: items! });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireContext(request, "maturity.rate");
  const { view, items } = draftArea(ctx, params.area);
  if (!view) return redirect("/reifegrad");
  const form = await readForm(request);
  const { ratings, errors } = parseRatingForm(form, items!.map((i) => i.id));
  const values = Object.fromEntries([...form.entries()].filter(([k]) => k !== "csrf").map(([k, v]) => [k, String(v)]));
  if (Object.keys(errors).length) return json({ errors, formErrors: [] as string[], values }, { status: 400 });
  try {
    saveRatings(ctx, view.assessment.id, ratings);
  } catch (error) {
    if (error instanceof ValidationError) return json({ errors: {}, formErrors: Object.values(error.fieldErrors).flat(), values }, { status: 400 });
    throw error;
  }
  return redirect("/reifegrad?hinweis=gespeichert");
}

export default function RateAreaPage() {
  const { label, targetYear, items } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string> = result && "errors" in result ? result.errors : {};
  const values: Record<string, string> | undefined = result && "values" in result ? result.values : undefined;
  const value = (name: string, saved: string) => (values ? values[name] ?? "" : saved);
  const described = (name: string) => (errors[name] ? `${name}-error` : undefined);
  const errorCount = Object.keys(errors).length;
  return (
    <div className="max-w-4xl space-y-6">
      <Breadcrumbs items={[{ to: "/reifegrad", label: "Reifegrad" }, { label: label }]} />
      <h1>Selbstbewertung: {label}</h1>
      <p className="text-slate-700">
        Wählen Sie je Kriterium den heutigen Stand und die Stufe, die bis {targetYear} erreicht sein soll. Nicht bewertete Kriterien
        bleiben offen; mehrere Personen können nacheinander beitragen.
      </p>
      {errorCount ? (
        <p className="alert-error" role="alert">
          {errorCount === 1 ? "Ein Feld ist" : `${errorCount} Felder sind`} nicht richtig ausgefüllt; es wurde nichts gespeichert.
        </p>
      ) : null}
      {result?.formErrors?.length ? <p className="alert-error" role="alert">{result.formErrors.join(" ")}</p> : null}
      <Form method="post" className="space-y-4" noValidate>
        <CsrfInput />
        {items.map((item) => {
          const r = item.rating;
          const options = LEVELS.map((l) => ({ value: String(l), label: `${l} – ${item.levels[l]}` }));
          return (
            <fieldset key={item.id} className="card space-y-3">
              <legend className="font-semibold">
                {item.code} {item.title}
              </legend>
              {r?.ratedBy ? <p className="hint">Zuletzt bewertet von {r.ratedBy} am {formatDateTime(r.updatedAt)}</p> : null}
              <div className="grid gap-3 md:grid-cols-2">
                {(["current", "target"] as const).map((kind) => {
                  const name = `${kind}-${item.id}`;
                  return (
                    <div key={kind}>
                      <label htmlFor={name} className="label">{kind === "current" ? "Heutiger Stand" : `Ziel ${targetYear}`}</label>
                      <select id={name} name={name} className="input" defaultValue={value(name, r ? String(kind === "current" ? r.currentLevel : r.targetLevel) : "")} aria-invalid={errors[name] ? true : undefined} aria-describedby={described(name)}>
                        <option value="">nicht bewertet</option>
                        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
                      </select>
                      {errors[name] ? <p id={`${name}-error`} className="field-error">{errors[name]}</p> : null}
                    </div>
                  );
                })}
                <div>
                  <label htmlFor={`note-${item.id}`} className="label">Anmerkung</label>
                  <input id={`note-${item.id}`} name={`note-${item.id}`} className="input" defaultValue={value(`note-${item.id}`, r?.note ?? "")} aria-invalid={errors[`note-${item.id}`] ? true : undefined} aria-describedby={described(`note-${item.id}`)} />
                  {errors[`note-${item.id}`] ? <p id={`note-${item.id}-error`} className="field-error">{errors[`note-${item.id}`]}</p> : null}
                </div>
                <div>
                  <label htmlFor={`evidence-${item.id}`} className="label">Nachweis (Link)</label>
                  <input id={`evidence-${item.id}`} name={`evidence-${item.id}`} type="url" className="input" defaultValue={value(`evidence-${item.id}`, r?.evidenceUrl ?? "")} aria-invalid={errors[`evidence-${item.id}`] ? true : undefined} aria-describedby={described(`evidence-${item.id}`)} />
                  {errors[`evidence-${item.id}`] ? <p id={`evidence-${item.id}-error`} className="field-error">{errors[`evidence-${item.id}`]}</p> : null}
                </div>
              </div>
            </fieldset>
          );
        })}
        <div className="flex gap-3">
          <button type="submit" className="btn-primary">Bewertungen speichern</button>
          <Link to="/reifegrad" className="btn-secondary">Abbrechen</Link>
        </div>
      </Form>
    </div>
  );
}
