import { Link } from "@remix-run/react";
import { IMPACT_LABELS, LIKELIHOOD_LABELS, RISK_CATEGORY_LABELS, RISK_LEVEL_LABELS, type RiskCategory, type RiskLevel, riskMatrix } from "./projects";

const STATE_STYLES: Record<string, string> = {
  idea: "bg-slate-100 text-slate-800",
  assessment: "bg-amber-100 text-amber-900",
  planned: "bg-sky-100 text-sky-900",
  inProgress: "bg-blue-100 text-blue-900",
  completed: "bg-green-100 text-green-900",
  onHold: "bg-orange-100 text-orange-900",
  cancelled: "bg-red-100 text-red-900",
};

/** A project's workflow state; `label` comes from the definition version its instance runs on (null: no workflow). */
export function StateBadge({ state, label }: { state: string | null; label: string | null }) {
  return <span className={`badge ${STATE_STYLES[state ?? ""] ?? "bg-slate-100 text-slate-800"}`}>{label ?? "ohne Ablauf"}</span>;
}

export function OverdueBadge() {
  return <span className="badge bg-red-700 text-white">überfällig</span>;
}

const LEVEL_STYLES: Record<RiskLevel, string> = {
  low: "bg-green-50",
  medium: "bg-amber-50",
  high: "bg-red-50",
};

export interface MatrixRisk {
  id: number;
  title: string;
  category: RiskCategory;
  likelihood: number;
  impact: number;
  projectId?: number;
  projectTitle?: string;
}

/**
 * The 5×5 risk matrix as an accessible table: rows are impact (5 at the top), columns likelihood;
 * each cell names its risks and the level (gering/mittel/hoch) in text, not only by colour.
 */
export function RiskMatrixTable({ risks, caption }: { risks: MatrixRisk[]; caption: string }) {
  const rows = riskMatrix(risks);
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={caption}>
      <table className="w-full table-fixed border-collapse text-sm" data-testid="risk-matrix">
        <caption className="mb-2 text-left text-sm text-slate-700">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="border border-slate-300 bg-slate-100 p-2 text-left">
              Auswirkung ↓ / Wahrscheinlichkeit →
            </th>
            {[1, 2, 3, 4, 5].map((l) => (
              <th key={l} scope="col" className="border border-slate-300 bg-slate-100 p-2 text-left">
                {l} – {LIKELIHOOD_LABELS[l]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.impact}>
              <th scope="row" className="border border-slate-300 bg-slate-100 p-2 text-left">
                {row.impact} – {IMPACT_LABELS[row.impact]}
              </th>
              {row.cells.map((cell) => (
                <td key={cell.likelihood} className={`border border-slate-300 p-2 align-top ${LEVEL_STYLES[cell.level]}`}>
                  <span className="sr-only">Stufe {RISK_LEVEL_LABELS[cell.level]}: </span>
                  {cell.risks.length === 0 ? (
                    <span className="text-slate-600" aria-label="keine Risiken">
                      –
                    </span>
                  ) : (
                    <ul className="space-y-1">
                      {cell.risks.map((r) => (
                        <li key={r.id}>
                          {r.projectId ? (
                            <Link to={`/projekte/${r.projectId}#risiken`} className="underline">
                              {r.projectTitle}
                            </Link>
                          ) : null}
                          {r.projectId ? ": " : null}
                          {r.title} <span className="text-slate-700">({RISK_CATEGORY_LABELS[r.category]})</span>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-2 text-xs text-slate-700">
        Stufen nach Wahrscheinlichkeit × Auswirkung: gering (bis 7, grün), mittel (8–14, gelb), hoch (ab 15, rot).
      </p>
    </div>
  );
}
