import { CLASSIFICATION_LABELS } from "../assessment/classify";
import { CLASSIFICATION_COLOURS } from "../dashboard/charts";
import { formatDate } from "../../utils/format";
import { ROADMAP_LINE_HEIGHT, type RoadmapBand, type RoadmapLayout } from "./layout";

export const UNASSESSED_COLOUR = "#64748b";

type Classification = keyof typeof CLASSIFICATION_LABELS;

/** What the SVG's description and the PDF's summary line say: the figures of the drawing. */
export function roadmapSummary(layout: RoadmapLayout, today: string): string {
  const overdueCount = layout.rows.reduce((n, r) => n + r.milestones.filter((m) => m.overdue).length, 0);
  const finished = layout.rows.filter((r) => r.inactive === "final").length;
  const paused = layout.rows.filter((r) => r.inactive === "waiting").length;
  return `${layout.rows.length} Projekte in ${layout.groups.length} Handlungsfeldern von ${layout.quarters[0]?.label ?? ""} bis ${
    layout.quarters[layout.quarters.length - 1]?.label ?? ""
  } (davon ${finished} beendet oder abgebrochen, ${paused} zurückgestellt), mit ${layout.arrows.length} Abhängigkeiten und ${overdueCount} überfälligen Meilensteinen. Stand ${formatDate(today)}.`;
}

/**
 * The Fahrplan drawing: one SVG for the page and, rendered to markup, for the PDF. Titles wrap
 * (never cut); finished and cancelled projects are drawn hatched with their state under the title,
 * paused ones with a dashed outline. With a `band`, only that slice of the rows is drawn, below the
 * quarter axis (one printed page); `idPrefix` keeps the ids of several drawings on a page apart.
 */
export function RoadmapSvg({
  layout,
  today,
  classes,
  band,
  idPrefix = "fahrplan",
}: {
  layout: RoadmapLayout;
  today: string;
  classes: Map<number, Classification | null>;
  band?: RoadmapBand;
  idPrefix?: string;
}) {
  const chartLeft = layout.quarters[0]?.x ?? 0;
  const height = band ? layout.axisHeight + band.y1 - band.y0 : layout.height;
  const shift = band ? layout.axisHeight - band.y0 : 0;
  const id = (name: string) => `${idPrefix}-${name}`;
  // A slice draws only its own groups and rows (their text would otherwise sit, clipped, on every page).
  const inBand = (y: number) => !band || (y >= band.y0 && y < band.y1);
  const groups = layout.groups.filter((g) => inBand(g.y));
  const rows = layout.rows.filter((r) => inBand(r.y));
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      {...(band ? { "aria-hidden": true } : { role: "img", "aria-labelledby": `${id("titel")} ${id("beschreibung")}` })}
      viewBox={`0 0 ${layout.width} ${height}`}
      width="100%"
      className="block"
      fontFamily="DejaVu Sans, Segoe UI, Arial, sans-serif"
    >
      {band ? null : (
        <>
          <title id={id("titel")}>Fahrplan: Projekte nach Handlungsfeld und Quartal</title>
          <desc id={id("beschreibung")}>{`${roadmapSummary(layout, today)} Die Tabelle unter der Grafik enthält dieselben Angaben.`}</desc>
        </>
      )}
      <defs>
        <marker id={id("pfeil")} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" fill="#334155" />
        </marker>
        <marker id={id("pfeil-konflikt")} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" fill="#b91c1c" />
        </marker>
        <pattern id={id("schraffur")} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" fill="#ffffff" />
          <line x1="0" y1="0" x2="0" y2="6" stroke="#334155" strokeWidth="2" />
        </pattern>
        {band ? (
          <clipPath id={id("ausschnitt")}>
            <rect x={0} y={band.y0} width={layout.width} height={band.y1 - band.y0} />
          </clipPath>
        ) : null}
      </defs>
      {layout.quarters.map((q, i) => (
        <g key={q.start}>
          <rect x={q.x} y={0} width={q.width} height={height} fill={i % 2 ? "#f8fafc" : "#eef2f7"} />
          <text x={q.x + q.width / 2} y={30} textAnchor="middle" fontSize={10.5} fill="#1e293b">
            {q.label.slice(0, 2)}
          </text>
          {q.label.startsWith("Q1") || i === 0 ? (
            <text x={q.x + 3} y={13} fontSize={11.5} fill="#0f172a" fontWeight={700}>
              {q.label.slice(3)}
            </text>
          ) : null}
          {q.label.startsWith("Q1") ? <line x1={q.x} x2={q.x} y1={0} y2={height} stroke="#94a3b8" /> : null}
        </g>
      ))}
      <g transform={shift ? `translate(0 ${shift})` : undefined} clipPath={band ? `url(#${id("ausschnitt")})` : undefined}>
      {groups.map((g) => (
        <g key={String(g.fieldOfActionId)}>
          <line x1={0} x2={layout.width} y1={g.y} y2={g.y} stroke="#94a3b8" />
          <text x={6} y={g.y + 19} fontSize={13} fontWeight={700} fill="#123a5e">
            {g.label}
          </text>
        </g>
      ))}
      {rows.map((r) => {
        const classification = classes.get(r.project.id);
        const colour = classification ? CLASSIFICATION_COLOURS[CLASSIFICATION_LABELS[classification]] : UNASSESSED_COLOUR;
        const lineCount = r.labelLines.length + (r.stateNote ? 1 : 0);
        const firstBaseline = r.midY - ((lineCount - 1) * ROADMAP_LINE_HEIGHT) / 2 + 4;
        const barY = r.midY - 8;
        return (
          <g key={r.project.id}>
            <text x={14} y={firstBaseline} fontSize={11.5} fill={r.inactive ? "#475569" : "#1e293b"}>
              {r.labelLines.map((line, i) => (
                <tspan key={i} x={14} y={firstBaseline + i * ROADMAP_LINE_HEIGHT}>
                  {line}
                </tspan>
              ))}
              {r.stateNote ? (
                <tspan x={14} y={firstBaseline + r.labelLines.length * ROADMAP_LINE_HEIGHT} fontSize={10.5} fontWeight={700} fill="#334155">
                  {r.stateNote}
                </tspan>
              ) : null}
            </text>
            {r.inactive === "final" ? (
              <rect x={r.barX} y={barY} width={r.barWidth} height={16} rx={3} fill={`url(#${id("schraffur")})`} stroke={colour} strokeWidth={2} />
            ) : r.inactive === "waiting" ? (
              <rect x={r.barX} y={barY} width={r.barWidth} height={16} rx={3} fill="#ffffff" stroke={colour} strokeWidth={2} strokeDasharray="5 3" />
            ) : (
              <rect x={r.barX} y={barY} width={r.barWidth} height={16} rx={3} fill={colour} opacity={0.85} />
            )}
            {r.milestones.map((m) =>
              m.originalX === null ? null : (
                <g key={`original-${m.id}`}>
                  <line x1={m.originalX} y1={r.midY} x2={m.x} y2={r.midY} stroke="#475569" strokeWidth={1} strokeDasharray="2 2" />
                  <rect
                    x={m.originalX - 4}
                    y={r.midY - 4}
                    width={8}
                    height={8}
                    transform={`rotate(45 ${m.originalX} ${r.midY})`}
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
                y={r.midY - 5}
                width={10}
                height={10}
                transform={`rotate(45 ${m.x} ${r.midY})`}
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
          markerEnd={a.conflict ? `url(#${id("pfeil-konflikt")})` : `url(#${id("pfeil")})`}
        />
      ))}
      </g>
      {layout.todayX !== null ? (
        <g>
          <line x1={layout.todayX} x2={layout.todayX} y1={34} y2={height} stroke="#b91c1c" strokeWidth={2} />
          <text x={layout.todayX + 4} y={44} fontSize={11} fill="#b91c1c" fontWeight={700}>
            Heute
          </text>
        </g>
      ) : null}
      <line x1={chartLeft} x2={chartLeft} y1={0} y2={height} stroke="#94a3b8" />
    </svg>
  );
}
