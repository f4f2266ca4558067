import { type SubmissionResult, getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useNavigation } from "@remix-run/react";
import { FOCUS_AREA_LABELS, type FocusArea } from "../agenda/agenda";
import { CsrfInput } from "../../components/csrf";
import { CheckboxField, FormErrors, SelectField, TextField, TextareaField } from "../../components/forms";
import { ProjectSchema } from "./projects";

export interface ProjectFormOptions {
  fieldsOfAction: { id: number; name: string; focusArea: FocusArea }[];
  units: { id: number; name: string; kind: "department" | "company" }[];
  employees: { id: number; name: string }[];
  goals: { id: number; title: string; fieldOfActionId: number }[];
}

/** Form values as strings, the way the inputs show them (German dates and amounts). */
export interface ProjectFormDefaults {
  title?: string;
  description?: string;
  fieldOfActionId?: string;
  leadUnitId?: string;
  projectLeadEmployeeId?: string;
  startDate?: string;
  endDate?: string;
  budgetPlanned?: string;
  budgetSpent?: string;
  ozgRelevant?: boolean;
  efaReuse?: boolean;
  involvedUnitIds?: number[];
  goalIds?: number[];
  version?: string;
}

export function ProjectForm({
  options,
  defaults,
  lastResult,
  submitLabel,
  cancelTo,
}: {
  options: ProjectFormOptions;
  defaults: ProjectFormDefaults;
  lastResult: SubmissionResult<string[]> | undefined;
  submitLabel: string;
  cancelTo: string;
}) {
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "project",
    lastResult,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: {
      ...defaults,
      ozgRelevant: defaults.ozgRelevant ? "on" : undefined,
      efaReuse: defaults.efaReuse ? "on" : undefined,
      involvedUnitIds: defaults.involvedUnitIds?.map(String),
      goalIds: defaults.goalIds?.map(String),
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProjectSchema }),
  });
  const involved = new Set(defaults.involvedUnitIds ?? []);
  const chosenGoals = new Set(defaults.goalIds ?? []);
  const unitErrors = fields.involvedUnitIds.errors;
  const goalErrors = fields.goalIds.errors;
  return (
    <Form method="post" className="space-y-6" {...getFormProps(form)}>
      <CsrfInput />
      {defaults.version ? <input type="hidden" name="version" value={defaults.version} /> : null}
      <FormErrors id={form.errorId} errors={form.errors} />
      <fieldset className="card space-y-4">
        <legend className="px-1 text-lg font-semibold">Grunddaten</legend>
        <TextField label="Titel" meta={fields.title} required />
        <TextareaField label="Beschreibung" meta={fields.description} rows={4} />
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            label="Handlungsfeld"
            meta={fields.fieldOfActionId}
            placeholder="Bitte wählen"
            options={options.fieldsOfAction.map((f) => ({ value: f.id, label: `${f.name} (${FOCUS_AREA_LABELS[f.focusArea]})` }))}
          />
          <SelectField
            label="Federführende Einheit"
            meta={fields.leadUnitId}
            placeholder="Bitte wählen"
            options={options.units.map((u) => ({ value: u.id, label: u.kind === "company" ? `${u.name} (Unternehmen)` : u.name }))}
          />
          <SelectField
            label="Projektleitung"
            meta={fields.projectLeadEmployeeId}
            placeholder="noch offen"
            options={options.employees.map((e) => ({ value: e.id, label: e.name }))}
          />
        </div>
      </fieldset>
      <fieldset className="card space-y-4">
        <legend className="px-1 text-lg font-semibold">Zeitraum und Budget</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="Beginn" meta={fields.startDate} hint="TT.MM.JJJJ" inputMode="numeric" />
          <TextField label="Ende" meta={fields.endDate} hint="TT.MM.JJJJ" inputMode="numeric" />
          <TextField label="Budget geplant (Euro)" meta={fields.budgetPlanned} hint="z. B. 125.000,00" inputMode="decimal" />
          <TextField label="Budget verausgabt (Euro)" meta={fields.budgetSpent} hint="z. B. 30.000,00" inputMode="decimal" />
        </div>
        <div className="flex flex-wrap gap-6">
          <CheckboxField label="OZG-relevant (Onlinezugangsgesetz)" meta={fields.ozgRelevant} />
          <CheckboxField label="Nachnutzung / Einer für Alle (EfA)" meta={fields.efaReuse} />
        </div>
      </fieldset>
      <fieldset className="card" aria-describedby={unitErrors?.length ? fields.involvedUnitIds.errorId : undefined}>
        <legend className="px-1 text-lg font-semibold">Weitere beteiligte Einheiten</legend>
        <p className="hint mb-2">Fachbereiche und kommunale Unternehmen, die neben der federführenden Einheit mitarbeiten.</p>
        <div className="grid gap-1 sm:grid-cols-2 lg:grid-cols-3">
          {options.units.map((u) => (
            <label key={u.id} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name={fields.involvedUnitIds.name} value={u.id} defaultChecked={involved.has(u.id)} className="h-4 w-4" />
              {u.name}
              {u.kind === "company" ? " (Unternehmen)" : ""}
            </label>
          ))}
        </div>
        {unitErrors?.length ? (
          <p id={fields.involvedUnitIds.errorId} className="field-error" role="alert">
            {unitErrors.join(" ")}
          </p>
        ) : null}
      </fieldset>
      <fieldset className="card" aria-describedby={goalErrors?.length ? fields.goalIds.errorId : undefined}>
        <legend className="px-1 text-lg font-semibold">Ziele der Digitalagenda, auf die das Projekt einzahlt</legend>
        {options.goals.length === 0 ? (
          <p className="hint">In der Digitalagenda sind noch keine Ziele erfasst.</p>
        ) : (
          <div className="grid gap-1 sm:grid-cols-2">
            {options.goals.map((g) => (
              <label key={g.id} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name={fields.goalIds.name} value={g.id} defaultChecked={chosenGoals.has(g.id)} className="h-4 w-4" />
                {g.title}
              </label>
            ))}
          </div>
        )}
        {goalErrors?.length ? (
          <p id={fields.goalIds.errorId} className="field-error" role="alert">
            {goalErrors.join(" ")}
          </p>
        ) : null}
      </fieldset>
      <div className="flex gap-3">
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          {submitLabel}
        </button>
        <Link to={cancelTo} className="btn-secondary">
          Abbrechen
        </Link>
      </div>
    </Form>
  );
}
