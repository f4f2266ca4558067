import { type SubmissionResult, getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useNavigation } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf";
import { CheckboxGroup, FormErrors, SelectField, TextField, TextareaField } from "~/components/forms";
import { ROLES } from "../../../db/schema/org";
import { TRAINING_FORMATS, TRAINING_TOPICS } from "../../../db/schema/trainings";
import { ROLE_LABELS } from "../../utils/permissions";
import { FORMAT_LABELS, TOPIC_LABELS } from "./labels";
import { CourseSchema } from "./schemas";

export interface CourseFormDefaults {
  title?: string;
  topic?: string;
  description?: string;
  durationHours?: string;
  format?: string;
  targetUnitIds?: string[];
  targetRoles?: string[];
  projectId?: string;
  version?: string;
}

export function CourseForm({
  lastResult,
  defaultValue,
  units,
  projects,
  submitLabel,
  cancelTo,
}: {
  lastResult: SubmissionResult<string[]> | undefined;
  defaultValue: CourseFormDefaults;
  units: { id: number; label: string }[];
  projects: { id: number; title: string }[];
  submitLabel: string;
  cancelTo: string;
}) {
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "course",
    lastResult,
    defaultValue,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CourseSchema }),
  });
  return (
    <Form method="post" className="card space-y-4" {...getFormProps(form)}>
      <CsrfInput />
      {defaultValue.version && <input type="hidden" name="version" value={defaultValue.version} />}
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextField label="Titel" meta={fields.title} required />
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField label="Thema" meta={fields.topic} placeholder="Bitte wählen" options={TRAINING_TOPICS.map((t) => ({ value: t, label: TOPIC_LABELS[t] }))} />
        <SelectField label="Format" meta={fields.format} placeholder="Bitte wählen" options={TRAINING_FORMATS.map((f) => ({ value: f, label: FORMAT_LABELS[f] }))} />
        <TextField label="Dauer (Stunden)" meta={fields.durationHours} inputMode="decimal" hint="z. B. 3 oder 1,5" />
      </div>
      <TextareaField label="Beschreibung" meta={fields.description} rows={4} />
      <div className="grid gap-4 sm:grid-cols-2">
        <CheckboxGroup
          legend="Zielgruppe: Organisationseinheiten"
          hint="Keine Auswahl = alle Einheiten"
          name="targetUnitIds"
          selected={(fields.targetUnitIds.value as string[] | undefined) ?? defaultValue.targetUnitIds ?? []}
          options={units.map((u) => ({ value: u.id, label: u.label }))}
          errors={fields.targetUnitIds.errors}
        />
        <CheckboxGroup
          legend="Zielgruppe: Rollen"
          hint="Keine Auswahl = alle Rollen"
          name="targetRoles"
          selected={(fields.targetRoles.value as string[] | undefined) ?? defaultValue.targetRoles ?? []}
          options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          errors={fields.targetRoles.errors}
        />
      </div>
      <SelectField
        label="Verknüpftes Projekt der Digitalagenda (optional)"
        meta={fields.projectId}
        placeholder="Kein Projekt"
        options={projects.map((p) => ({ value: p.id, label: p.title }))}
      />
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
