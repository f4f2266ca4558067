import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import {
  assessmentSection,
  deadlineSection,
  goalSection,
  overdueSection,
  projectSection,
  siloSection,
  unassessedCount,
} from "~/areas/dashboard/dashboard.server";
import { ChartFigure, type ChartImageProps } from "~/areas/dashboard/chart-figure";
import { memoScope } from "~/areas/dashboard/memo.server";
import { monthlySnapshot } from "~/areas/dashboard/snapshots.server";
import { getMunicipality, listUnits } from "~/areas/org/org.server";
import { trainingDashboardSection } from "~/areas/trainings/coverage.server";
import { fundingDashboardSection } from "~/areas/funding/overview.server";
import { jointDashboardSection } from "~/areas/joint/figures.server";
import { JointMark } from "~/areas/joint/ui";
import { requireContext } from "~/utils/context.server";
import { getDb } from "~/utils/db.server";
import { formatDate, formatEuro, formatNumber, formatPercentBp, formatShare, todayIso } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Übersicht – Fahrplan" }];

/**
 * The CDO dashboard, composed of one function per area. Areas add their figures with one line
 * here (and one section below): trainings → training coverage, funding → funding figures and
 * deadlines. `section` remembers a result until anything is written to the database (each
 * section depends only on the Kommune and the date, never on the user; permissions are checked here).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "dashboard.view");
  const db = getDb();
  const today = todayIso();
  const memoSection = memoScope();
  const section = <T,>(name: string, compute: () => T | Promise<T>) => memoSection(ctx, name, today, compute);
  const projects = await section("projects", () => projectSection(db, ctx));
  const assessment = await section("assessment", () => assessmentSection(db, ctx));
  const overdue = await section("overdue", () => overdueSection(db, ctx, today));
  const silo = await section("silo", () => siloSection(db, ctx));
  // The first load of a month keeps this month's figures; the tiles compare with last month's.
  const lastMonth = monthlySnapshot(db, ctx, today, {
    running: projects.totals.running,
    overdueMilestones: overdue.total,
    laggards: assessment.counts.laggard,
    crossUnitPercent: Math.round((silo.share ?? 0) * 100),
  });
  return json({
    today,
    lastMonth,
    municipality: await section("municipality", () => {
      const municipality = getMunicipality(ctx);
      return { name: municipality.name, kind: municipality.kind, population: municipality.population, state: municipality.state };
    }),
    organisation: await section("organisation", () => {
      const units = listUnits(ctx);
      return { unitCount: units.length, employeeCount: units.reduce((sum, u) => sum + u.employeeCount, 0) };
    }),
    projects,
    assessment,
    unassessed: await section("unassessed", () => unassessedCount(db, ctx)),
    overdue,
    deadlines: await section("deadlines", () => deadlineSection(db, ctx, today)),
    goals: await section("goals", () => goalSection(db, ctx, today)),
    silo,
    joint: await section("joint", () => jointDashboardSection(db, ctx)),
    links: { portfolio: ctx.can("project.view"), teams: ctx.can("team.view"), organisation: ctx.can("org.edit") },
    training: ctx.can("training.view") ? await section("training", () => trainingDashboardSection(ctx, today)) : null,
    funding: ctx.can("funding.view") ? await section("funding", () => fundingDashboardSection(ctx, today)) : null,
  });
}

const KIND_LABELS = { stadt: "Stadt", gemeinde: "Gemeinde", landkreis: "Landkreis", amt: "Amt" } as const;

/** One figure; with `to` (and the right to see projects) it links to the list showing exactly what it counts. */
function Figure({ label, value, detail, testId, to, trend }: { label: string; value: string; detail?: string; testId?: string; to?: string | null; trend?: string | null }) {
  return (
    <div className="card">
      <dt className="text-sm text-slate-700">{label}</dt>
      <dd className="text-2xl font-semibold">
        {to ? (
          <Link to={to} className="no-underline hover:underline">
            <span data-testid={testId}>{value}</span>
            <span className="sr-only"> – Liste anzeigen</span>
          </Link>
        ) : (
          <span data-testid={testId}>{value}</span>
        )}
      </dd>
      {detail ? <dd className="text-sm text-slate-700">{detail}</dd> : null}
      {trend ? (
        <dd className="text-sm text-slate-700" data-testid={testId ? `${testId}-trend` : undefined}>
          {trend}
        </dd>
      ) : null}
    </div>
  );
}

function Chart({ chart, caption }: { chart: ChartImageProps | null; caption: string }) {
  return chart ? <ChartFigure chart={chart} caption={caption} /> : null;
}

export default function Overview() {
  const data = useLoaderData<typeof loader>();
  const { municipality, projects, assessment, overdue, deadlines, goals, silo, joint } = data;
  const spentShare = projects.totals.plannedCents ? projects.totals.spentCents / projects.totals.plannedCents : null;
  const listLink = (filter: string) => (data.links.portfolio ? `/projekte${filter}` : null);
  /** Compared with last month's snapshot (Monatsstand), e.g. "Vormonat: 12 (+2)". */
  const trend = (key: string, now: number, unit = "") => {
    const before = data.lastMonth?.figures[key];
    if (before === undefined) return null;
    const diff = now - before;
    return `Vormonat: ${formatNumber(before)}${unit} (${diff > 0 ? "+" : diff < 0 ? "−" : "±"}${formatNumber(Math.abs(diff))}${unit})`;
  };
  return (
    <div className="space-y-8">
      <h1>Übersicht: {municipality.name}</h1>

      <section aria-labelledby="kennzahlen">
        <h2 id="kennzahlen" className="sr-only">
          Kennzahlen
        </h2>
        <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
          <Figure
            label="Laufende Projekte"
            value={formatNumber(projects.totals.running)}
            detail={`nicht abgeschlossen oder abgebrochen; ${data.unassessed} noch nicht bewertet${joint.asPartner.running ? `; zusätzlich ${formatNumber(joint.asPartner.running)} gemeinsame${joint.asPartner.running === 1 ? "s" : ""} Projekt${joint.asPartner.running === 1 ? "" : "e"} anderer Kommunen (als Partnerin, nicht mitgezählt)` : ""}`}
            testId="running-projects"
            to={listLink("?phase=running")}
            trend={trend("running", projects.totals.running)}
          />
          <Figure
            label="Budget ausgegeben"
            value={formatShare(spentShare)}
            detail={`${formatEuro(projects.totals.spentCents)} von ${formatEuro(projects.totals.plannedCents)} (alle ${formatNumber(projects.totals.projects)} nicht archivierten Projekte)`}
            to={listLink("")}
          />
          <Figure
            label="Überfällige Meilensteine"
            value={formatNumber(overdue.total)}
            detail={`in ${formatNumber(overdue.projectCount)} laufenden Projekten; ${deadlines.overdueCount} überfällige Fristen`}
            testId="overdue-milestones"
            to={listLink("?phase=running&overdueMilestones=1")}
            trend={trend("overdueMilestones", overdue.total)}
          />
          <Figure
            label="Nachzügler"
            value={formatNumber(assessment.counts.laggard)}
            detail="mit Beratungsbedarf"
            testId="laggard-count"
            to={listLink("?classification=laggard")}
            trend={trend("laggards", assessment.counts.laggard)}
          />
          <Figure
            label="Referatsübergreifende Projekte"
            value={formatShare(silo.share)}
            detail={`${silo.crossUnitCount} von ${silo.projectCount} laufenden Projekten mit zwei oder mehr Einheiten`}
            testId="silo-share"
            to={listLink("?phase=running&cooperation=cross")}
            trend={trend("crossUnitPercent", Math.round((silo.share ?? 0) * 100), " %")}
          />
        </dl>
      </section>

      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="portfolio" className="card space-y-3">
          <h2 id="portfolio">Portfolio auf einen Blick</h2>
          <p className="text-sm">
            {assessment.counts.lighthouse} Leuchttürme, {assessment.counts.onTrack} auf Kurs, {assessment.counts.laggard} Nachzügler.
          </p>
          <Chart
            chart={assessment.chart}
            caption="Bewertete Projekte nach Organisation (waagerecht) und Technologie (senkrecht), Punktgröße nach Themen; Raute: Leuchtturm, Kreis: auf Kurs, Dreieck: Nachzügler."
          />
          {data.links.portfolio ? <Link to="/projekte/portfolio">Portfolio mit allen Werten als Tabelle</Link> : null}
        </section>

        <section aria-labelledby="nachzuegler" className="card space-y-3">
          <h2 id="nachzuegler">Nachzügler mit Beratungsbedarf</h2>
          {assessment.laggards.length ? (
            <ul className="space-y-3" data-testid="laggards">
              {assessment.laggards.map((l) => (
                <li key={l.projectId} className="border-l-4 border-red-700 pl-3">
                  <Link to={`/projekte/${l.projectId}`} className="font-semibold">
                    {l.title}
                  </Link>
                  <p className="text-sm text-slate-800">{l.reason}</p>
                  <Link to={`/bewertung/${l.projectId}`} className="text-sm">
                    Bewertung und Begründung<span className="sr-only"> für {l.title}</span>
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            <p>Zurzeit ist kein Projekt als Nachzügler eingestuft.</p>
          )}
        </section>
      </div>

      <section aria-labelledby="status" className="card space-y-3">
        <h2 id="status">Projekte nach Handlungsfeld und Status</h2>
        <Chart chart={projects.statusChart} caption="Anzahl aller nicht archivierten Projekte je Handlungsfeld, gestapelt nach Status (auch abgeschlossene und abgebrochene)." />
        {projects.byField.length ? (
          <div className="overflow-x-auto">
            <table className="table">
              <caption className="sr-only">Projekte je Handlungsfeld und Status</caption>
              <thead>
                <tr>
                  <th scope="col">Handlungsfeld</th>
                  {projects.statusLabels.map((s) => (
                    <th key={s} scope="col" className="num">
                      {s}
                    </th>
                  ))}
                  <th scope="col" className="num">
                    Gesamt
                  </th>
                </tr>
              </thead>
              <tbody>
                {projects.byField.map((f) => (
                  <tr key={f.fieldOfAction}>
                    <th scope="row" className="font-normal">
                      {f.fieldOfAction}
                    </th>
                    {projects.statusLabels.map((s) => (
                      <td key={s} className="num">
                        {f.byState[s] ?? 0}
                      </td>
                    ))}
                    <td className="num font-semibold">{f.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>Es gibt noch keine Projekte.</p>
        )}
      </section>

      <section aria-labelledby="budget" className="card space-y-3">
        <h2 id="budget">Budget geplant und ausgegeben</h2>
        <Chart chart={projects.budgetChart} caption="Geplantes und ausgegebenes Budget aller nicht archivierten Projekte je Handlungsfeld in Euro." />
        {projects.byField.length ? (
          <div className="overflow-x-auto">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Handlungsfeld</th>
                  <th scope="col" className="num">
                    Geplant
                  </th>
                  <th scope="col" className="num">
                    Ausgegeben
                  </th>
                  <th scope="col" className="num">
                    Anteil
                  </th>
                </tr>
              </thead>
              <tbody>
                {projects.byField.map((f) => (
                  <tr key={f.fieldOfAction}>
                    <th scope="row" className="font-normal">
                      {f.fieldOfAction}
                    </th>
                    <td className="num">{formatEuro(f.plannedCents)}</td>
                    <td className="num">{formatEuro(f.spentCents)}</td>
                    <td className="num">{f.plannedCents ? formatShare(f.spentCents / f.plannedCents) : "–"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>

      {joint.asPartner.projects || joint.asLead.projects ? (
        <section aria-labelledby="gemeinsam" className="card space-y-3" data-testid="joint-figures">
          <h2 id="gemeinsam">Gemeinsame Projekte (interkommunale Zusammenarbeit)</h2>
          <table className="table">
            <tbody>
              <tr>
                <th scope="row" className="font-normal">Budget geplant der eigenen Projekte</th>
                <td className="num">{formatEuro(projects.totals.plannedCents)}</td>
              </tr>
              {joint.asPartner.projects ? (
                <>
                  <tr>
                    <th scope="row" className="font-normal">
                      Vereinbarte Anteile an gemeinsamen Projekten anderer Kommunen ({formatNumber(joint.asPartner.projects)}{" "}
                      {joint.asPartner.projects === 1 ? "Projekt" : "Projekte"}, davon {formatNumber(joint.asPartner.running)} laufend)
                    </th>
                    <td className="num" data-testid="joint-partner-share">{formatEuro(joint.asPartner.shareCents)}</td>
                  </tr>
                  <tr>
                    <th scope="row">Zusammen: eigene Projekte und Anteile</th>
                    <td className="num font-semibold">{formatEuro(projects.totals.plannedCents + joint.asPartner.shareCents)}</td>
                  </tr>
                </>
              ) : null}
              {joint.asLead.projects ? (
                <tr>
                  <th scope="row" className="font-normal">
                    Davon tragen Partnerkommunen bei eigenen Projekten ({formatNumber(joint.asLead.projects)}{" "}
                    {joint.asLead.projects === 1 ? "Projekt" : "Projekte"} mit {formatNumber(joint.asLead.partners)}{" "}
                    {joint.asLead.partners === 1 ? "Partnerin" : "Partnerinnen"}; im Budget oben enthalten)
                  </th>
                  <td className="num" data-testid="joint-lead-share">{formatEuro(joint.asLead.shareCents)}</td>
                </tr>
              ) : null}
            </tbody>
          </table>
          {joint.asPartner.list.length ? (
            <ul className="space-y-1">
              {joint.asPartner.list.map((p) => (
                <li key={p.id} className="flex flex-wrap items-center gap-2">
                  <Link to={`/projekte/gemeinsam/${p.id}`}>{p.title}</Link> <JointMark leadName={p.leadName} />
                  <span className="text-sm text-slate-700">
                    {p.stateLabel}, Ihr Anteil {formatEuro(p.shareCents)}
                  </span>
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="meilensteine" className="card space-y-3">
          <h2 id="meilensteine">Überfällige Meilensteine</h2>
          {overdue.list.length ? (
            <>
              <ul className="space-y-1">
                {overdue.list.map((m) => (
                  <li key={m.id}>
                    <span className="font-medium text-red-800">{formatDate(m.dueDate)}</span> {m.title} –{" "}
                    <Link to={`/projekte/${m.projectId}`}>{m.projectTitle}</Link>
                  </li>
                ))}
              </ul>
              {overdue.total > overdue.list.length ? (
                <p className="text-sm text-slate-700">… und {overdue.total - overdue.list.length} weitere.</p>
              ) : null}
            </>
          ) : (
            <p>Kein Meilenstein ist überfällig.</p>
          )}
        </section>

        <section aria-labelledby="fristen" className="card space-y-3">
          <h2 id="fristen">Fristen in den nächsten 30 Tagen</h2>
          {deadlines.list.length ? (
            <ul className="space-y-1">
              {deadlines.list.map((d) => (
                <li key={d.id}>
                  <span className={d.overdue ? "font-medium text-red-800" : "font-medium"}>{formatDate(d.dueDate)}</span>
                  {d.overdue ? " (überfällig)" : null} {d.link ? <Link to={d.link}>{d.label}</Link> : d.label}
                  {d.subjectTitle ? <span className="text-slate-700"> – {d.subjectTitle}</span> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p>Keine offenen Fristen in den nächsten 30 Tagen.</p>
          )}
        </section>
      </div>

      <section aria-labelledby="ziele" className="card space-y-3">
        <h2 id="ziele">Zielerreichung der Digitalagenda</h2>
        <Chart chart={goals.chart} caption="Fortschritt jedes Ziels vom Ausgangswert zum Zielwert nach dem letzten Istwert, in Prozent." />
        {goals.list.length ? (
          <div className="overflow-x-auto">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Ziel</th>
                  <th scope="col" className="num">
                    Ausgangswert
                  </th>
                  <th scope="col" className="num">
                    Istwert
                  </th>
                  <th scope="col" className="num">
                    Zielwert
                  </th>
                  <th scope="col">Zieldatum</th>
                  <th scope="col" className="num">
                    Erreicht
                  </th>
                </tr>
              </thead>
              <tbody>
                {goals.list.map((g) => (
                  <tr key={g.id}>
                    <th scope="row" className="font-normal">
                      {g.title}
                    </th>
                    <td className="num">
                      {formatNumber(g.baseline)} {g.unit}
                    </td>
                    <td className="num">{g.actualValue === null ? "–" : `${formatNumber(g.actualValue)} ${g.unit}`}</td>
                    <td className="num">
                      {formatNumber(g.targetValue)} {g.unit}
                    </td>
                    <td>{formatDate(g.targetDate)}</td>
                    <td className="num">{formatShare(g.share)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>Die Digitalagenda hat noch keine Ziele.</p>
        )}
      </section>

      <section aria-labelledby="silo" className="card space-y-2">
        <h2 id="silo">Zusammenarbeit über Einheiten hinweg</h2>
        <p>
          <strong>{formatShare(silo.share)}</strong> der laufenden Projekte ({silo.crossUnitCount} von {silo.projectCount}) werden von zwei
          oder mehr Einheiten getragen; {silo.projectCount - silo.crossUnitCount} liegen allein bei ihrer federführenden Einheit (Silo).
        </p>
        {data.links.teams ? <Link to="/teams/zusammenarbeit">Wer arbeitet mit wem zusammen?</Link> : null}
      </section>

      {data.training ? (
        <section aria-labelledby="schulungsquote" className="card space-y-2">
          <h2 id="schulungsquote">Schulungsquote</h2>
          <p>
            <strong data-testid="dashboard-training-coverage">{formatPercentBp(data.training.coverageBp)}</strong> der Beschäftigten (
            {formatNumber(data.training.covered)} von {formatNumber(data.training.employees)}) sind in den letzten 12 Monaten geschult und bei
            allen Pflichtschulungen aktuell – Ziel der Digitalagenda {formatPercentBp(data.training.targetBp)}
            {data.training.unitsBelowTarget > 0 ? `; ${data.training.unitsBelowTarget} Einheit(en) liegen darunter` : ""}.
          </p>
          <Link to="/schulungen">Schulungsquote je Einheit</Link>
        </section>
      ) : null}
      {data.funding ? (
        <section aria-labelledby="foerderung" className="card space-y-3">
          <h2 id="foerderung">Förderung</h2>
          <dl className="grid gap-3 sm:grid-cols-4">
            <div>
              <dt className="text-sm text-slate-700">Laufende Anträge</dt>
              <dd className="text-xl font-semibold">{formatNumber(data.funding.running)}</dd>
            </div>
            <div>
              <dt className="text-sm text-slate-700">Bewilligt</dt>
              <dd className="text-xl font-semibold">{formatEuro(data.funding.totals.grantedCents)}</dd>
            </div>
            <div>
              <dt className="text-sm text-slate-700">Abgerufen (eingegangen)</dt>
              <dd className="text-xl font-semibold">{formatEuro(data.funding.totals.receivedCents)}</dd>
            </div>
            <div>
              <dt className="text-sm text-slate-700">Verausgabt</dt>
              <dd className="text-xl font-semibold">{formatEuro(data.funding.totals.spentCents)}</dd>
            </div>
          </dl>
          <h3 className="font-semibold">Nächste Förderfristen</h3>
          {data.funding.deadlines.length === 0 ? (
            <p className="text-sm">Keine Förderfristen in den nächsten zwölf Monaten.</p>
          ) : (
            <ul className="space-y-1 text-sm">
              {data.funding.deadlines.map((d) => (
                <li key={d.id}>
                  <strong>{formatDate(d.dueDate)}</strong> – <Link to={d.link}>{d.label}</Link>
                </li>
              ))}
            </ul>
          )}
          <p className="text-sm">
            <Link to="/foerderung">Zur Förderübersicht</Link>
          </p>
        </section>
      ) : null}

      <section aria-labelledby="kommune" className="card">
        <h2 id="kommune">Kommune</h2>
        <dl className="mt-2 grid gap-2 text-sm sm:grid-cols-4">
          <div>
            <dt className="text-slate-700">Art</dt>
            <dd className="font-medium">
              {KIND_LABELS[municipality.kind]} in {municipality.state}
            </dd>
          </div>
          <div>
            <dt className="text-slate-700">Einwohnerinnen und Einwohner</dt>
            <dd className="font-medium">{formatNumber(municipality.population)}</dd>
          </div>
          <div>
            <dt className="text-slate-700">Beschäftigte im Konzern Stadt</dt>
            <dd className="font-medium">{formatNumber(data.organisation.employeeCount)}</dd>
          </div>
          <div>
            <dt className="text-slate-700">Organisationseinheiten</dt>
            <dd className="font-medium">
              {data.links.organisation ? (
                <Link to="/verwaltung/organisation">{formatNumber(data.organisation.unitCount)}</Link>
              ) : (
                formatNumber(data.organisation.unitCount)
              )}
            </dd>
          </div>
        </dl>
      </section>
    </div>
  );
}
