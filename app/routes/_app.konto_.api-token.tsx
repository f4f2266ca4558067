import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { NewTokenSchema, createApiToken, listOwnTokens, revokeApiToken } from "~/areas/api/tokens.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { CsrfInput } from "~/components/csrf";
import { FormErrors, SelectField, TextField } from "~/components/forms";
import { requireContext } from "~/utils/context.server";
import { readForm } from "~/utils/csrf.server";
import { formatDateTime } from "~/utils/format";
import { replyWithError } from "~/utils/form-reply.server";

export const meta: MetaFunction = () => [{ title: "API-Token – Fahrplan" }];

const LIFETIME_OPTIONS = [
  { value: "30", label: "30 Tage" },
  { value: "90", label: "90 Tage" },
  { value: "365", label: "1 Jahr" },
  { value: "0", label: "unbegrenzt (bis zum Widerruf)" },
];

const RevokeSchema = z.object({ tokenId: z.coerce.number().int().positive() });

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "api.tokens");
  return json({ municipality: ctx.municipality.name, tokens: listOwnTokens(ctx) });
}

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireContext(request, "api.tokens");
  const form = await readForm(request);
  if (form.get("intent") === "revoke") {
    const parsed = RevokeSchema.safeParse({ tokenId: form.get("tokenId") });
    if (!parsed.success) return json({ status: "error" as const, error: { "": ["Das Token konnte nicht erkannt werden."] } }, { status: 400 });
    revokeApiToken(ctx, parsed.data.tokenId);
    return redirect("/konto/api-token?hinweis=widerrufen");
  }
  const submission = parseWithZod(form, { schema: NewTokenSchema });
  if (submission.status !== "success") return json({ ...submission.reply(), token: null }, { status: 400 });
  try {
    const { token } = createApiToken(ctx, submission.value);
    return json({ ...submission.reply({ resetForm: true }), token });
  } catch (error) {
    return replyWithError(submission, error);
  }
}

export default function ApiTokenPage() {
  const { municipality, tokens } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "neues-token",
    lastResult: result && "token" in result ? result : undefined,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewTokenSchema }),
  });
  const created = result && "token" in result && typeof result.token === "string" ? result.token : null;
  return (
    <div className="max-w-3xl space-y-6">
      <Breadcrumbs items={[{ to: "/konto", label: "Mein Konto" }, { label: "API-Token" }]} />
      <h1>API-Token</h1>
      <p>
        Ein Token gilt nur für <strong>{municipality}</strong> und nur zum Lesen, mit den Rechten Ihrer Rolle dort. Die
        Beschreibung der Schnittstelle steht unter <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.
      </p>
      {searchParams.get("hinweis") === "widerrufen" ? (
        <p role="status" className="rounded border border-green-700 bg-green-50 p-3">
          Das Token ist widerrufen und funktioniert nicht mehr.
        </p>
      ) : null}
      {created ? (
        <section aria-labelledby="token-neu" role="status" className="card border-2 border-green-700">
          <h2 id="token-neu">Ihr neues Token</h2>
          <p className="mt-2 text-sm">
            Kopieren Sie es jetzt. Es wird nur dieses eine Mal angezeigt; gespeichert ist nur ein Prüfwert.
          </p>
          <p className="mt-3 break-all rounded bg-slate-100 p-3 font-mono" data-testid="new-token">
            {created}
          </p>
        </section>
      ) : null}
      <section aria-labelledby="token-anlegen" className="card">
        <h2 id="token-anlegen">Neues Token anlegen</h2>
        <Form method="post" className="mt-4 space-y-4" {...getFormProps(form)}>
          <CsrfInput />
          <input type="hidden" name="intent" value="create" />
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextField label="Name" meta={fields.name} hint="Wofür Sie das Token verwenden, z. B. „Auswertung Controlling“." required />
          <SelectField label="Gültig für" meta={fields.lifetimeDays} placeholder="Bitte wählen" options={LIFETIME_OPTIONS} />
          <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
            Token anlegen
          </button>
        </Form>
      </section>
      <section aria-labelledby="token-liste" className="card">
        <h2 id="token-liste">Meine Token in {municipality}</h2>
        {tokens.length === 0 ? (
          <p className="mt-2">Sie haben noch kein Token angelegt.</p>
        ) : (
          <table className="mt-3 w-full text-sm">
            <thead>
              <tr>
                <th scope="col" className="text-left">Name</th>
                <th scope="col" className="text-left">Beginnt mit</th>
                <th scope="col" className="text-left">Angelegt</th>
                <th scope="col" className="text-left">Gültig bis</th>
                <th scope="col" className="text-left">Zuletzt benutzt</th>
                <th scope="col" className="text-left">Status</th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id}>
                  <td>{t.name}</td>
                  <td className="font-mono">{t.prefix}…</td>
                  <td>{formatDateTime(t.createdAt)}</td>
                  <td>{t.expiresAt ? formatDateTime(t.expiresAt) : "bis zum Widerruf"}</td>
                  <td>{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : "noch nie"}</td>
                  <td>
                    {t.revokedAt ? (
                      `widerrufen am ${formatDateTime(t.revokedAt)}`
                    ) : (
                      <Form method="post">
                        <CsrfInput />
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="tokenId" value={t.id} />
                        <button type="submit" className="btn-secondary" aria-label={`Token „${t.name}“ widerrufen`}>
                          Widerrufen
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
