import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FilterBar } from "~/components/filter-bar";
import { FilterSearch, FilterSelect, FormErrors } from "~/components/forms";
import { providerInbox } from "~/areas/rollin/cockpit.server";
import { filterInbox, parseInboxQuery } from "~/areas/rollin/cockpit-query";
import { requireCockpit } from "~/areas/rollin/cockpit-caller.server";
import { providerCan } from "~/areas/rollin/provider-permissions";
import { callerMunicipalities } from "~/areas/rollin/provider.server";
import { RollinTabs } from "~/areas/rollin/ui";
import { requireContext } from "~/utils/context.server";
import { getDb } from "~/utils/db.server";
import { todayIso } from "~/utils/format";
import { TaskTable } from "~/workflow/task-table";

// Completing a task of the current Kommune is the same use case as on "Meine Aufgaben".
export { action } from "./_app.aufgaben";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.member ? "Aufgaben aller Kommunen – Meine Kommunen – Fahrplan" : "Aufgaben aller Kommunen – Roll-in-Service – Fahrplan" },
];

/**
 * One inbox across all Kommunen the caller acts for (Roll-in-Service staff, or a member of several
 * Kommunen with their role in each), with Kommune, group, text and overdue filters.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await requireCockpit(request);
  const ctx = await requireContext(request);
  const db = getDb();
  const today = todayIso();
  const kommunen = callerMunicipalities(db, caller);
  const query = parseInboxQuery(new URL(request.url).searchParams);
  const groupOf = new Map(kommunen.map((m) => [m.id, m.group]));
  const all = providerInbox(db, caller, today);
  return json({
    today,
    current: ctx.municipalityId,
    member: caller.kind === "member",
    canAssign: providerCan(caller.providerRole, "provider.assign"),
    query,
    kommunen: kommunen.map((m) => ({ id: m.id, name: m.name })),
    groups: [...new Set(kommunen.map((m) => m.group).filter((g): g is string => !!g))].sort((a, b) => a.localeCompare(b, "de")),
    total: all.length,
    tasks: filterInbox(all, query, (id) => groupOf.get(id) ?? null, today),
  });
}

export default function ProviderInbox() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<{ formErrors: string[]; done: string | null }>();
  const busy = useNavigation().state !== "idle";
  return (
    <div className="space-y-4">
      <h1>Aufgaben aller Kommunen</h1>
      <RollinTabs member={data.member} canAssign={data.canAssign} />
      <p className="text-sm text-slate-700">
        {data.member
          ? "Aufgaben, die in Ihren Kommunen an Sie oder an Ihre Rolle in der jeweiligen Kommune gehen (wie „Meine Aufgaben“ in jeder Kommune)."
          : "Aufgaben, die in den betreuten Kommunen an Sie oder an den Roll-in-Service gehen (wie „Meine Aufgaben“ in jeder Kommune)."}{" "}
        Aufgaben einer anderen Kommune als der aktuellen öffnen Sie über den Titel; dabei wechseln Sie in diese Kommune.
      </p>
      <FilterBar label="Aufgaben filtern" resetTo="/roll-in/aufgaben">
        <FilterSelect id="kommune" name="kommune" label="Kommune" value={data.query.municipalityId} options={data.kommunen.map((k) => ({ value: k.id, label: k.name }))} />
        {data.groups.length ? (
          <FilterSelect id="gruppe" name="gruppe" label="Gruppe (Amt, Landkreis)" value={data.query.group} options={data.groups.map((g) => ({ value: g, label: g }))} />
        ) : null}
        <FilterSearch id="suche" name="suche" label="Aufgabe enthält" value={data.query.q} />
        <div className="flex items-center gap-2 py-2">
          <input id="ueberfaellig" name="ueberfaellig" type="checkbox" value="1" defaultChecked={data.query.overdueOnly} className="h-4 w-4" />
          <label htmlFor="ueberfaellig" className="text-sm">
            nur überfällige
          </label>
        </div>
      </FilterBar>
      <FormErrors errors={result?.formErrors} />
      {result?.done ? (
        <p className="alert-success" role="status">
          {result.done}
        </p>
      ) : null}
      <p className="text-sm" role="status">
        {data.tasks.length} von {data.total} offenen Aufgaben
      </p>
      {data.tasks.length ? <TaskTable tasks={data.tasks} today={data.today} current={data.current} showKommune busy={busy} /> : <p className="alert-info">Keine offene Aufgabe passt zu diesem Filter.</p>}
    </div>
  );
}
