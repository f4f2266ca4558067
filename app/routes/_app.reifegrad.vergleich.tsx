import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { benchmarkView } from "~/areas/maturity/benchmark.server";
import { MATURITY_AREA_LABELS } from "~/areas/maturity/catalogue";
import { COHORTS, COHORT_LABELS, type Cohort, MIN_COHORT } from "~/areas/maturity/maturity";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { FilterBar } from "~/components/filter-bar";
import { requireContext } from "~/utils/context.server";
import { formatNumber } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Reifegrad im Vergleich – Fahrplan" }];

const POSITION_LABELS = { above: "über dem Median", equal: "im Median", below: "unter dem Median" } as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "maturity.view");
  const param = new URL(request.url).searchParams.get("vergleich");
  const cohort: Cohort = (COHORTS as readonly string[]).includes(param ?? "") ? (param as Cohort) : "platform";
  return json({ cohort, result: benchmarkView(ctx, cohort) });
}

export default function BenchmarkPage() {
  const { cohort, result } = useLoaderData<typeof loader>();
  const tooFew = (n: number) => `zu wenige Angaben (${n} von mindestens ${MIN_COHORT} Kommunen)`;
  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ to: "/reifegrad", label: "Reifegrad" }, { label: "Vergleich" }]} />
      <h1>Reifegrad im Vergleich</h1>
      <p className="max-w-3xl text-slate-700">
        Der Vergleich ist anonym: Er zeigt nur zusammengefasste Werte – den Median und eine Punktzahl je Handlungsfeld (beste Kommune 100,
        schwächste 0) – und nur, wenn mindestens {MIN_COHORT} Kommunen zu einem Wert beigetragen haben. Keine Kommune wird genannt.
      </p>
      <FilterBar>
        <div>
          <label htmlFor="vergleich" className="label">Vergleichsgruppe</label>
          <select id="vergleich" name="vergleich" defaultValue={cohort} className="input">
            {COHORTS.map((c) => <option key={c} value={c}>{COHORT_LABELS[c]}</option>)}
          </select>
        </div>
      </FilterBar>
      {!result ? (
        <p className="card">Die Kommune hat noch keine Selbstbewertung; der Vergleich beginnt mit der ersten.</p>
      ) : (
        <>
          <section aria-labelledby="felder" className="card space-y-3">
            <h2 id="felder">Handlungsfelder</h2>
            <table className="table">
              <caption className="sr-only">Punktzahl je Handlungsfeld in der Vergleichsgruppe</caption>
              <thead>
                <tr>
                  <th scope="col">Handlungsfeld</th>
                  <th scope="col" className="text-right">eigene Stufe (Ø)</th>
                  <th scope="col">Punktzahl (0–100)</th>
                </tr>
              </thead>
              <tbody>
                {result.areas.map((a) => (
                  <tr key={a.area}>
                    <th scope="row">{a.label}</th>
                    <td className="text-right">{a.ownAverage === null ? "–" : formatNumber(a.ownAverage / 100, 2)}</td>
                    <td>{a.figure.shown ? (a.figure.value.score === null ? "–" : `${a.figure.value.score} (aus ${a.figure.contributors} Kommunen)`) : tooFew(a.figure.contributors)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section aria-labelledby="kriterien" className="card space-y-3">
            <h2 id="kriterien">Kriterien</h2>
            <div className="overflow-x-auto">
              <table className="table">
                <caption className="sr-only">Median der Vergleichsgruppe je Kriterium und eigene Stufe</caption>
                <thead>
                  <tr>
                    <th scope="col">Kriterium</th>
                    <th scope="col">Handlungsfeld</th>
                    <th scope="col" className="text-right">eigene Stufe</th>
                    <th scope="col">Median der Gruppe</th>
                  </tr>
                </thead>
                <tbody>
                  {result.items.map((i) => (
                    <tr key={i.code}>
                      <th scope="row">{i.code} {i.title}</th>
                      <td>{MATURITY_AREA_LABELS[i.area]}</td>
                      <td className="text-right">{i.own ?? "–"}</td>
                      <td>
                        {i.figure.shown
                          ? `${formatNumber(i.figure.value.median, 1)}${i.figure.value.position ? ` – ${POSITION_LABELS[i.figure.value.position]}` : ""}`
                          : tooFew(i.figure.contributors)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </div>
  );
}
