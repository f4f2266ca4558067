import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf";
import { FormErrors, TextField } from "~/components/forms";
import { attemptLogin } from "~/areas/auth/login.server";
import { readForm } from "~/utils/csrf.server";
import { clientAddress } from "~/utils/load-context";
import { readSession, startSession } from "~/utils/session.server";
import { safeRedirectPath } from "~/utils/url";
import { providerRoleOf } from "~/areas/auth/access.server";

export const meta: MetaFunction = () => [{ title: "Anmelden – Fahrplan" }];

const LoginSchema = z.object({
  email: z
    .string({ error: "Bitte geben Sie Ihre E-Mail-Adresse ein." })
    .trim()
    .email({ error: "Bitte geben Sie eine gültige E-Mail-Adresse ein." }),
  password: z.string({ error: "Bitte geben Sie Ihr Passwort ein." }),
  redirectTo: z.string().optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  if (await readSession(request)) throw redirect("/");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: LoginSchema });
  if (submission.status !== "success") {
    return json(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const { email, password, redirectTo } = submission.value;
  const result = await attemptLogin(email, password, clientAddress(context));
  if (!result.ok) {
    return json(submission.reply({ formErrors: [result.message], hideFields: ["password"] }), { status: 401 });
  }
  const cookie = await startSession(request, result.userId, result.municipalityId);
  // Roll-in-Service staff land on their cockpit across all Kommunen.
  const landing = providerRoleOf(result.userId) ? "/roll-in" : "/";
  return redirect(safeRedirectPath(redirectTo, landing), { headers: { "Set-Cookie": cookie } });
}

export default function LoginPage() {
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "login",
    lastResult,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
  });
  return (
    <div className="flex min-h-screen flex-col">
      <header className="bg-brand-800 px-6 py-4 text-white">
        <p className="text-xl font-semibold">Fahrplan</p>
        <p className="text-sm text-brand-100">Digitalagenda, Projekte, Schulungen und Förderung für Kommunen</p>
      </header>
      <main id="inhalt" className="mx-auto mt-12 w-full max-w-md px-4">
        <div className="card">
          <h1>Anmelden</h1>
          <Form method="post" className="mt-4 space-y-4" {...getFormProps(form)}>
            <CsrfInput />
            <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
            <FormErrors id={form.errorId} errors={form.errors} />
            <TextField label="E-Mail" meta={fields.email} type="email" autoComplete="username" required />
            <TextField
              label="Passwort"
              meta={fields.password}
              type="password"
              autoComplete="current-password"
              required
            />
            <button type="submit" className="btn-primary w-full justify-center" disabled={navigation.state === "submitting"}>
              Anmelden
            </button>
          </Form>
        </div>
      </main>
      <footer className="mt-auto border-t border-slate-200 bg-white px-4 py-3 text-center text-xs text-slate-600">
        Fahrplan – Digitalisierung für Kommunen ·{" "}
        <Link to="/barrierefreiheit" className="underline">
          Erklärung zur Barrierefreiheit
        </Link>
      </footer>
    </div>
  );
}
