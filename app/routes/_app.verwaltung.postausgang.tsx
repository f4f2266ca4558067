import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { MAIL_KIND_LABELS, MAIL_STATE_LABELS } from "~/areas/mail/labels";
import { listOutbox, retryMail } from "~/areas/mail/outbox-admin.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { CsrfInput } from "~/components/csrf";
import { requireContext } from "~/utils/context.server";
import { readForm } from "~/utils/csrf.server";
import { getDb } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { ValidationError } from "~/utils/errors";
import { formatDateTime } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Postausgang – Fahrplan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "mail.manage");
  const { rows, counts } = listOutbox(getDb(), ctx);
  return json({ rows, counts, smtpConfigured: Boolean(env().SMTP_URL) });
}

const RetrySchema = z.object({ id: z.coerce.number().int().positive() });

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireContext(request, "mail.manage");
  const parsed = RetrySchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return json({ error: "Ungültige Anfrage." }, { status: 400 });
  try {
    retryMail(ctx, parsed.data.id);
  } catch (error) {
    if (error instanceof ValidationError) return json({ error: error.fieldErrors.form?.[0] ?? "Nicht möglich." }, { status: 400 });
    throw error;
  }
  return redirect("/verwaltung/postausgang?hinweis=erneut");
}

export default function OutboxPage() {
  const { rows, counts, smtpConfigured } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ to: "/verwaltung", label: "Verwaltung" }, { label: "Postausgang" }]} />
      <h1>Postausgang</h1>
      {smtpConfigured ? null : (
        <p className="alert-error" role="status" data-testid="smtp-missing">
          Es ist kein Mailserver eingerichtet (Umgebungsvariable SMTP_URL). Die E-Mails warten hier und werden gesendet, sobald er eingerichtet
          ist.
        </p>
      )}
      {params.get("hinweis") === "erneut" ? (
        <p className="alert-success" role="status">
          Die E-Mail wird in wenigen Sekunden erneut gesendet.
        </p>
      ) : null}
      {data?.error ? (
        <p className="alert-error" role="alert">
          {data.error}
        </p>
      ) : null}
      <p className="text-slate-700">
        {(["pending", "sending", "held", "failed", "sent", "digested"] as const).map((s, i) => (
          <span key={s}>
            {i > 0 ? " · " : ""}
            {MAIL_STATE_LABELS[s]}: {counts[s] ?? 0}
          </span>
        ))}
      </p>
      {rows.length === 0 ? (
        <p className="card">Bisher wurden keine E-Mails erzeugt.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="table" data-testid="outbox">
            <caption className="sr-only">E-Mails der Kommune, neueste zuerst</caption>
            <thead>
              <tr>
                <th scope="col">Erzeugt</th>
                <th scope="col">Art</th>
                <th scope="col">An</th>
                <th scope="col">Betreff</th>
                <th scope="col">Stand</th>
                <th scope="col">Versuche</th>
                <th scope="col">Letzter Fehler</th>
                <th scope="col">
                  <span className="sr-only">Aktion</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>{formatDateTime(r.createdAt)}</td>
                  <td>{MAIL_KIND_LABELS[r.kind]}</td>
                  <td>{r.recipientEmail}</td>
                  <td>{r.subject}</td>
                  <td>
                    {MAIL_STATE_LABELS[r.state]}
                    {r.sentAt ? <span className="block text-xs text-slate-600">{formatDateTime(r.sentAt)}</span> : null}
                    {r.state === "pending" && r.attempts > 0 ? (
                      <span className="block text-xs text-slate-600">nächster Versuch {formatDateTime(new Date(r.nextAttemptAt))}</span>
                    ) : null}
                  </td>
                  <td>{r.attempts}</td>
                  <td className="max-w-xs break-words text-sm">{r.lastError ?? "–"}</td>
                  <td>
                    {r.state === "failed" || (r.state === "pending" && r.attempts > 0) ? (
                      <Form method="post">
                        <CsrfInput />
                        <input type="hidden" name="id" value={r.id} />
                        <button type="submit" className="btn-secondary" aria-label={`Erneut senden: ${r.subject} an ${r.recipientEmail}`}>
                          Erneut senden
                        </button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
