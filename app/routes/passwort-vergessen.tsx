import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { RESET_REQUESTED_MESSAGE } from "~/areas/auth/password-reset-messages";
import { requestPasswordReset } from "~/areas/auth/password-reset.server";
import { CsrfInput } from "~/components/csrf";
import { FormErrors, TextField } from "~/components/forms";
import { PublicPage } from "~/components/public-page";
import { readForm } from "~/utils/csrf.server";
import { clientAddress } from "~/utils/load-context";

export const meta: MetaFunction = () => [{ title: "Passwort vergessen – Fahrplan" }];

const Schema = z.object({
  email: z
    .string({ error: "Bitte geben Sie Ihre E-Mail-Adresse ein." })
    .trim()
    .max(254, { error: "Die E-Mail-Adresse ist zu lang." })
    .email({ error: "Bitte geben Sie eine gültige E-Mail-Adresse ein." }),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: Schema });
  if (submission.status !== "success") return json({ reply: submission.reply(), sent: false }, { status: 400 });
  const result = await requestPasswordReset(submission.value.email, clientAddress(context));
  if (!result.ok) {
    const minutes = Math.ceil(result.retryAfterSeconds / 60);
    return json(
      { reply: submission.reply({ formErrors: [`Zu viele Anfragen. Bitte versuchen Sie es in ${minutes} ${minutes === 1 ? "Minute" : "Minuten"} erneut.`] }), sent: false },
      { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
  }
  return json({ reply: submission.reply({ resetForm: true }), sent: true });
}

export default function ForgotPasswordPage() {
  const data = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "passwort-vergessen",
    lastResult: data?.reply,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: Schema }),
  });
  return (
    <PublicPage>
      <h1>Passwort vergessen</h1>
      {data?.sent ? (
        <p className="alert-success mt-4" role="status" data-testid="reset-requested">
          {RESET_REQUESTED_MESSAGE}
        </p>
      ) : (
        <>
          <p className="mt-2 text-sm">Geben Sie die E-Mail-Adresse Ihres Kontos ein. Sie erhalten einen Link, mit dem Sie ein neues Passwort festlegen.</p>
          <Form method="post" className="mt-4 space-y-4" {...getFormProps(form)}>
            <CsrfInput />
            <FormErrors id={form.errorId} errors={form.errors} />
            <TextField label="E-Mail" meta={fields.email} type="email" autoComplete="username" required />
            <button type="submit" className="btn-primary w-full justify-center" disabled={navigation.state === "submitting"}>
              Link anfordern
            </button>
          </Form>
        </>
      )}
      <p className="mt-4 text-sm">
        <Link to="/login" className="underline">
          Zurück zur Anmeldung
        </Link>
      </p>
    </PublicPage>
  );
}
