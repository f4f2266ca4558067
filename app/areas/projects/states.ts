import type { StateKind } from "../../workflow/definition";

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
