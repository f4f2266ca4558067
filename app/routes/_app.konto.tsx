import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { changeOwnPassword } from "~/areas/auth/users.server";
import { MAIL_MODE_CHOICES, MAIL_MODE_LABELS } from "~/areas/mail/labels";
import { setMailPreference } from "~/areas/mail/outbox-admin.server";
import { getDb } from "~/utils/db.server";
import { mailMode } from "~/utils/mail/outbox.server";

import { CsrfInput } from "~/components/csrf";
import { FormErrors, NewPasswordFields, TextField } from "~/components/forms";
import { requireContext } from "~/utils/context.server";
import { readForm } from "~/utils/csrf.server";
import { replyWithError } from "~/utils/form-reply.server";
import { ROLE_LABELS } from "~/utils/permissions";

export const meta: MetaFunction = () => [{ title: "Mein Konto – Fahrplan" }];

const PASSWORD_FIELDS = ["currentPassword", "newPassword", "repeatPassword"];

const PasswordSchema = z
  .object({
    currentPassword: z.string({ error: "Bitte geben Sie Ihr aktuelles Passwort ein." }),
    newPassword: z
      .string({ error: "Bitte geben Sie ein neues Passwort ein." })
      .min(12, { error: "Das Passwort muss mindestens 12 Zeichen lang sein." })
      .max(200, { error: "Das Passwort darf höchstens 200 Zeichen lang sein." }),
    repeatPassword: z.string({ error: "Bitte wiederholen Sie das neue Passwort." }),
  })
  .refine((v) => v.newPassword === v.repeatPassword, {
    path: ["repeatPassword"],
    error: "Die beiden neuen Passwörter stimmen nicht überein.",
  })
  .refine((v) => v.newPassword !== v.currentPassword, {
    path: ["newPassword"],
    error: "Das neue Passwort muss sich vom aktuellen unterscheiden.",
  });

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request);
  return json({
    mailMode: mailMode(getDb(), ctx.user.id),
    user: { name: ctx.user.name, email: ctx.user.email },
    current: ctx.municipalityId,
    municipalities: ctx.municipalities.map((m) => ({ id: m.id, name: m.name, roleLabel: ROLE_LABELS[m.role] })),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireContext(request);
  const formData = await readForm(request);
  if (formData.get("intent") === "mail") {
    const mode = z.enum(MAIL_MODE_CHOICES).safeParse(formData.get("mode"));
    if (!mode.success) return json({ mailError: "Bitte wählen Sie eine der Möglichkeiten." }, { status: 400 });
    setMailPreference(ctx, mode.data);
    return redirect("/konto?hinweis=mail");
  }
  const submission = parseWithZod(formData, { schema: PasswordSchema });
  if (submission.status !== "success") return json(submission.reply({ hideFields: PASSWORD_FIELDS }), { status: 400 });
  try {
    await changeOwnPassword(ctx, submission.value.currentPassword, submission.value.newPassword);
  } catch (error) {
    return replyWithError(submission, error, PASSWORD_FIELDS);
  }
  return redirect("/konto?hinweis=passwort");
}

export default function AccountPage() {
  const { user, current, municipalities, mailMode: currentMode } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lastResult = actionData && !("mailError" in actionData) ? actionData : undefined;
  const mailError = actionData && "mailError" in actionData ? actionData.mailError : undefined;
  const navigation = useNavigation();
  const [params] = useSearchParams();
  // A new location after the redirect empties the password fields.
  const location = useLocation();
  const [form, fields] = useForm({
    id: "passwort",
    lastResult,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PasswordSchema }),
  });
  return (
    <div className="max-w-3xl space-y-6">
      <h1>Mein Konto</h1>
      {params.get("hinweis") === "passwort" ? (
        <p className="alert-success" role="status">
          Ihr Passwort wurde geändert. Andere Anmeldungen mit dem alten Passwort wurden beendet.
        </p>
      ) : null}
      <section aria-labelledby="angaben" className="card">
        <h2 id="angaben">Angaben</h2>
        <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
          <dt className="font-medium">Name</dt>
          <dd>{user.name}</dd>
          <dt className="font-medium">E-Mail</dt>
          <dd>{user.email}</dd>
        </dl>
      </section>
      {params.get("hinweis") === "mail" ? (
        <p className="alert-success" role="status">
          Ihre E-Mail-Einstellung ist gespeichert.
        </p>
      ) : null}
      <section aria-labelledby="mail-titel" className="card">
        <h2 id="mail-titel">E-Mail-Benachrichtigungen</h2>
        <Form method="post" className="mt-3 space-y-3" key={`mail-${location.key}`}>
          <CsrfInput />
          <input type="hidden" name="intent" value="mail" />
          <fieldset aria-describedby={mailError ? "mail-fehler" : undefined}>
            <legend className="text-sm">
              Aufgaben, Fristen und Schulungstermine schickt Fahrplan an {user.email}. Wie möchten Sie sie erhalten?
            </legend>
            <div className="mt-2 space-y-2">
              {MAIL_MODE_CHOICES.map((mode) => (
                <label key={mode} className="flex items-start gap-2 text-sm">
                  <input type="radio" name="mode" value={mode} defaultChecked={mode === currentMode} className="mt-1" />
                  <span>{MAIL_MODE_LABELS[mode]}</span>
                </label>
              ))}
            </div>
          </fieldset>
          {mailError ? (
            <p id="mail-fehler" className="text-sm text-red-700">
              {mailError}
            </p>
          ) : null}
          <button type="submit" className="btn-secondary">
            Einstellung speichern
          </button>
        </Form>
      </section>
      <section aria-labelledby="kommunen" className="card">
        <h2 id="kommunen">Meine Kommunen und Rollen</h2>
        <table className="table mt-3">
          <thead>
            <tr>
              <th scope="col">Kommune</th>
              <th scope="col">Rolle</th>
            </tr>
          </thead>
          <tbody>
            {municipalities.map((m) => (
              <tr key={m.id}>
                <td>
                  {m.name}
                  {m.id === current ? <span className="text-slate-600"> (aktuell)</span> : null}
                </td>
                <td>{m.roleLabel}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="meine-daten" className="card">
        <h2 id="meine-daten">Meine Daten (DSGVO)</h2>
        <p className="mt-2 text-sm">
          Laden Sie alle Daten herunter, die Fahrplan in dieser Kommune über Sie speichert (Konto, Beschäftigtendaten,
          Schulungen, Anmeldungen, externe Fortbildungen, Rückmeldungen), als JSON-Datei.
        </p>
        <p className="mt-3">
          <a href="/konto/meine-daten.json" className="btn-secondary" download>
            Meine Daten herunterladen (JSON)
          </a>
        </p>
      </section>
      <section aria-labelledby="api-token-titel" className="card">
        <h2 id="api-token-titel">API-Token</h2>
        <p className="mt-2 text-sm">
          Mit einem persönlichen API-Token lesen Programme (z. B. Auswertungen der IT) die Daten dieser Kommune über die
          Lese-API, mit Ihren Rechten.
        </p>
        <p className="mt-3">
          <a href="/konto/api-token" className="btn-secondary">
            API-Token verwalten
          </a>
        </p>
      </section>
      <section aria-labelledby="passwort-titel" className="card">
        <h2 id="passwort-titel">Passwort ändern</h2>
        <Form method="post" className="mt-3 max-w-md space-y-4" {...getFormProps(form)} key={location.key}>
          <CsrfInput />
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextField label="Aktuelles Passwort" meta={fields.currentPassword} type="password" autoComplete="current-password" required />
          <NewPasswordFields newPassword={fields.newPassword} repeatPassword={fields.repeatPassword} />
          <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
            Passwort ändern
          </button>
        </Form>
      </section>
    </div>
  );
}
