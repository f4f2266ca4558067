import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { ASSIGNABLE_ROLES } from "~/areas/auth/roles";
import { addMember, employeeChoices } from "~/areas/auth/users.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { CsrfInput } from "~/components/csrf";
import { FormErrors, SelectField, TextField } from "~/components/forms";
import { requireContext } from "~/utils/context.server";
import { ROLE_LABELS } from "~/utils/permissions";
import { formAction } from "~/utils/intents.server";

export const meta: MetaFunction = () => [{ title: "Person hinzufügen – Fahrplan" }];

const NewMemberSchema = z.object({
  email: z
    .string({ error: "Bitte geben Sie die E-Mail-Adresse ein." })
    .trim()
    .email({ error: "Bitte geben Sie eine gültige E-Mail-Adresse ein." })
    .max(200, { error: "Die E-Mail-Adresse darf höchstens 200 Zeichen lang sein." }),
  name: z
    .string({ error: "Bitte geben Sie den Namen ein." })
    .trim()
    .min(2, { error: "Der Name muss mindestens 2 Zeichen lang sein." })
    .max(120, { error: "Der Name darf höchstens 120 Zeichen lang sein." }),
  role: z.enum(ASSIGNABLE_ROLES, { error: "Bitte wählen Sie eine Rolle." }),
  password: z.string().optional(),
  employeeId: z.number({ error: "Bitte wählen Sie eine Person aus der Liste." }).int().positive().optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "admin.users");
  return json({
    employees: employeeChoices(ctx)
      .filter((e) => e.linkedMembershipId == null)
      .map((e) => ({ value: e.id, label: `${e.lastName}, ${e.firstName} – ${e.unitName}` })),
  });
}

export const action = /* @__PURE__ */ formAction({
  permission: "admin.users",
  schema: NewMemberSchema,
  hideFields: ["password"],
  run: ({ who, value }) => addMember(who, { ...value, password: value.password ?? "" }),
  done: () => redirect("/verwaltung/benutzer?hinweis=angelegt"),
});

export default function NewMemberPage() {
  const { employees } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "neue-person",
    lastResult,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewMemberSchema }),
  });
  return (
    <div className="max-w-2xl space-y-6">
      <Breadcrumbs items={[{ to: "/verwaltung", label: "Verwaltung" }, { to: "/verwaltung/benutzer", label: "Benutzer und Rollen" }, { label: "Person hinzufügen" }]} />
      <h1>Person hinzufügen</h1>
      <Form method="post" className="card space-y-4" {...getFormProps(form)}>
        <CsrfInput />
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField label="E-Mail" meta={fields.email} type="email" autoComplete="off" required />
        <TextField label="Name" meta={fields.name} autoComplete="off" required />
        <SelectField
          label="Rolle"
          meta={fields.role}
          placeholder="Bitte wählen"
          options={ASSIGNABLE_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
        />
        <TextField
          label="Startpasswort"
          meta={fields.password}
          type="password"
          autoComplete="new-password"
          hint="Mindestens 12 Zeichen. Nur für neue Konten: hat die E-Mail-Adresse schon ein Konto, bleibt dessen Passwort unverändert und Name wird nicht überschrieben."
        />
        <SelectField
          label="Verknüpfte/r Beschäftigte/r (optional)"
          meta={fields.employeeId}
          placeholder="Keine Verknüpfung"
          options={employees}
          hint="Verknüpft das Konto mit dem Eintrag in der Beschäftigtenliste, z. B. für Schulungsnachweise."
        />
        <div className="flex gap-3">
          <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
            Hinzufügen
          </button>
          <Link to="/verwaltung/benutzer" className="btn-secondary">
            Abbrechen
          </Link>
        </div>
      </Form>
    </div>
  );
}
