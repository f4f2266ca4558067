import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FOCUS_AREA_LABELS } from "~/areas/agenda/agenda";
import { agendaOverview } from "~/areas/agenda/agenda.server";
import { goalChartSvg } from "~/areas/agenda/goal-chart.server";
import { StateBadge } from "~/areas/projects/ui";
import { requireContext } from "~/utils/context.server";
import { getDb } from "~/utils/db.server";
import { formatDate, formatNumber, formatPercentBp, formatShare, todayIso } from "~/utils/format";
import { ReportPreviewLink } from "~/reports/components";

export const meta: MetaFunction = () => [{ title: "Digitalagenda – Fahrplan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "agenda.view");
  const overview = agendaOverview(getDb(), ctx, todayIso());
  const charts: Record<number, string> = {};
  for (const area of overview.focusAreas) {
    for (const field of area.fields) {
      for (const goal of field.goals) {
        if (goal.values.length) charts[goal.id] = await goalChartSvg(goal, goal.values);
      }
    }
  }
  return json({ overview, charts, canEdit: ctx.can("agenda.edit"), municipality: ctx.municipality.name });
}

function ProgressBar({ share, label }: { share: number; label: string }) {
  const percent = Math.round(share * 100);
  return (
    <div className="flex items-center gap-2">
      <div
        role="progressbar"
        aria-valuenow={percent}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-label={label}
        className="h-2.5 w-32 overflow-hidden rounded bg-slate-200"
      >
        <div className="h-full bg-brand-700" style={{ width: `${percent}%` }} />
      </div>
      <span className="text-sm tabular-nums">{formatShare(share)}</span>
    </div>
  );
}

export default function AgendaPage() {
  const { overview, charts, canEdit, municipality } = useLoaderData<typeof loader>();
  const { agenda } = overview;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1>
          {agenda?.title ?? "Digitalagenda"} {municipality}
        </h1>
        <ReportPreviewLink type="statusbericht" subjectId={0} />
        <ReportPreviewLink type="digitalbericht" subjectId={0} />
        {canEdit ? (
          <div className="flex flex-wrap gap-2">
            <Link to="/agenda/bearbeiten" className="btn-secondary">
              Vision bearbeiten
            </Link>
            <Link to="/agenda/handlungsfelder" className="btn-secondary">
              Handlungsfelder verwalten
            </Link>
            <Link to="/agenda/ziele/neu" className="btn-primary">
              Ziel hinzufügen
            </Link>
          </div>
        ) : null}
      </div>
      <section aria-labelledby="vision-titel" className="card">
        <h2 id="vision-titel">Vision</h2>
        {agenda ? (
          <>
            <p className="mt-2 whitespace-pre-line">{agenda.vision}</p>
            <p className="mt-2 text-sm text-slate-700">Ziel-Schulungsquote der Beschäftigten: {formatPercentBp(agenda.trainingCoverageTargetBp)}</p>
          </>
        ) : (
          <p className="mt-2">Die Vision der Digitalagenda ist noch nicht formuliert.</p>
        )}
      </section>
      {overview.focusAreas.map((area) => (
        <section key={area.focusArea} aria-labelledby={`fokus-${area.focusArea}`} className="space-y-4">
          <h2 id={`fokus-${area.focusArea}`} className="border-b border-slate-300 pb-1 text-xl">
            Fokusbereich {FOCUS_AREA_LABELS[area.focusArea]}
          </h2>
          {area.fields.length === 0 ? <p>Diesem Fokusbereich sind noch keine Handlungsfelder zugeordnet.</p> : null}
          {area.fields.map((field) => (
            <article key={field.id} aria-labelledby={`feld-${field.id}`} className="card space-y-3">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <h3 id={`feld-${field.id}`} className="text-lg font-semibold">
                  Handlungsfeld {field.name}
                </h3>
                {field.progress !== null ? <ProgressBar share={field.progress} label={`Fortschritt Handlungsfeld ${field.name}`} /> : null}
              </div>
              {field.description ? <p className="text-slate-700">{field.description}</p> : null}
              <div className="grid gap-4 lg:grid-cols-2">
                {field.goals.map((goal) => (
                  <div key={goal.id} id={`ziel-${goal.id}`} className="rounded border border-slate-200 p-3">
                    <h4 className="font-semibold">{goal.title}</h4>
                    <p className="text-sm text-slate-700">
                      {goal.indicator}: von {formatNumber(goal.baseline)} auf {formatNumber(goal.targetValue)} {goal.unit} bis {formatDate(goal.targetDate)}
                    </p>
                    <p className="mt-1 text-sm">
                      Aktuell: {goal.current ? `${formatNumber(goal.current.value)} ${goal.unit} (${formatDate(goal.current.recordedOn)})` : "noch kein Istwert"}
                    </p>
                    <ProgressBar share={goal.progress} label={`Fortschritt ${goal.title}`} />
                    {charts[goal.id] ? (
                      <figure className="mt-2">
                        <div dangerouslySetInnerHTML={{ __html: charts[goal.id] }} />
                        <figcaption className="text-xs text-slate-700">
                          Istwerte {goal.values.map((v) => `${formatDate(v.recordedOn)}: ${formatNumber(v.value)}`).join("; ")} ({goal.unit})
                        </figcaption>
                      </figure>
                    ) : null}
                    {canEdit ? (
                      <p className="mt-2 text-sm">
                        <Link to={`/agenda/ziele/${goal.id}`}>Istwert erfassen oder Ziel bearbeiten</Link>
                      </p>
                    ) : null}
                  </div>
                ))}
                {field.goals.length === 0 ? <p className="text-sm">Noch keine Ziele in diesem Handlungsfeld.</p> : null}
              </div>
              <div>
                <h4 className="font-semibold">Projekte ({field.projects.length})</h4>
                {field.projects.length === 0 ? (
                  <p className="text-sm">Noch keine Projekte.</p>
                ) : (
                  <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-sm">
                    {field.projects.map((p) => (
                      <li key={p.id} className="flex items-center gap-1">
                        <Link to={`/projekte/${p.id}`}>{p.title}</Link> <StateBadge state={p.state} label={p.stateLabel} />
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            </article>
          ))}
        </section>
      ))}
    </div>
  );
}
