import type { DbOrTx } from "../../utils/db.server";
import { type MatrixRollout, programmeMatrix } from "./matrix.server";
import { type ProviderCaller, callerMunicipalities } from "./provider.server";

/** As many Kommunen per page as the project list has projects: 25 rows × all steps. */
export const MATRIX_PAGE_SIZE = 25;

/**
 * The matrix as the page and the exports show it: only the caller's Kommunen (programmeMatrix),
 * optionally one group (`?gruppe=`). The exports take all of the selection (`paged: false`); the
 * page shows 25 Kommunen at a time (`?seite=`) and loads only their cells. `selected` is the whole
 * selection (without cells), `matrix.rows` what is shown.
 */
export function matrixSelection(db: DbOrTx, caller: ProviderCaller, templateId: number, params: URLSearchParams, today: string, options: { paged?: boolean } = {}) {
  const kommunen = callerMunicipalities(db, caller);
  const groupOf = new Map(kommunen.map((m) => [m.id, m.group]));
  const groups = [...new Set(kommunen.map((m) => m.group).filter((g): g is string => !!g))].sort((a, b) => a.localeCompare(b, "de"));
  const wanted = (params.get("gruppe") ?? "").trim();
  const group = groups.includes(wanted) ? wanted : null;
  let selected: MatrixRollout[] = [];
  let paging = { page: 1, pages: 1 };
  const matrix = programmeMatrix(db, caller, templateId, today, (rollouts) => {
    selected = group ? rollouts.filter((r) => groupOf.get(r.municipalityId) === group) : rollouts;
    if (!options.paged) return selected;
    const { rows, ...rest } = pageOf(selected, params);
    paging = rest;
    return rows;
  });
  if (!matrix) return undefined;
  return { matrix, selected, ...paging, groups, group, groupOf };
}

function pageOf<T>(rows: readonly T[], params: URLSearchParams) {
  const pages = Math.max(1, Math.ceil(rows.length / MATRIX_PAGE_SIZE));
  const requested = Number(params.get("seite"));
  const page = Number.isSafeInteger(requested) && requested >= 1 ? Math.min(requested, pages) : 1;
  return { page, pages, rows: rows.slice((page - 1) * MATRIX_PAGE_SIZE, page * MATRIX_PAGE_SIZE) };
}
