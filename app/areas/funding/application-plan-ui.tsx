import type { SerializeFrom } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf";
import { CheckboxField, FormErrors, SelectField, TextField, TextareaField } from "~/components/forms";
import { centsToInput, formatEuro, formatPercentBp } from "~/utils/format";
import type { CostCategory } from "../../../db/schema/funding";
import { BasicsSchema, OwnContributionSchema, PlanItemSchema } from "./application-forms";
import type { ApplicationDetail } from "./application-page.server";
import { PlanItemActions } from "./corrections-ui";
import { Success, useIntentForm } from "./intent-form";
import { COST_CATEGORY_KEYS, COST_CATEGORY_LABELS } from "./labels";

type LoaderData = SerializeFrom<ApplicationDetail>;

export function Amount({ label, cents, strong }: { label: string; cents: number | null; strong?: boolean }) {
  return (
    <div>
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className={strong ? "text-xl font-semibold" : "text-lg"}>{formatEuro(cents)}</dd>
    </div>
  );
}

export function FinancePlan({ data }: { data: LoaderData }) {
  const [form, fields] = useIntentForm("addPlanItem", PlanItemSchema, { eligible: "on", budgetYear: String(new Date().getFullYear()) });
  const { financing } = data;
  const categoryOptionLabel = (k: CostCategory) => `${COST_CATEGORY_LABELS[k]}${data.categoryEligible[k] ? "" : " (nicht förderfähig)"}`;
  return (
    <section aria-labelledby="finanzierungsplan" className="card space-y-4">
      <h2 id="finanzierungsplan">Finanzierungsplan</h2>
      <p className="text-sm" data-testid="vorsteuerabzug">
        Vorsteuerabzug: <strong>{data.app.inputTaxDeductible ? "ja – Belege zählen netto" : "nein – Belege zählen brutto"}</strong> (änderbar unter „Angaben zum Antrag“)
      </p>
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3">
        <Amount label="Gesamtkosten" cents={financing.totalCents} />
        <Amount label="Zuwendungsfähig" cents={financing.eligibleCents} />
        <Amount label={`Zuwendung (${formatPercentBp(financing.rateBp)})`} cents={financing.grantCents} strong />
        <Amount label="Eigenanteil" cents={financing.ownContributionCents} />
        <Amount label="Drittmittel" cents={financing.thirdPartyFundsCents} />
        <Amount label="Nicht zuwendungsfähig" cents={financing.ineligibleCents} />
      </dl>
      {financing.notes.length > 0 && (
        <ul className="alert-info list-disc pl-8">
          {financing.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      <div className="grid gap-4 lg:grid-cols-2">
        <figure>
          <div className="[&_svg]:h-auto [&_svg]:max-w-full" dangerouslySetInnerHTML={{ __html: data.splitChart }} />
          <figcaption className="text-sm text-slate-600">Aufteilung der Gesamtkosten: Zuwendung, Eigenanteil und Drittmittel (Zahlen in der Tabelle oben).</figcaption>
        </figure>
        <div>
          <h3 className="font-semibold">Eigenanteil je Haushaltsjahr</h3>
          <table className="table mt-2">
            <thead>
              <tr>
                <th scope="col">Haushaltsjahr</th>
                <th scope="col" className="num">Eigenanteil</th>
              </tr>
            </thead>
            <tbody>
              {data.ownByYear.map((y) => (
                <tr key={y.budgetYear}>
                  <td>{y.budgetYear}</td>
                  <td className="num">{formatEuro(y.ownContributionCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <table className="table">
        <caption className="sr-only">Kostenpositionen</caption>
        <thead>
          <tr>
            <th scope="col">Haushaltsjahr</th>
            <th scope="col">Kostenart</th>
            <th scope="col">Position</th>
            <th scope="col">Zuwendungsfähig</th>
            <th scope="col" className="num">Betrag</th>
            {data.permissions.editPlan && <th scope="col"><span className="sr-only">Aktion</span></th>}
          </tr>
        </thead>
        <tbody>
          {data.planItems.length === 0 && (
            <tr>
              <td colSpan={6}>Noch keine Kostenpositionen erfasst.</td>
            </tr>
          )}
          {data.planItems.map((item) => (
            <tr key={item.id}>
              <td>{item.budgetYear}</td>
              <td>{COST_CATEGORY_LABELS[item.costCategory]}</td>
              <td>{item.description}</td>
              <td>{item.eligible && item.categoryEligible ? "ja" : "nein"}</td>
              <td className="num">{formatEuro(item.plannedCents)}</td>
              {data.permissions.editPlan && (
                <td>
                  <PlanItemActions item={item} categoryOptionLabel={categoryOptionLabel} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {data.permissions.editPlan ? (
        <Form method="post" {...getFormProps(form)} className="grid gap-3 border-t border-slate-200 pt-4 md:grid-cols-6">
          <h3 className="font-semibold md:col-span-6">Kostenposition hinzufügen</h3>
          <CsrfInput />
          <input type="hidden" name="intent" value="addPlanItem" />
          <FormErrors id={form.errorId} errors={form.errors} />
          <SelectField
            className="md:col-span-2"
            label="Kostenart"
            meta={fields.costCategory}
            placeholder="Bitte wählen"
            options={COST_CATEGORY_KEYS.map((k) => ({ value: k, label: categoryOptionLabel(k) }))}
          />
          <TextField className="md:col-span-2" label="Position" meta={fields.description} />
          <TextField label="Haushaltsjahr" meta={fields.budgetYear} inputMode="numeric" />
          <TextField label="Betrag in €" meta={fields.plannedCents} inputMode="decimal" hint="z. B. 12.500,00" />
          <CheckboxField className="md:col-span-4" label="zuwendungsfähig" meta={fields.eligible} />
          <div className="md:col-span-2 md:text-right">
            <button type="submit" className="btn-primary">Position hinzufügen</button>
          </div>
          <div className="md:col-span-6">
            <Success intent="addPlanItem" />
          </div>
        </Form>
      ) : (
        <p className="hint">Der Finanzierungsplan ist im Status „{data.state.label}“ nur über einen Änderungsantrag änderbar.</p>
      )}
    </section>
  );
}

export function InternalReview({ data }: { data: LoaderData }) {
  const [form, fields] = useIntentForm("confirmOwnContribution", OwnContributionSchema, { budgetRef: data.app.ownContributionBudgetRef ?? "" });
  const confirmed = data.app.ownContributionConfirmed;
  return (
    <section aria-labelledby="interne-pruefung" className="card space-y-3">
      <h2 id="interne-pruefung">Interne Prüfung (Kämmerei, Vier-Augen-Prinzip)</h2>
      <p className="text-sm">
        {confirmed ? (
          <>
            <strong>Eigenanteil bestätigt</strong> von {data.ownContributionConfirmedByName ?? "–"}, Haushaltsstelle „{data.app.ownContributionBudgetRef}“.
          </>
        ) : (
          <>Der Eigenanteil von {formatEuro(data.financing.ownContributionCents)} ist noch nicht von der Kämmerei bestätigt.</>
        )}
      </p>
      <p className="hint">Freigeben und einreichen darf nur eine andere Person als die, die den Antrag zur Prüfung gegeben hat.</p>
      <Success intent="confirmOwnContribution" />
      {data.awaitingOwnContribution && data.permissions.confirmOwnContribution && (
        <Form method="post" {...getFormProps(form)} className="flex flex-wrap items-end gap-3">
          <CsrfInput />
          <input type="hidden" name="intent" value="confirmOwnContribution" />
          <input type="hidden" name="version" value={data.app.version} />
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextField className="min-w-72" label="Haushaltsstelle des Eigenanteils" meta={fields.budgetRef} hint="z. B. 11.1.01 / 7831000" />
          <button type="submit" className="btn-primary">Eigenanteil bestätigen</button>
        </Form>
      )}
      {data.awaitingOwnContribution && !data.permissions.confirmOwnContribution && (
        <p className="text-sm text-slate-700">Den Eigenanteil bestätigt die Kämmerei.</p>
      )}
    </section>
  );
}

/** Title, description, third-party funds and input tax of the application. */
export function BasicsForm({ data }: { data: LoaderData }) {
  const [form, fields] = useIntentForm("basics", BasicsSchema, {
    title: data.app.title,
    description: data.app.description,
    thirdPartyFundsCents: centsToInput(data.app.thirdPartyFundsCents),
    ...(data.app.inputTaxDeductible ? { inputTaxDeductible: "on" } : {}),
  });
  return (
    <section aria-labelledby="angaben" className="card">
      <h2 id="angaben">Angaben zum Antrag</h2>
      <Form method="post" {...getFormProps(form)} className="mt-3 space-y-3">
        <CsrfInput />
        <input type="hidden" name="intent" value="basics" />
        <input type="hidden" name="version" value={data.app.version} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField label="Titel" meta={fields.title} />
        <TextareaField label="Vorhabenbeschreibung" meta={fields.description} rows={3} />
        <TextField label="Drittmittel in €" meta={fields.thirdPartyFundsCents} inputMode="decimal" />
        <CheckboxField label="Vorsteuerabzug: Die Kommune kann die Umsatzsteuer abziehen (es zählen die Nettobeträge der Belege)" meta={fields.inputTaxDeductible} />
        <button type="submit" className="btn-secondary">Angaben speichern</button>
        <Success intent="basics" />
      </Form>
    </section>
  );
}
