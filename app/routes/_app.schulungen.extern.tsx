import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf";
import { FormErrors, TextField } from "~/components/forms";
import { personalDataScope, requireOwnEmployee, trainingNavFor } from "~/areas/trainings/access.server";
import { Badge, TrainingNav } from "~/areas/trainings/components";
import { decideExternalTraining, externalTrainingsOf, logExternalTraining, pendingForSupervisor } from "~/areas/trainings/external.server";
import { EXTERNAL_STATUS_LABELS, formatHours, parseHoursToMinutes } from "~/areas/trainings/labels";
import { DecisionSchema, ExternalTrainingSchema } from "~/areas/trainings/schemas";
import { requireContext } from "~/utils/context.server";
import { ValidationError } from "~/utils/errors";
import { formatDate } from "~/utils/format";
import { replyWithError } from "~/utils/form-reply.server";
import { UPLOADS } from "~/utils/request-limits";
import { withUploadForm } from "~/utils/upload.server";

export const meta: MetaFunction = () => [{ title: "Externe Fortbildungen – Fahrplan" }];

const LogSchema = ExternalTrainingSchema.extend({ intent: z.literal("log"), proof: z.any().optional() });

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "training.register");
  const scope = personalDataScope(ctx);
  return json({
    nav: trainingNavFor(ctx),
    mine: ctx.employeeId ? externalTrainingsOf(ctx, ctx.employeeId) : [],
    hasEmployee: ctx.employeeId != null,
    pending: pendingForSupervisor(ctx, scope, ctx.employeeId),
    isSupervisor: scope.unitIds.length > 0,
    decidesForUnitsWithoutSupervisor: scope.all,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireContext(request, "training.register");
  try {
    return await withUploadForm(request, UPLOADS.trainingProof, async (form) => {
      if (form.get("intent") === "decide") {
        const parsed = DecisionSchema.safeParse({
          id: Number(form.get("id")),
          version: Number(form.get("version")),
          decision: form.get("decision"),
          reason: (form.get("reason") as string | null)?.trim() || undefined,
        });
        if (!parsed.success) return json({ decision: { errors: ["Ungültige Eingabe."], id: null as number | null } }, { status: 400 });
        try {
          decideExternalTraining(ctx, personalDataScope(ctx), parsed.data.id, parsed.data.version, {
            confirm: parsed.data.decision === "confirm",
            reason: parsed.data.reason ?? null,
          });
        } catch (error) {
          if (error instanceof ValidationError) return json({ decision: { errors: Object.values(error.fieldErrors).flat(), id: parsed.data.id } }, { status: 400 });
          throw error;
        }
        return json({ decision: { errors: [] as string[], id: parsed.data.id, done: parsed.data.decision } });
      }
      const submission = parseWithZod(form, { schema: LogSchema });
      if (submission.status !== "success") return json({ log: submission.reply() }, { status: 400 });
      const employeeId = requireOwnEmployee(ctx);
      const file = form.get("proof");
      const proof = file instanceof File && file.size > 0 ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } : null;
      const v = submission.value;
      try {
        logExternalTraining(ctx, employeeId, { title: v.title, provider: v.provider, date: v.date, durationMinutes: parseHoursToMinutes(v.hours)! }, proof);
      } catch (error) {
        const reply = replyWithError(submission, error);
        return json({ log: await reply.json() }, { status: reply.status });
      }
      return json({ log: submission.reply({ resetForm: true }), logged: true });
    });
  } catch (error) {
    // Only the upload parser throws a ValidationError out here (proof file too large).
    if (error instanceof ValidationError) return json({ log: { status: "error" as const, error: error.fieldErrors } }, { status: 400 });
    throw error;
  }
}

export default function ExternalTrainingsPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const [form, fields] = useForm({
    id: "external",
    lastResult: result && "log" in result ? result.log : undefined,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LogSchema }),
  });
  const decision = result && "decision" in result ? result.decision : undefined;
  return (
    <div className="space-y-6">
      <h1>Externe Fortbildungen</h1>
      <TrainingNav current="/schulungen/extern" links={data.nav} />
      {(data.isSupervisor || data.pending.length > 0) && (
        <section aria-labelledby="pruefen" className="card space-y-3">
          <h2 id="pruefen">Zur Bestätigung{data.isSupervisor ? " (Ihre Einheit)" : ""}</h2>
          {data.decidesForUnitsWithoutSupervisor && (
            <p className="text-sm text-slate-700">Einträge aus Einheiten, deren Führungskraft kein Konto in Fahrplan hat, bestätigt das CDO-Büro.</p>
          )}
          {decision && decision.errors.length === 0 && (
            <p className="alert-success" role="status">
              Entscheidung gespeichert.
            </p>
          )}
          {decision && <FormErrors errors={decision.errors} />}
          {data.pending.length === 0 ? (
            <p className="text-sm text-slate-700">Keine offenen Einträge.</p>
          ) : (
            <ul className="space-y-3">
              {data.pending.map((p) => (
                <li key={p.id} className="rounded-md border border-slate-300 p-3">
                  <p className="font-medium">
                    {p.lastName}, {p.firstName} ({p.unitName}): {p.title}
                  </p>
                  {p.viaCdoOffice && <p className="text-sm text-slate-700">Die Einheit hat keine Führungskraft mit Konto; Sie entscheiden für das CDO-Büro.</p>}
                  <p className="text-sm text-slate-700">
                    {p.provider}, {formatDate(p.date)}, {formatHours(p.durationMinutes)}
                    {p.hasProof ? (
                      <>
                        {" "}– <a href={`/schulungen/extern/${p.id}/nachweis`}>Nachweis ansehen</a>
                      </>
                    ) : (
                      " – ohne Nachweis"
                    )}
                  </p>
                  <Form method="post" className="mt-2 flex flex-wrap items-end gap-2">
                    <CsrfInput />
                    <input type="hidden" name="intent" value="decide" />
                    <input type="hidden" name="id" value={p.id} />
                    <input type="hidden" name="version" value={p.version} />
                    <div className="grow">
                      <label htmlFor={`reason-${p.id}`} className="label">
                        Begründung (bei Ablehnung erforderlich)
                      </label>
                      <input id={`reason-${p.id}`} name="reason" className="input" maxLength={500} />
                    </div>
                    <button type="submit" name="decision" value="confirm" className="btn-primary" disabled={busy}>
                      Bestätigen
                    </button>
                    <button type="submit" name="decision" value="reject" className="btn-danger" disabled={busy}>
                      Ablehnen
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      {data.hasEmployee && (
        <>
          <section aria-labelledby="erfassen" className="card space-y-3">
            <h2 id="erfassen">Externe Fortbildung melden</h2>
            <p className="text-sm text-slate-700">Ihre Führungskraft bestätigt die Angaben. Nachweis als PDF, PNG oder JPEG, höchstens 5 MB.</p>
            {result && "logged" in result && (
              <p className="alert-success" role="status">
                Gespeichert. Ihre Führungskraft wurde um Bestätigung gebeten.
              </p>
            )}
            <Form method="post" encType="multipart/form-data" className="space-y-4" {...getFormProps(form)}>
              <CsrfInput />
              <input type="hidden" name="intent" value="log" />
              <FormErrors id={form.errorId} errors={form.errors} />
              <div className="grid gap-4 sm:grid-cols-2">
                <TextField label="Titel der Fortbildung" meta={fields.title} />
                <TextField label="Anbieter" meta={fields.provider} />
                <TextField label="Datum" type="date" meta={fields.date} />
                <TextField label="Dauer (Stunden)" meta={fields.hours} inputMode="decimal" hint="z. B. 8 oder 2,5" />
              </div>
              <div>
                <label htmlFor={fields.proof.id} className="label">
                  Nachweis (optional)
                </label>
                <input
                  id={fields.proof.id}
                  name="proof"
                  type="file"
                  accept="application/pdf,image/png,image/jpeg"
                  className="input"
                  aria-invalid={fields.proof.errors?.length ? true : undefined}
                  aria-describedby={fields.proof.errors?.length ? fields.proof.errorId : undefined}
                />
                {fields.proof.errors?.length ? (
                  <p id={fields.proof.errorId} className="field-error" role="alert">
                    {fields.proof.errors.join(" ")}
                  </p>
                ) : null}
              </div>
              <button type="submit" className="btn-primary" disabled={busy}>
                Melden
              </button>
            </Form>
          </section>
          <section aria-labelledby="meine" className="card space-y-3">
            <h2 id="meine">Meine externen Fortbildungen</h2>
            {data.mine.length === 0 ? (
              <p className="text-sm text-slate-700">Noch keine Einträge.</p>
            ) : (
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Datum</th>
                    <th scope="col">Titel</th>
                    <th scope="col">Anbieter</th>
                    <th scope="col" className="num">Dauer</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {data.mine.map((m) => (
                    <tr key={m.id}>
                      <td>{formatDate(m.date)}</td>
                      <td>
                        {m.title}
                        {m.hasProof ? (
                          <>
                            {" "}
                            (<a href={`/schulungen/extern/${m.id}/nachweis`}>Nachweis</a>)
                          </>
                        ) : null}
                      </td>
                      <td>{m.provider}</td>
                      <td className="num">{formatHours(m.durationMinutes)}</td>
                      <td>
                        <Badge tone={m.status === "confirmed" ? "green" : m.status === "rejected" ? "red" : "amber"}>{EXTERNAL_STATUS_LABELS[m.status]}</Badge>
                        {m.rejectionReason && <span className="block text-xs text-slate-700">{m.rejectionReason}</span>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </>
      )}
    </div>
  );
}
