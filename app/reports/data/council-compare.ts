/**
 * "Seit dem letzten Bericht": what changed in the project portfolio between the previous issued
 * Digitalbericht (its stored project snapshot) and now. Pure, so the rules are unit-tested.
 */
import { formatDate } from "../../utils/format";

/** One project as the Digitalbericht stores it next to the PDF (data snapshot), for the next comparison. */
export interface ProjectSnapshot {
  id: number;
  title: string;
  fieldOfAction: string;
  /** Workflow state name (null: no workflow yet). */
  state: string | null;
  stateLabel: string;
  /** In a state of kind "final" (completed or cancelled). */
  closed: boolean;
  startDate: string | null;
  endDate: string | null;
}

export interface ChangeLine {
  title: string;
  fieldOfAction: string;
  detail: string;
}

export interface SinceLastReport {
  /** null for the first report (nothing to compare with). */
  previousIssuedAt: string | null;
  note: string;
  /** What each list says when it is empty (on the first report: that there is no comparison). */
  emptyNew: string;
  emptyFinished: string;
  emptyDelayed: string;
  newProjects: ChangeLine[];
  finishedProjects: ChangeLine[];
  delayedProjects: ChangeLine[];
}

export const FIRST_REPORT_NOTE = "Erster Bericht – kein Vergleich mit einem früheren Digitalbericht möglich.";

/**
 * Delayed means: the planned end moved later than in the previous report, or the planned end has
 * passed since then (it lay on or after the previous report day, lies before today) while the
 * project is still running. A closed project is never delayed.
 */
function delay(before: ProjectSnapshot, now: ProjectSnapshot, previousDay: string, today: string): string | null {
  if (now.closed || !now.endDate) return null;
  if (before.endDate && now.endDate > before.endDate) return `Ende verschoben vom ${formatDate(before.endDate)} auf den ${formatDate(now.endDate)}`;
  if (now.endDate < today && now.endDate >= previousDay) return `geplantes Ende ${formatDate(now.endDate)} überschritten, noch nicht abgeschlossen`;
  return null;
}

const byTitle = (a: ChangeLine, b: ChangeLine) => a.title.localeCompare(b.title, "de");

export function compareWithPrevious(
  previous: { issuedAt: string; projects: readonly ProjectSnapshot[] } | null,
  current: readonly ProjectSnapshot[],
  today: string,
): SinceLastReport {
  if (!previous) {
    const none = "Erster Bericht – kein Vergleich.";
    return { previousIssuedAt: null, note: FIRST_REPORT_NOTE, emptyNew: none, emptyFinished: none, emptyDelayed: none, newProjects: [], finishedProjects: [], delayedProjects: [] };
  }
  const before = new Map(previous.projects.map((p) => [p.id, p]));
  const previousDay = previous.issuedAt.slice(0, 10);
  const newProjects: ChangeLine[] = [];
  const finishedProjects: ChangeLine[] = [];
  const delayedProjects: ChangeLine[] = [];
  for (const p of current) {
    const old = before.get(p.id);
    if (!old) {
      newProjects.push({ title: p.title, fieldOfAction: p.fieldOfAction, detail: p.stateLabel });
      continue;
    }
    if (p.closed && !old.closed) finishedProjects.push({ title: p.title, fieldOfAction: p.fieldOfAction, detail: p.stateLabel });
    const why = delay(old, p, previousDay, today);
    if (why) delayedProjects.push({ title: p.title, fieldOfAction: p.fieldOfAction, detail: why });
  }
  return {
    previousIssuedAt: previous.issuedAt,
    note: `Vergleich mit dem Digitalbericht vom ${formatDate(previous.issuedAt)}.`,
    emptyNew: "Seit dem letzten Bericht sind keine Projekte hinzugekommen.",
    emptyFinished: "Seit dem letzten Bericht wurde kein Projekt abgeschlossen.",
    emptyDelayed: "Seit dem letzten Bericht hat sich kein Projekt verzögert.",
    newProjects: newProjects.sort(byTitle),
    finishedProjects: finishedProjects.sort(byTitle),
    delayedProjects: delayedProjects.sort(byTitle),
  };
}
