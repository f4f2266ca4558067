import { type SubmissionResult, getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "@remix-run/react";
import { CsrfInput } from "../../components/csrf";
import { FormErrors, SelectField, TextField } from "../../components/forms";
import { FOCUS_AREA_LABELS, type FocusArea, GoalSchema } from "./agenda";

export function GoalForm({
  fieldsOfAction,
  defaults,
  lastResult,
  submitLabel,
}: {
  fieldsOfAction: { id: number; name: string; focusArea: FocusArea }[];
  defaults: Record<string, string | undefined>;
  lastResult: SubmissionResult<string[]> | undefined;
  submitLabel: string;
}) {
  const [form, fields] = useForm({
    id: "goal",
    lastResult,
    defaultValue: defaults,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: GoalSchema }),
  });
  return (
    <Form method="post" className="card space-y-4" {...getFormProps(form)}>
      <CsrfInput />
      <input type="hidden" name="intent" value="saveGoal" />
      {defaults.version ? <input type="hidden" name="version" value={defaults.version} /> : null}
      <FormErrors id={form.errorId} errors={form.errors} />
      <SelectField
        label="Handlungsfeld"
        meta={fields.fieldOfActionId}
        placeholder="Bitte wählen"
        options={fieldsOfAction.map((f) => ({ value: f.id, label: `${f.name} (${FOCUS_AREA_LABELS[f.focusArea]})` }))}
      />
      <TextField label="Ziel" meta={fields.title} hint="z. B. „Alle Verwaltungsleistungen online verfügbar“" />
      <TextField label="Kennzahl (Indikator)" meta={fields.indicator} hint="z. B. „Anteil online beantragbarer Leistungen“" />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Einheit" meta={fields.unit} hint="z. B. %, Anzahl, Tage" />
        <TextField label="Zieldatum" meta={fields.targetDate} hint="TT.MM.JJJJ" inputMode="numeric" />
        <TextField label="Ausgangswert" meta={fields.baseline} inputMode="decimal" />
        <TextField label="Zielwert" meta={fields.targetValue} inputMode="decimal" />
      </div>
      <div className="flex gap-3">
        <button type="submit" className="btn-primary">
          {submitLabel}
        </button>
        <Link to="/agenda" className="btn-secondary">
          Abbrechen
        </Link>
      </div>
    </Form>
  );
}
