import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf";
import { FormErrors, TextareaField } from "~/components/forms";
import { getDraft, listArchivedReports, saveDraft } from "~/reports/archive.server";
import { ReportActions } from "~/reports/components";
import { todayIso } from "~/utils/format";
import { fundingBudgetYears } from "~/reports/data/funding.server";
import { loadReportData } from "~/reports/data/index.server";
import type { FinalReportData } from "~/reports/data/types";
import { applicationHeading } from "~/reports/overview.server";
import { ReportError } from "~/reports/report-error";
import { templateChartSpec } from "~/reports/renderer.server";
import { loadTemplate } from "~/reports/templates.server";
import { archivedReportUrl } from "~/reports/urls";
import { renderChartSvg } from "~/utils/charts.server";
import { requireContext } from "~/utils/context.server";
import { getDb } from "~/utils/db.server";
import { formatDateTime, formatEuro, formatPercentBp } from "~/utils/format";
import { idParam, orNotFound } from "~/utils/http.server";
import { formAction } from "~/utils/intents.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Nachweise: ${data?.application.title ?? ""} – Fahrplan` }];

const DraftSchema = z.object({
  art: z.enum(["verwendungsnachweis", "zwischennachweis"]),
  jahr: z.coerce.number().int().min(2000).max(2100).optional(),
  version: z.coerce.number().int().min(0),
  narrative: z
    .string({ error: "Bitte schreiben Sie den Sachbericht." })
    .trim()
    .min(20, { error: "Der Sachbericht ist zu kurz (mindestens 20 Zeichen)." })
    .max(30_000, { error: "Der Sachbericht darf höchstens 30.000 Zeichen lang sein." }),
});

function selection(url: URL, years: number[]) {
  const art = url.searchParams.get("art") === "zwischennachweis" && years.length > 0 ? "zwischennachweis" : "verwendungsnachweis";
  const requested = Number(url.searchParams.get("jahr"));
  const budgetYear = art === "zwischennachweis" ? (years.includes(requested) ? requested : years[0]) : undefined;
  return { art, budgetYear } as const;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "report.view");
  const db = getDb();
  const applicationId = idParam(params.applicationId);
  const application = orNotFound(applicationHeading(db, ctx, applicationId));
  const years = fundingBudgetYears(application.fundingPeriodStart, application.fundingPeriodEnd);
  const { art, budgetYear } = selection(new URL(request.url), years);
  const draft = getDraft(db, ctx, art, applicationId, budgetYear ?? 0);
  let figures: FinalReportData | null = null;
  let problem: string | null = null;
  let chart: { svg: string; title: string } | null = null;
  try {
    figures = loadReportData(db, ctx, {
      type: art,
      subjectId: applicationId,
      budgetYear,
      narrative: draft?.narrative ?? "",
      figuresOnly: true,
      generatedBy: ctx.actor.label,
    }).data as FinalReportData;
    const slug = figures.municipality.slug;
    const { template, file } = loadTemplate(art, { municipalitySlug: slug });
    const spec = templateChartSpec(template, file, figures, 0, 520);
    if (spec && figures.financialStatement.expenditure.length > 0) {
      chart = { svg: await renderChartSvg(spec.spec as never, spec.title), title: spec.title };
    }
  } catch (error) {
    if (!(error instanceof ReportError)) throw error;
    problem = error.message;
  }
  return json({
    application,
    art,
    budgetYear: budgetYear ?? null,
    years,
    canGenerate: ctx.can("report.generate"),
    // Before the end of the funding period a VN is a draft unless issued early with a reason.
    allowEarly: art === "verwendungsnachweis" && !!application.fundingPeriodEnd && todayIso() <= application.fundingPeriodEnd,
    draft: { narrative: draft?.narrative ?? "", version: draft?.version ?? 0, updatedAt: draft?.updatedAt ?? null },
    figures: figures
      ? {
          expenditure: figures.financialStatement.expenditure,
          income: figures.financialStatement.income,
          totals: figures.financialStatement.totals,
          grant: figures.financialStatement.grant,
          receiptCount: figures.receipts.length,
          receiptTotalCents: figures.receiptTotalCents,
        }
      : null,
    chart,
    problem,
    archive: listArchivedReports(db, ctx, { subjectType: "fundingApplication", subjectId: applicationId }),
  });
}

export const action = /* @__PURE__ */ formAction({
  permission: "report.generate",
  load: (ctx, { params }) => orNotFound(applicationHeading(getDb(), ctx, idParam(params.applicationId))).id,
  schema: DraftSchema,
  run: ({ who, subject: applicationId, value: { art, jahr, version, narrative } }) =>
    saveDraft(who, { type: art, subjectId: applicationId, budgetYear: art === "zwischennachweis" ? jahr : 0, narrative, expectedVersion: version }),
  done: (_, { reply }) => json(reply({ resetForm: false })),
});

function Money({ cents }: { cents: number }) {
  return <>{formatEuro(cents)}</>;
}

export default function GrantReportsPage() {
  const data = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: `sachbericht-${data.art}-${data.budgetYear ?? 0}`,
    lastResult,
    defaultValue: { narrative: data.draft.narrative },
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DraftSchema }),
  });
  const saved = lastResult && lastResult.status === "success";
  const reportName = data.art === "zwischennachweis" ? `Zwischennachweis ${data.budgetYear}` : "Verwendungsnachweis";
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link to="/berichte" className="underline">Berichte</Link> <span aria-hidden="true">›</span> Förderung
      </p>
      <h1>Nachweise: {data.application.title}</h1>
      <p className="text-slate-700">
        Status des Förderantrags: <strong>{data.application.stateLabel}</strong> ·{" "}
        <Link to={`/foerderung/antraege/${data.application.id}`} className="underline">zum Förderantrag</Link>
      </p>

      {data.years.length > 0 ? (
        <nav aria-label="Art des Nachweises">
          <ul className="flex flex-wrap gap-2">
            <li>
              <Link
                to="?art=verwendungsnachweis"
                aria-current={data.art === "verwendungsnachweis" ? "page" : undefined}
                className={data.art === "verwendungsnachweis" ? "btn-primary" : "btn-secondary"}
              >
                Verwendungsnachweis
              </Link>
            </li>
            {data.years.map((y) => (
              <li key={y}>
                <Link
                  to={`?art=zwischennachweis&jahr=${y}`}
                  aria-current={data.art === "zwischennachweis" && data.budgetYear === y ? "page" : undefined}
                  className={data.art === "zwischennachweis" && data.budgetYear === y ? "btn-primary" : "btn-secondary"}
                >
                  Zwischennachweis {y}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}

      {data.problem ? (
        <p className="alert-error" role="alert">
          {data.problem}
        </p>
      ) : null}

      {data.figures ? (
        <section aria-labelledby="zahlen" className="card space-y-4 overflow-x-auto">
          <h2 id="zahlen">Zahlenmäßiger Nachweis – aktueller Stand ({reportName})</h2>
          <table className="table">
            <caption className="text-left font-semibold">Ausgaben nach Kostenarten (Soll-Ist-Vergleich)</caption>
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="py-2 pr-3">Kostenart</th>
                <th scope="col" className="py-2 pr-3 num">Soll (Plan)</th>
                <th scope="col" className="py-2 pr-3 num">Ist</th>
                <th scope="col" className="py-2 pr-3 num">Abweichung</th>
                <th scope="col" className="py-2 num">in %</th>
              </tr>
            </thead>
            <tbody>
              {data.figures.expenditure.map((line) => (
                <tr key={line.costCategory} className="border-b border-slate-200">
                  <th scope="row" className="py-2 pr-3 font-normal">{line.costCategoryLabel}</th>
                  <td className="py-2 pr-3 num"><Money cents={line.plannedCents} /></td>
                  <td className="py-2 pr-3 num"><Money cents={line.actualCents} /></td>
                  <td className="py-2 pr-3 num"><Money cents={line.differenceCents} /></td>
                  <td className="py-2 num">{formatPercentBp(line.deviationBp)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="font-semibold">
                <th scope="row" className="py-2 pr-3">Summe Ausgaben</th>
                <td className="py-2 pr-3 num" data-testid="planned-total"><Money cents={data.figures.totals.plannedExpenditureCents} /></td>
                <td className="py-2 pr-3 num" data-testid="actual-total"><Money cents={data.figures.totals.actualExpenditureCents} /></td>
                <td className="py-2 pr-3 num">
                  <Money cents={data.figures.totals.actualExpenditureCents - data.figures.totals.plannedExpenditureCents} />
                </td>
                <td />
              </tr>
            </tfoot>
          </table>
          {data.chart ? (
            <figure>
              <div dangerouslySetInnerHTML={{ __html: data.chart.svg }} />
              <figcaption className="text-sm text-slate-700">{data.chart.title} (Werte wie in der Tabelle oben)</figcaption>
            </figure>
          ) : null}
          <dl className="grid max-w-xl grid-cols-2 gap-x-4 gap-y-1 text-sm">
            <dt>Bewilligte Zuwendung</dt>
            <dd className="num"><Money cents={data.figures.grant.grantedCents} /></dd>
            <dt>Abgerufen und erhalten</dt>
            <dd className="num"><Money cents={data.figures.grant.receivedCents} /></dd>
            <dt>Zuwendungsfähig verwendet</dt>
            <dd className="num"><Money cents={data.figures.grant.usedCents} /></dd>
            <dt>Saldo ({data.figures.grant.balanceLabel})</dt>
            <dd className="num"><Money cents={data.figures.grant.balanceCents} /></dd>
            <dt>Belege</dt>
            <dd className="num" data-testid="receipt-summary">
              {data.figures.receiptCount} · <Money cents={data.figures.receiptTotalCents} />
            </dd>
          </dl>
        </section>
      ) : null}

      {data.application.granted ? (
        <section aria-labelledby="sachbericht" className="card space-y-3">
          <h2 id="sachbericht">Sachbericht – Entwurf ({reportName})</h2>
          <p className="text-sm text-slate-700">
            Der gespeicherte Entwurf wird in die Vorschau und in den archivierten Bericht übernommen.
            {data.draft.updatedAt ? ` Zuletzt gespeichert: ${formatDateTime(data.draft.updatedAt)}.` : ""}
          </p>
          {data.canGenerate ? (
            <Form method="post" {...getFormProps(form)} className="space-y-3">
              <CsrfInput />
              <input type="hidden" name="art" value={data.art} />
              {data.budgetYear ? <input type="hidden" name="jahr" value={data.budgetYear} /> : null}
              <input type="hidden" name="version" value={data.draft.version} />
              <FormErrors id={form.errorId} errors={form.errors} />
              <TextareaField
                label="Sachbericht"
                meta={fields.narrative}
                rows={12}
                hint="Ergebnisse der Maßnahme, Abweichungen vom Plan und ihre Gründe. Absätze durch eine Leerzeile trennen."
              />
              <div className="flex items-center gap-3">
                <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
                  Entwurf speichern
                </button>
                {saved ? (
                  <p className="text-sm text-green-800" role="status">
                    Entwurf gespeichert.
                  </p>
                ) : null}
              </div>
            </Form>
          ) : (
            <div className="whitespace-pre-line rounded border border-slate-200 p-3">{data.draft.narrative || "Noch kein Entwurf."}</div>
          )}
        </section>
      ) : null}

      {data.figures ? (
        <section aria-labelledby="erstellen" className="card space-y-2">
          <h2 id="erstellen">{reportName} als PDF</h2>
          <ReportActions
            type={data.art}
            subjectId={data.application.id}
            budgetYear={data.budgetYear ?? undefined}
            canGenerate={data.canGenerate}
            label={reportName}
            allowEarly={data.allowEarly}
          />
        </section>
      ) : null}

      <section aria-labelledby="archiv" className="card">
        <h2 id="archiv">Archivierte Nachweise</h2>
        {data.archive.length === 0 ? (
          <p className="mt-2 text-slate-700">Für diesen Förderantrag wurde noch kein Bericht archiviert.</p>
        ) : (
          <ul className="mt-2 space-y-1">
            {data.archive.map((r) => (
              <li key={r.id}>
                <a href={archivedReportUrl(r.id)} target="_blank" rel="noreferrer" className="underline">
                  {r.title}
                </a>{" "}
                <span className="text-sm text-slate-700">
                  – {formatDateTime(r.generatedAt)}, {r.generatedByName ?? r.generatedByLabel}, SHA-256{" "}
                  <span className="font-mono">{r.sha256.slice(0, 12)}…</span>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
