import { type SubmissionResult, getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getProjectRow, mayChangeProject } from "~/areas/projects/access.server";
import { StatusReportSchema, TRAFFIC_LIGHT_LABELS, nextReportDue } from "~/areas/projects/status-reports";
import { listStatusReports, setStatusRhythm, statusRhythm, submitStatusReport } from "~/areas/projects/status-reports.server";
import { CsrfInput } from "~/components/csrf";
import { FormErrors, SelectField, TextareaField } from "~/components/forms";
import { TRAFFIC_LIGHTS } from "../../db/schema/status-reports";
import { requireContext } from "~/utils/context.server";
import { refuseJointPartner } from "~/areas/joint/partner-guard.server";
import { getDb } from "~/utils/db.server";
import { formatDate } from "~/utils/format";
import { idParam, orNotFound } from "~/utils/http.server";
import { intentAction } from "~/utils/intents.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Statusberichte: ${data?.project.title ?? "Projekt"} – Fahrplan` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "project.view");
  const id = idParam(params.projectId);
  const db = getDb();
  const project = orNotFound(getProjectRow(db, ctx, id));
  const reports = listStatusReports(db, ctx, id);
  const rhythm = statusRhythm(db, ctx);
  return json({
    project: { id: project.id, title: project.title },
    reports,
    rhythm,
    nextDue: nextReportDue(reports[0]?.reportedOn ?? null, project.createdAt.slice(0, 10), rhythm),
    canReport: ctx.can("project.edit") && mayChangeProject(db, ctx, project),
    canSetRhythm: ctx.can("agenda.edit"),
  });
}

const RhythmSchema = z.object({ intervalMonths: z.coerce.number({ message: "Bitte eine Zahl angeben." }).int("Bitte ganze Monate angeben.").min(1, "Mindestens 1 Monat.").max(12, "Höchstens 12 Monate.") });

export const action = /* @__PURE__ */ intentAction({
  permission: "project.edit",
  load: (ctx, { params }) => {
    const id = idParam(params.projectId);
    refuseJointPartner(getDb(), ctx, id);
    orNotFound(getProjectRow(getDb(), ctx, id));
    return id;
  },
  intents: (intent) => ({
    report: intent({ schema: StatusReportSchema, run: ({ who, subject, value }) => submitStatusReport(who, subject, value) }),
    rhythm: intent({ schema: RhythmSchema, run: ({ who, value }) => setStatusRhythm(who, value.intervalMonths) }),
  }),
});

const LIGHT_CLASS = { green: "bg-green-100 text-green-900", yellow: "bg-yellow-100 text-yellow-900", red: "bg-red-100 text-red-900" } as const;

function ReportForm({ lastResult }: { lastResult: SubmissionResult<string[]> | undefined }) {
  const [form, fields] = useForm({ id: "status-report", lastResult, shouldValidate: "onSubmit", onValidate: ({ formData }) => parseWithZod(formData, { schema: StatusReportSchema }) });
  return (
    <Form method="post" className="card mt-4 space-y-3" {...getFormProps(form)}>
      <CsrfInput />
      <input type="hidden" name="intent" value="report" />
      <h2 className="text-lg font-semibold">Neuen Statusbericht abgeben</h2>
      <FormErrors id={form.errorId} errors={form.errors} />
      <SelectField label="Ampel" meta={fields.light} placeholder="Bitte wählen" options={TRAFFIC_LIGHTS.map((l) => ({ value: l, label: TRAFFIC_LIGHT_LABELS[l] }))} />
      <TextareaField label="Fortschritt seit dem letzten Bericht" meta={fields.progress} />
      <TextareaField label="Nächste Schritte" meta={fields.nextSteps} rows={3} />
      <TextareaField label="Unterstützungsbedarf" meta={fields.needs} rows={3} hint="Was braucht das Projekt von Verwaltungsspitze, Rat oder anderen Ämtern?" />
      <button type="submit" className="btn-primary">Statusbericht speichern</button>
    </Form>
  );
}

function RhythmForm({ lastResult, rhythm }: { lastResult: SubmissionResult<string[]> | undefined; rhythm: number }) {
  const [form, fields] = useForm({ id: "rhythm", lastResult, defaultValue: { intervalMonths: String(rhythm) }, shouldValidate: "onSubmit", onValidate: ({ formData }) => parseWithZod(formData, { schema: RhythmSchema }) });
  return (
    <Form method="post" className="mt-2 flex flex-wrap items-end gap-2" {...getFormProps(form)}>
      <CsrfInput />
      <input type="hidden" name="intent" value="rhythm" />
      <div>
        <label htmlFor={fields.intervalMonths.id} className="label">Rhythmus für alle Projekte (Monate)</label>
        <input id={fields.intervalMonths.id} name={fields.intervalMonths.name} defaultValue={String(fields.intervalMonths.initialValue ?? rhythm)} inputMode="numeric" className="input w-24" aria-invalid={fields.intervalMonths.errors ? true : undefined} aria-describedby={fields.intervalMonths.errors ? fields.intervalMonths.errorId : undefined} />
        {fields.intervalMonths.errors ? <p id={fields.intervalMonths.errorId} className="text-sm text-red-700">{fields.intervalMonths.errors.join(" ")}</p> : null}
      </div>
      <button type="submit" className="btn-secondary">Rhythmus speichern</button>
    </Form>
  );
}

export default function StatusReportsPage() {
  const { project, reports, rhythm, nextDue, canReport, canSetRhythm } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as { intent: string; result: SubmissionResult<string[]> } | undefined;
  return (
    <div className="space-y-6">
      <div>
        <Link to={`/projekte/${project.id}`} className="text-sm underline">Zurück zum Projekt</Link>
        <h1 className="text-2xl font-bold">Statusberichte: {project.title}</h1>
        <p className="mt-1 text-slate-700">
          Rhythmus: {rhythm === 1 ? "monatlich" : `alle ${rhythm} Monate`}. Nächster Bericht fällig am {formatDate(nextDue)}.
        </p>
        {canSetRhythm ? <RhythmForm lastResult={data?.intent === "rhythm" ? data.result : undefined} rhythm={rhythm} /> : null}
      </div>
      {canReport ? <ReportForm lastResult={data?.intent === "report" ? data.result : undefined} /> : null}
      <section aria-labelledby="history">
        <h2 id="history" className="text-lg font-semibold">Verlauf</h2>
        {reports.length === 0 ? (
          <p className="mt-2 text-slate-700">Für dieses Projekt wurde noch kein Statusbericht abgegeben.</p>
        ) : (
          <ol className="mt-2 space-y-3">
            {reports.map((r) => (
              <li key={r.id} className="card">
                <p>
                  <span className={`rounded px-2 py-0.5 text-sm font-semibold ${LIGHT_CLASS[r.light]}`}>{TRAFFIC_LIGHT_LABELS[r.light]}</span>{" "}
                  <span className="text-sm text-slate-700">{formatDate(r.reportedOn)}, {r.authorName}</span>
                </p>
                <dl className="mt-2 grid gap-1 text-sm sm:grid-cols-[12rem_1fr]">
                  <dt className="font-semibold">Fortschritt</dt>
                  <dd className="whitespace-pre-line">{r.progress}</dd>
                  <dt className="font-semibold">Nächste Schritte</dt>
                  <dd className="whitespace-pre-line">{r.nextSteps || "–"}</dd>
                  <dt className="font-semibold">Unterstützungsbedarf</dt>
                  <dd className="whitespace-pre-line">{r.needs || "–"}</dd>
                </dl>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
