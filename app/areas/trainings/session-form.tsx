import { type SubmissionResult, getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useNavigation } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf";
import { FormErrors, SelectField, TextField } from "~/components/forms";
import { SessionSchema } from "./schemas";

export interface SessionFormDefaults {
  courseId?: string;
  date?: string;
  startTime?: string;
  endTime?: string;
  location?: string;
  onlineUrl?: string;
  trainerEmployeeId?: string;
  trainerName?: string;
  capacity?: string;
  registrationDeadline?: string;
  version?: string;
}

export function SessionForm({
  lastResult,
  defaultValue,
  courses,
  trainers,
  submitLabel,
  cancelTo,
}: {
  lastResult: SubmissionResult<string[]> | undefined;
  defaultValue: SessionFormDefaults;
  courses: { id: number; title: string }[];
  trainers: { id: number; label: string }[];
  submitLabel: string;
  cancelTo: string;
}) {
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "session",
    lastResult,
    defaultValue,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SessionSchema }),
  });
  return (
    <Form method="post" className="card space-y-4" {...getFormProps(form)}>
      <CsrfInput />
      {defaultValue.version && <input type="hidden" name="version" value={defaultValue.version} />}
      <FormErrors id={form.errorId} errors={form.errors} />
      <SelectField label="Schulungsformat" meta={fields.courseId} placeholder="Bitte wählen" options={courses.map((c) => ({ value: c.id, label: c.title }))} />
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField label="Datum" type="date" meta={fields.date} />
        <TextField label="Beginn (Ortszeit)" type="time" meta={fields.startTime} />
        <TextField label="Ende (Ortszeit)" type="time" meta={fields.endTime} />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Ort" meta={fields.location} hint="z. B. Rathaus, Raum 101 – bei Online-Terminen leer lassen" />
        <TextField label="Online-Link" type="url" meta={fields.onlineUrl} hint="für Online- und Hybrid-Termine" />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label="Trainer/in (intern)"
          meta={fields.trainerEmployeeId}
          placeholder="Extern (Name rechts eintragen)"
          options={trainers.map((t) => ({ value: t.id, label: t.label }))}
        />
        <TextField label="Trainer/in (extern)" meta={fields.trainerName} hint="nur wenn niemand intern gewählt ist" />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Plätze" type="number" min={1} max={500} meta={fields.capacity} />
        <TextField label="Anmeldeschluss" type="date" meta={fields.registrationDeadline} />
      </div>
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
