import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import type { CostCategory } from "../../db/schema/funding";
import { applicationUrl, startApplication } from "~/areas/funding/applications.server";
import { findProgrammes } from "~/areas/funding/finder.server";
import { COST_CATEGORY_KEYS, COST_CATEGORY_LABELS } from "~/areas/funding/labels";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { CsrfInput } from "~/components/csrf";
import { requireContext } from "~/utils/context.server";
import { readForm } from "~/utils/csrf.server";
import { centsToInput, formatEuro } from "~/utils/format";
import { badRequest } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Förderprogramm finden – Fahrplan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "funding.view");
  const result = findProgrammes(ctx, new URL(request.url).searchParams);
  return json({ ...result, canStart: ctx.can("funding.edit") });
}

const StartSchema = z.object({
  projectId: z.coerce.number().int().positive(),
  programmeId: z.coerce.number().int().positive(),
  plannedCostsCents: z.coerce.number().int().min(0).max(100_000_000_000).optional(),
  costCategories: z.array(z.enum(COST_CATEGORY_KEYS as [CostCategory, ...CostCategory[]])).default([]),
});

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireContext(request, "funding.edit");
  const form = await readForm(request);
  const parsed = StartSchema.safeParse({ ...Object.fromEntries(form), costCategories: form.getAll("costCategories") });
  if (!parsed.success) badRequest("Projekt oder Programm fehlt.");
  const id = startApplication(ctx, parsed.data);
  return redirect(applicationUrl(id));
}

export default function Finder() {
  const { projects, selected, query, matches, canStart } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ to: "/foerderung", label: "Förderung" }, { label: "Förderprogramm finden" }]} />
      <h1>Förderprogramm finden</h1>
      <section aria-labelledby="suche" className="card">
        <h2 id="suche">Projekt und Rahmen</h2>
        <Form method="get" className="mt-3 grid gap-3 md:grid-cols-4">
          <div className="md:col-span-2">
            <label htmlFor="projekt" className="label">Projekt</label>
            <select id="projekt" name="projekt" defaultValue={selected?.id ?? ""} className="input">
              <option value="">Bitte wählen</option>
              {projects.map((p) => (
                <option key={p.id} value={p.id}>{p.title}</option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="kosten" className="label">Geplante Kosten in €</label>
            <input id="kosten" name="kosten" inputMode="decimal" defaultValue={selected ? centsToInput(query.plannedCostsCents) : ""} className="input" aria-describedby="kosten-hinweis" />
            <p id="kosten-hinweis" className="hint">leer = Budget des Projekts</p>
          </div>
          <div>
            <label htmlFor="eigenmittel" className="label">Verfügbare Eigenmittel in €</label>
            <input id="eigenmittel" name="eigenmittel" inputMode="decimal" defaultValue={query.availableOwnFundsCents != null ? centsToInput(query.availableOwnFundsCents) : ""} className="input" />
          </div>
          <fieldset className="md:col-span-3">
            <legend className="label">Geplante Kostenarten</legend>
            <div className="flex flex-wrap gap-4">
              {COST_CATEGORY_KEYS.map((k) => (
                <label key={k} className="flex items-center gap-2 text-sm">
                  <input type="checkbox" name="kostenart" value={k} defaultChecked={query.costCategories.includes(k)} /> {COST_CATEGORY_LABELS[k]}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="flex items-end">
            <button type="submit" className="btn-primary">Programme suchen</button>
          </div>
        </Form>
      </section>
      {selected && (
        <section aria-labelledby="treffer" className="space-y-4">
          <h2 id="treffer">
            Programme für „{selected.title}“ (Handlungsfeld {selected.fieldOfAction})
          </h2>
          {matches.length === 0 && <p className="card">Keine Förderprogramme im Katalog.</p>}
          {matches.map((m) => (
            <article key={m.programmeId} className={`card space-y-2 ${m.fits ? "border-green-700" : ""}`} aria-labelledby={`programm-${m.programmeId}`}>
              <div className="flex flex-wrap items-start justify-between gap-3">
                <div>
                  <h3 id={`programm-${m.programmeId}`} className="text-base font-semibold">
                    <Link to={`/foerderung/programme/${m.programmeId}`}>{m.name}</Link>
                  </h3>
                  <p className="text-sm text-slate-700">{m.funder}</p>
                </div>
                <p className={`badge ${m.badge === "passt" ? "bg-green-100 text-green-900" : m.fits ? "bg-amber-100 text-amber-900" : "bg-slate-200 text-slate-800"}`}>{m.badge}</p>
              </div>
              <p className="text-sm">
                Erwartete Zuwendung <strong>{formatEuro(m.estimatedGrantCents)}</strong>, Eigenanteil {formatEuro(m.ownContributionCents)}
              </p>
              <ul className="space-y-1 text-sm">
                {m.criteria.map((c) => (
                  <li key={c.text} className={c.fits ? "text-green-900" : c.hard ? "text-red-800" : "text-amber-900"}>
                    <span aria-hidden="true">{c.fits ? "✓ " : "✗ "}</span>
                    {c.text}
                  </li>
                ))}
              </ul>
              {canStart && m.fits && (
                <Form method="post">
                  <CsrfInput />
                  <input type="hidden" name="projectId" value={selected.id} />
                  <input type="hidden" name="programmeId" value={m.programmeId} />
                  <input type="hidden" name="plannedCostsCents" value={query.plannedCostsCents} />
                  {query.costCategories.map((c) => (
                    <input key={c} type="hidden" name="costCategories" value={c} />
                  ))}
                  <button type="submit" className="btn-primary">
                    Antrag starten<span className="sr-only">: {m.name}</span>
                  </button>
                </Form>
              )}
            </article>
          ))}
        </section>
      )}
    </div>
  );
}
