import { type SubmissionResult, getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useNavigation } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf";
import { CheckboxGroup, FormErrors, GroupedSelectField, SelectField, TextField, TextareaField } from "~/components/forms";
import { TEAM_KINDS, TEAM_KIND_LABELS, TeamSchema } from "./teams";

interface EmployeeGroup {
  unitId: number;
  unitName: string;
  employees: { id: number; name: string }[];
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
        emptyText="Keine Einträge vorhanden."
      />
      {employeeGroups ? (
        <>
          <GroupedSelectField
            label="Leitung (optional)"
            meta={fields.leadEmployeeId}
            placeholder="Noch keine Leitung"
            groups={employeeGroups.map((g) => ({ label: g.unitName, options: g.employees.map((e) => ({ value: e.id, label: e.name })) }))}
          />
          <CheckboxGroup
            legend="Mitglieder"
            hint="Wählen Sie Beschäftigte aus mehreren Einheiten, damit das Team referatsübergreifend arbeitet. Rollen wie Digitallotse vergeben Sie danach auf der Teamseite."
            name={fields.memberEmployeeIds.name}
            errorId={fields.memberEmployeeIds.errorId}
            errors={fields.memberEmployeeIds.errors}
            selected={selectedMembers}
            options={employeeGroups.flatMap((g) => g.employees.map((e) => ({ value: e.id, label: `${e.name} (${g.unitName})` })))}
            emptyText="Keine Einträge vorhanden."
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
