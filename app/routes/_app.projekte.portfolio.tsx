import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { listPortfolio } from "~/areas/assessment/assessment.server";
import { ClassificationBadge } from "~/areas/assessment/classification-badge";
import { CLASSIFICATIONS, CLASSIFICATION_LABELS } from "~/areas/assessment/classify";
import { ChartFigure } from "~/areas/dashboard/chart-figure";
import { portfolioPageChart } from "~/areas/dashboard/dashboard.server";
import { projectStateLabels } from "~/areas/projects/states.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { requireContext } from "~/utils/context.server";
import { getDb } from "~/utils/db.server";
import { formatEuro, formatNumber } from "~/utils/format";
import { jointFigures, jointProjectsOfPartner } from "~/areas/joint/partner-view.server";
import { JointProjectsTable } from "~/areas/joint/ui";

export const meta: MetaFunction = () => [{ title: "Portfolio – Fahrplan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "project.view");
  const filter = new URL(request.url).searchParams.get("einstufung");
  const classification = CLASSIFICATIONS.find((c) => c === filter) ?? null;
  const portfolio = listPortfolio(getDb(), ctx);
  const labels = projectStateLabels(getDb(), ctx, portfolio.map((p) => p.projectId));
  const all = portfolio.map((p) => ({ ...p, stateLabel: labels.get(p.projectId) ?? "ohne Ablauf" }));
  const chart = await portfolioPageChart(ctx, all);
  const counts = Object.fromEntries(CLASSIFICATIONS.map((c) => [c, all.filter((p) => p.classification === c).length])) as Record<
    (typeof CLASSIFICATIONS)[number],
    number
  >;
  return json({
    chart,
    counts,
    unassessed: all.filter((p) => !p.classification).length,
    classification,
    projects: classification ? all.filter((p) => p.classification === classification) : all,
    canConfigure: ctx.can("assessment.configure"),
    joint: jointProjectsOfPartner(getDb(), ctx),
    jointTotals: jointFigures(getDb(), ctx),
  });
}

export default function PortfolioPage() {
  const { chart, counts, unassessed, classification, projects, canConfigure, joint, jointTotals } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ to: "/projekte", label: "Projekte" }, { label: "Portfolio" }]} />
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1>Portfolio und Bewertung</h1>
        {canConfigure ? (
          <Link to="/bewertung/kriterien" className="btn-secondary">
            Kriterien und Gewichte
          </Link>
        ) : null}
      </div>
      <ul className="grid gap-4 sm:grid-cols-4" aria-label="Einstufung der Projekte">
        {CLASSIFICATIONS.map((c) => (
          <li key={c} className="card">
            <p className="text-sm text-slate-700">{CLASSIFICATION_LABELS[c]}</p>
            <p className="text-2xl font-semibold">{counts[c]}</p>
          </li>
        ))}
        <li className="card">
          <p className="text-sm text-slate-700">noch nicht bewertet</p>
          <p className="text-2xl font-semibold">{unassessed}</p>
        </li>
      </ul>
      {chart ? (
        <ChartFigure
          className="card"
          chart={chart}
          caption="Jeder Punkt ist ein bewertetes Projekt: waagerecht die Bewertung „Digitale Organisation“, senkrecht „Digitale Technologien“ (je 0–4), die Punktgröße zeigt „Digitale Themen“. Form und Farbe zeigen die Einstufung (Raute: Leuchtturm, Kreis: auf Kurs, Dreieck: Nachzügler). Die gestrichelten Linien markieren den Wert 2. Alle Werte stehen in der Tabelle."
        />
      ) : (
        <p className="card">Noch ist kein Projekt bewertet.</p>
      )}
      <section aria-labelledby="tabelle" className="card space-y-3">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h2 id="tabelle">Projekte mit Bewertung</h2>
          <Form method="get" className="flex items-end gap-2">
            <div>
              <label htmlFor="einstufung" className="label">
                Einstufung
              </label>
              <select id="einstufung" name="einstufung" defaultValue={classification ?? ""} className="input">
                <option value="">alle</option>
                {CLASSIFICATIONS.map((c) => (
                  <option key={c} value={c}>
                    {CLASSIFICATION_LABELS[c]}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="btn-secondary">
              Filtern
            </button>
          </Form>
        </div>
        <div className="overflow-x-auto">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Projekt</th>
                <th scope="col">Handlungsfeld</th>
                <th scope="col">Status</th>
                <th scope="col">Einstufung</th>
                <th scope="col" className="num">
                  Themen
                </th>
                <th scope="col" className="num">
                  Organisation
                </th>
                <th scope="col" className="num">
                  Technologie
                </th>
                <th scope="col" className="num">
                  Gesamt
                </th>
                <th scope="col">Bewertung</th>
              </tr>
            </thead>
            <tbody>
              {projects.map((p) => (
                <tr key={p.projectId}>
                  <td>
                    <Link to={`/projekte/${p.projectId}`}>{p.title}</Link>
                  </td>
                  <td>{p.fieldOfAction}</td>
                  <td>{p.stateLabel}</td>
                  <td>
                    <ClassificationBadge classification={p.classification} needsSupport={p.needsSupport} />
                  </td>
                  <td className="num">{formatNumber(p.topicsScore, 1)}</td>
                  <td className="num">{formatNumber(p.organisationScore, 1)}</td>
                  <td className="num">{formatNumber(p.technologyScore, 1)}</td>
                  <td className="num">{formatNumber(p.totalScore, 1)}</td>
                  <td>
                    <Link to={`/bewertung/${p.projectId}`}>
                      {p.classification ? "ansehen" : "bewerten"}
                      <span className="sr-only">: {p.title}</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {projects.length === 0 ? <p>Keine Projekte mit dieser Einstufung.</p> : null}
      </section>

      {joint.length ? (
        <section aria-labelledby="gemeinsam-titel" className="card space-y-2">
          <h2 id="gemeinsam-titel">Gemeinsame Projekte (federführend andere Kommunen)</h2>
          <p className="text-sm text-slate-700">
            Ihre Kommune ist Partnerin; bewertet werden diese Projekte von der federführenden Kommune, sie stehen daher nicht im
            Diagramm. Ihre vereinbarten Anteile zusammen: <strong data-testid="joint-share-total">{formatEuro(jointTotals.shareCents)}</strong>.
          </p>
          <JointProjectsTable rows={joint} caption={`${formatNumber(joint.length)} gemeinsame${joint.length === 1 ? "s Projekt" : " Projekte"}`} />
        </section>
      ) : null}
    </div>
  );
}
