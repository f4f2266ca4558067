import type { StateKind } from "../../workflow/definition";

/**
 * The state of the built-in project definition the Statusbericht counts as "in Umsetzung"; the
 * project subject's contract (workflow.server.ts) keeps it in every version a Kommune deploys.
 */
export const PROJECT_IN_PROGRESS = "inProgress";

export interface ProjectState {
  name: string;
  label: string;
  kind: StateKind;
}

/** A Kommune's project states with their labels, and which of them close a project. */
export interface ProjectStateCatalog {
  /** In lifecycle order (the newest definition version first, then states only older ones have). */
  states: ProjectState[];
  /** States in which a project is finished (completed or cancelled): nothing is overdue any more. */
  closed: string[];
  /** The label of a state; "ohne Ablauf" for a project without a workflow instance. */
  label(state: string | null | undefined): string;
}

export function stateCatalog(states: ProjectState[]): ProjectStateCatalog {
  const labels = new Map(states.map((s) => [s.name, s.label]));
  return {
    states,
    closed: states.filter((s) => s.kind === "final").map((s) => s.name),
    label: (state) => (state ? (labels.get(state) ?? state) : "ohne Ablauf"),
  };
}

/** Running: not in a state of kind "final" (completed, cancelled); no workflow yet counts as running. */
export function isRunningState(catalog: ProjectStateCatalog, state: string | null): boolean {
  return state === null || !catalog.closed.includes(state);
}

/**
 * Project counts per status, in the Kommune's lifecycle order; states no definition knows any more
 * and projects without a workflow come last, so every project is counted once. Grouped by label:
 * two definition versions may give different states the same name ("completed" in one,
 * "handedOver" in another, both "Abgeschlossen"), which then shows once, with the sum.
 */
export function countsByStatus(catalog: ProjectStateCatalog, rows: readonly { state: string | null; count: number }[]): { state: string | null; label: string; count: number }[] {
  const known = catalog.states.map((s) => s.name);
  const order: (string | null)[] = [...known, ...new Set(rows.map((r) => r.state).filter((s) => s !== null && !known.includes(s))), null];
  const result: { state: string | null; label: string; count: number }[] = [];
  for (const state of order) {
    const n = rows.filter((r) => r.state === state).reduce((sum, r) => sum + r.count, 0);
    if (n === 0) continue;
    const label = catalog.label(state);
    const same = result.find((line) => line.label === label);
    if (same) same.count += n;
    else result.push({ state, label, count: n });
  }
  return result;
}
