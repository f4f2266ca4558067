import { projectDefinition } from "../../workflow/definitions/project";

/**
 * The project lifecycle's states as published by the built-in definition (key `project`). The
 * projects area itself reads states and labels from the workflow engine (projectStates,
 * projectStateLabels in projects.server.ts), so Kommune-deployed versions show their own; these
 * built-in constants remain for other areas' views that have not switched yet.
 */
export const PROJECT_STATES = projectDefinition.states.map((s) => ({ name: s.name, label: s.label, kind: s.kind }));

/** Lifecycle order for sorting: the definition's order. */
export const PROJECT_STATE_ORDER: string[] = PROJECT_STATES.map((s) => s.name);

/** States in which a project is finished (completed or cancelled): nothing is overdue any more. */
export const CLOSED_PROJECT_STATES: string[] = PROJECT_STATES.filter((s) => s.kind === "final").map((s) => s.name);

const LABELS = new Map(PROJECT_STATES.map((s) => [s.name, s.label]));

export function projectStateLabel(state: string | null | undefined): string {
  if (!state) return "ohne Ablauf";
  return LABELS.get(state) ?? state;
}
