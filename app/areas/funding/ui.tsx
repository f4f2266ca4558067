import { type SubmissionResult, getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { z } from "zod";
import { Form } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf";
import { CheckboxField, FormErrors, SelectField, TextField, TextareaField } from "~/components/forms";
import { ANCILLARY_PROVISIONS, FUNDING_TYPES, ROUNDING_RULES } from "../../../db/schema/funding";
import { MUNICIPALITY_KINDS } from "../../../db/schema/org";
import {
  ANCILLARY_PROVISION_LABELS,
  COST_CATEGORY_KEYS,
  COST_CATEGORY_LABELS,
  FUNDING_TYPE_LABELS,
  MUNICIPALITY_KIND_LABELS,
  ROUNDING_RULE_LABELS,
} from "./labels";
import { ProgrammeSchema } from "./programme-form";
import { type Comparison, overrunLimitCents } from "./calc";
import { formatEuro, formatPercentBp } from "~/utils/format";

/** The programme form (create and edit); defaults show the usual ANBest values. */
export function ProgrammeForm({
  lastResult,
  defaultValue,
  canShare,
  submitLabel,
}: {
  lastResult: SubmissionResult<string[]> | undefined;
  defaultValue: Record<string, string | string[] | undefined>;
  canShare: boolean;
  submitLabel: string;
}) {
  const [form, fields] = useForm<z.input<typeof ProgrammeSchema>>({
    id: "programme",
    lastResult,
    defaultValue: defaultValue as never,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProgrammeSchema }) as never,
  });
  const selectedKinds = new Set([defaultValue.applicantKinds ?? []].flat());
  const selectedCategories = new Set([defaultValue.eligibleCostCategories ?? []].flat());
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-6">
      <CsrfInput />
      <input {...getInputProps(fields.version, { type: "hidden" })} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <fieldset className="card grid gap-3 md:grid-cols-2">
        <legend className="px-1 font-semibold">Programm</legend>
        <TextField label="Name des Programms" meta={fields.name} />
        <TextField label="Fördergeber" meta={fields.funder} />
        <TextField label="Projektträger (optional)" meta={fields.programmeAgency} />
        <TextField label="Quelle (Adresse der Richtlinie)" meta={fields.sourceUrl} type="url" />
        <TextareaField className="md:col-span-2" label="Beschreibung" meta={fields.description} rows={3} />
        <TextField className="md:col-span-2" label="Handlungsfelder (durch Komma getrennt; leer = alle)" meta={fields.fieldsOfAction} hint="z. B. Verwaltung, Bildung" />
        {canShare && <CheckboxField label="Im gemeinsamen Katalog für alle Kommunen" meta={fields.shared} />}
        <CheckboxField label="Beispielprogramm (Demo-Daten)" meta={fields.isExample} />
      </fieldset>
      <fieldset className="card grid gap-3 md:grid-cols-3">
        <legend className="px-1 font-semibold">Antragsberechtigung und Fristen</legend>
        <fieldset className="md:col-span-3">
          <legend className="label">Antragsberechtigt (keine Auswahl = alle)</legend>
          <div className="flex flex-wrap gap-4">
            {MUNICIPALITY_KINDS.map((k) => (
              <label key={k} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name={fields.applicantKinds.name} value={k} defaultChecked={selectedKinds.has(k)} /> {MUNICIPALITY_KIND_LABELS[k]}
              </label>
            ))}
          </div>
        </fieldset>
        <TextField label="Nur Bundesland (optional)" meta={fields.applicantState} />
        <TextField label="Mindesteinwohnerzahl (optional)" meta={fields.minPopulation} inputMode="numeric" />
        <TextField label="Höchsteinwohnerzahl (optional)" meta={fields.maxPopulation} inputMode="numeric" />
        <TextField label="Antragsfenster ab (optional)" meta={fields.windowOpens} hint="TT.MM.JJJJ" />
        <TextField label="Antragsfrist (leer = jederzeit)" meta={fields.windowCloses} hint="TT.MM.JJJJ" />
        <div />
        <CheckboxField label="Zweistufig: zuerst Projektskizze" meta={fields.outlineFirst} />
        <TextField label="Frist für die Projektskizze" meta={fields.outlineDeadline} hint="TT.MM.JJJJ" />
      </fieldset>
      <fieldset className="card grid gap-3 md:grid-cols-3">
        <legend className="px-1 font-semibold">Finanzierung</legend>
        <SelectField label="Finanzierungsart" meta={fields.fundingType} options={FUNDING_TYPES.map((t) => ({ value: t, label: FUNDING_TYPE_LABELS[t] }))} />
        <TextField label="Förderquote in %" meta={fields.rateBp} inputMode="decimal" hint="z. B. 65 oder 65,5" />
        <TextField label="Förderquote bei Haushaltsnotlage in % (optional)" meta={fields.weakRateBp} inputMode="decimal" />
        <TextField label="Festbetrag in € (bei Festbetragsfinanzierung)" meta={fields.fixedAmountCents} inputMode="decimal" />
        <TextField label="Mindestzuwendung in € (optional)" meta={fields.minGrantCents} inputMode="decimal" />
        <TextField label="Höchstzuwendung in € (optional)" meta={fields.maxGrantCents} inputMode="decimal" />
        <SelectField label="Rundung der Zuwendung" meta={fields.roundingRule} options={ROUNDING_RULES.map((r) => ({ value: r, label: ROUNDING_RULE_LABELS[r] }))} />
        <fieldset className="md:col-span-2">
          <legend className="label">Zuwendungsfähige Kostenarten (keine Auswahl = alle)</legend>
          <div className="flex flex-wrap gap-4">
            {COST_CATEGORY_KEYS.map((k) => (
              <label key={k} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name={fields.eligibleCostCategories.name} value={k} defaultChecked={selectedCategories.has(k)} /> {COST_CATEGORY_LABELS[k]}
              </label>
            ))}
          </div>
        </fieldset>
      </fieldset>
      <fieldset className="card grid gap-3 md:grid-cols-3">
        <legend className="px-1 font-semibold">Nebenbestimmungen und Nachweisregeln</legend>
        <SelectField label="Nebenbestimmungen" meta={fields.ancillaryProvisions} options={ANCILLARY_PROVISIONS.map((a) => ({ value: a, label: ANCILLARY_PROVISION_LABELS[a] }))} />
        <TextField label="Verwendungsfrist abgerufener Mittel (Monate)" meta={fields.drawdownWindowMonths} inputMode="numeric" hint="ANBest-Gk 1.2: 2 Monate" />
        <TextField label="Zwischennachweis: Monate nach Haushaltsjahr (leer = keiner)" meta={fields.interimReportMonths} inputMode="numeric" hint="ANBest-P 6.1: 4 Monate" />
        <TextField label="Verwendungsnachweis: Monate nach Ende des Zeitraums" meta={fields.finalReportMonths} inputMode="numeric" hint="ANBest-P 6.1: 6 Monate" />
        <TextField label="… oder fester Termin im Folgejahr (TT.MM.)" meta={fields.finalReportFixedDay} hint="z. B. 31.03." />
        <TextField label="Zulässige Abweichung je Kostenart in %" meta={fields.permittedDeviationBp} inputMode="decimal" hint="üblich: 20" />
        <TextField label="Unschädliche Gesamtüberschreitung in %" meta={fields.totalOverrunToleranceBp} inputMode="decimal" hint="ANBest-K: 10" />
        <TextField label="Zinsaufschlag bei Rückforderung über Basiszinssatz in Prozentpunkten" meta={fields.reclaimInterestBp} inputMode="decimal" hint="§ 49a VwVfG: 5" />
      </fieldset>
      <button type="submit" className="btn-primary">{submitLabel}</button>
    </Form>
  );
}

function flagClass(flag: string): string {
  if (flag === "exceeded" || flag === "unplanned") return "font-semibold text-red-800";
  return flag === "withinTolerance" ? "text-amber-900" : "text-slate-800";
}

/** Soll-Ist-Vergleich per cost category; deviations are explained in words, not only by colour. */
export function ComparisonTable({
  comparison: c,
  permittedDeviationBp,
  totalOverrunToleranceBp,
}: {
  comparison: Comparison;
  permittedDeviationBp: number;
  totalOverrunToleranceBp: number;
}) {
  return (
    <>
      <p className="hint">
        Einzelne Kostenarten dürfen den Plan um bis zu {formatPercentBp(permittedDeviationBp)} überschreiten, wenn andere Kostenarten entsprechend weniger kosten; eine Gesamtüberschreitung bis{" "}
        {formatPercentBp(totalOverrunToleranceBp)} ist unschädlich, wenn sie aus Eigenmitteln getragen wird.
      </p>
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Soll-Ist-Vergleich je Kostenart">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Kostenart</th>
            <th scope="col" className="num">Soll</th>
            <th scope="col" className="num">Ist</th>
            <th scope="col" className="num">Abweichung</th>
            <th scope="col" className="num">Grenze (Soll + {formatPercentBp(permittedDeviationBp)})</th>
            <th scope="col">Bewertung</th>
          </tr>
        </thead>
        <tbody>
          {c.rows.map((r) => (
            <tr key={r.costCategory}>
              <th scope="row" className="font-normal">{COST_CATEGORY_LABELS[r.costCategory]}</th>
              <td className="num">{formatEuro(r.plannedCents)}</td>
              <td className="num">{formatEuro(r.actualCents)}</td>
              <td className="num">{formatEuro(r.deviationCents)}</td>
              <td className="num">{r.plannedCents > 0 ? formatEuro(overrunLimitCents(r.plannedCents, permittedDeviationBp)) : "nicht geplant"}</td>
              <td className={flagClass(r.flag)}>{r.message}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="font-semibold">
            <th scope="row">Gesamt</th>
            <td className="num">{formatEuro(c.total.plannedCents)}</td>
            <td className="num">{formatEuro(c.total.actualCents)}</td>
            <td className="num">{formatEuro(c.total.deviationCents)}</td>
            <td className="num">
              {formatEuro(overrunLimitCents(c.total.plannedCents, totalOverrunToleranceBp))}
              <span className="block text-xs font-normal">gesamt: Soll + {formatPercentBp(totalOverrunToleranceBp)}</span>
            </td>
            <td className={flagClass(c.total.flag)}>{c.total.message}</td>
          </tr>
        </tfoot>
      </table>
      </div>
    </>
  );
}
