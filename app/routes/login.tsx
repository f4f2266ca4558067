import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf";
import { FormErrors, TextField } from "~/components/forms";
import { PublicPage } from "~/components/public-page";
import { attemptLogin } from "~/areas/auth/login.server";
import { loginProviders } from "~/areas/auth/sso-config.server";
import { SSO_REFUSALS, isSsoRefusal } from "~/areas/auth/sso.server";
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
  const refusal = new URL(request.url).searchParams.get("sso");
  const providers = loginProviders();
  // The same provider name in several Kommunen: the Kommune tells the buttons apart.
  const names = providers.map((p) => p.displayName);
  return json({
    providers: providers.map((p) => ({
      href: `/sso/${p.municipalityId}/start`,
      label: names.filter((n) => n === p.displayName).length > 1 ? `Anmelden mit ${p.displayName} (${p.municipalityName})` : `Anmelden mit ${p.displayName}`,
    })),
    ssoMessage: isSsoRefusal(refusal) ? SSO_REFUSALS[refusal] : null,
  });
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
  const { providers, ssoMessage } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const redirectTo = searchParams.get("redirectTo");
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "login",
    lastResult,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
  });
  return (
    <PublicPage>
      <h1>Anmelden</h1>
      {searchParams.get("hinweis") === "passwort-neu" ? (
        <p className="alert-success mt-4" role="status">
          Ihr neues Passwort ist gespeichert. Alle bisherigen Anmeldungen wurden beendet; bitte melden Sie sich neu an.
        </p>
      ) : null}
      {ssoMessage ? (
        <p role="alert" className="mt-4 rounded border border-red-700 bg-red-50 p-3 text-sm text-red-900">
          {ssoMessage}
        </p>
      ) : null}
      {providers.length > 0 ? (
        <div className="mt-4 space-y-2">
          {providers.map((p) => (
            <a key={p.href} href={redirectTo ? `${p.href}?redirectTo=${encodeURIComponent(redirectTo)}` : p.href} className="btn-primary w-full justify-center">
              {p.label}
            </a>
          ))}
          <p className="pt-2 text-center text-sm text-slate-700">oder mit E-Mail und Passwort:</p>
        </div>
      ) : null}
      <Form method="post" className="mt-4 space-y-4" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField label="E-Mail" meta={fields.email} type="email" autoComplete="username" required />
        <TextField label="Passwort" meta={fields.password} type="password" autoComplete="current-password" required />
        <button type="submit" className="btn-primary w-full justify-center" disabled={navigation.state === "submitting"}>
          Anmelden
        </button>
      </Form>
      <p className="mt-4 text-sm">
        <Link to="/passwort-vergessen" className="underline">
          Passwort vergessen?
        </Link>
      </p>
    </PublicPage>
  );
}
