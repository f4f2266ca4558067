import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { ASSIGNABLE_ROLES } from "~/areas/auth/roles";
import { buildGroupRoles, groupsByRole, isAllowedIssuer, parseGroupRoles, splitGroups } from "~/areas/auth/sso";
import { oidcConfigOf, saveOidcConfig } from "~/areas/auth/sso-config.server";
import { publicOrigin } from "~/areas/auth/sso-http.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { CsrfInput } from "~/components/csrf";
import { CheckboxField, FormErrors, TextField } from "~/components/forms";
import { requireContext } from "~/utils/context.server";
import { readForm } from "~/utils/csrf.server";
import { getDb } from "~/utils/db.server";
import { replyWithError } from "~/utils/form-reply.server";
import { ROLE_LABELS } from "~/utils/permissions";

export const meta: MetaFunction = () => [{ title: "Anmeldung über Single Sign-on – Fahrplan" }];

const groupList = z
  .string()
  .max(2000, { error: "Höchstens 2.000 Zeichen." })
  .optional()
  .refine((v) => splitGroups(v).every((g) => g.length <= 200), { error: "Ein Gruppenname darf höchstens 200 Zeichen lang sein." });

const SsoFormSchema = z.object({
  enabled: z.boolean().default(false),
  displayName: z
    .string({ error: "Bitte geben Sie einen Namen für die Schaltfläche an." })
    .trim()
    .min(2, { error: "Der Name muss mindestens 2 Zeichen lang sein." })
    .max(60, { error: "Der Name darf höchstens 60 Zeichen lang sein." }),
  issuer: z
    .string({ error: "Bitte geben Sie die Adresse des Identitätsanbieters an." })
    .trim()
    .refine(isAllowedIssuer, { error: "Die Adresse muss mit https:// beginnen (http nur für localhost)." }),
  clientId: z.string({ error: "Bitte geben Sie die Client-ID an." }).trim().max(200, { error: "Höchstens 200 Zeichen." }),
  clientSecret: z.string().max(500, { error: "Höchstens 500 Zeichen." }).optional(),
  groupClaim: z
    .string({ error: "Bitte geben Sie den Claim mit den Gruppen an." })
    .trim()
    .regex(/^[A-Za-z0-9_.:/-]{1,100}$/, { error: "Nur Buchstaben, Ziffern und _ . : / - (z. B. groups)." }),
  createUsers: z.boolean().default(false),
  version: z.number().int().optional(),
  ...Object.fromEntries(ASSIGNABLE_ROLES.map((r) => [`groups_${r}`, groupList])),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "admin.users");
  const row = oidcConfigOf(getDb(), ctx.municipalityId);
  const lists = groupsByRole(parseGroupRoles(row?.groupRoles ?? "{}"));
  const origin = publicOrigin(request);
  return json({
    hasSecret: Boolean(row?.clientSecret),
    defaults: {
      enabled: row?.enabled ?? false,
      displayName: row?.displayName ?? `Anmeldung ${ctx.municipality.name}`,
      issuer: row?.issuer ?? "",
      clientId: row?.clientId ?? "",
      groupClaim: row?.groupClaim ?? "groups",
      createUsers: row?.createUsers ?? false,
      version: row?.version,
      ...Object.fromEntries(ASSIGNABLE_ROLES.map((r) => [`groups_${r}`, lists[r].join(", ")])),
    },
    redirectUri: `${origin}/sso/callback`,
    postLogoutUri: `${origin}/login`,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireContext(request, "admin.users");
  const submission = parseWithZod(await readForm(request), { schema: SsoFormSchema });
  if (submission.status !== "success") return json(submission.reply({ hideFields: ["clientSecret"] }), { status: 400 });
  const values = submission.value as z.infer<typeof SsoFormSchema> & Record<string, string | undefined>;
  const mapping = buildGroupRoles(Object.fromEntries(ASSIGNABLE_ROLES.map((r) => [r, splitGroups(values[`groups_${r}`])])));
  if (!mapping.ok) return json(submission.reply({ formErrors: [mapping.message], hideFields: ["clientSecret"] }), { status: 400 });
  if (values.enabled && Object.keys(mapping.groupRoles).length === 0) {
    return json(submission.reply({ formErrors: ["Ordnen Sie mindestens einer Rolle eine Gruppe zu, bevor Sie die Anmeldung einschalten."], hideFields: ["clientSecret"] }), { status: 400 });
  }
  try {
    saveOidcConfig(
      ctx,
      {
        enabled: values.enabled,
        displayName: values.displayName,
        issuer: values.issuer,
        clientId: values.clientId,
        clientSecret: values.clientSecret ?? "",
        groupClaim: values.groupClaim,
        groupRoles: mapping.groupRoles,
        createUsers: values.createUsers,
      },
      values.version ?? null,
    );
  } catch (error) {
    return replyWithError(submission, error, ["clientSecret"]);
  }
  return redirect("/verwaltung/anmeldung?hinweis=gespeichert");
}

export default function SsoSettingsPage() {
  const location = useLocation();
  // A new key after saving: the form starts again from the stored values, the secret field empty.
  return <SsoSettings key={location.key} />;
}

function SsoSettings() {
  const { defaults, hasSecret, redirectUri, postLogoutUri } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    id: "sso",
    lastResult,
    defaultValue: defaults,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SsoFormSchema }),
  });
  const field = fields as unknown as Record<string, Parameters<typeof TextField>[0]["meta"]>;
  return (
    <div className="max-w-3xl space-y-6">
      <Breadcrumbs items={[{ to: "/verwaltung", label: "Verwaltung" }, { label: "Anmeldung über Single Sign-on" }]} />
      <h1>Anmeldung über Single Sign-on</h1>
      {searchParams.get("hinweis") === "gespeichert" ? (
        <p role="status" className="rounded border border-green-700 bg-green-50 p-3">
          Die Einstellungen sind gespeichert.
        </p>
      ) : null}
      <section aria-labelledby="sso-registrierung" className="card space-y-2 text-sm">
        <h2 id="sso-registrierung">Beim Identitätsanbieter eintragen</h2>
        <p>Legen Sie beim Identitätsanbieter (OpenID Connect) einen vertraulichen Client mit diesen Adressen an:</p>
        <dl className="grid gap-1 sm:grid-cols-[12rem_1fr]">
          <dt className="font-semibold">Redirect-URI</dt>
          <dd className="break-all font-mono">{redirectUri}</dd>
          <dt className="font-semibold">Nach dem Abmelden</dt>
          <dd className="break-all font-mono">{postLogoutUri}</dd>
        </dl>
        <p>Benötigt werden die Scopes openid, email und profile und ein Claim mit den Gruppen der Person.</p>
      </section>
      <Form method="post" className="card space-y-4" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="version" value={defaults.version ?? ""} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <CheckboxField label="Anmeldung über den Identitätsanbieter anbieten" meta={fields.enabled} />
        <TextField label="Name auf der Schaltfläche" meta={fields.displayName} hint="Die Anmeldeseite zeigt „Anmelden mit …“ und diesen Namen." required />
        <TextField label="Issuer-URL des Identitätsanbieters" meta={fields.issuer} type="url" hint="z. B. https://login.musterstadt.de/realms/verwaltung" required />
        <TextField label="Client-ID" meta={fields.clientId} autoComplete="off" required />
        <TextField
          label="Client-Secret"
          meta={field.clientSecret}
          type="password"
          autoComplete="new-password"
          hint={hasSecret ? "Gespeichert. Leer lassen, um das gespeicherte Secret zu behalten." : "Wird nach dem Speichern nicht wieder angezeigt."}
        />
        <TextField label="Claim mit den Gruppen" meta={fields.groupClaim} hint="Name des Claims im ID-Token oder in den Userinfo-Daten, meist „groups“." required />
        <fieldset className="space-y-3">
          <legend className="font-semibold">Gruppen → Rolle in dieser Kommune</legend>
          <p className="hint">
            Mehrere Gruppen durch Komma trennen. Ist eine Person in Gruppen mehrerer Rollen, gilt die Rolle mit den meisten Rechten. Wer in keiner
            dieser Gruppen ist, wird abgewiesen. Die Rolle wird bei jeder Anmeldung neu aus den Gruppen bestimmt.
          </p>
          {ASSIGNABLE_ROLES.map((role) => (
            <TextField key={role} label={`Gruppen für „${ROLE_LABELS[role]}“`} meta={field[`groups_${role}`]} autoComplete="off" />
          ))}
        </fieldset>
        <CheckboxField label="Bei der ersten Anmeldung ein Konto anlegen (sonst nur bestehende Konten, verknüpft über die bestätigte E-Mail-Adresse)" meta={fields.createUsers} />
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          Speichern
        </button>
      </Form>
    </div>
  );
}
