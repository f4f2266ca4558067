import type { SerializeFrom } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useState } from "react";
import { CsrfInput } from "~/components/csrf";
import { FormErrors, TextField, TextareaField } from "~/components/forms";
import { centsToInput, formatDate, formatEuro, formatPercentBp } from "~/utils/format";
import { AmendmentSchema, DecisionSchema, ReclaimSchema, SubmittedOnSchema } from "./application-forms";
import type { ApplicationDetail } from "./application-page.server";
import { Success, useIntentForm } from "./intent-form";

type LoaderData = SerializeFrom<ApplicationDetail>;

export function Decision({ data }: { data: LoaderData }) {
  const [outcome, setOutcome] = useState<"granted" | "rejected">("granted");
  const [form, fields] = useIntentForm("decision", DecisionSchema, { outcome: "granted", grantedCents: centsToInput(data.financing.grantCents) });
  const [subForm, subFields] = useIntentForm("submittedOn", SubmittedOnSchema, { submittedOn: data.app.submittedOn ? formatDate(data.app.submittedOn) : "" });
  const a = data.app;
  return (
    <section aria-labelledby="bescheid" className="card space-y-3">
      <h2 id="bescheid">Einreichung und Zuwendungsbescheid</h2>
      <dl className="grid gap-3 text-sm sm:grid-cols-3">
        <div><dt className="text-slate-600">Eingereicht am</dt><dd>{formatDate(a.submittedOn)}</dd></div>
        <div><dt className="text-slate-600">Aktenzeichen</dt><dd>{a.fileNumber ?? "–"}</dd></div>
        <div><dt className="text-slate-600">Bescheid vom</dt><dd>{formatDate(a.decisionDate)}</dd></div>
        <div><dt className="text-slate-600">Bewilligte Zuwendung</dt><dd>{formatEuro(a.grantedCents)}</dd></div>
        <div><dt className="text-slate-600">Bewilligungszeitraum</dt><dd>{a.fundingPeriodStart ? `${formatDate(a.fundingPeriodStart)} – ${formatDate(a.fundingPeriodEnd)}` : "–"}</dd></div>
        <div><dt className="text-slate-600">Zweckbindung bis</dt><dd>{formatDate(a.earmarkingUntil)}</dd></div>
        {a.rejectionReason && <div className="sm:col-span-3"><dt className="text-slate-600">Ablehnungsgrund</dt><dd>{a.rejectionReason}</dd></div>}
        {a.decisionProvisions && <div className="sm:col-span-3"><dt className="text-slate-600">Nebenbestimmungen im Bescheid</dt><dd>{a.decisionProvisions}</dd></div>}
      </dl>
      <Success intent="submittedOn" />
      <Success intent="decision" />
      {data.permissions.recordDecision && (
        <>
          <Form method="post" {...getFormProps(subForm)} className="flex flex-wrap items-end gap-3">
            <CsrfInput />
            <input type="hidden" name="intent" value="submittedOn" />
            <input type="hidden" name="version" value={a.version} />
            <FormErrors id={subForm.errorId} errors={subForm.errors} />
            <TextField label="Beim Fördergeber eingereicht am" meta={subFields.submittedOn} hint="TT.MM.JJJJ" />
            <button type="submit" className="btn-secondary">Datum speichern</button>
          </Form>
          <Form method="post" {...getFormProps(form)} className="space-y-3 border-t border-slate-200 pt-3">
            <h3 className="font-semibold">Entscheidung des Fördergebers erfassen</h3>
            <CsrfInput />
            <input type="hidden" name="intent" value="decision" />
            <input type="hidden" name="version" value={a.version} />
            <FormErrors id={form.errorId} errors={form.errors} />
            <fieldset className="flex gap-6">
              <legend className="label">Ergebnis</legend>
              <label className="flex items-center gap-2 text-sm">
                <input type="radio" name="outcome" value="granted" checked={outcome === "granted"} onChange={() => setOutcome("granted")} /> Bewilligt
              </label>
              <label className="flex items-center gap-2 text-sm">
                <input type="radio" name="outcome" value="rejected" checked={outcome === "rejected"} onChange={() => setOutcome("rejected")} /> Abgelehnt
              </label>
            </fieldset>
            <div className="grid gap-3 md:grid-cols-3">
              <TextField label="Datum des Bescheids" meta={fields.decisionDate} hint="TT.MM.JJJJ" />
              {outcome === "granted" ? (
                <>
                  <TextField label="Aktenzeichen" meta={fields.fileNumber} />
                  <TextField label="Bewilligte Zuwendung in €" meta={fields.grantedCents} inputMode="decimal" />
                  <TextField label="Beginn des Bewilligungszeitraums" meta={fields.fundingPeriodStart} hint="TT.MM.JJJJ" />
                  <TextField label="Ende des Bewilligungszeitraums" meta={fields.fundingPeriodEnd} hint="TT.MM.JJJJ" />
                  <TextField label="Zweckbindung bis (optional)" meta={fields.earmarkingUntil} hint="TT.MM.JJJJ" />
                  <TextareaField className="md:col-span-3" label="Abweichende Nebenbestimmungen (optional)" meta={fields.decisionProvisions} rows={2} />
                </>
              ) : (
                <TextareaField className="md:col-span-2" label="Grund der Ablehnung" meta={fields.rejectionReason} rows={2} />
              )}
            </div>
            <button type="submit" className="btn-primary">Entscheidung speichern</button>
          </Form>
        </>
      )}
    </section>
  );
}

/** Änderungsantrag: while it is pending, the plan can change; the Änderungsbescheid is recorded here. */
export function Amendment({ data }: { data: LoaderData }) {
  const a = data.app;
  const [outcome, setOutcome] = useState<"granted" | "rejected">("granted");
  const [form, fields] = useIntentForm("amendment", AmendmentSchema, {
    outcome: "granted",
    fundingPeriodStart: a.fundingPeriodStart ? formatDate(a.fundingPeriodStart) : "",
    fundingPeriodEnd: a.fundingPeriodEnd ? formatDate(a.fundingPeriodEnd) : "",
    grantedCents: centsToInput(a.grantedCents),
  });
  if (!data.amendmentPending) return <Success intent="amendment" />;
  return (
    <section aria-labelledby="aenderungsantrag" className="card space-y-3">
      <h2 id="aenderungsantrag">Änderungsantrag</h2>
      <p className="text-sm">
        Während der Änderungsantrag läuft, kann der Finanzierungsplan angepasst werden. Erfassen Sie hier den Änderungsbescheid: Bei einer Bewilligung werden
        Bewilligungszeitraum und Zuwendung übernommen und alle Fristen neu berechnet.
      </p>
      {data.permissions.approve ? (
        <Form method="post" {...getFormProps(form)} className="space-y-3">
          <CsrfInput />
          <input type="hidden" name="intent" value="amendment" />
          <input type="hidden" name="version" value={a.version} />
          <FormErrors id={form.errorId} errors={form.errors} />
          <fieldset className="flex gap-6">
            <legend className="label">Ergebnis</legend>
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name="outcome" value="granted" checked={outcome === "granted"} onChange={() => setOutcome("granted")} /> Änderung bewilligt
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name="outcome" value="rejected" checked={outcome === "rejected"} onChange={() => setOutcome("rejected")} /> Änderung abgelehnt
            </label>
          </fieldset>
          <div className="grid gap-3 md:grid-cols-3">
            <TextField label="Datum des Änderungsbescheids" meta={fields.decisionDate} hint="TT.MM.JJJJ" />
            {outcome === "granted" ? (
              <>
                <TextField label="Bewilligte Zuwendung in €" meta={fields.grantedCents} inputMode="decimal" />
                <TextField label="Beginn des Bewilligungszeitraums" meta={fields.fundingPeriodStart} hint="TT.MM.JJJJ" />
                <TextField label="Ende des Bewilligungszeitraums" meta={fields.fundingPeriodEnd} hint="TT.MM.JJJJ" />
                <TextareaField className="md:col-span-2" label="Bemerkung (optional)" meta={fields.note} rows={2} />
              </>
            ) : (
              <TextareaField className="md:col-span-2" label="Grund der Ablehnung" meta={fields.note} rows={2} />
            )}
          </div>
          <button type="submit" className="btn-primary">Änderungsbescheid speichern</button>
        </Form>
      ) : null}
    </section>
  );
}

export function Reclaim({ data }: { data: LoaderData }) {
  const [form, fields] = useIntentForm("reclaim", ReclaimSchema);
  const a = data.app;
  if (a.reclaimCents == null && !data.permissions.recordReclaim) return null;
  return (
    <section aria-labelledby="rueckforderung" className="card space-y-3">
      <h2 id="rueckforderung">Rückforderung</h2>
      {a.reclaimCents != null ? (
        <p className="text-sm">
          Rückforderung von {formatEuro(a.reclaimCents)} seit {formatDate(a.reclaimSince)}; Zinsen {formatPercentBp(data.programme.reclaimInterestBp)} über dem Basiszinssatz ({formatPercentBp(data.baseRateBp)}):{" "}
          <strong>{formatEuro(data.reclaimInterestCents)}</strong> bis heute.
        </p>
      ) : (
        <details>
          <summary className="cursor-pointer text-sm font-medium">Rückforderung des Zuwendungsgebers erfassen</summary>
        <Form method="post" {...getFormProps(form)} className="mt-3 grid gap-3 md:grid-cols-3">
          <CsrfInput />
          <input type="hidden" name="intent" value="reclaim" />
          <input type="hidden" name="version" value={a.version} />
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextField label="Rückforderungsbetrag in €" meta={fields.reclaimCents} inputMode="decimal" />
          <TextField label="Zinsen ab" meta={fields.reclaimSince} hint="TT.MM.JJJJ" />
          <TextareaField className="md:col-span-3" label="Grund" meta={fields.reason} rows={2} />
          <div>
            <button type="submit" className="btn-danger">Rückforderung erfassen</button>
          </div>
        </Form>
        </details>
      )}
      <Success intent="reclaim" />
    </section>
  );
}

export function DeadlineList({ data }: { data: LoaderData }) {
  return (
    <section aria-labelledby="fristen" className="card">
      <h2 id="fristen">Fristen</h2>
      {data.deadlines.length === 0 ? (
        <p className="mt-2 text-sm">Keine offenen Fristen.</p>
      ) : (
        <ul className="mt-2 space-y-2 text-sm">
          {data.deadlines.map((d) => (
            <li key={d.id}>
              <strong>{formatDate(d.dueDate)}</strong> – {d.label}
              {d.status === "overdue" && <span className="badge ml-2 bg-red-100 text-red-800">überfällig</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
