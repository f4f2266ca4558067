import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { ASSIGNABLE_ROLES } from "~/areas/auth/roles";
import { employeeChoices, getMember, removeMember, updateMember } from "~/areas/auth/users.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { CsrfInput } from "~/components/csrf";
import { FormErrors, SelectField } from "~/components/forms";
import { requireContext } from "~/utils/context.server";
import { idParam, orNotFound } from "~/utils/http.server";
import { ROLE_LABELS } from "~/utils/permissions";
import { intentAction } from "~/utils/intents.server";

export const meta: MetaFunction = () => [{ title: "Mitgliedschaft bearbeiten – Fahrplan" }];

const version = z.number({ error: "Die Version fehlt. Bitte laden Sie die Seite neu." }).int().positive();

const UpdateSchema = z.object({
  role: z.enum(ASSIGNABLE_ROLES, { error: "Bitte wählen Sie eine Rolle." }),
  employeeId: z.number({ error: "Bitte wählen Sie eine Person aus der Liste." }).int().positive().optional(),
  version,
});
const RemoveSchema = z.object({ version });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "admin.users");
  const member = orNotFound(getMember(ctx, idParam(params.membershipId)));
  return json({
    member: {
      membershipId: member.membershipId,
      name: member.name,
      email: member.email,
      role: member.role,
      employeeId: member.employeeId,
      version: member.version,
      isSelf: member.userId === ctx.user.id,
    },
    employees: employeeChoices(ctx)
      .filter((e) => e.linkedMembershipId == null || e.linkedMembershipId === member.membershipId)
      .map((e) => ({ value: e.id, label: `${e.lastName}, ${e.firstName} – ${e.unitName}` })),
  });
}

export const action = /* @__PURE__ */ intentAction({
  permission: "admin.users",
  load: (ctx, { params }) => {
    const membershipId = idParam(params.membershipId);
    orNotFound(getMember(ctx, membershipId));
    return membershipId;
  },
  intents: (intent) => ({
    speichern: intent({
      schema: UpdateSchema,
      run: ({ who, subject, value }) => updateMember(who, subject, value.version, { role: value.role, employeeId: value.employeeId ?? null }),
      done: () => redirect("/verwaltung/benutzer?hinweis=gespeichert"),
    }),
    entfernen: intent({
      schema: RemoveSchema,
      run: ({ who, subject, value }) => removeMember(who, subject, value.version),
      done: () => redirect("/verwaltung/benutzer?hinweis=entfernt"),
    }),
  }),
});

export default function EditMemberPage() {
  const { member, employees } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "mitgliedschaft",
    lastResult: actionData?.intent === "speichern" ? actionData.result : undefined,
    defaultValue: { role: member.role, employeeId: member.employeeId ?? "", version: member.version },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: UpdateSchema }),
  });
  const [removeForm, removeFields] = useForm({
    id: "entfernen",
    lastResult: actionData?.intent === "entfernen" ? actionData.result : undefined,
    defaultValue: { version: member.version },
  });
  const busy = navigation.state === "submitting";
  return (
    <div className="max-w-2xl space-y-6">
      <Breadcrumbs items={[{ to: "/verwaltung", label: "Verwaltung" }, { to: "/verwaltung/benutzer", label: "Benutzer und Rollen" }, { label: member.name }]} />
      <h1>{member.name}</h1>
      <p className="text-slate-700">{member.email}</p>
      <Form method="post" className="card space-y-4" {...getFormProps(form)}>
        <h2>Rolle und Verknüpfung</h2>
        <CsrfInput />
        <input {...getInputProps(fields.version, { type: "hidden" })} key={`v${member.version}`} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <SelectField
          label="Rolle"
          meta={fields.role}
          options={ASSIGNABLE_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
        />
        <SelectField
          label="Verknüpfte/r Beschäftigte/r (optional)"
          meta={fields.employeeId}
          placeholder="Keine Verknüpfung"
          options={employees}
        />
        <button type="submit" name="intent" value="speichern" className="btn-primary" disabled={busy}>
          Speichern
        </button>
      </Form>
      <Form method="post" className="card space-y-3" {...getFormProps(removeForm)}>
        <h2>Zugang entfernen</h2>
        <CsrfInput />
        <input {...getInputProps(removeFields.version, { type: "hidden" })} key={`r${member.version}`} />
        <FormErrors id={removeForm.errorId} errors={removeForm.errors} />
        {member.isSelf ? (
          <p className="text-sm text-slate-700">Ihre eigene Mitgliedschaft können Sie nicht entfernen.</p>
        ) : (
          <>
            <p className="text-sm text-slate-700">
              {member.name} verliert den Zugang zu dieser Kommune. Das Konto und Einträge im Änderungsprotokoll bleiben
              erhalten.
            </p>
            <button type="submit" name="intent" value="entfernen" className="btn-danger" disabled={busy}>
              Mitgliedschaft entfernen
            </button>
          </>
        )}
      </Form>
    </div>
  );
}
