import { type SubmissionResult, getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useNavigation } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf";
import { FormErrors, SelectField, TextField, TextareaField } from "~/components/forms";
import { TEAM_KINDS, TEAM_KIND_LABELS, TeamSchema } from "./teams";

interface EmployeeGroup {
  unitId: number;
  unitName: string;
  employees: { id: number; name: string }[];
}

/** A group of checkboxes sharing one name, with a legend and errors tied to the group. */
function CheckboxGroup({
  legend,
  name,
  errorId,
  errors,
  selected,
  options,
  hint,
}: {
  legend: string;
  name: string;
  errorId: string;
  errors?: string[];
  selected: Set<string>;
  options: { value: number; label: string }[];
  hint?: string;
}) {
  return (
    <fieldset aria-describedby={errors?.length ? errorId : undefined}>
      <legend className="label">{legend}</legend>
      {hint ? <p className="hint mb-2">{hint}</p> : null}
      {options.length === 0 ? <p className="text-sm text-slate-600">Keine Einträge vorhanden.</p> : null}
      <ul className="max-h-56 space-y-1 overflow-y-auto rounded-md border border-slate-300 p-2">
        {options.map((o) => (
          <li key={o.value} className="flex items-center gap-2">
            <input
              type="checkbox"
              id={`${name}-${o.value}`}
              name={name}
              value={o.value}
              defaultChecked={selected.has(String(o.value))}
              className="h-4 w-4"
            />
            <label htmlFor={`${name}-${o.value}`} className="text-sm">
              {o.label}
            </label>
          </li>
        ))}
      </ul>
      {errors?.length ? (
        <p id={errorId} className="field-error" role="alert">
          {errors.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}

function asSet(value: unknown): Set<string> {
  if (value === undefined || value === null) return new Set();
  return new Set((Array.isArray(value) ? value : [value]).map(String));
}

/**
 * Create and edit form of a team. On create it also takes the lead and the first members,
 * chosen from all units, so a cross-department team is set up in one step.
 */
export function TeamForm({
  lastResult,
  defaultValue,
  projects,
  employeeGroups,
  submitLabel,
  cancelTo,
}: {
  lastResult: SubmissionResult<string[]> | undefined;
  defaultValue: {
    name?: string;
    kind?: string;
    description?: string;
    projectIds?: string[];
    version?: number;
    leadEmployeeId?: string;
    memberEmployeeIds?: string[];
  };
  projects: { id: number; title: string }[];
  /** Only when creating: members are managed on the team page afterwards. */
  employeeGroups?: EmployeeGroup[];
  submitLabel: string;
  cancelTo: string;
}) {
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "team",
    lastResult,
    defaultValue,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TeamSchema }),
  });
  const selectedProjects = asSet(fields.projectIds.value ?? fields.projectIds.initialValue);
  const selectedMembers = asSet(fields.memberEmployeeIds.value ?? fields.memberEmployeeIds.initialValue);
  return (
    <Form method="post" className="card space-y-5" {...getFormProps(form)}>
      <CsrfInput />
      {defaultValue.version ? <input type="hidden" name="version" value={defaultValue.version} /> : null}
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextField label="Name" meta={fields.name} required />
      <SelectField
        label="Art des Teams"
        meta={fields.kind}
        placeholder="Bitte wählen"
        options={TEAM_KINDS.map((k) => ({ value: k, label: TEAM_KIND_LABELS[k] }))}
      />
      <TextareaField label="Auftrag und Beschreibung" meta={fields.description} rows={3} />
      <CheckboxGroup
        legend="Projekte, an denen das Team arbeitet"
        name={fields.projectIds.name}
        errorId={fields.projectIds.errorId}
        errors={fields.projectIds.errors}
        selected={selectedProjects}
        options={projects.map((p) => ({ value: p.id, label: p.title }))}
      />
      {employeeGroups ? (
        <>
          <div>
            <label htmlFor={fields.leadEmployeeId.id} className="label">
              Leitung (optional)
            </label>
            <select
              id={fields.leadEmployeeId.id}
              name={fields.leadEmployeeId.name}
              defaultValue={String(fields.leadEmployeeId.initialValue ?? "")}
              aria-describedby={fields.leadEmployeeId.errors?.length ? fields.leadEmployeeId.errorId : undefined}
              className="input"
            >
              <option value="">Noch keine Leitung</option>
              {employeeGroups.map((g) => (
                <optgroup key={g.unitId} label={g.unitName}>
                  {g.employees.map((e) => (
                    <option key={e.id} value={e.id}>
                      {e.name}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
            {fields.leadEmployeeId.errors?.length ? (
              <p id={fields.leadEmployeeId.errorId} className="field-error" role="alert">
                {fields.leadEmployeeId.errors.join(" ")}
              </p>
            ) : null}
          </div>
          <CheckboxGroup
            legend="Mitglieder"
            hint="Wählen Sie Beschäftigte aus mehreren Einheiten, damit das Team referatsübergreifend arbeitet. Rollen wie Digitallotse vergeben Sie danach auf der Teamseite."
            name={fields.memberEmployeeIds.name}
            errorId={fields.memberEmployeeIds.errorId}
            errors={fields.memberEmployeeIds.errors}
            selected={selectedMembers}
            options={employeeGroups.flatMap((g) => g.employees.map((e) => ({ value: e.id, label: `${e.name} (${g.unitName})` })))}
          />
        </>
      ) : null}
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
