import type { ReactNode } from "react";
import { formatPercentBp } from "../../utils/format";
import { formatNumber } from "../../utils/format";

/** Chart (server-rendered SVG) with caption, and the same figures as a table for everyone. */
export function CoverageFigure({
  svg,
  units,
  total,
  targetBp,
}: {
  svg: string;
  units: { unitId: number; unitName: string; employees: number; trainedRecently: number; covered: number; coverageBp: number | null; meetsTarget: boolean | null }[];
  total: { employees: number; covered: number; coverageBp: number | null };
  targetBp: number;
}) {
  return (
    <div className="space-y-4">
      <figure>
        <div className="overflow-x-auto" dangerouslySetInnerHTML={{ __html: svg }} />
        <figcaption className="mt-2 text-sm text-slate-700">
          Schulungsquote je Organisationseinheit: Anteil der Beschäftigten mit mindestens einer Schulung in den letzten 12 Monaten und allen
          Pflichtschulungen aktuell. Rote Linie: Ziel der Digitalagenda ({formatPercentBp(targetBp)}).
        </figcaption>
      </figure>
      <table className="table">
        <caption className="sr-only">Schulungsquote je Organisationseinheit</caption>
        <thead>
          <tr>
            <th scope="col">Einheit</th>
            <th scope="col" className="num">Beschäftigte</th>
            <th scope="col" className="num">Geschult (12 Monate)</th>
            <th scope="col" className="num">Davon Pflicht aktuell</th>
            <th scope="col" className="num">Quote</th>
            <th scope="col">Ziel</th>
          </tr>
        </thead>
        <tbody>
          {units.map((u) => (
            <tr key={u.unitId}>
              <th scope="row" className="font-normal">{u.unitName}</th>
              <td className="num">{formatNumber(u.employees)}</td>
              <td className="num">{formatNumber(u.trainedRecently)}</td>
              <td className="num">{formatNumber(u.covered)}</td>
              <td className="num">{formatPercentBp(u.coverageBp)}</td>
              <td>{u.meetsTarget == null ? "–" : u.meetsTarget ? <Badge tone="green">erreicht</Badge> : <Badge tone="amber">unter Ziel</Badge>}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Kommune gesamt</th>
            <td className="num font-semibold">{formatNumber(total.employees)}</td>
            <td />
            <td className="num font-semibold">{formatNumber(total.covered)}</td>
            <td className="num font-semibold">{formatPercentBp(total.coverageBp)}</td>
            <td>Ziel {formatPercentBp(targetBp)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

const TONES = {
  green: "bg-green-100 text-green-900",
  amber: "bg-amber-100 text-amber-900",
  red: "bg-red-100 text-red-900",
  slate: "bg-slate-200 text-slate-900",
  blue: "bg-brand-100 text-brand-800",
} as const;

export function Badge({ tone, children }: { tone: keyof typeof TONES; children: ReactNode }) {
  return <span className={`badge ${TONES[tone]}`}>{children}</span>;
}

/** Secondary navigation of the training area. */
export function TrainingNav({ current, links }: { current: string; links: { to: string; label: string }[] }) {
  return (
    <nav aria-label="Bereich Schulungen" className="no-print">
      <ul className="flex flex-wrap gap-2 text-sm">
        {links.map((l) => (
          <li key={l.to}>
            <a
              href={l.to}
              aria-current={current === l.to ? "page" : undefined}
              className={`block rounded-md border px-3 py-1.5 no-underline ${current === l.to ? "border-brand-700 bg-brand-700 text-white" : "border-slate-300 bg-white text-slate-900 hover:bg-slate-100"}`}
            >
              {l.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
