import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { FOCUS_AREA_LABELS } from "~/areas/agenda/agenda";
import {
  PROJECT_SORTS,
  PROJECT_SORT_LABELS,
  parseProjectListQuery,
} from "~/areas/projects/projects";
import { listProjects, projectFilterOptions } from "~/areas/projects/projects.server";
import { OverdueBadge, StateBadge } from "~/areas/projects/ui";
import { ClassificationBadge } from "~/areas/assessment/classification-badge";
import { CLASSIFICATION_LABELS } from "~/areas/assessment/classify";
import { requireContext } from "~/utils/context.server";
import { getDb } from "~/utils/db.server";
import { formatDate, formatEuro, formatNumber, todayIso } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Projekte – Fahrplan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "project.view");
  const query = parseProjectListQuery(new URL(request.url).searchParams);
  const db = getDb();
  const result = listProjects(db, ctx, query, todayIso());
  const options = projectFilterOptions(db, ctx);
  return json({
    query,
    result,
    fieldsOfAction: options.fieldsOfAction,
    units: options.units,
    states: result.states,
    canEdit: ctx.can("project.edit"),
    canImport: ctx.can("project.import"),
  });
}

function pageLink(searchParams: URLSearchParams, page: number): string {
  const next = new URLSearchParams(searchParams);
  next.set("page", String(page));
  return `?${next.toString()}`;
}

export default function ProjectList() {
  const { query, result, fieldsOfAction, units, states, canEdit, canImport } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const exportParams = new URLSearchParams(searchParams);
  exportParams.delete("page");
  const exportQuery = exportParams.toString();
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1>Projekte</h1>
        <div className="flex flex-wrap gap-2">
          {canEdit ? (
            <Link to="/projekte/neu" className="btn-primary">
              Neues Projekt
            </Link>
          ) : null}
          <a href={`/projekte/export.csv${exportQuery ? `?${exportQuery}` : ""}`} className="btn-secondary" download>
            CSV exportieren
          </a>
          {canImport ? (
            <Link to="/projekte/import" className="btn-secondary">
              CSV importieren
            </Link>
          ) : null}
          <Link to="/projekte/risiken" className="btn-secondary">
            Risikomatrix (Portfolio)
          </Link>
        </div>
      </div>

      <section aria-labelledby="filter-titel" className="card">
        <h2 id="filter-titel">Suchen und filtern</h2>
        <Form method="get" className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-4" role="search" aria-label="Projekte filtern">
          <div>
            <label htmlFor="filter-q" className="label">
              Suche (Titel, Beschreibung)
            </label>
            <input id="filter-q" name="q" type="search" defaultValue={query.q ?? ""} className="input" />
          </div>
          <div>
            <label htmlFor="filter-status" className="label">
              Status
            </label>
            <select id="filter-status" name="status" defaultValue={query.status ?? ""} className="input">
              <option value="">alle</option>
              {states.map((s) => (
                <option key={s.name} value={s.name}>
                  {s.label}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="filter-field" className="label">
              Handlungsfeld
            </label>
            <select id="filter-field" name="fieldOfAction" defaultValue={query.fieldOfAction ?? ""} className="input">
              <option value="">alle</option>
              {fieldsOfAction.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name} ({FOCUS_AREA_LABELS[f.focusArea]})
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="filter-unit" className="label">
              Einheit (federführend oder beteiligt)
            </label>
            <select id="filter-unit" name="unit" defaultValue={query.unit ?? ""} className="input">
              <option value="">alle</option>
              {units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="filter-classification" className="label">
              Einstufung
            </label>
            <select id="filter-classification" name="classification" defaultValue={query.classification ?? ""} className="input">
              <option value="">alle</option>
              {Object.entries(CLASSIFICATION_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="filter-phase" className="label">
              Stand
            </label>
            <select id="filter-phase" name="phase" defaultValue={query.phase ?? ""} className="input">
              <option value="">alle</option>
              <option value="running">laufend (nicht abgeschlossen oder abgebrochen)</option>
              <option value="closed">abgeschlossen oder abgebrochen</option>
            </select>
          </div>
          <div>
            <label htmlFor="filter-cooperation" className="label">
              Zusammenarbeit
            </label>
            <select id="filter-cooperation" name="cooperation" defaultValue={query.cooperation ?? ""} className="input">
              <option value="">alle</option>
              <option value="cross">zwei oder mehr Einheiten</option>
              <option value="single">nur die federführende Einheit</option>
            </select>
          </div>
          <div>
            <label htmlFor="filter-sort" className="label">
              Sortieren nach
            </label>
            <select id="filter-sort" name="sort" defaultValue={query.sort} className="input">
              {PROJECT_SORTS.map((s) => (
                <option key={s} value={s}>
                  {PROJECT_SORT_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="filter-dir" className="label">
              Reihenfolge
            </label>
            <select id="filter-dir" name="dir" defaultValue={query.dir} className="input">
              <option value="asc">aufsteigend</option>
              <option value="desc">absteigend</option>
            </select>
          </div>
          <fieldset className="flex flex-col justify-end gap-1">
            <legend className="sr-only">Weitere Filter</legend>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="overdue" value="1" defaultChecked={query.overdue} className="h-4 w-4" />
              nur überfällige
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="overdueMilestones" value="1" defaultChecked={query.overdueMilestones} className="h-4 w-4" />
              nur mit überfälligen Meilensteinen
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="archived" value="1" defaultChecked={query.archived} className="h-4 w-4" />
              archivierte statt aktive
            </label>
          </fieldset>
          <div className="flex items-end gap-2 sm:col-span-2 lg:col-span-4">
            <button type="submit" className="btn-primary">
              Filtern
            </button>
            <Link to="/projekte" className="btn-secondary">
              Filter zurücksetzen
            </Link>
          </div>
        </Form>
      </section>

      <section aria-labelledby="ergebnis-titel" className="card">
        <h2 id="ergebnis-titel">
          {formatNumber(result.total)} {result.total === 1 ? "Projekt" : "Projekte"}
          {query.archived ? " im Archiv" : ""}
        </h2>
        {result.rows.length === 0 ? (
          <p className="mt-3">Keine Projekte gefunden. Ändern Sie die Filter oder legen Sie ein neues Projekt an.</p>
        ) : (
          <div className="mt-3 overflow-x-auto">
            <table className="table table-compact" data-testid="project-table">
              <thead>
                <tr>
                  <th scope="col">Projekt</th>
                  <th scope="col">Status</th>
                  <th scope="col">Handlungsfeld</th>
                  <th scope="col">Federführung</th>
                  <th scope="col">Ende</th>
                  <th scope="col" className="num">
                    Budget geplant
                  </th>
                  <th scope="col" className="num">
                    verausgabt
                  </th>
                  <th scope="col">Einstufung</th>
                </tr>
              </thead>
              <tbody>
                {result.rows.map((p) => (
                  <tr key={p.id}>
                    <td>
                      <Link to={`/projekte/${p.id}`} className="font-medium">
                        {p.title}
                      </Link>
                      <div className="mt-1 flex flex-wrap gap-1">
                        {p.overdue ? <OverdueBadge /> : null}
                        {p.ozgRelevant ? <span className="badge bg-slate-100 text-slate-800">OZG</span> : null}
                        {p.efaReuse ? <span className="badge bg-slate-100 text-slate-800">EfA/Nachnutzung</span> : null}
                      </div>
                    </td>
                    <td>
                      <StateBadge state={p.state} label={p.stateLabel} />
                    </td>
                    <td>{p.fieldOfAction}</td>
                    <td>
                      {p.leadUnit}
                      {p.leadLastName ? (
                        <div className="text-slate-700">
                          {p.leadFirstName} {p.leadLastName}
                        </div>
                      ) : null}
                    </td>
                    <td>{formatDate(p.endDate)}</td>
                    <td className="num">{formatEuro(p.budgetPlannedCents)}</td>
                    <td className="num">{formatEuro(p.budgetSpentCents)}</td>
                    <td>
                      <ClassificationBadge classification={p.classification} needsSupport={p.needsSupport ?? false} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {result.pageCount > 1 ? (
          <nav aria-label="Seiten" className="mt-4 flex items-center gap-3 text-sm">
            {result.page > 1 ? <Link to={pageLink(searchParams, result.page - 1)}>← vorherige Seite</Link> : null}
            <span>
              Seite {result.page} von {result.pageCount}
            </span>
            {result.page < result.pageCount ? <Link to={pageLink(searchParams, result.page + 1)}>nächste Seite →</Link> : null}
          </nav>
        ) : null}
      </section>
    </div>
  );
}
