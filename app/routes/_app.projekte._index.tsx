import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { FOCUS_AREA_LABELS } from "~/areas/agenda/agenda";
import {
  PROJECT_SORTS,
  PROJECT_SORT_LABELS,
  parseProjectListQuery,
} from "~/areas/projects/projects";
import { listProjects, projectFilterOptions } from "~/areas/projects/list.server";
import { OverdueBadge, StateBadge } from "~/areas/projects/ui";
import { ClassificationBadge } from "~/areas/assessment/classification-badge";
import { CLASSIFICATION_LABELS } from "~/areas/assessment/classify";
import { requireContext } from "~/utils/context.server";
import { getDb } from "~/utils/db.server";
import { formatDate, formatEuro, formatNumber, todayIso } from "~/utils/format";
import { FilterSearch, FilterSelect } from "~/components/forms";
import { jointProjectsForList } from "~/areas/joint/partner-view.server";
import { projectsWithPartners } from "~/areas/joint/partners.server";
import { JointProjectsTable } from "~/areas/joint/ui";

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
    joint: jointProjectsForList(db, ctx, query),
    withPartners: [...projectsWithPartners(db, ctx)],
  });
}

function pageLink(searchParams: URLSearchParams, page: number): string {
  const next = new URLSearchParams(searchParams);
  next.set("page", String(page));
  return `?${next.toString()}`;
}

export default function ProjectList() {
  const { query, result, fieldsOfAction, units, states, canEdit, canImport, joint, withPartners } = useLoaderData<typeof loader>();
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
          <a href={`/projekte/export.xlsx${exportQuery ? `?${exportQuery}` : ""}`} className="btn-secondary" download>
            Excel (XLSX) exportieren
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
          <FilterSearch id="filter-q" name="q" label="Suche (Titel, Beschreibung)" value={query.q} />
          <FilterSelect id="filter-status" name="status" label="Status" value={query.status} options={states.map((st) => ({ value: st.name, label: st.label }))} />
          <FilterSelect
            id="filter-field"
            name="fieldOfAction"
            label="Handlungsfeld"
            value={query.fieldOfAction}
            options={fieldsOfAction.map((f) => ({ value: f.id, label: `${f.name} (${FOCUS_AREA_LABELS[f.focusArea]})` }))}
          />
          <FilterSelect id="filter-unit" name="unit" label="Einheit (federführend oder beteiligt)" value={query.unit} options={units.map((u) => ({ value: u.id, label: u.name }))} />
          <FilterSelect
            id="filter-classification"
            name="classification"
            label="Einstufung"
            value={query.classification}
            options={Object.entries(CLASSIFICATION_LABELS).map(([value, label]) => ({ value, label }))}
          />
          <FilterSelect
            id="filter-phase"
            name="phase"
            label="Stand"
            value={query.phase}
            options={[
              { value: "running", label: "laufend (nicht abgeschlossen oder abgebrochen)" },
              { value: "closed", label: "abgeschlossen oder abgebrochen" },
            ]}
          />
          <FilterSelect
            id="filter-cooperation"
            name="cooperation"
            label="Zusammenarbeit"
            value={query.cooperation}
            options={[
              { value: "cross", label: "zwei oder mehr Einheiten" },
              { value: "single", label: "nur die federführende Einheit" },
            ]}
          />
          <FilterSelect id="filter-sort" name="sort" label="Sortieren nach" value={query.sort} all={false} options={PROJECT_SORTS.map((st) => ({ value: st, label: PROJECT_SORT_LABELS[st] }))} />
          <FilterSelect
            id="filter-dir"
            name="dir"
            label="Reihenfolge"
            value={query.dir}
            all={false}
            options={[
              { value: "asc", label: "aufsteigend" },
              { value: "desc", label: "absteigend" },
            ]}
          />
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
                        {withPartners.includes(p.id) ? <span className="badge bg-indigo-100 text-indigo-900">Gemeinsames Projekt mit Partnerkommunen</span> : null}
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

      {joint.length ? (
        <section aria-labelledby="gemeinsam-titel" className="card">
          <h2 id="gemeinsam-titel">Gemeinsame Projekte mit anderen Kommunen</h2>
          <p className="mt-1 text-sm text-slate-700">
            Projekte, die eine andere Kommune federführend leitet und an denen Ihre Kommune als Partnerin beteiligt ist –
            schreibgeschützt, mit Ihrem vereinbarten Anteil. Sie zählen nicht in der Liste oben.
          </p>
          <JointProjectsTable rows={joint} caption={`${formatNumber(joint.length)} gemeinsame${joint.length === 1 ? "s Projekt" : " Projekte"}`} />
        </section>
      ) : null}
    </div>
  );
}
