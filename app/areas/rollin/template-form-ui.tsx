import { type SubmissionResult, getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "@remix-run/react";
import type { z } from "zod";
import { CsrfInput } from "~/components/csrf";
import { CheckboxField, FormErrors, SelectField, TextField, TextareaField } from "~/components/forms";
import { PROGRAMME_ROLES } from "./programme-template";
import { EMPTY_PHASE, EMPTY_STEP, TemplateFormSchema } from "./template-form";

const ROLE_OPTIONS = Object.entries(PROGRAMME_ROLES).map(([value, label]) => ({ value, label }));

function ListErrors({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={id} className="field-error" role="alert">
      {errors.join(" ")}
    </p>
  );
}

/**
 * The template editor: head fields (new template only), then phases with their steps. Adding and
 * removing phases and steps are form intents, so they work without JavaScript as well.
 */
export function TemplateForm({
  lastResult,
  defaultValue,
  withHead,
  expectedVersion,
  submitLabel,
}: {
  lastResult: SubmissionResult<string[]> | null | undefined;
  defaultValue: z.input<typeof TemplateFormSchema>;
  withHead: boolean;
  expectedVersion?: number;
  submitLabel: string;
}) {
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm<z.input<typeof TemplateFormSchema>>({
    lastResult,
    defaultValue,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TemplateFormSchema }),
  });
  const phases = fields.phases.getFieldList();
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-4">
      <CsrfInput />
      {expectedVersion !== undefined ? <input {...getInputProps(fields.expectedVersion, { type: "hidden" })} value={expectedVersion} key="expected" /> : null}
      <FormErrors errors={form.errors} id={form.errorId} />
      {withHead ? (
        <div className="card grid gap-4 md:grid-cols-2">
          <TextField label="Name der Vorlage" meta={fields.name} />
          <TextareaField label="Beschreibung" meta={fields.description} rows={2} />
        </div>
      ) : null}
      <ListErrors id={`${fields.phases.id}-list-error`} errors={fields.phases.errors} />
      {phases.map((phase, i) => {
        const p = phase.getFieldset();
        const steps = p.steps.getFieldList();
        return (
          <fieldset key={phase.key} className="card space-y-3">
            <legend className="px-1 font-semibold">Phase {i + 1}</legend>
            <div className="flex flex-wrap items-end gap-3">
              <TextField label={`Name der Phase ${i + 1}`} meta={p.name} className="min-w-64 flex-1" />
              <button {...form.remove.getButtonProps({ name: fields.phases.name, index: i })} className="btn-secondary">
                Phase {i + 1} entfernen
              </button>
            </div>
            <ListErrors id={`${p.steps.id}-list-error`} errors={p.steps.errors} />
            {steps.map((step, j) => {
              const s = step.getFieldset();
              const n = `${i + 1}.${j + 1}`;
              return (
                <fieldset key={step.key} className="rounded border border-slate-300 p-3">
                  <legend className="px-1 text-sm font-semibold">Schritt {n}</legend>
                  <div className="grid gap-3 md:grid-cols-4">
                    <TextField label={`Titel (Schritt ${n})`} meta={s.title} className="md:col-span-2" />
                    <TextField label={`Fällig nach Tagen ab Start (Schritt ${n})`} meta={s.dueInDays} inputMode="numeric" />
                    <SelectField label={`Verantwortliche Rolle (Schritt ${n})`} meta={s.responsibleRole} options={ROLE_OPTIONS} />
                    <TextField label={`Schlüssel (Schritt ${n})`} meta={s.key} hint="a–z, 0–9, Bindestrich; leer: aus dem Titel. Bleibt über Versionen gleich." />
                    <TextareaField label={`Checkliste, ein Punkt je Zeile (Schritt ${n})`} meta={s.checklist} rows={3} />
                    <TextareaField label={`Schulungen, eine je Zeile (Schritt ${n})`} meta={s.trainings} rows={3} />
                    <TextareaField label={`Unterlagen, eine je Zeile (Schritt ${n})`} meta={s.documents} rows={3} />
                  </div>
                  <div className="mt-2 flex flex-wrap items-center justify-between gap-3">
                    <CheckboxField label={`Schritt ${n} ist optional`} meta={s.optional} />
                    <button {...form.remove.getButtonProps({ name: p.steps.name, index: j })} className="btn-secondary">
                      Schritt {n} entfernen
                    </button>
                  </div>
                </fieldset>
              );
            })}
            <button {...form.insert.getButtonProps({ name: p.steps.name, defaultValue: EMPTY_STEP })} className="btn-secondary">
              Schritt zu Phase {i + 1} hinzufügen
            </button>
          </fieldset>
        );
      })}
      <div className="flex flex-wrap gap-3">
        <button {...form.insert.getButtonProps({ name: fields.phases.name, defaultValue: EMPTY_PHASE })} className="btn-secondary">
          Phase hinzufügen
        </button>
        <button type="submit" className="btn-primary" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
