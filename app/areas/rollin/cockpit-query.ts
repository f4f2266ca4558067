/**
 * The cockpit's and the inbox's GET parameters in German (`?sortierung=ueberfaellig&gruppe=Amt
 * Seenland&suche=klein`), parsed leniently: an unknown value falls back to the default instead
 * of an error, because these addresses are bookmarked and shared.
 */
/** The cockpit's sort orders with their German labels (pure: the page renders them). */
export const COCKPIT_SORTS = {
  name: "Name",
  overdue: "Überfällige Meilensteine",
  laggards: "Nachzügler",
  tasks: "Offene Aufgaben",
  coverage: "Schulungsquote",
} as const;
export type CockpitSort = keyof typeof COCKPIT_SORTS;

export const COCKPIT_SORT_PARAMS: Record<string, CockpitSort> = {
  name: "name",
  ueberfaellig: "overdue",
  nachzuegler: "laggards",
  aufgaben: "tasks",
  schulungsquote: "coverage",
};

export function sortParamOf(sort: CockpitSort): string {
  return Object.entries(COCKPIT_SORT_PARAMS).find(([, v]) => v === sort)![0];
}

const clean = (value: string | null, max = 100) => (value ?? "").trim().slice(0, max);

export function parseCockpitQuery(params: URLSearchParams, groups?: readonly string[]) {
  const sort = COCKPIT_SORT_PARAMS[clean(params.get("sortierung"))] ?? "name";
  const group = clean(params.get("gruppe")) || null;
  return { sort, group: group && (!groups || groups.includes(group)) ? group : null, q: clean(params.get("suche")) };
}

export interface InboxQuery {
  municipalityId: number | null;
  group: string | null;
  q: string;
  overdueOnly: boolean;
}

export function parseInboxQuery(params: URLSearchParams): InboxQuery {
  const id = Number(clean(params.get("kommune")));
  return {
    municipalityId: Number.isSafeInteger(id) && id > 0 ? id : null,
    group: clean(params.get("gruppe")) || null,
    q: clean(params.get("suche")),
    overdueOnly: params.get("ueberfaellig") === "1",
  };
}

/** Filters inbox rows; `groupOf` maps a Kommune to its provider group. */
export function filterInbox<T extends { municipalityId: number; title: string; dueDate: string | null }>(
  tasks: readonly T[],
  query: InboxQuery,
  groupOf: (municipalityId: number) => string | null,
  today: string,
): T[] {
  const needle = query.q.toLocaleLowerCase("de");
  return tasks.filter(
    (t) =>
      (query.municipalityId === null || t.municipalityId === query.municipalityId) &&
      (query.group === null || groupOf(t.municipalityId) === query.group) &&
      (!needle || t.title.toLocaleLowerCase("de").includes(needle)) &&
      (!query.overdueOnly || (t.dueDate !== null && t.dueDate < today)),
  );
}

export const COCKPIT_PAGE_SIZE = 50;

/** One page of already sorted rows (`?seite=`, 1-based, clamped), for the cockpit's 200+ Kommunen. */
export function pageOf<T>(rows: readonly T[], params: URLSearchParams, size = COCKPIT_PAGE_SIZE) {
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const requested = Number(params.get("seite"));
  const page = Number.isSafeInteger(requested) && requested >= 1 ? Math.min(requested, pages) : 1;
  return { page, pages, rows: rows.slice((page - 1) * size, page * size) };
}
