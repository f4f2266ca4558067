import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { FilterBar } from "~/components/filter-bar";
import { Pagination } from "~/components/pagination";
import { Link, useLoaderData } from "@remix-run/react";
import { FilterSearch, FilterSelect } from "~/components/forms";
import { cockpitRows } from "~/areas/rollin/cockpit.server";
import { COCKPIT_SORTS, COCKPIT_SORT_PARAMS, pageOf, parseCockpitQuery, sortParamOf } from "~/areas/rollin/cockpit-query";
import { requireCockpit } from "~/areas/rollin/cockpit-caller.server";
import { PROVIDER_ROLE_LABELS, providerCan } from "~/areas/rollin/provider-permissions";
import { callerMunicipalities } from "~/areas/rollin/provider.server";
import { RollinTabs, SwitchForm, SwitchLink } from "~/areas/rollin/ui";
import { getDb } from "~/utils/db.server";
import { formatDate, formatPercentBp, todayIso } from "~/utils/format";
import { ROLE_LABELS } from "~/utils/permissions";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.member ? "Cockpit – Meine Kommunen – Fahrplan" : "Cockpit – Roll-in-Service – Fahrplan" }];

/**
 * The start page across several Kommunen: for Roll-in-Service staff the Kommunen they act for, for a
 * member of several Kommunen their memberships; one row per Kommune, sortable and filterable.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await requireCockpit(request);
  const member = caller.kind === "member";
  const db = getDb();
  const today = todayIso();
  const groups = [...new Set(callerMunicipalities(db, caller).map((m) => m.group).filter((g): g is string => !!g))];
  const params = new URL(request.url).searchParams;
  const query = parseCockpitQuery(params, groups);
  const cockpit = await cockpitRows(db, caller, today, query);
  const page = pageOf(cockpit.rows, params);
  return json({
    provider: caller.title,
    member,
    roleLabel: caller.providerRole ? PROVIDER_ROLE_LABELS[caller.providerRole] : "",
    canAssign: providerCan(caller.providerRole, "provider.assign"),
    query: { ...query, sort: sortParamOf(query.sort) },
    today,
    ...cockpit,
    shown: cockpit.rows.length,
    // A member acts in each Kommune with that Kommune's own role; the row says which.
    rows: page.rows.map((r) => {
      const role = member ? caller.roleIn(r.municipalityId) : null;
      return { ...r, roleLabel: role ? ROLE_LABELS[role] : null };
    }),
    page: page.page,
    pages: page.pages,
  });
}

export default function Cockpit() {
  const data = useLoaderData<typeof loader>();
  const filtered = data.shown !== data.total;
  return (
    <div className="space-y-4">
      <h1>Cockpit: {data.provider}</h1>
      <p className="text-sm text-slate-700">
        {data.roleLabel ? `${data.roleLabel} · ` : ""}
        {data.total} {data.total === 1 ? "Kommune" : "Kommunen"} · {data.openTasks} offene Aufgaben ·{" "}
        <Link to="/roll-in/aufgaben">alle Aufgaben</Link>. Ein Klick auf eine Zahl wechselt in die Kommune und öffnet die Seite dazu.
      </p>
      <RollinTabs member={data.member} canAssign={data.canAssign} />
      <FilterBar label="Kommunen filtern und sortieren" resetTo={filtered || data.query.q ? "/roll-in" : undefined}>
        <FilterSearch id="suche" name="suche" label="Name enthält" value={data.query.q} />
        {data.groups.length ? (
          <FilterSelect id="gruppe" name="gruppe" label="Gruppe (Amt, Landkreis)" value={data.query.group} options={data.groups.map((g) => ({ value: g, label: g }))} />
        ) : null}
        <FilterSelect
          id="sortierung"
          name="sortierung"
          label="Sortierung"
          all={false}
          value={data.query.sort}
          options={Object.entries(COCKPIT_SORT_PARAMS).map(([param, key]) => ({ value: param, label: COCKPIT_SORTS[key] }))}
        />
      </FilterBar>
      <p className="text-sm" role="status">
        {filtered ? `${data.shown} von ${data.total} Kommunen` : `${data.total} Kommunen`}, sortiert nach {COCKPIT_SORTS[COCKPIT_SORT_PARAMS[data.query.sort]]}
        {data.pages > 1 ? `; Seite ${data.page} von ${data.pages}` : ""}.
      </p>
      {data.rows.length === 0 ? (
        <p className="alert-info">Keine Kommune passt zu diesem Filter.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="table table-compact" data-testid="cockpit">
            <caption className="sr-only">{data.member ? "Ihre Kommunen mit ihren Kennzahlen" : "Kommunen des Roll-in-Service mit ihren Kennzahlen"}</caption>
            <thead>
              <tr>
                <th scope="col">Kommune</th>
                <th scope="col">Projekte (laufend)</th>
                <th scope="col">Nach Status</th>
                <th scope="col" className="num">Nachzügler</th>
                <th scope="col" className="num">Überfällige Meilensteine</th>
                <th scope="col" className="num">Überfällige Fristen</th>
                <th scope="col">Nächste Förderfrist</th>
                <th scope="col" className="num">Schulungsquote</th>
                <th scope="col" className="num">Offene Aufgaben</th>
                <th scope="col">Programmschritte</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r) => {
                const form = `wechsel-${r.municipalityId}`;
                const at = ` in ${r.name} öffnen`;
                return (
                  <tr key={r.municipalityId} data-testid="cockpit-row">
                    <th scope="row" className="font-medium">
                      <SwitchForm id={form} municipalityId={r.municipalityId} />
                      <SwitchLink form={form} to="/" label={`Übersicht von ${r.name} öffnen`}>
                        {r.name}
                      </SwitchLink>
                      {r.group ? <div className="text-xs font-normal text-slate-700">{r.group}</div> : null}
                      {r.roleLabel ? <div className="text-xs font-normal text-slate-700">Ihre Rolle: {r.roleLabel}</div> : null}
                    </th>
                    <td>
                      <SwitchLink form={form} to="/projekte" label={`${r.projects.projects} Projekte, ${r.projects.running} laufend,${at}`}>
                        {r.projects.projects} ({r.projects.running})
                      </SwitchLink>
                    </td>
                    <td className="text-xs">{r.projects.byState.map((s) => `${s.label} ${s.count}`).join(" · ") || "–"}</td>
                    <td className="num">
                      <SwitchLink form={form} to="/projekte/portfolio" label={`${r.laggards} Nachzügler${at}`}>
                        {r.laggards}
                      </SwitchLink>
                    </td>
                    <td className={`num ${r.overdueMilestones ? "font-semibold text-red-800" : ""}`}>
                      <SwitchLink form={form} to="/fahrplan" label={`${r.overdueMilestones} überfällige Meilensteine${at}`}>
                        {r.overdueMilestones}
                      </SwitchLink>
                      {r.overdueMilestones ? <span aria-hidden="true"> ⚠</span> : null}
                    </td>
                    <td className={`num ${r.overdueDeadlines ? "font-semibold text-red-800" : ""}`}>
                      <SwitchLink form={form} to="/aufgaben" label={`${r.overdueDeadlines} überfällige Fristen${at}`}>
                        {r.overdueDeadlines}
                      </SwitchLink>
                      {r.overdueDeadlines ? <span aria-hidden="true"> ⚠</span> : null}
                    </td>
                    <td className="text-xs">
                      {r.nextFundingDeadline ? (
                        <SwitchLink form={form} to={r.nextFundingDeadline.link} label={`Förderfrist ${r.nextFundingDeadline.label} am ${formatDate(r.nextFundingDeadline.dueDate)}${at}`}>
                          {formatDate(r.nextFundingDeadline.dueDate)}: {r.nextFundingDeadline.label}
                        </SwitchLink>
                      ) : (
                        "–"
                      )}
                    </td>
                    <td className="num">
                      <SwitchLink form={form} to="/schulungen" label={`Schulungsquote ${formatPercentBp(r.coverageBp)}${at}`}>
                        {r.coverageBp === null ? "–" : formatPercentBp(r.coverageBp)}
                      </SwitchLink>
                      {r.targetBp !== null && r.coverageBp !== null && r.coverageBp < r.targetBp ? <div className="text-xs text-slate-700">Ziel {formatPercentBp(r.targetBp)}</div> : null}
                    </td>
                    <td className="num">
                      <Link to={`/roll-in/aufgaben?kommune=${r.municipalityId}`} aria-label={`${r.openTasks} offene Aufgaben in ${r.name} anzeigen`}>
                        {r.openTasks}
                      </Link>
                    </td>
                    <td className="text-xs">
                      {r.programme.steps ? (
                        <SwitchLink form={form} to="/programmschritte" label={`Programmschritte in ${r.name}: ${r.programme.finished} von ${r.programme.steps} erledigt, ${r.programme.overdue} überfällig, öffnen`}>
                          {r.programme.finished}/{r.programme.steps} erledigt
                        </SwitchLink>
                      ) : (
                        "–"
                      )}
                      {r.programme.overdue ? <div className="font-semibold text-red-800">⚠ {r.programme.overdue} überfällig</div> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={data.page} pages={data.pages} label="Seiten des Cockpits" />
    </div>
  );
}
