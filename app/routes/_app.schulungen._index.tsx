import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf";
import { personalDataScope, trainingNavFor } from "~/areas/trainings/access.server";
import { calendarToken, regenerateCalendarToken } from "~/areas/trainings/calendar.server";
import { Badge, CoverageFigure, TrainingNav } from "~/areas/trainings/components";
import { renderCoverageChart } from "~/areas/trainings/coverage-chart.server";
import { unitCoverage } from "~/areas/trainings/coverage.server";
import { pendingForSupervisor } from "~/areas/trainings/external.server";
import { ATTENDANCE_LABELS, FORMAT_LABELS, REGISTRATION_STATUS_LABELS, TOPIC_LABELS } from "~/areas/trainings/labels";
import { registrationsOf } from "~/areas/trainings/registrations.server";
import { listSessions } from "~/areas/trainings/sessions.server";
import { requireContext } from "~/utils/context.server";
import { formatDate, formatDateTime, formatPercentBp, todayIso } from "~/utils/format";
import { intentAction } from "~/utils/intents.server";

export const meta: MetaFunction = () => [{ title: "Schulungen – Fahrplan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "training.view");
  const today = todayIso();
  const coverage = unitCoverage(ctx, today);
  const svg = await renderCoverageChart(coverage.units, coverage.targetBp);
  const scope = personalDataScope(ctx);
  const token = calendarToken(ctx.user.id);
  const origin = new URL(request.url).origin;
  return json({
    nav: trainingNavFor(ctx),
    canManage: ctx.can("training.manage"),
    coverage,
    svg,
    upcoming: listSessions(ctx, { from: today, limit: 15 }),
    mine: ctx.employeeId ? registrationsOf(ctx, ctx.employeeId).filter((r) => r.status !== "cancelled").slice(0, 10) : [],
    pendingApprovals: pendingForSupervisor(ctx, scope, ctx.employeeId).length,
    feedUrl: token ? `${origin}/kalender/${token}/schulungen.ics` : null,
    hasEmployee: ctx.employeeId != null,
  });
}

export const action = /* @__PURE__ */ intentAction({
  permission: "training.view",
  intents: (intent) => ({
    regenerateCalendar: intent({
      schema: z.object({}),
      run: ({ who }) => regenerateCalendarToken({ ...who.actor, userId: who.user.id }, who.municipalityId),
      done: (_, { reply }) => json({ ...reply(), message: "Ihre persönliche Kalender-Adresse wurde neu erzeugt. Die alte Adresse funktioniert nicht mehr." }),
    }),
  }),
});

function sessionStateTone(state: string | null) {
  if (state === "registrationOpen") return "green" as const;
  if (state === "fullyBooked") return "amber" as const;
  if (state === "cancelled") return "red" as const;
  return "slate" as const;
}

export default function TrainingOverview() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="space-y-6">
      <h1>Schulungen</h1>
      <TrainingNav current="/schulungen" links={data.nav} />
      {data.pendingApprovals > 0 && (
        <p className="alert-info">
          {data.pendingApprovals} externe Fortbildung(en) Ihrer Beschäftigten warten auf Ihre Bestätigung.{" "}
          <Link to="/schulungen/extern">Jetzt prüfen</Link>
        </p>
      )}
      <section aria-labelledby="quote" className="card space-y-3">
        <h2 id="quote">Schulungsquote je Einheit</h2>
        <p className="text-sm text-slate-700">
          Kommune gesamt: <strong data-testid="coverage-total">{formatPercentBp(data.coverage.total.coverageBp)}</strong> (Ziel{" "}
          {formatPercentBp(data.coverage.targetBp)}).
        </p>
        <CoverageFigure svg={data.svg} units={data.coverage.units} total={data.coverage.total} targetBp={data.coverage.targetBp} />
        <div className="flex flex-wrap gap-2">
          <a href="/schulungen/schulungsquote.csv" className="btn-secondary" download>
            Schulungsquote als CSV
          </a>
          <a href="/schulungen/schulungsquote.xlsx" className="btn-secondary" download>
            Schulungsquote als Excel (XLSX)
          </a>
        </div>
      </section>

      <section aria-labelledby="termine" className="card space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="termine">Kommende Termine</h2>
          {data.canManage && (
            <Link to="/schulungen/termine/neu" className="btn-primary">
              Termin anlegen
            </Link>
          )}
        </div>
        {data.upcoming.length === 0 ? (
          <p className="text-sm text-slate-700">Zurzeit sind keine Termine geplant.</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Termin</th>
                <th scope="col">Schulung</th>
                <th scope="col">Format</th>
                <th scope="col" className="num">Plätze</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {data.upcoming.map((s) => (
                <tr key={s.id}>
                  <td>{formatDateTime(s.startsAt)}</td>
                  <td>
                    <Link to={`/schulungen/termine/${s.id}`}>{s.courseTitle}</Link>
                    <span className="block text-xs text-slate-600">{TOPIC_LABELS[s.topic]}</span>
                  </td>
                  <td>{FORMAT_LABELS[s.format]}</td>
                  <td className="num">
                    {s.registered} / {s.capacity}
                    {s.waitlisted > 0 && <span className="block text-xs text-slate-600">{s.waitlisted} auf Warteliste</span>}
                  </td>
                  <td>
                    <Badge tone={sessionStateTone(s.state)}>{s.stateLabel}</Badge>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {data.hasEmployee && (
        <section aria-labelledby="meine" className="card space-y-3">
          <h2 id="meine">Meine Schulungen</h2>
          {data.mine.length === 0 ? (
            <p className="text-sm text-slate-700">Sie sind für keinen Termin angemeldet.</p>
          ) : (
            <ul className="space-y-1 text-sm">
              {data.mine.map((r) => (
                <li key={r.id}>
                  <Link to={`/schulungen/termine/${r.sessionId}`}>{r.courseTitle}</Link> am {formatDate(r.sessionDate)} –{" "}
                  {r.attendance ? ATTENDANCE_LABELS[r.attendance] : REGISTRATION_STATUS_LABELS[r.status]}
                </li>
              ))}
            </ul>
          )}
          <p className="text-sm">
            <a href="/konto/meine-daten.json" download>
              Alle über mich gespeicherten Daten herunterladen (JSON, Art. 15 DSGVO)
            </a>
          </p>
        </section>
      )}

      <section aria-labelledby="kalender" className="card space-y-3">
        <h2 id="kalender">Persönlicher Kalender</h2>
        <p className="text-sm text-slate-700">
          Abonnieren Sie diese geheime Adresse in Ihrem Kalenderprogramm (Outlook, Thunderbird, Smartphone): Ihre Schulungstermine erscheinen dort
          automatisch. Geben Sie die Adresse nicht weiter.
        </p>
        {data.feedUrl ? (
          <p>
            <label htmlFor="feed-url" className="label">
              Kalender-Adresse
            </label>
            <input id="feed-url" readOnly value={data.feedUrl} className="input font-mono" />
          </p>
        ) : (
          <p className="text-sm">Noch keine Kalender-Adresse erzeugt.</p>
        )}
        {result && "message" in result && (
          <p className="alert-success" role="status">
            {result.message}
          </p>
        )}
        <Form method="post">
          <CsrfInput />
          <button type="submit" name="intent" value="regenerateCalendar" className="btn-secondary">
            {data.feedUrl ? "Neue Adresse erzeugen (alte wird ungültig)" : "Kalender-Adresse erzeugen"}
          </button>
        </Form>
      </section>
    </div>
  );
}
