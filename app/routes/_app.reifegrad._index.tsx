import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ChartFigure } from "~/areas/dashboard/chart-figure";
import { allowedTargetYears, assessmentView, currentAssessment, completeAssessment, snapshotTrend, startAssessment } from "~/areas/maturity/assessments.server";
import { MATURITY_AREA_LABELS } from "~/areas/maturity/catalogue";
import { catalogueEditorFor, editableScopes } from "~/areas/maturity/catalogue-drafts.server";
import { maturityChartImage } from "~/areas/maturity/maturity-chart.server";
import { createMeasureGoal, createMeasureProject, matchingOffers, measureChoices } from "~/areas/maturity/measures.server";
import { CsrfInput } from "~/components/csrf";
import { EFA_STATUS_LABELS } from "~/areas/efa/labels";
import { requireContext } from "~/utils/context.server";
import { readForm } from "~/utils/csrf.server";
import { getDb } from "~/utils/db.server";
import { ValidationError, ConflictError } from "~/utils/errors";
import { formatDate, formatNumber } from "~/utils/format";
import { badRequest } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Reifegrad – Fahrplan" }];

const level = (hundredths: number | null) => (hundredths === null ? "–" : formatNumber(hundredths / 100, 2));

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "maturity.view");
  const db = getDb();
  const current = currentAssessment(db, ctx);
  const view = current ? assessmentView(db, ctx, current.id)! : null;
  const gaps = view ? view.gaps.slice(0, 15) : [];
  const offers = matchingOffers(db, ctx, gaps.map((g) => g.item));
  return json({
    view: view && {
      assessment: view.assessment,
      areas: view.areas,
      ratedCount: view.ratedCount,
      itemCount: view.items.length,
      gaps: gaps.map((g) => ({
        itemId: g.item.id,
        code: g.item.code,
        title: g.item.title,
        areaLabel: MATURITY_AREA_LABELS[g.item.area],
        currentLevel: g.currentLevel,
        targetLevel: g.targetLevel,
        gap: g.gap,
        proposal: g.proposal,
        measures: g.measures,
        goals: g.goals,
        offers: offers.get(g.item.code)!,
      })),
      gapCount: view.gaps.length,
    },
    chart: view ? await maturityChartImage(ctx, view.areas) : null,
    trend: snapshotTrend(db, ctx),
    choices: ctx.can("project.edit") || ctx.can("agenda.edit") ? measureChoices(db, ctx) : null,
    targetYears: allowedTargetYears(),
    canEditCatalogue: editableScopes(catalogueEditorFor(db, ctx.user.id)).length > 0,
    can: { rate: ctx.can("maturity.rate"), finalise: ctx.can("maturity.finalise"), createProject: ctx.can("project.edit"), createGoal: ctx.can("agenda.edit") },
  });
}

type ActionResult = { intent: string; itemId?: number; fieldErrors: Record<string, string[]>; formErrors: string[] };

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireContext(request, "maturity.view");
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  const num = (name: string) => {
    const n = Number(form.get(name));
    return Number.isSafeInteger(n) && n > 0 ? n : 0;
  };
  try {
    if (intent === "start") {
      startAssessment(ctx, { targetYear: num("targetYear"), shareForBenchmark: form.get("shareForBenchmark") === "on" });
      return redirect("/reifegrad?hinweis=begonnen");
    }
    if (intent === "finalise") {
      completeAssessment(ctx, num("assessmentId"), num("version"), form.get("shareForBenchmark") === "on");
      return redirect("/reifegrad?hinweis=abgeschlossen");
    }
    if (intent === "measure") {
      const projectId = createMeasureProject(ctx, num("assessmentId"), num("itemId"), { fieldOfActionId: num("fieldOfActionId"), leadUnitId: num("leadUnitId") });
      return redirect(`/projekte/${projectId}?hinweis=angelegt`);
    }
    if (intent === "goal") {
      createMeasureGoal(ctx, num("assessmentId"), num("itemId"), { fieldOfActionId: num("fieldOfActionId") });
      return redirect("/reifegrad?hinweis=ziel");
    }
  } catch (error) {
    const itemId = intent === "measure" || intent === "goal" ? num("itemId") : undefined;
    if (error instanceof ValidationError) {
      const { form: formErrors = [], ...fieldErrors } = error.fieldErrors;
      return json<ActionResult>({ intent, itemId, fieldErrors, formErrors }, { status: 400 });
    }
    if (error instanceof ConflictError) return json<ActionResult>({ intent, itemId, fieldErrors: {}, formErrors: [error.message] }, { status: 409 });
    throw error;
  }
  badRequest("Unbekannte Aktion.");
}

function Errors({ id, errors }: { id: string; errors?: string[] }) {
  return errors?.length ? (
    <p id={id} className="field-error" role="alert">
      {errors.join(" ")}
    </p>
  ) : null;
}

const NOTICES: Record<string, string> = {
  begonnen: "Die Selbstbewertung ist begonnen. Die Werte der letzten Bewertung sind übernommen.",
  abgeschlossen: "Die Selbstbewertung ist abgeschlossen und als Stand gespeichert.",
  gespeichert: "Die Bewertungen sind gespeichert.",
  ziel: "Das Ziel ist in der Digitalagenda angelegt und mit dem Kriterium verknüpft.",
};

export default function MaturityPage() {
  const { view, chart, trend, choices, targetYears, can, canEditCatalogue } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const [params] = useSearchParams();
  const notice = NOTICES[params.get("hinweis") ?? ""];
  const errorsFor = (intent: string, field: string, itemId?: number) =>
    result && result.intent === intent && (itemId === undefined || result.itemId === itemId) ? result.fieldErrors[field] : undefined;
  const formErrorsFor = (intent: string, itemId?: number) =>
    result && result.intent === intent && (itemId === undefined || result.itemId === itemId) ? result.formErrors : undefined;
  const a = view?.assessment;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1>Reifegrad der Kommune</h1>
        <div className="flex flex-wrap gap-4">
          <Link to="/reifegrad/vergleich">Vergleich mit anderen Kommunen</Link>
          {canEditCatalogue ? <Link to="/reifegrad/katalog">Katalog pflegen</Link> : null}
        </div>
      </div>
      {notice ? <p className="alert-success" role="status">{notice}</p> : null}
      <p className="max-w-3xl text-slate-700">
        Die Selbstbewertung zeigt, wo die Kommune steht: je Kriterium der heutige Stand und das Ziel (Stufe 0–4) in sechs Handlungsfeldern.
        Aus dem Abstand zum Ziel werden Maßnahmen, die als Projekt in die Digitalagenda übernommen werden.
      </p>

      {a ? (
        <section aria-labelledby="stand" className="card space-y-3">
          <h2 id="stand">{a.status === "draft" ? "Laufende Selbstbewertung" : "Letzte abgeschlossene Selbstbewertung"}</h2>
          <p>
            Ziel bis {a.targetYear} · {view!.ratedCount} von {view!.itemCount} Kriterien bewertet
            {a.status === "final" ? ` · abgeschlossen am ${formatDate(a.finalisedAt)}${a.finalisedByName ? ` von ${a.finalisedByName}` : ""}` : " · in Bearbeitung"}
          </p>
          <div className="overflow-x-auto">
            <table className="table">
              <caption className="sr-only">Reifegrad je Handlungsfeld</caption>
              <thead>
                <tr>
                  <th scope="col">Handlungsfeld</th>
                  <th scope="col" className="text-right">bewertet</th>
                  <th scope="col" className="text-right">heute (Ø)</th>
                  <th scope="col" className="text-right">Ziel (Ø)</th>
                  {a.status === "draft" && can.rate ? <th scope="col"><span className="sr-only">Bewerten</span></th> : null}
                </tr>
              </thead>
              <tbody>
                {view!.areas.map((area) => (
                  <tr key={area.area}>
                    <th scope="row">{area.label}</th>
                    <td className="text-right">{area.rated} von {area.items}</td>
                    <td className="text-right">{level(area.current)}</td>
                    <td className="text-right">{level(area.target)}</td>
                    {a.status === "draft" && can.rate ? (
                      <td><Link to={`/reifegrad/bewerten/${area.area}`}>{area.label} bewerten</Link></td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {chart ? <ChartFigure chart={chart} caption="Je Handlungsfeld der Durchschnitt der Stufen heute (dunkel) und im Ziel (hell); die Werte stehen in der Tabelle." /> : null}
          {a.status === "draft" && can.finalise ? (
            <Form method="post" className="space-y-2 border-t border-slate-200 pt-3" aria-describedby={formErrorsFor("finalise")?.length ? "finalise-errors" : undefined}>
              <CsrfInput />
              <input type="hidden" name="intent" value="finalise" />
              <input type="hidden" name="assessmentId" value={a.id} />
              <input type="hidden" name="version" value={a.version} />
              <div className="flex items-center gap-2">
                <input type="checkbox" id="share-final" name="shareForBenchmark" defaultChecked={a.shareForBenchmark} className="h-4 w-4" />
                <label htmlFor="share-final">Werte anonym für den Vergleich mit anderen Kommunen freigeben</label>
              </div>
              <Errors id="finalise-errors" errors={formErrorsFor("finalise")} />
              <button type="submit" className="btn-primary">Selbstbewertung abschließen</button>
            </Form>
          ) : null}
        </section>
      ) : (
        <p className="card">Die Kommune hat noch keine Selbstbewertung.</p>
      )}

      {can.finalise && a?.status !== "draft" ? (
        <section aria-labelledby="neu" className="card space-y-3">
          <h2 id="neu">Neue Selbstbewertung beginnen</h2>
          <Form method="post" className="flex flex-wrap items-end gap-4">
            <CsrfInput />
            <input type="hidden" name="intent" value="start" />
            <div>
              <label htmlFor="targetYear" className="label">Zieljahr</label>
              <select id="targetYear" name="targetYear" className="input" aria-describedby={errorsFor("start", "targetYear") ? "targetYear-error" : undefined}>
                {targetYears.map((y) => <option key={y} value={y}>{y}</option>)}
              </select>
              <Errors id="targetYear-error" errors={errorsFor("start", "targetYear")} />
            </div>
            <div className="flex items-center gap-2">
              <input type="checkbox" id="share-start" name="shareForBenchmark" className="h-4 w-4" />
              <label htmlFor="share-start">Werte anonym für den Vergleich freigeben</label>
            </div>
            <button type="submit" className="btn-primary">Selbstbewertung beginnen</button>
          </Form>
          <Errors id="start-errors" errors={formErrorsFor("start")} />
        </section>
      ) : null}

      {view && view.gaps.length ? (
        <section aria-labelledby="luecken" className="space-y-3">
          <h2 id="luecken">Größte Abstände zum Ziel und vorgeschlagene Maßnahmen</h2>
          <p className="text-sm text-slate-700">
            {view.gapCount > view.gaps.length ? `Die ${view.gaps.length} größten von ${view.gapCount} Abständen. ` : null}
            Sortiert nach dem Abstand zwischen heutigem Stand und Ziel.
          </p>
          <ol className="space-y-3">
            {view.gaps.map((g) => (
              <li key={g.itemId} className="card space-y-2">
                <h3>
                  {g.code} {g.title} <span className="text-sm font-normal text-slate-700">({g.areaLabel})</span>
                </h3>
                <p>Heute Stufe {g.currentLevel}, Ziel Stufe {g.targetLevel}: Abstand {g.gap}</p>
                {g.proposal ? <p><strong>Vorschlag:</strong> {g.proposal}</p> : null}
                {g.offers.programmes.length || g.offers.courses.length || g.offers.efaServices.length ? (
                  <ul className="text-sm">
                    {g.offers.programmes.map((p) => (
                      <li key={`p${p.id}`}>Förderprogramm: <Link to={`/foerderung/programme/${p.id}`}>{p.name}</Link></li>
                    ))}
                    {g.offers.courses.map((c) => (
                      <li key={`c${c.id}`}>Schulung: <Link to={`/schulungen/formate/${c.id}`}>{c.title}</Link></li>
                    ))}
                    {g.offers.efaServices.map((e) => (
                      <li key={`e${e.id}`}>
                        EfA-Dienst: <Link to={`/ozg/${e.id}`}>{e.name}</Link> – angeboten von {e.land}, {e.status ? EFA_STATUS_LABELS[e.status] : ""}
                      </li>
                    ))}
                  </ul>
                ) : null}
                {g.measures.length || g.goals.length ? (
                  <ul className="text-sm">
                    {g.measures.map((m) => (
                      <li key={m.projectId}>Maßnahme: <Link to={`/projekte/${m.projectId}`}>{m.title}</Link> ({m.stateLabel})</li>
                    ))}
                    {g.goals.map((m) => (
                      <li key={`g${m.goalId}`}>Ziel der Agenda: <Link to={`/agenda/ziele/${m.goalId}`}>{m.title}</Link> ({m.stateLabel})</li>
                    ))}
                  </ul>
                ) : null}
                {choices && a && can.createGoal ? (
                  <Form method="post" className="flex flex-wrap items-end gap-3">
                    <CsrfInput />
                    <input type="hidden" name="intent" value="goal" />
                    <input type="hidden" name="assessmentId" value={a.id} />
                    <input type="hidden" name="itemId" value={g.itemId} />
                    <div>
                      <label htmlFor={`goal-foa-${g.itemId}`} className="label">Handlungsfeld des Ziels</label>
                      <select id={`goal-foa-${g.itemId}`} name="fieldOfActionId" className="input" aria-describedby={errorsFor("goal", "fieldOfActionId", g.itemId) ? `goal-foa-${g.itemId}-error` : undefined}>
                        {choices.fieldsOfAction.map((f) => <option key={f.id} value={f.id}>{f.name}</option>)}
                      </select>
                      <Errors id={`goal-foa-${g.itemId}-error`} errors={errorsFor("goal", "fieldOfActionId", g.itemId)} />
                    </div>
                    <button type="submit" className="btn-secondary">Als Ziel anlegen</button>
                    <span className="text-sm text-slate-700">Kennzahl: Stufe {g.currentLevel} → {g.targetLevel} bis Ende {a.targetYear}</span>
                    <Errors id={`goal-${g.itemId}-errors`} errors={formErrorsFor("goal", g.itemId)} />
                  </Form>
                ) : null}
                {choices && a && can.createProject ? (
                  <Form method="post" className="flex flex-wrap items-end gap-3">
                    <CsrfInput />
                    <input type="hidden" name="intent" value="measure" />
                    <input type="hidden" name="assessmentId" value={a.id} />
                    <input type="hidden" name="itemId" value={g.itemId} />
                    <div>
                      <label htmlFor={`foa-${g.itemId}`} className="label">Handlungsfeld der Agenda</label>
                      <select id={`foa-${g.itemId}`} name="fieldOfActionId" className="input" aria-describedby={errorsFor("measure", "fieldOfActionId", g.itemId) ? `foa-${g.itemId}-error` : undefined}>
                        {choices.fieldsOfAction.map((f) => <option key={f.id} value={f.id}>{f.name}</option>)}
                      </select>
                      <Errors id={`foa-${g.itemId}-error`} errors={errorsFor("measure", "fieldOfActionId", g.itemId)} />
                    </div>
                    <div>
                      <label htmlFor={`unit-${g.itemId}`} className="label">Federführung</label>
                      <select id={`unit-${g.itemId}`} name="leadUnitId" className="input" aria-describedby={errorsFor("measure", "leadUnitId", g.itemId) ? `unit-${g.itemId}-error` : undefined}>
                        {choices.units.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
                      </select>
                      <Errors id={`unit-${g.itemId}-error`} errors={errorsFor("measure", "leadUnitId", g.itemId)} />
                    </div>
                    <button type="submit" className="btn-secondary">Als Projekt anlegen</button>
                    <Errors id={`measure-${g.itemId}-errors`} errors={formErrorsFor("measure", g.itemId)} />
                  </Form>
                ) : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      {trend.length ? (
        <section aria-labelledby="verlauf" className="card space-y-3">
          <h2 id="verlauf">Verlauf der abgeschlossenen Bewertungen</h2>
          <div className="overflow-x-auto">
            <table className="table">
              <caption className="sr-only">Durchschnittliche Stufe je Handlungsfeld und Bewertung</caption>
              <thead>
                <tr>
                  <th scope="col">Handlungsfeld</th>
                  {trend.map((t) => <th key={t.id} scope="col" className="text-right">{formatDate(t.finalisedAt)}</th>)}
                </tr>
              </thead>
              <tbody>
                {Object.entries(MATURITY_AREA_LABELS).map(([key, label]) => (
                  <tr key={key}>
                    <th scope="row">{label}</th>
                    {trend.map((t) => <td key={t.id} className="text-right">{level(t.areas.find((x) => x.area === key)?.current ?? null)}</td>)}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </div>
  );
}
