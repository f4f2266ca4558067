import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getMunicipality, listUnits } from "~/areas/org/org.server";
import { requireContext } from "~/utils/context.server";
import { formatNumber } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Übersicht – Fahrplan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "dashboard.view");
  const municipality = getMunicipality(ctx);
  const units = listUnits(ctx);
  return json({
    municipality: { name: municipality.name, kind: municipality.kind, population: municipality.population, state: municipality.state },
    units,
    employeeCount: units.reduce((sum, u) => sum + u.employeeCount, 0),
  });
}

const KIND_LABELS = { stadt: "Stadt", gemeinde: "Gemeinde", landkreis: "Landkreis", amt: "Amt" } as const;

export default function Overview() {
  const { municipality, units, employeeCount } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <h1>Übersicht: {municipality.name}</h1>
      <section aria-labelledby="kennzahlen" className="grid gap-4 sm:grid-cols-3">
        <h2 id="kennzahlen" className="sr-only">
          Kennzahlen
        </h2>
        <div className="card">
          <p className="text-sm text-slate-600">Art</p>
          <p className="text-xl font-semibold">
            {KIND_LABELS[municipality.kind]} in {municipality.state}
          </p>
        </div>
        <div className="card">
          <p className="text-sm text-slate-600">Einwohnerinnen und Einwohner</p>
          <p className="text-xl font-semibold">{formatNumber(municipality.population)}</p>
        </div>
        <div className="card">
          <p className="text-sm text-slate-600">Beschäftigte im Konzern Stadt</p>
          <p className="text-xl font-semibold">{formatNumber(employeeCount)}</p>
        </div>
      </section>
      <section aria-labelledby="organisation" className="card">
        <h2 id="organisation">Konzern Stadt: Organisationseinheiten</h2>
        <table className="table mt-3">
          <thead>
            <tr>
              <th scope="col">Einheit</th>
              <th scope="col">Art</th>
              <th scope="col" className="num">
                Beschäftigte
              </th>
            </tr>
          </thead>
          <tbody>
            {units.map((u) => (
              <tr key={u.id}>
                <td style={{ paddingLeft: `${0.75 + u.depth * 1.5}rem` }}>
                  {u.name}
                  {u.shortName ? <span className="text-slate-600"> ({u.shortName})</span> : null}
                </td>
                <td>{u.kind === "company" ? "Kommunales Unternehmen" : "Verwaltungseinheit"}</td>
                <td className="num">{formatNumber(u.employeeCount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
