import { Link } from "@remix-run/react";
import { formatDate, formatEuro } from "../../utils/format";
import { jointMark } from "./joint";

/** The lead's project page: its partner Kommunen with their shares, and the way to change them. */
export function PartnersSection({
  projectId,
  partners,
  canEdit,
}: {
  projectId: number;
  partners: { id: number; partnerName: string; shareCents: number; agreedOn: string }[];
  canEdit: boolean;
}) {
  return (
    <section aria-labelledby="partner-titel" className="card">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="partner-titel">Partnerkommunen (interkommunale Zusammenarbeit)</h2>
        {canEdit ? (
          <Link to={`/projekte/${projectId}/partner`} className="btn-secondary">
            {partners.length ? "Partnerkommunen verwalten" : "Partnerkommune hinzufügen"}
          </Link>
        ) : null}
      </div>
      {partners.length === 0 ? (
        <p className="mt-2">Ihre Kommune führt dieses Projekt allein.</p>
      ) : (
        <ul className="mt-2 space-y-1" data-testid="project-partners">
          {partners.map((p) => (
            <li key={p.id}>
              {p.partnerName}: Anteil {formatEuro(p.shareCents)}, vereinbart am {formatDate(p.agreedOn)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The marking of a joint project in a partner's lists. */
export function JointMark({ leadName }: { leadName: string }) {
  return <span className="badge bg-indigo-100 text-indigo-900">{jointMark(leadName)}</span>;
}

/** A partner's joint projects as a table: project list and portfolio. */
export function JointProjectsTable({
  rows,
  caption,
}: {
  rows: { id: number; title: string; leadName: string; stateLabel: string; startDate: string | null; endDate: string | null; shareCents: number }[];
  caption: string;
}) {
  return (
    <div className="overflow-x-auto">
      <table className="table" data-testid="joint-projects">
        <caption className="py-2 text-left font-semibold">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Projekt</th>
            <th scope="col">Status</th>
            <th scope="col">Zeitraum</th>
            <th scope="col" className="num">Ihr Anteil</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>
                <Link to={`/projekte/gemeinsam/${r.id}`}>{r.title}</Link>
                <span className="mt-1 block">
                  <JointMark leadName={r.leadName} />
                </span>
              </td>
              <td>{r.stateLabel}</td>
              <td>
                {formatDate(r.startDate)} bis {formatDate(r.endDate)}
              </td>
              <td className="num">{formatEuro(r.shareCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
