import type { DbOrTx } from "../../utils/db.server";
import { type ProgrammeMatrix, programmeMatrix } from "./matrix.server";
import { type ProviderCaller, callerMunicipalities } from "./provider.server";

export const MATRIX_PAGE_SIZE = 40;

/**
 * The matrix as the page and the exports show it: only the caller's Kommunen (programmeMatrix),
 * optionally one group (`?gruppe=`); the page shows 40 Kommunen at a time (`?seite=`), the
 * exports all of the selection.
 */
export function matrixSelection(db: DbOrTx, caller: ProviderCaller, templateId: number, params: URLSearchParams, today: string) {
  const matrix = programmeMatrix(db, caller, templateId, today);
  if (!matrix) return undefined;
  const kommunen = callerMunicipalities(db, caller);
  const groupOf = new Map(kommunen.map((m) => [m.id, m.group]));
  const groups = [...new Set(kommunen.map((m) => m.group).filter((g): g is string => !!g))].sort((a, b) => a.localeCompare(b, "de"));
  const wanted = (params.get("gruppe") ?? "").trim();
  const group = groups.includes(wanted) ? wanted : null;
  const rows = group ? matrix.rows.filter((r) => groupOf.get(r.municipalityId) === group) : matrix.rows;
  const selected: ProgrammeMatrix = { ...matrix, rows };
  return { matrix: selected, groups, group, groupOf };
}

export function matrixPageOf(matrix: ProgrammeMatrix, params: URLSearchParams) {
  const pages = Math.max(1, Math.ceil(matrix.rows.length / MATRIX_PAGE_SIZE));
  const requested = Number(params.get("seite"));
  const page = Number.isSafeInteger(requested) && requested >= 1 ? Math.min(requested, pages) : 1;
  return { page, pages, rows: matrix.rows.slice((page - 1) * MATRIX_PAGE_SIZE, page * MATRIX_PAGE_SIZE) };
}
