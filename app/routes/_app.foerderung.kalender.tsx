import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { upcomingFundingDeadlines } from "~/areas/funding/overview.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { requireContext } from "~/utils/context.server";
import { getDb } from "~/utils/db.server";
import { formatDate, todayIso } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Fristenkalender – Förderung – Fahrplan" }];

const MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "funding.view");
  const today = todayIso();
  const deadlines = upcomingFundingDeadlines(ctx, getDb(), today, 24);
  const months = new Map<string, typeof deadlines>();
  for (const d of deadlines) {
    const key = d.status === "overdue" ? "überfällig" : d.dueDate.slice(0, 7);
    months.set(key, [...(months.get(key) ?? []), d]);
  }
  return json({ today, months: [...months.entries()].map(([key, items]) => ({ key, items })) });
}

function monthLabel(key: string): string {
  if (key === "überfällig") return "Überfällig";
  const [y, m] = key.split("-");
  return `${MONTHS[Number(m) - 1]} ${y}`;
}

export default function FundingCalendar() {
  const { months } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ to: "/foerderung", label: "Förderung" }, { label: "Fristenkalender" }]} />
      <h1>Fristenkalender Förderung</h1>
      <p className="text-sm text-slate-700">
        Alle Fristen aus Programmregeln und Zuwendungsbescheiden der nächsten 24 Monate: Antragsfristen, Zwischen- und Verwendungsnachweise, Verausgabung abgerufener Mittel, Ende der Bewilligungszeiträume und Zweckbindungen. Erinnerungen erscheinen unter „Meine Aufgaben“.
      </p>
      {months.length === 0 && <p className="card">Keine Fristen.</p>}
      {months.map((month) => (
        <section key={month.key} aria-labelledby={`monat-${month.key}`} className="card">
          <h2 id={`monat-${month.key}`} className={month.key === "überfällig" ? "text-red-800" : undefined}>
            {monthLabel(month.key)}
          </h2>
          <table className="table mt-2">
            <thead>
              <tr>
                <th scope="col" className="w-32">Fällig am</th>
                <th scope="col">Frist</th>
              </tr>
            </thead>
            <tbody>
              {month.items.map((d) => (
                <tr key={d.id}>
                  <td>{formatDate(d.dueDate)}</td>
                  <td>
                    <Link to={d.link}>{d.label}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}
