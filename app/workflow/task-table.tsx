import { Form, Link } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf";
import { formatDate } from "~/utils/format";
import { ROLE_LABELS } from "~/utils/permissions";
import type { Role } from "../../db/schema/org";

const KIND_LABELS: Record<string, string> = {
  state: "Aufgabe im Ablauf",
  reminder: "Erinnerung an Frist",
  overdue: "Frist überschritten",
  manual: "Aufgabe",
  derived: "Offener Arbeitsschritt",
};

const KIND_CLASSES: Record<string, string> = {
  overdue: "bg-red-100 text-red-900",
  reminder: "bg-amber-100 text-amber-900",
};

export interface TaskRow {
  key: string;
  tasks: { id: number; version: number }[];
  kind: string;
  title: string;
  dueDate: string | null;
  link: string | null;
  municipalityId: number;
  municipalityName: string;
  personal: boolean;
  assigneeRole: Role | null;
  deputyFor: string | null;
  subjects: { title: string; url: string }[];
}

/** Opens a task of another Kommune: switches the session's Kommune, then opens the record. */
function SwitchAndOpen({ row, label }: { row: TaskRow; label: string }) {
  return (
    <Form method="post" action="/kommune-wechseln" className="inline">
      <CsrfInput />
      <input type="hidden" name="municipalityId" value={row.municipalityId} />
      <input type="hidden" name="returnTo" value={row.link ?? "/aufgaben"} />
      <input type="hidden" name="open" value="record" />
      <button type="submit" className="text-left text-brand-700 underline underline-offset-2 hover:decoration-2">
        {label}
        <span className="sr-only"> (wechselt nach {row.municipalityName})</span>
      </button>
    </Form>
  );
}

function TaskTitle({ row, current }: { row: TaskRow; current: number }) {
  if (!row.link) return <>{row.title}</>;
  if (row.municipalityId !== current) return <SwitchAndOpen row={row} label={row.title} />;
  return <Link to={row.link}>{row.title}</Link>;
}

function assigneeText(row: TaskRow): string {
  if (row.deputyFor) return `Vertretung für ${row.deputyFor}`;
  if (row.personal) return "Sie persönlich";
  return row.assigneeRole ? ROLE_LABELS[row.assigneeRole] : "–";
}

/** "Meine Aufgaben": one row per task, grouped reminders list their records. */
export function TaskTable({ tasks, today, current, showKommune, busy }: { tasks: TaskRow[]; today: string; current: number; showKommune: boolean; busy: boolean }) {
  return (
    <table className="table mt-3" data-testid="task-table">
      <caption className="sr-only">Offene Aufgaben, früheste Fälligkeit zuerst</caption>
      <thead>
        <tr>
          <th scope="col">Aufgabe</th>
          {showKommune && <th scope="col">Kommune</th>}
          <th scope="col">Art</th>
          <th scope="col">Fällig am</th>
          <th scope="col">Zuständig</th>
          <th scope="col">
            <span className="sr-only">Aktion</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {tasks.map((t) => {
          const overdue = t.dueDate !== null && t.dueDate < today;
          const here = t.municipalityId === current;
          return (
            <tr key={t.key} data-testid="task-row">
              <td>
                <TaskTitle row={t} current={current} />
                {t.subjects.length > 0 && (
                  <div className="mt-1 text-sm">
                    <span className="text-slate-700">Betrifft ({t.subjects.length}): </span>
                    <ul className="inline">
                      {t.subjects.map((s, i) => (
                        <li key={s.url} className="inline">
                          {here ? <Link to={s.url}>{s.title}</Link> : <SwitchAndOpen row={{ ...t, link: s.url }} label={s.title} />}
                          {i < t.subjects.length - 1 ? ", " : ""}
                        </li>
                      ))}
                    </ul>
                  </div>
                )}
              </td>
              {showKommune && <td>{t.municipalityName}</td>}
              <td>
                <span className={`badge ${KIND_CLASSES[t.kind] ?? "bg-slate-100 text-slate-800"}`}>{KIND_LABELS[t.kind] ?? t.kind}</span>
              </td>
              <td>
                {t.dueDate ? formatDate(t.dueDate) : "–"}
                {overdue && <span className="ml-2 font-semibold text-red-800">überfällig</span>}
              </td>
              <td>{assigneeText(t)}</td>
              <td>
                {t.tasks.length === 0 ? (
                  <span className="text-sm text-slate-700">erledigt sich mit dem Arbeitsschritt</span>
                ) : here ? (
                  <Form method="post">
                    <CsrfInput />
                    <input type="hidden" name="intent" value="complete" />
                    <input type="hidden" name="tasks" value={t.tasks.map((x) => `${x.id}:${x.version}`).join(",")} />
                    <button type="submit" className="btn-secondary" disabled={busy}>
                      Erledigt<span className="sr-only">: {t.title}</span>
                    </button>
                  </Form>
                ) : (
                  <span className="text-sm text-slate-700">in {t.municipalityName}</span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
