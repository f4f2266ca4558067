import type { DbOrTx } from "../../utils/db.server";
import { WITHOUT_MANAGER } from "./assignments";
import { pageOf } from "./cockpit-query";
import { assertProviderCan } from "./provider-permissions";
import { type ProviderCaller, callerMunicipalities, listProviderStaff } from "./provider.server";

const clean = (value: string | null, max = 100) => (value ?? "").trim().slice(0, max);

/**
 * The coordinator's assignment page: every Kommune of the provider with its group and the managers
 * assigned to it (Kommunen without one marked, so gaps show), filtered by group, name and manager
 * (`?gruppe=…&suche=…&betreuung=ID|ohne`), 50 per page; and each manager with their number of
 * Kommunen. Unknown filter values fall back to "alle", as on the cockpit.
 */
export function assignmentPage(db: DbOrTx, caller: ProviderCaller, params: URLSearchParams) {
  assertProviderCan(caller, "provider.assign");
  const kommunen = callerMunicipalities(db, caller);
  const staff = listProviderStaff(db, caller);
  const managers = staff
    .filter((p) => p.role === "manager")
    .map((p) => ({ userId: p.userId, name: p.name, email: p.email, municipalityIds: p.municipalityIds.filter((id) => caller.municipalityIds.includes(id)) }));
  const rows = kommunen.map((m) => ({
    municipalityId: m.id,
    name: m.name,
    group: m.group,
    managers: managers.filter((p) => p.municipalityIds.includes(m.id)).map((p) => ({ userId: p.userId, name: p.name })),
  }));
  const groups = [...new Set(kommunen.map((m) => m.group).filter((g): g is string => !!g))].sort((a, b) => a.localeCompare(b, "de"));

  const wantedGroup = clean(params.get("gruppe"));
  const group = groups.includes(wantedGroup) ? wantedGroup : null;
  const q = clean(params.get("suche"));
  const wantedManager = clean(params.get("betreuung"));
  const manager = wantedManager === WITHOUT_MANAGER ? WITHOUT_MANAGER : managers.some((p) => String(p.userId) === wantedManager) ? Number(wantedManager) : null;
  const needle = q.toLocaleLowerCase("de");
  const shown = rows.filter(
    (r) =>
      (group === null || r.group === group) &&
      (!needle || r.name.toLocaleLowerCase("de").includes(needle)) &&
      (manager === null || (manager === WITHOUT_MANAGER ? r.managers.length === 0 : r.managers.some((p) => p.userId === manager))),
  );
  const page = pageOf(shown, params);
  return {
    providerName: caller.providerName,
    query: { group, q, manager: manager === null ? null : String(manager) },
    groups,
    managers: managers.map((p) => ({ userId: p.userId, name: p.name, email: p.email, count: p.municipalityIds.length })),
    total: rows.length,
    withoutManager: rows.filter((r) => r.managers.length === 0).length,
    shown: shown.length,
    rows: page.rows,
    page: page.page,
    pages: page.pages,
  };
}
