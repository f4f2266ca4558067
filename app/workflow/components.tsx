import { useFetcher, useSearchParams } from "@remix-run/react";
import { useId } from "react";
import { CsrfInput } from "~/components/csrf";
import { formatDateTime } from "~/utils/format";
import { STATE_KIND_LABELS, type StateKind } from "./state-kinds";
import type { DiagramData } from "./diagram";

/** The panel's data as it arrives from a loader (see getWorkflowPanelData). */
export interface WorkflowPanelProps {
  data: {
    workflow: {
      id: number;
      definitionName: string;
      definitionVersion: number;
      state: string;
      stateLabel: string;
      stateKind: StateKind;
      version: number;
      history: {
        id: number;
        kind: "start" | "transition" | "migration";
        transitionLabel: string | null;
        fromLabel: string | null;
        toLabel: string;
        actorLabel: string;
        comment: string | null;
        at: string;
      }[];
      transitions: { name: string; label: string; toLabel: string; requiresComment: boolean; allowed: boolean; reasons: string[] }[];
    };
    diagram: DiagramData;
    states: { name: string; label: string; kind: StateKind }[];
  } | null;
  /** Where to return after a transition (usually the current page's path). */
  redirectTo: string;
  /** Optional heading; defaults to "Ablauf". */
  title?: string;
}

/** Query parameter through which the transition route reports errors to pages without JavaScript. */
export const WORKFLOW_ERROR_PARAM = "ablaufFehler";

/**
 * A subject's workflow: current state, the transitions the user may fire (with comment and the
 * version they saw), refusal and conflict messages, the state diagram and the history timeline.
 */
export function WorkflowPanel({ data, redirectTo, title = "Ablauf" }: WorkflowPanelProps) {
  const fetcher = useFetcher();
  const [searchParams] = useSearchParams();
  const headingId = useId();
  const commentId = useId();
  if (!data) {
    return (
      <section aria-labelledby={headingId} className="card">
        <h2 id={headingId}>{title}</h2>
        <p className="mt-2 text-sm text-slate-700">Für diesen Datensatz wurde noch kein Ablauf gestartet.</p>
      </section>
    );
  }
  const { workflow, diagram, states } = data;
  const error = searchParams.get(WORKFLOW_ERROR_PARAM);
  const errors = error ? [error] : [];
  const busy = fetcher.state !== "idle";
  return (
    <section aria-labelledby={headingId} className="card space-y-4" data-testid="workflow-panel">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={headingId}>{title}</h2>
        <p className="text-sm text-slate-700">
          {workflow.definitionName} (Version {workflow.definitionVersion})
        </p>
      </div>
      <p>
        Aktueller Status:{" "}
        <strong className="badge bg-brand-700 text-sm text-white" data-testid="workflow-state">
          {workflow.stateLabel}
        </strong>
      </p>

      {errors.length > 0 && (
        <div className="alert-error" role="alert" data-testid="workflow-error">
          {errors.map((e) => (
            <p key={e}>{e}</p>
          ))}
        </div>
      )}

      {workflow.transitions.length > 0 ? (
        <fetcher.Form method="post" action={`/ablauf/vorgaenge/${workflow.id}/uebergang`} className="space-y-3">
          <CsrfInput />
          <input type="hidden" name="expectedVersion" value={workflow.version} />
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <div>
            <label htmlFor={commentId} className="label">
              Kommentar (wird im Verlauf gespeichert)
            </label>
            <textarea id={commentId} name="comment" rows={2} className="input" maxLength={2000} />
          </div>
          <h3 className="text-base font-semibold">Nächste Schritte</h3>
          <ul className="space-y-2">
            {workflow.transitions.map((t) => {
              const reasonsId = `${commentId}-${t.name}-gruende`;
              return (
                <li key={t.name} className="flex flex-wrap items-start gap-3">
                  <button
                    type="submit"
                    name="transition"
                    value={t.name}
                    className={t.allowed ? "btn-primary" : "btn-secondary cursor-not-allowed opacity-70"}
                    disabled={!t.allowed || busy}
                    aria-describedby={t.allowed ? undefined : reasonsId}
                  >
                    {t.label}
                  </button>
                  <span className="pt-2 text-sm text-slate-700">
                    → {t.toLabel}
                    {t.requiresComment && " (Begründung im Kommentar erforderlich)"}
                  </span>
                  {!t.allowed && (
                    <ul id={reasonsId} className="basis-full list-disc pl-6 text-sm text-red-800">
                      {t.reasons.map((r) => (
                        <li key={r}>{r}</li>
                      ))}
                    </ul>
                  )}
                </li>
              );
            })}
          </ul>
        </fetcher.Form>
      ) : (
        <p className="text-sm text-slate-700">
          {workflow.stateKind === "final"
            ? "Dieser Vorgang ist abgeschlossen."
            : "Für Ihre Rolle gibt es in diesem Status keinen Schritt."}
        </p>
      )}

      <div>
        <h3 className="text-base font-semibold">Verlauf</h3>
        <HistoryTimeline history={workflow.history} />
      </div>
      <div>
        <h3 className="text-base font-semibold">Ablaufdiagramm</h3>
        <StateDiagram diagram={diagram} states={states} currentState={workflow.state} name={workflow.definitionName} />
      </div>
    </section>
  );
}

/** The history as a timeline, newest first. */
export function HistoryTimeline({ history }: { history: NonNullable<WorkflowPanelProps["data"]>["workflow"]["history"] }) {
  return (
    <ol className="mt-2 space-y-3 border-l-2 border-brand-100 pl-4" data-testid="workflow-history">
      {[...history].reverse().map((h) => (
        <li key={h.id} className="relative">
          <span aria-hidden="true" className="absolute -left-[1.4rem] top-1.5 h-3 w-3 rounded-full bg-brand-700" />
          <p className="text-sm font-medium">
            {h.kind === "start"
              ? `Gestartet in „${h.toLabel}“`
              : `${h.transitionLabel ?? "Statuswechsel"}: ${h.fromLabel ?? "–"} → ${h.toLabel}`}
          </p>
          <p className="text-xs text-slate-700">
            {formatDateTime(h.at)} · {h.actorLabel}
          </p>
          {h.comment && <p className="mt-1 text-sm text-slate-800">„{h.comment}“</p>}
        </li>
      ))}
    </ol>
  );
}

const NODE_STYLE: Record<StateKind, { fill: string; stroke: string; text: string }> = {
  initial: { fill: "#eef5fb", stroke: "#123a5e", text: "#0f172a" },
  active: { fill: "#ffffff", stroke: "#475569", text: "#0f172a" },
  waiting: { fill: "#fffbeb", stroke: "#92400e", text: "#0f172a" },
  final: { fill: "#f1f5f9", stroke: "#0f172a", text: "#0f172a" },
};

/**
 * The definition's state diagram (laid out by ELK on the server), current state highlighted.
 * Screen readers get a summary as aria-label plus the list of states below the drawing.
 */
export function StateDiagram({
  diagram,
  states,
  currentState,
  name,
}: {
  diagram: DiagramData;
  states: { name: string; label: string; kind: StateKind }[];
  currentState?: string;
  name: string;
}) {
  const markerId = useId().replace(/:/g, "");
  const current = states.find((s) => s.name === currentState);
  return (
    <figure className="mt-2">
      {/* Focusable, so keyboard users can scroll a diagram wider than its column (WCAG 2.1.1). */}
      <div className="overflow-x-auto rounded border border-slate-200 bg-white" tabIndex={0} role="region" aria-label={`Ablaufdiagramm „${name}“`}>
        <svg
          role="img"
          aria-label={`Ablaufdiagramm „${name}“ mit ${states.length} Status${current ? `; aktueller Status: ${current.label}` : ""}.`}
          viewBox={`0 0 ${diagram.width} ${diagram.height}`}
          width={diagram.width}
          height={diagram.height}
          style={{ maxWidth: "100%", height: "auto", minWidth: Math.min(diagram.width, 720) }}
          data-testid="workflow-diagram"
        >
          <defs>
            <marker id={markerId} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" fill="#475569" />
            </marker>
          </defs>
          {diagram.edges.map((e) => (
            <path key={e.id} d={e.path} fill="none" stroke="#64748b" strokeWidth={1.4} markerEnd={`url(#${markerId})`} />
          ))}
          {diagram.edges.map((e) => (
            <g key={`${e.id}-label`}>
              <rect
                x={e.labelX - (e.label.length * 6.2 + 8) / 2}
                y={e.labelY - 9}
                width={e.label.length * 6.2 + 8}
                height={18}
                rx={3}
                fill="#ffffff"
                opacity={0.9}
              />
              <text x={e.labelX} y={e.labelY + 4} textAnchor="middle" fontSize={11} fill="#334155">
                {e.label}
              </text>
            </g>
          ))}
          {diagram.nodes.map((n) => {
            const isCurrent = n.name === currentState;
            const style = NODE_STYLE[n.kind];
            return (
              <g key={n.name} data-state={n.name} data-current={isCurrent ? "true" : undefined}>
                <rect
                  x={n.x}
                  y={n.y}
                  width={n.width}
                  height={n.height}
                  rx={n.kind === "final" ? 4 : 18}
                  fill={isCurrent ? "#184d7d" : style.fill}
                  stroke={isCurrent ? "#123a5e" : style.stroke}
                  strokeWidth={isCurrent ? 3 : n.kind === "final" ? 2.5 : 1.5}
                  strokeDasharray={n.kind === "waiting" ? "5 3" : undefined}
                />
                <text
                  x={n.x + n.width / 2}
                  y={n.y + n.height / 2 + 5}
                  textAnchor="middle"
                  fontSize={13}
                  fontWeight={isCurrent ? 700 : 500}
                  fill={isCurrent ? "#ffffff" : style.text}
                >
                  {n.label}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
      <figcaption className="mt-2 text-sm text-slate-700">
        <span className="sr-only">Status des Ablaufs „{name}“: </span>
        <ol className="flex flex-wrap gap-x-4 gap-y-1" data-testid="workflow-state-list">
          {states.map((s) => (
            <li key={s.name} aria-current={s.name === currentState ? "step" : undefined}>
              {s.name === currentState ? <strong>{s.label} (aktuell)</strong> : s.label}{" "}
              <span className="text-slate-600">– {STATE_KIND_LABELS[s.kind]}</span>
            </li>
          ))}
        </ol>
      </figcaption>
    </figure>
  );
}
