import type { SerializeFrom } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, Link, useActionData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf";
import { CheckboxField, FormErrors, TextField, TextareaField } from "~/components/forms";
import { formatEuro, formatPercentBp } from "~/utils/format";
import { DrawdownSchema } from "./application-forms";
import type { ApplicationDetail } from "./application-page.server";
import { Amount } from "./application-plan-ui";
import { DrawdownTable } from "./corrections-ui";
import { type IntentActionData, Success, useIntentForm } from "./intent-form";
import { ComparisonTable } from "./ui";

type LoaderData = SerializeFrom<ApplicationDetail>;

export function Money({ data }: { data: LoaderData }) {
  const actionData = useActionData() as IntentActionData;
  const [form, fields] = useIntentForm("drawdown", DrawdownSchema);
  const warnings = actionData?.intent === "drawdown" ? actionData.warnings : [];
  const m = data.money;
  if (!m) return null;
  return (
    <section aria-labelledby="mittel" className="card space-y-4">
      <h2 id="mittel">Mittelabrufe</h2>
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3">
        <Amount label="Bewilligt" cents={m.grantCents} strong />
        <Amount label="Abgerufen" cents={m.requestedCents} />
        <Amount label="Eingegangen" cents={m.receivedCents} />
        <Amount label="Ausgaben (Belege)" cents={m.spentCents} />
        <Amount label="Eingegangen, noch nicht verausgabt" cents={m.unspentReceivedCents} />
        <div>
          <dt className="text-sm text-slate-600">Förderanteil je Zahlung</dt>
          <dd className="text-lg">{formatPercentBp(m.grantShareBp)}</dd>
        </div>
      </dl>
      <p className="hint">
        Mittel dürfen nur für Zahlungen abgerufen werden, die innerhalb von {data.programme.drawdownWindowMonths} Monaten nach Auszahlung fällig sind – anteilig mit Eigen- und Drittmitteln.
      </p>
      {data.permissions.record && data.locked && <p className="alert-info" role="note">{data.lockedMessage}</p>}
      <DrawdownTable drawdowns={data.drawdowns} canRecord={data.permissions.record && data.permissions.moneyOpen} locked={data.locked} />
      {data.permissions.requestDrawdown && (
        <Form method="post" {...getFormProps(form)} className="grid gap-3 border-t border-slate-200 pt-4 md:grid-cols-4">
          <h3 className="font-semibold md:col-span-4">Mittelabruf erfassen</h3>
          <CsrfInput />
          <input type="hidden" name="intent" value="drawdown" />
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextField label="Abgerufen am" meta={fields.requestedOn} hint="TT.MM.JJJJ" />
          <TextField label="Abrufbetrag in €" meta={fields.requestedCents} inputMode="decimal" />
          <TextField
            className="md:col-span-2"
            label={`Fällige Zahlungen in den nächsten ${data.programme.drawdownWindowMonths} Monaten in €`}
            meta={fields.plannedPaymentsCents}
            inputMode="decimal"
            hint="Summe der Rechnungen, die in diesem Zeitraum bezahlt werden"
          />
          <TextField className="md:col-span-4" label="Hinweis zur Verwendung früherer Mittel (optional)" meta={fields.note} />
          {warnings.length > 0 && (
            <div className="alert-error md:col-span-4" role="alert">
              <p className="font-semibold">Hinweis zum Mittelabruf:</p>
              <ul className="list-disc pl-6">
                {warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
              <CheckboxField className="mt-2" label="Trotz Hinweis abrufen" meta={fields.confirmWarnings} />
              <TextareaField className="mt-2" label="Begründung für den Abruf trotz Hinweis (Pflicht, steht im Verwendungsnachweis)" meta={fields.overrideReason} rows={2} />
            </div>
          )}
          <div className="md:col-span-4">
            <button type="submit" className="btn-primary">Mittel abrufen</button>
          </div>
          <div className="md:col-span-4">
            <Success intent="drawdown" />
          </div>
        </Form>
      )}
    </section>
  );
}

export function Comparison({ data }: { data: LoaderData }) {
  if (!data.comparison) return null;
  return (
    <section aria-labelledby="soll-ist" className="card space-y-3">
      <h2 id="soll-ist">Soll-Ist-Vergleich</h2>
      <ComparisonTable comparison={data.comparison} permittedDeviationBp={data.programme.permittedDeviationBp} totalOverrunToleranceBp={data.programme.totalOverrunToleranceBp} />
      <p className="flex flex-wrap gap-4">
        <Link to={`/foerderung/antraege/${data.app.id}/belege`}>Zur Belegliste ({data.money?.spentCents ? formatEuro(data.money.spentCents) : "noch keine Belege"})</Link>
        <Link to={`/foerderung/antraege/${data.app.id}/soll-ist`}>Soll-Ist-Vergleich als eigene Seite (zum Drucken)</Link>
      </p>
    </section>
  );
}
