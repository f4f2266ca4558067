import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { employeesWithRecord } from "~/areas/employees/employees.server";
import { listEmployees } from "~/areas/org/org.server";
import { unitOptions } from "~/areas/org/units.server";
import { personalDataScope, seesAnyone, mayOpenStaffList, trainingNavFor } from "~/areas/trainings/access.server";
import { Badge, TrainingNav } from "~/areas/trainings/components";
import { formatHours } from "~/areas/trainings/labels";
import { FilterBar } from "~/components/filter-bar";
import { requireContext } from "~/utils/context.server";
import { formatDate } from "~/utils/format";
import { forbidden } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Beschäftigte – Fahrplan" }];

/**
 * Staff list with each person's training record. Supervisors see their own units, roles with
 * training.viewPersonalData the whole Kommune; employee.view alone shows names without records.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "training.view");
  const scope = personalDataScope(ctx);
  const withRecords = seesAnyone(scope);
  if (!mayOpenStaffList(ctx, scope)) forbidden("Die Beschäftigtenliste sehen Führungskräfte (für ihre Einheit) und die Personalverwaltung.");
  const allUnits = unitOptions(ctx);
  const units = scope.all || !withRecords ? allUnits : allUnits.filter((u) => scope.unitIds.includes(u.id));
  const requested = Number(new URL(request.url).searchParams.get("einheit"));
  const unitId = units.some((u) => u.id === requested) ? requested : null;
  return json({
    nav: trainingNavFor(ctx),
    units,
    unitId,
    withRecords,
    canImport: ctx.can("employee.edit"),
    people: withRecords ? employeesWithRecord(ctx, scope, unitId) : [],
    names: withRecords ? [] : listEmployees(ctx, unitId ?? undefined).map((e) => ({ id: e.id, name: `${e.lastName}, ${e.firstName}`, unitName: e.unitName, jobTitle: e.jobTitle })),
  });
}

export default function EmployeesPage() {
  const data = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <h1>Beschäftigte und Schulungsnachweise</h1>
      <TrainingNav current="/beschaeftigte" links={data.nav} />
      <div className="flex flex-wrap items-end justify-between gap-3">
        <FilterBar className="flex flex-wrap items-end gap-2">
          <div>
            <label htmlFor="einheit" className="label">
              Organisationseinheit
            </label>
            <select id="einheit" name="einheit" defaultValue={data.unitId ?? ""} className="input">
              <option value="">{data.withRecords ? "Alle, für die ich zuständig bin" : "Alle"}</option>
              {data.units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.label}
                </option>
              ))}
            </select>
          </div>
        </FilterBar>
        {data.canImport && (
          <Link to="/beschaeftigte/import" className="btn-primary">
            Aus Personalverwaltung importieren (CSV)
          </Link>
        )}
      </div>
      {data.withRecords ? (
        <section aria-labelledby="liste" className="card overflow-x-auto">
          <h2 id="liste" className="mb-3">
            {data.people.length} Beschäftigte
          </h2>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Einheit</th>
                <th scope="col">Funktion</th>
                <th scope="col" className="num">Schulungen (12 Monate)</th>
                <th scope="col" className="num">Stunden (12 Monate)</th>
                <th scope="col">Letzte Schulung</th>
                <th scope="col">Pflichtschulungen</th>
              </tr>
            </thead>
            <tbody>
              {data.people.map((p) => (
                <tr key={p.id}>
                  <th scope="row" className="font-normal">
                    <Link to={`/beschaeftigte/${p.id}`}>
                      {p.lastName}, {p.firstName}
                    </Link>
                  </th>
                  <td>{p.unitName}</td>
                  <td>{p.jobTitle ?? "–"}</td>
                  <td className="num">{p.trainingsLast12Months}</td>
                  <td className="num">{formatHours(p.minutesLast12Months)}</td>
                  <td>{formatDate(p.lastTrainingDate)}</td>
                  <td>
                    {p.mandatoryTotal === 0 ? (
                      "–"
                    ) : p.mandatoryOverdue > 0 ? (
                      <Badge tone="red">{p.mandatoryOverdue} überfällig</Badge>
                    ) : p.mandatoryDue > 0 ? (
                      <Badge tone="amber">{p.mandatoryDue} bald fällig</Badge>
                    ) : (
                      <Badge tone="green">aktuell</Badge>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : (
        <section aria-labelledby="namen" className="card space-y-3">
          <h2 id="namen">Beschäftigte</h2>
          <p className="alert-info">Schulungsnachweise einzelner Personen sehen nur Führungskräfte und die Personalverwaltung (DSGVO).</p>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Einheit</th>
                <th scope="col">Funktion</th>
              </tr>
            </thead>
            <tbody>
              {data.names.map((p) => (
                <tr key={p.id}>
                  <td>{p.name}</td>
                  <td>{p.unitName}</td>
                  <td>{p.jobTitle ?? "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
