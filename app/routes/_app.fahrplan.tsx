import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { CLASSIFICATION_LABELS } from "~/areas/assessment/classify";
import { CLASSIFICATION_COLOURS } from "~/areas/dashboard/charts";
import { type RoadmapLayout, layoutRoadmap } from "~/areas/roadmap/layout";
import { loadRoadmap, roadmapFilterOptions } from "~/areas/roadmap/roadmap.server";
import { requireContext } from "~/utils/context.server";
import printStylesheet from "~/areas/roadmap/roadmap-print.css";
import { getDb } from "~/utils/db.server";
import { formatDate, todayIso } from "~/utils/format";

// A stylesheet of the route, not a <style> element (the Content-Security-Policy allows no inline styles);
// its @page rule turns only the roadmap landscape.
export const links: LinksFunction = () => [{ rel: "stylesheet", href: printStylesheet }];

export const meta: MetaFunction = () => [{ title: "Fahrplan (Roadmap) – Fahrplan" }];

function positiveInt(value: string | null): number | undefined {
  const n = Number(value);
  return value && Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "project.view");
  const db = getDb();
  const params = new URL(request.url).searchParams;
  const options = roadmapFilterOptions(db, ctx);
  const filter = {
    fieldOfActionId: positiveInt(params.get("handlungsfeld")),
    unitId: positiveInt(params.get("einheit")),
    state: options.states.some((s) => s.name === params.get("status")) ? params.get("status")! : undefined,
  };
  const today = todayIso();
  const entries = loadRoadmap(db, ctx, filter);
  const layout = layoutRoadmap(entries, today);
  return json({
    today,
    filter,
    options,
    layout,
    entries,
    canPlan: ctx.can("project.edit"),
    canBuildTeam: ctx.can("team.edit"),
  });
}

const UNASSESSED_COLOUR = "#64748b";
function truncate(text: string, max: number) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

type Classification = keyof typeof CLASSIFICATION_LABELS;

function RoadmapSvg({ layout, today, classes }: { layout: RoadmapLayout; today: string; classes: Map<number, Classification | null> }) {
  const chartLeft = layout.quarters[0]?.x ?? 0;
  const overdueCount = layout.rows.reduce((n, r) => n + r.milestones.filter((m) => m.overdue).length, 0);
  return (
    <svg
      role="img"
      aria-labelledby="fahrplan-svg-titel fahrplan-svg-beschreibung"
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      width="100%"
      className="block"
      style={{ fontFamily: "DejaVu Sans, Segoe UI, Arial, sans-serif" }}
    >
      <title id="fahrplan-svg-titel">Fahrplan: Projekte nach Handlungsfeld und Quartal</title>
      <desc id="fahrplan-svg-beschreibung">
        {`${layout.rows.length} Projekte in ${layout.groups.length} Handlungsfeldern von ${layout.quarters[0]?.label ?? ""} bis ${
          layout.quarters[layout.quarters.length - 1]?.label ?? ""
        }, mit ${layout.arrows.length} Abhängigkeiten und ${overdueCount} überfälligen Meilensteinen. Heute ist der ${formatDate(
          today,
        )}. Die Tabelle unter der Grafik enthält dieselben Angaben.`}
      </desc>
      <defs>
        <marker id="pfeil" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" fill="#334155" />
        </marker>
        <marker id="pfeil-konflikt" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" fill="#b91c1c" />
        </marker>
      </defs>
      {layout.quarters.map((q, i) => (
        <g key={q.start}>
          <rect x={q.x} y={0} width={q.width} height={layout.height} fill={i % 2 ? "#f8fafc" : "#eef2f7"} />
          <text x={q.x + q.width / 2} y={30} textAnchor="middle" fontSize={10.5} fill="#1e293b">
            {q.label.slice(0, 2)}
          </text>
          {q.label.startsWith("Q1") || i === 0 ? (
            <text x={q.x + 3} y={13} fontSize={11.5} fill="#0f172a" fontWeight={700}>
              {q.label.slice(3)}
            </text>
          ) : null}
          {q.label.startsWith("Q1") ? <line x1={q.x} x2={q.x} y1={0} y2={layout.height} stroke="#94a3b8" /> : null}
        </g>
      ))}
      {layout.groups.map((g) => (
        <g key={String(g.fieldOfActionId)}>
          <line x1={0} x2={layout.width} y1={g.y} y2={g.y} stroke="#94a3b8" />
          <text x={6} y={g.y + 19} fontSize={13} fontWeight={700} fill="#123a5e">
            {g.label}
          </text>
        </g>
      ))}
      {layout.rows.map((r) => {
        const classification = classes.get(r.project.id);
        const colour = classification ? CLASSIFICATION_COLOURS[CLASSIFICATION_LABELS[classification]] : UNASSESSED_COLOUR;
        return (
          <g key={r.project.id}>
            <text x={14} y={r.y + 18} fontSize={11.5} fill="#1e293b">
              {truncate(r.project.title, 38)}
            </text>
            <rect x={r.barX} y={r.y + 6} width={r.barWidth} height={16} rx={3} fill={colour} opacity={0.85} />
            {r.milestones.map((m) =>
              m.originalX === null ? null : (
                <g key={`original-${m.id}`}>
                  <line x1={m.originalX} y1={r.y + 14} x2={m.x} y2={r.y + 14} stroke="#475569" strokeWidth={1} strokeDasharray="2 2" />
                  <rect
                    x={m.originalX - 4}
                    y={r.y + 10}
                    width={8}
                    height={8}
                    transform={`rotate(45 ${m.originalX} ${r.y + 14})`}
                    fill="none"
                    stroke="#475569"
                    strokeWidth={1}
                    strokeDasharray="2 1"
                  />
                </g>
              ),
            )}
            {r.milestones.map((m) => (
              <rect
                key={m.id}
                x={m.x - 5}
                y={r.y + 9}
                width={10}
                height={10}
                transform={`rotate(45 ${m.x} ${r.y + 14})`}
                fill={m.done ? "#0f172a" : m.overdue ? "#fde047" : "#ffffff"}
                stroke={m.overdue ? "#b91c1c" : "#0f172a"}
                strokeWidth={m.overdue ? 2 : 1.2}
              />
            ))}
          </g>
        );
      })}
      {layout.arrows.map((a) => (
        <path
          key={`${a.fromId}-${a.toId}`}
          d={a.path}
          fill="none"
          stroke={a.conflict ? "#b91c1c" : "#334155"}
          strokeWidth={1.4}
          strokeDasharray={a.conflict ? "4 3" : undefined}
          markerEnd={a.conflict ? "url(#pfeil-konflikt)" : "url(#pfeil)"}
        />
      ))}
      {layout.todayX !== null ? (
        <g>
          <line x1={layout.todayX} x2={layout.todayX} y1={34} y2={layout.height} stroke="#b91c1c" strokeWidth={2} />
          <text x={layout.todayX + 4} y={44} fontSize={11} fill="#b91c1c" fontWeight={700}>
            Heute
          </text>
        </g>
      ) : null}
      <line x1={chartLeft} x2={chartLeft} y1={0} y2={layout.height} stroke="#94a3b8" />
    </svg>
  );
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
  const { today, filter, options, layout, entries, canPlan, canBuildTeam } = useLoaderData<typeof loader>();
  const titles = new Map(entries.map((e) => [e.id, e.title]));
  const planLink = filter.fieldOfActionId ? `/projekte/neu?handlungsfeld=${filter.fieldOfActionId}` : "/projekte/neu";
  const groups = [...new Set(entries.map((e) => e.fieldOfActionName))].sort((a, b) => a.localeCompare(b, "de"));
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1>Fahrplan der Digitalagenda</h1>
        <div className="no-print flex flex-wrap gap-3">
          {canPlan ? (
            <Link to={planLink} className="btn-primary">
              Neues Projekt planen
            </Link>
          ) : null}
          <button type="button" className="btn-secondary" onClick={() => window.print()}>
            Drucken (A4 quer)
          </button>
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
            <div className="roadmap-canvas min-w-[900px]">
              <RoadmapSvg layout={layout} today={today} classes={new Map(entries.map((e) => [e.id, e.classification]))} />
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
                  {canPlan ? (
                    <Link to={`/projekte/neu?handlungsfeld=${fieldId}`} className="no-print ml-3 text-sm">
                      Projekt in „{g}“ planen
                    </Link>
                  ) : null}
                </caption>
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
                          <Link to={`/projekte/${e.id}`}>{e.title}</Link>
                        </td>
                        <td>{e.leadUnitName}</td>
                        <td>{e.stateLabel}</td>
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
                        <td>{e.classification ? CLASSIFICATION_LABELS[e.classification] : "nicht bewertet"}</td>
                        {canBuildTeam ? (
                          <td className="no-print">
                            <Link to={`/teams/neu?projekt=${e.id}`}>
                              Team bilden<span className="sr-only"> für {e.title}</span>
                            </Link>
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
