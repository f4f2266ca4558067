import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RISK_CATEGORIES, RISK_CATEGORY_LABELS, RISK_LEVEL_LABELS, riskLevel } from "~/areas/projects/projects";
import { portfolioRisks } from "~/areas/projects/risks.server";
import { RiskMatrixTable } from "~/areas/projects/ui";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { requireContext } from "~/utils/context.server";
import { getDb } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "Risikomatrix des Portfolios – Fahrplan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "project.view");
  return json({ risks: portfolioRisks(getDb(), ctx) });
}

export default function PortfolioRisks() {
  const { risks } = useLoaderData<typeof loader>();
  const byCategory = RISK_CATEGORIES.map((c) => ({ category: c, risks: risks.filter((r) => r.category === c) })).filter((c) => c.risks.length > 0);
  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ to: "/projekte", label: "Projekte" }, { label: "Risikomatrix" }]} />
      <h1>Risikomatrix des Projektportfolios</h1>
      <p>
        Alle Risiken der aktiven Projekte nach Eintrittswahrscheinlichkeit und Auswirkung. {risks.length} Risiken,
        davon {risks.filter((r) => riskLevel(r.score) === "high").length} mit hoher Stufe.
      </p>
      <section aria-labelledby="matrix-titel" className="card">
        <h2 id="matrix-titel">Matrix</h2>
        {risks.length === 0 ? (
          <p className="mt-2">Es sind noch keine Risiken erfasst.</p>
        ) : (
          <div className="mt-3">
            <RiskMatrixTable risks={risks} caption="Portfolio-Risikomatrix: Auswirkung (Zeilen) und Eintrittswahrscheinlichkeit (Spalten)" />
          </div>
        )}
      </section>
      <section aria-labelledby="kategorien-titel" className="card">
        <h2 id="kategorien-titel">Risiken nach Kategorie (Hemmnisse)</h2>
        <table className="table mt-3">
          <thead>
            <tr>
              <th scope="col">Kategorie</th>
              <th scope="col" className="num">
                Anzahl
              </th>
              <th scope="col">Höchstes Risiko</th>
            </tr>
          </thead>
          <tbody>
            {byCategory.map((c) => (
              <tr key={c.category}>
                <td>{RISK_CATEGORY_LABELS[c.category]}</td>
                <td className="num">{c.risks.length}</td>
                <td>
                  <Link to={`/projekte/${c.risks[0].projectId}#risiken`} className="underline">{c.risks[0].projectTitle}</Link>: {c.risks[0].title} (
                  {c.risks[0].likelihood} × {c.risks[0].impact}, {RISK_LEVEL_LABELS[riskLevel(c.risks[0].score)]})
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
