import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { CLASSIFICATION_LABELS } from "~/areas/assessment/classify";
import { CLASSIFICATION_COLOURS } from "~/areas/dashboard/charts";
import { PRINT_BAND_HEIGHT, layoutRoadmap, roadmapBands } from "~/areas/roadmap/layout";
import { RoadmapSvg, UNASSESSED_COLOUR } from "~/areas/roadmap/roadmap-svg";
import { roadmapQuery, roadmapSearch } from "~/areas/roadmap/query";
import { jointRoadmapEntries } from "~/areas/joint/partner-view.server";
import { loadRoadmap, roadmapFilterOptions } from "~/areas/roadmap/roadmap.server";
import { requireContext } from "~/utils/context.server";
import printStylesheet from "~/areas/roadmap/roadmap-print.css";
import { getDb } from "~/utils/db.server";
import { formatDate, todayIso } from "~/utils/format";
import { JointMark } from "~/areas/joint/ui";

// A stylesheet of the route, not a <style> element (the Content-Security-Policy allows no inline styles);
// its @page rule turns only the roadmap landscape.
export const links: LinksFunction = () => [{ rel: "stylesheet", href: printStylesheet }];

export const meta: MetaFunction = () => [{ title: "Fahrplan (Roadmap) – Fahrplan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "project.view");
  const db = getDb();
  const options = roadmapFilterOptions(db, ctx);
  const filter = roadmapQuery(new URL(request.url).searchParams, options);
  const today = todayIso();
  // Joint projects of other Kommunen in which this Kommune is a partner: their own group, read-only.
  const entries = [...loadRoadmap(db, ctx, filter), ...jointRoadmapEntries(db, ctx, filter)];
  // The layout (pure geometry, a multiple of the entries in size) is computed where it is drawn,
  // from the entries, so it does not travel in the page's data a second time.
  return json({
    municipalityName: ctx.municipality.name,
    today,
    filter,
    options,
    entries,
    canPlan: ctx.can("project.edit"),
    canBuildTeam: ctx.can("team.edit"),
  });
}

function Legend() {
  return (
    <ul className="mt-3 flex flex-wrap gap-4 text-sm" aria-label="Legende">
      {Object.entries(CLASSIFICATION_COLOURS).map(([label, colour]) => (
        <li key={label} className="flex items-center gap-2">
          <span aria-hidden="true" className="inline-block h-3 w-6 rounded" style={{ backgroundColor: colour }} />
          {label}
        </li>
      ))}
      <li className="flex items-center gap-2">
        <span aria-hidden="true" className="inline-block h-3 w-6 rounded" style={{ backgroundColor: UNASSESSED_COLOUR }} />
        nicht bewertet
      </li>
      <li className="flex items-center gap-2">
        <span aria-hidden="true" className="roadmap-hatched inline-block h-3 w-6 rounded border-2 border-slate-600" /> beendet oder abgebrochen (Status unter dem Titel)
      </li>
      <li className="flex items-center gap-2">
        <span aria-hidden="true" className="inline-block h-3 w-6 rounded border-2 border-dashed border-slate-600 bg-white" /> zurückgestellt
      </li>
      <li className="flex items-center gap-2">
        <span aria-hidden="true" className="inline-block h-3 w-3 rotate-45 border border-slate-900 bg-white" /> Meilenstein offen
      </li>
      <li className="flex items-center gap-2">
        <span aria-hidden="true" className="inline-block h-3 w-3 rotate-45 border-2 border-red-700 bg-yellow-300" /> Meilenstein überfällig
      </li>
      <li className="flex items-center gap-2">
        <span aria-hidden="true" className="inline-block h-3 w-3 rotate-45 bg-slate-900" /> Meilenstein erledigt
      </li>
      <li className="flex items-center gap-2">
        <span aria-hidden="true" className="inline-block h-3 w-3 rotate-45 border border-dashed border-slate-600" /> ursprünglicher Termin eines verschobenen Meilensteins (gestrichelt verbunden mit der Prognose)
      </li>
      <li className="flex items-center gap-2">
        <span aria-hidden="true" className="inline-block h-0.5 w-6 bg-slate-700" /> Abhängigkeit (rot gestrichelt: beginnt vor Ende der Voraussetzung)
      </li>
      <li className="flex items-center gap-2">
        <span aria-hidden="true" className="inline-block h-4 w-0.5 bg-red-700" /> Heute
      </li>
    </ul>
  );
}

export default function RoadmapPage() {
  const { municipalityName, today, filter, options, entries, canPlan, canBuildTeam } = useLoaderData<typeof loader>();
  const layout = useMemo(() => layoutRoadmap(entries, today), [entries, today]);
  const pdfLink = `/fahrplan.pdf${roadmapSearch(filter)}`;
  const classes = new Map(entries.map((e) => [e.id, e.classification]));
  const titles = new Map(entries.map((e) => [e.id, e.title]));
  const planLink = filter.fieldOfActionId ? `/projekte/neu?handlungsfeld=${filter.fieldOfActionId}` : "/projekte/neu";
  const groups = [...new Set(entries.map((e) => e.fieldOfActionName))].sort((a, b) => a.localeCompare(b, "de"));
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <div>
          <h1>Fahrplan der Digitalagenda</h1>
          <p className="text-slate-700" data-testid="fahrplan-stand">
            {municipalityName} · Stand {formatDate(today)}
          </p>
        </div>
        <div className="no-print flex flex-wrap gap-3">
          {canPlan ? (
            <Link to={planLink} className="btn-primary">
              Neues Projekt planen
            </Link>
          ) : null}
          <button type="button" className="btn-secondary" onClick={() => window.print()}>
            Drucken (A4 quer)
          </button>
          <a href={pdfLink} className="btn-secondary" download>
            Als PDF (A4 quer)
          </a>
          <a href={`/fahrplan.csv${roadmapSearch(filter)}`} className="btn-secondary" download>
            Tabelle als CSV
          </a>
          <a href={`/fahrplan.xlsx${roadmapSearch(filter)}`} className="btn-secondary" download>
            Tabelle als Excel (XLSX)
          </a>
        </div>
      </div>
      <Form method="get" className="no-print card grid gap-3 sm:grid-cols-4 sm:items-end" aria-label="Fahrplan filtern">
        <div>
          <label htmlFor="handlungsfeld" className="label">
            Handlungsfeld
          </label>
          <select id="handlungsfeld" name="handlungsfeld" defaultValue={filter.fieldOfActionId ?? ""} className="input">
            <option value="">alle</option>
            {options.fieldsOfAction.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="einheit" className="label">
            Einheit (federführend oder beteiligt)
          </label>
          <select id="einheit" name="einheit" defaultValue={filter.unitId ?? ""} className="input">
            <option value="">alle</option>
            {options.units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="status" className="label">
            Status
          </label>
          <select id="status" name="status" defaultValue={filter.state ?? ""} className="input">
            <option value="">alle</option>
            {options.states.map((s) => (
              <option key={s.name} value={s.name}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <div className="flex gap-2">
          <button type="submit" className="btn-primary">
            Anzeigen
          </button>
          <Link to="/fahrplan" className="btn-secondary">
            Zurücksetzen
          </Link>
        </div>
      </Form>

      <figure className="roadmap-figure card">
        {layout.rows.length ? (
          <div className="roadmap-scroll overflow-x-auto">
            <div className="roadmap-canvas roadmap-screen min-w-[900px]">
              <RoadmapSvg layout={layout} today={today} classes={classes} />
            </div>
            {/* Print: one slice per A4 landscape page, each below its own quarter axis (hidden on screen). */}
            <div className="roadmap-print-bands">
              {roadmapBands(layout, PRINT_BAND_HEIGHT).map((band, i) => (
                <div key={band.y0} className="roadmap-band">
                  <RoadmapSvg layout={layout} today={today} classes={classes} band={band} idPrefix={`fahrplan-seite-${i + 1}`} />
                </div>
              ))}
            </div>
          </div>
        ) : (
          <p>Für diese Auswahl gibt es keine Projekte mit Beginn und Ende.</p>
        )}
        <figcaption className="mt-2 text-sm text-slate-700">
          Projekte als Balken von Beginn bis Ende, gruppiert nach Handlungsfeld, auf Quartalen; Farbe nach Einstufung. Stand{" "}
          {formatDate(today)}.
        </figcaption>
        <Legend />
      </figure>

      <section aria-labelledby="fahrplan-tabelle" className="roadmap-table card space-y-3">
        <h2 id="fahrplan-tabelle">Fahrplan als Tabelle</h2>
        {groups.map((g) => {
          const list = entries.filter((e) => e.fieldOfActionName === g);
          const fieldId = list[0].fieldOfActionId;
          return (
            <div key={g} className="overflow-x-auto">
              <table className="table">
                <caption className="py-2 text-left">
                  <span className="font-semibold">{g}</span>
                  {canPlan && fieldId !== null ? (
                    <Link to={`/projekte/neu?handlungsfeld=${fieldId}`} className="no-print ml-3 text-sm">
                      Projekt in „{g}“ planen
                    </Link>
                  ) : null}
                </caption>
                <colgroup>
                  <col className="col-projekt" />
                  <col className="col-einheit" />
                  <col className="col-status" />
                  <col className="col-datum" />
                  <col className="col-datum" />
                  <col className="col-meilensteine" />
                  <col className="col-abhaengig" />
                  <col className="col-einstufung" />
                  {canBuildTeam ? <col className="col-team" /> : null}
                </colgroup>
                <thead>
                  <tr>
                    <th scope="col">Projekt</th>
                    <th scope="col">Federführung</th>
                    <th scope="col">Status</th>
                    <th scope="col">Beginn</th>
                    <th scope="col">Ende</th>
                    <th scope="col">Meilensteine</th>
                    <th scope="col">Abhängig von</th>
                    <th scope="col">Einstufung</th>
                    {canBuildTeam ? (
                      <th scope="col" className="no-print">
                        Team
                      </th>
                    ) : null}
                  </tr>
                </thead>
                <tbody>
                  {list.map((e) => {
                    const overdue = e.milestones.filter((m) => !m.done && m.dueDate < today);
                    return (
                      <tr key={e.id}>
                        <td>
                          <Link to={e.joint ? `/projekte/gemeinsam/${e.id}` : `/projekte/${e.id}`}>{e.title}</Link>
                        </td>
                        <td>{e.joint ? <JointMark leadName={e.joint.leadName} /> : e.leadUnitName}</td>
                        <td>{e.stateKind === "final" || e.stateKind === "waiting" ? <strong>{e.stateLabel}</strong> : e.stateLabel}</td>
                        <td>{formatDate(e.startDate)}</td>
                        <td>{formatDate(e.endDate)}</td>
                        <td>
                          {e.milestones.length === 0
                            ? "–"
                            : e.milestones.map((m) => (
                                <span key={m.id} className="block">
                                  {formatDate(m.dueDate)} {m.title}
                                  {m.originalDueDate ? ` (verschoben, ursprünglich ${formatDate(m.originalDueDate)})` : null}
                                  {m.done ? " (erledigt)" : overdue.includes(m) ? <strong className="text-red-800"> (überfällig)</strong> : null}
                                </span>
                              ))}
                        </td>
                        <td>{e.dependsOn.map((id) => titles.get(id) ?? `Projekt ${id}`).join(", ") || "–"}</td>
                        <td>{e.joint ? "bewertet die federführende Kommune" : e.classification ? CLASSIFICATION_LABELS[e.classification] : "nicht bewertet"}</td>
                        {canBuildTeam ? (
                          <td className="no-print">
                            {e.joint ? "–" : <Link to={`/teams/neu?projekt=${e.id}`}>
                              Team bilden<span className="sr-only"> für {e.title}</span>
                            </Link>}
                          </td>
                        ) : null}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          );
        })}
        {entries.length === 0 ? <p>Keine Projekte für diese Auswahl.</p> : null}
        {layout.unscheduled.length ? (
          <p className="text-sm text-slate-700">
            Ohne Beginn oder Ende (nicht in der Grafik): {layout.unscheduled.map((p) => p.title).join(", ")}.
          </p>
        ) : null}
      </section>
    </div>
  );
}
