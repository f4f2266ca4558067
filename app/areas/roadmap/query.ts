export interface RoadmapFilter {
  fieldOfActionId?: number;
  unitId?: number;
  state?: string;
}

function positiveInt(value: string | null): number | undefined {
  const n = Number(value);
  return value && Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/**
 * The roadmap's filter from the query string (German names: handlungsfeld, einheit, status); the
 * page and the PDF read it alike. Nonsense values are ignored, not refused.
 */
export function roadmapQuery(params: URLSearchParams, options: { states: { name: string }[] }): RoadmapFilter {
  const state = params.get("status");
  return {
    fieldOfActionId: positiveInt(params.get("handlungsfeld")),
    unitId: positiveInt(params.get("einheit")),
    state: state && options.states.some((s) => s.name === state) ? state : undefined,
  };
}

/** The query string of a filter, for links from the page to the PDF of the same selection. */
export function roadmapSearch(filter: RoadmapFilter): string {
  const params = new URLSearchParams();
  if (filter.fieldOfActionId) params.set("handlungsfeld", String(filter.fieldOfActionId));
  if (filter.unitId) params.set("einheit", String(filter.unitId));
  if (filter.state) params.set("status", filter.state);
  const search = params.toString();
  return search ? `?${search}` : "";
}
