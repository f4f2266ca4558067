import { Link } from "@remix-run/react";
import { formatDate, formatNumber } from "~/utils/format";
import type { MigrationDeadlineLine, MigrationPreview, MigrationTaskLine } from "./migration.server";

/** The preview as it arrives from a loader. */
type PreviewData = Omit<MigrationPreview, "fingerprint">;

function TaskList({ heading, lines }: { heading: string; lines: MigrationTaskLine[] }) {
  if (!lines.length) return null;
  return (
    <div>
      <p className="font-semibold">{heading}</p>
      <ul className="list-disc pl-4">
        {lines.map((t) => (
          <li key={`${t.title}|${t.assignee}`}>
            {t.title} <span className="text-slate-700">({t.assignee})</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function DeadlineList({ heading, lines }: { heading: string; lines: MigrationDeadlineLine[] }) {
  if (!lines.length) return null;
  return (
    <div>
      <p className="font-semibold">{heading}</p>
      <ul className="list-disc pl-4">
        {lines.map((d) => (
          <li key={d.label}>
            {d.label}: {formatDate(d.dueDate)}
            {d.previousDueDate && <span className="text-slate-700"> (bisher {formatDate(d.previousDueDate)})</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Which instances move from which state to which, and what happens to their tasks and deadlines. */
export function MigrationPreviewTable({ preview }: { preview: PreviewData }) {
  return (
    <div className="space-y-4">
      <table className="table" data-testid="migration-moves">
        <caption className="sr-only">Zusammenfassung der Migration</caption>
        <thead>
          <tr>
            <th scope="col">Status in Version {preview.fromVersion}</th>
            <th scope="col">Status in Version {preview.toVersion}</th>
            <th scope="col" className="num">
              Vorgänge
            </th>
          </tr>
        </thead>
        <tbody>
          {preview.moves.map((m) => (
            <tr key={`${m.fromState}-${m.toState}`}>
              <td>{m.fromLabel}</td>
              <td>{m.toLabel ?? <span className="font-semibold text-red-800">keine Zuordnung</span>}</td>
              <td className="num">{formatNumber(m.count)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <div className="overflow-x-auto">
        <table className="table" data-testid="migration-items">
          <caption className="sr-only">Vorgänge, die migriert werden, mit ihren Aufgaben und Fristen</caption>
          <thead>
            <tr>
              <th scope="col">Vorgang</th>
              <th scope="col">Von → nach</th>
              <th scope="col">Aufgaben</th>
              <th scope="col">Fristen</th>
            </tr>
          </thead>
          <tbody>
            {preview.items.map((item) => {
              const noTasks = !item.tasks.close.length && !item.tasks.keep.length && !item.tasks.open.length;
              const noDeadlines = !item.deadlines.end.length && !item.deadlines.keep.length && !item.deadlines.start.length;
              return (
                <tr key={item.instanceId}>
                  <td>{item.subjectUrl ? <Link to={item.subjectUrl}>{item.subjectTitle}</Link> : item.subjectTitle}</td>
                  <td>
                    {item.fromLabel} → {item.toLabel ?? <span className="font-semibold text-red-800">keine Zuordnung</span>}
                  </td>
                  <td className="space-y-1 text-sm">
                    <TaskList heading="werden geschlossen:" lines={item.tasks.close} />
                    <TaskList heading="bleiben offen:" lines={item.tasks.keep} />
                    <TaskList heading="werden neu angelegt:" lines={item.tasks.open} />
                    {noTasks && "–"}
                  </td>
                  <td className="space-y-1 text-sm">
                    <DeadlineList heading="enden:" lines={item.deadlines.end} />
                    <DeadlineList heading="laufen weiter:" lines={item.deadlines.keep} />
                    <DeadlineList heading="beginnen:" lines={item.deadlines.start} />
                    {noDeadlines && "–"}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
