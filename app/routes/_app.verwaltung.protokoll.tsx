import type { LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { parseAuditFilter } from "~/areas/org/audit-filter";
import { auditFilterOptions, searchAuditLog } from "~/areas/org/audit-log.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { requireContext } from "~/utils/context.server";
import { formatDateTime, formatNumber } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Änderungsprotokoll – Fahrplan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "audit.view");
  const { raw, value, errors } = parseAuditFilter(new URL(request.url).searchParams);
  const result = searchAuditLog(ctx, value, value.page ?? 1);
  return json({ municipality: ctx.municipality.name, options: auditFilterOptions(ctx), raw, errors, ...result });
}

function pageHref(raw: Record<string, string>, page: number) {
  const params = new URLSearchParams({ ...raw, page: String(page) });
  return `?${params.toString()}`;
}

function FilterField({
  id,
  label,
  error,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  children: (describedBy: string | undefined) => React.ReactNode;
}) {
  const errorId = `${id}-fehler`;
  return (
    <div>
      <label htmlFor={id} className="label">
        {label}
      </label>
      {children(error ? errorId : undefined)}
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

type Entry = SerializeFrom<typeof loader>["entries"][number];

function recordHref(entity: string, entityId: string) {
  return `?${new URLSearchParams({ entity, entityId }).toString()}`;
}

function ChangeList({ changes }: { changes: Entry["changes"] }) {
  if (changes.length === 0) return <>–</>;
  return (
    <ul className="space-y-1">
      {changes.map((c) => (
        <li key={c.field}>
          <span className="font-medium">{c.label}:</span>{" "}
          {c.type === "change" ? (
            <>
              <del className="text-slate-700">{c.before}</del> <span aria-hidden="true">→</span>
              <span className="sr-only">geändert zu</span> <ins className="no-underline">{c.after}</ins>
            </>
          ) : c.type === "removed" ? (
            <span className="text-slate-700">{c.value}</span>
          ) : (
            c.value
          )}
        </li>
      ))}
    </ul>
  );
}

function EntryTable({ entries, caption, showRecord }: { entries: Entry[]; caption: string; showRecord: boolean }) {
  return (
    <table className="table mt-3">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Zeitpunkt</th>
          <th scope="col">Person</th>
          {showRecord ? <th scope="col">Datensatz</th> : null}
          <th scope="col">Aktion</th>
          <th scope="col">Änderungen</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.id}>
            <td className="whitespace-nowrap">{formatDateTime(e.at)}</td>
            <td>
              {e.actorName ?? e.actorLabel}
              {e.actorName && e.actorName !== e.actorLabel && <div className="text-xs text-slate-600">{e.actorLabel}</div>}
            </td>
            {showRecord ? (
              <td>
                {e.entityId ? <Link to={recordHref(e.entity, e.entityId)}>{e.record}</Link> : e.record}
                {e.parent ? (
                  <span className="block text-sm text-slate-700">
                    zu <Link to={recordHref(e.parent.entity, e.parent.entityId)}>{e.parent.label}</Link>
                  </span>
                ) : null}
              </td>
            ) : null}
            <td>{e.actionLabel}</td>
            <td>
              <ChangeList changes={e.changes} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default function AuditLogPage() {
  const { municipality, options, raw, errors, entries, groups, record, total, page, pageCount } = useLoaderData<typeof loader>();
  const selectProps = (key: string, describedBy: string | undefined) => ({
    id: `filter-${key}`,
    name: key,
    defaultValue: raw[key] ?? "",
    className: "input",
    "aria-describedby": describedBy,
    "aria-invalid": errors[key] ? true : undefined,
  });
  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ to: "/verwaltung", label: "Verwaltung" }, { label: "Änderungsprotokoll" }]} />
      <h1>Änderungsprotokoll {municipality}</h1>
      <p className="text-slate-700">
        Jede Änderung und jede Anmeldung wird unveränderbar protokolliert. Angezeigt werden nur Einträge Ihrer Kommune.
      </p>
      <Form method="get" className="card grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-labelledby="filter-titel">
        <h2 id="filter-titel" className="sm:col-span-2 lg:col-span-3">
          Filter
        </h2>
        <FilterField id="filter-entity" label="Bereich" error={errors.entity}>
          {(d) => (
            <select {...selectProps("entity", d)}>
              <option value="">Alle Bereiche</option>
              {options.entities.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          )}
        </FilterField>
        <FilterField id="filter-action" label="Aktion" error={errors.action}>
          {(d) => (
            <select {...selectProps("action", d)}>
              <option value="">Alle Aktionen</option>
              {options.actions.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          )}
        </FilterField>
        <FilterField id="filter-userId" label="Person" error={errors.userId}>
          {(d) => (
            <select {...selectProps("userId", d)}>
              <option value="">Alle Personen</option>
              {options.people.map((p) => (
                <option key={p.userId} value={p.userId}>
                  {p.label}
                </option>
              ))}
            </select>
          )}
        </FilterField>
        <FilterField id="filter-entityId" label="Datensatz-Nr." error={errors.entityId}>
          {(d) => <input {...selectProps("entityId", d)} type="text" inputMode="numeric" />}
        </FilterField>
        <FilterField id="filter-from" label="Von (TT.MM.JJJJ)" error={errors.from}>
          {(d) => <input {...selectProps("from", d)} type="text" placeholder="01.11.2026" />}
        </FilterField>
        <FilterField id="filter-to" label="Bis (TT.MM.JJJJ)" error={errors.to}>
          {(d) => <input {...selectProps("to", d)} type="text" placeholder="30.11.2026" />}
        </FilterField>
        <div className="flex gap-3 sm:col-span-2 lg:col-span-3">
          <button type="submit" className="btn-primary">
            Filtern
          </button>
          <Link to="/verwaltung/protokoll" className="btn-secondary">
            Filter zurücksetzen
          </Link>
        </div>
      </Form>
      <section aria-labelledby="eintraege" className="card overflow-x-auto">
        <h2 id="eintraege">
          {record ? `${record.label}: ` : ""}
          {formatNumber(total)} {total === 1 ? "Eintrag" : "Einträge"}
          {pageCount > 1 ? ` – Seite ${page} von ${pageCount}` : ""}
        </h2>
        {record ? <p className="mt-1 text-slate-700">Mit den Einträgen der zugehörigen Datensätze (z. B. Meilensteine, Risiken, Statuswechsel).</p> : null}
        {entries.length === 0 ? (
          <p className="mt-3">Keine Einträge für diese Auswahl.</p>
        ) : record ? (
          groups.map((g, i) =>
            g.entries.length === 0 ? null : (
              <section key={`${g.entity}:${g.entityId}`} aria-labelledby={`gruppe-${i}`} className={i === 0 ? "mt-3" : "mt-6 border-l-4 border-slate-200 pl-4"}>
                <h3 id={`gruppe-${i}`}>{g.label}</h3>
                <EntryTable entries={g.entries} caption={`Einträge zu ${g.label}, neueste zuerst`} showRecord={false} />
              </section>
            ),
          )
        ) : (
          <EntryTable entries={entries} caption="Protokolleinträge, neueste zuerst" showRecord />
        )}
        {pageCount > 1 ? (
          <nav aria-label="Seiten" className="mt-4 flex items-center gap-4">
            {page > 1 ? <Link to={pageHref(raw, page - 1)}>‹ Neuere Einträge</Link> : null}
            <span className="text-sm text-slate-700">
              Seite {page} von {pageCount}
            </span>
            {page < pageCount ? <Link to={pageHref(raw, page + 1)}>Ältere Einträge ›</Link> : null}
          </nav>
        ) : null}
      </section>
    </div>
  );
}
