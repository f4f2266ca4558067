import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { AccessibilityFeedbackSchema, FEEDBACK_MESSAGE_MAX } from "~/areas/accessibility/feedback-form";
import { feedbackRecipients, submitAccessibilityFeedback } from "~/areas/accessibility/feedback.server";
import { AccessibilityStatement } from "~/areas/accessibility/statement";
import { CsrfInput } from "~/components/csrf";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, SelectField, TextField, TextareaField } from "~/components/forms";
import { readForm } from "~/utils/csrf.server";
import { clientAddress } from "~/utils/load-context";
import { readSession } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Erklärung zur Barrierefreiheit – Fahrplan" }];

/** Public, no login: the statement (BITV 2.0 § 7) and its feedback form. */
export async function loader({ request }: LoaderFunctionArgs) {
  const session = await readSession(request);
  const sent = new URL(request.url).searchParams.get("gesendet") === "1";
  return json({ recipients: feedbackRecipients(), preselected: session?.municipalityId ?? null, sent, signedIn: session !== null });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: AccessibilityFeedbackSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const outcome = submitAccessibilityFeedback(submission.value, clientAddress(context));
  if (!outcome.ok && outcome.reason === "rateLimited") {
    const minutes = Math.ceil(outcome.retryAfterSeconds / 60);
    return json(
      submission.reply({ formErrors: [`Von Ihrer Adresse kamen in kurzer Zeit viele Rückmeldungen. Bitte versuchen Sie es in ${minutes} Minuten erneut oder schreiben Sie uns auf anderem Weg.`] }),
      { status: 429, headers: { "Retry-After": String(outcome.retryAfterSeconds) } },
    );
  }
  if (!outcome.ok) {
    return json(submission.reply({ fieldErrors: { municipalityId: ["Diese Kommune gibt es nicht. Bitte wählen Sie eine aus der Liste."] } }), { status: 400 });
  }
  return redirect("/barrierefreiheit?gesendet=1#rueckmeldung");
}

export default function AccessibilityPage() {
  const { recipients, preselected, sent, signedIn } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "barrierefreiheit-rueckmeldung",
    lastResult,
    defaultValue: { municipalityId: preselected ? String(preselected) : recipients.length === 1 ? String(recipients[0].id) : "" },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AccessibilityFeedbackSchema }),
  });
  return (
    <div className="flex min-h-screen flex-col">
      <header className="bg-brand-800 px-6 py-4 text-white">
        <p className="text-xl font-semibold">Fahrplan</p>
        <p className="text-sm text-brand-100">Digitalagenda, Projekte, Schulungen und Förderung für Kommunen</p>
      </header>
      <main id="inhalt" className="mx-auto w-full max-w-3xl flex-1 space-y-6 px-4 py-8">
        <p className="text-sm">
          <Link to={signedIn ? "/" : "/login"} className="underline">
            {signedIn ? "Zurück zur Übersicht" : "Zur Anmeldung"}
          </Link>
        </p>
        <AccessibilityStatement />
        <section aria-labelledby="rueckmeldung" className="card space-y-4">
          <h2 id="rueckmeldung">Barriere melden</h2>
          <p className="text-sm text-slate-700">
            Ohne Anmeldung. Name und E-Mail-Adresse sind freiwillig; ohne sie können wir Ihnen nicht antworten. Ihre Angaben
            erhält nur die gewählte Kommune.
          </p>
          {sent && (
            <p className="alert-success" role="status" data-testid="feedback-sent">
              Vielen Dank! Ihre Rückmeldung ist angekommen. Die Kommune prüft sie und antwortet Ihnen, wenn Sie eine E-Mail-Adresse
              angegeben haben, innerhalb eines Monats.
            </p>
          )}
          <Form method="post" className="space-y-4" {...getFormProps(form)}>
            <CsrfInput />
            <FormErrors id={form.errorId} errors={form.errors} />
            <SelectField
              label="Kommune"
              meta={fields.municipalityId}
              options={recipients.map((r) => ({ value: r.id, label: r.name }))}
              placeholder="Bitte wählen"
            />
            <TextField label="Seite oder Inhalt (freiwillig)" meta={fields.page} hint="z. B. der Seitentitel oder die Adresse aus der Adresszeile" />
            <TextareaField
              label="Ihre Nachricht"
              meta={fields.message}
              rows={6}
              hint={`Welche Barriere ist Ihnen begegnet, oder welchen Inhalt benötigen Sie in zugänglicher Form? Höchstens ${FEEDBACK_MESSAGE_MAX.toLocaleString("de-DE")} Zeichen.`}
            />
            <div className="grid gap-4 sm:grid-cols-2">
              <TextField label="Name (freiwillig)" meta={fields.contactName} autoComplete="name" />
              <TextField label="E-Mail für Rückfragen (freiwillig)" meta={fields.contactEmail} type="email" autoComplete="email" />
            </div>
            <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
              Rückmeldung senden
            </button>
          </Form>
        </section>
      </main>
      <footer className="border-t border-slate-200 bg-white px-4 py-3 text-center text-xs text-slate-600">Fahrplan – Digitalisierung für Kommunen</footer>
    </div>
  );
}

export function ErrorBoundary() {
  return (
    <main id="inhalt" className="mx-auto max-w-3xl p-8">
      <GeneralErrorBoundary />
    </main>
  );
}
