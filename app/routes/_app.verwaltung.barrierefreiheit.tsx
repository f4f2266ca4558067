import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listAccessibilityFeedback } from "~/areas/accessibility/feedback.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { ExternalLink } from "~/components/external-link";
import { requireContext } from "~/utils/context.server";
import { formatDateTime } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Rückmeldungen zur Barrierefreiheit – Fahrplan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "feedback.view");
  return json({ municipality: ctx.municipality.name, feedback: listAccessibilityFeedback(ctx) });
}

export default function AccessibilityFeedbackList() {
  const { municipality, feedback } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ to: "/verwaltung", label: "Verwaltung" }, { label: "Rückmeldungen zur Barrierefreiheit" }]} />
      <h1>Rückmeldungen zur Barrierefreiheit</h1>
      <p className="text-slate-700">
        Was Menschen über das Formular der <Link to="/barrierefreiheit" className="underline">Erklärung zur Barrierefreiheit</Link> an{" "}
        {municipality} gemeldet haben. Nach BITV 2.0 ist eine Antwort innerhalb eines Monats vorgesehen, wenn eine E-Mail-Adresse
        angegeben wurde.
      </p>
      {feedback.length === 0 ? (
        <p className="card" data-testid="feedback-empty">Bisher sind keine Rückmeldungen eingegangen.</p>
      ) : (
        <ul className="space-y-4" data-testid="feedback-list">
          {feedback.map((f) => (
            <li key={f.id} className="card space-y-2">
              <p className="text-sm text-slate-700">
                Eingegangen am {formatDateTime(f.createdAt)}
                {f.page ? <> · Seite oder Inhalt: {f.page}</> : null}
              </p>
              <p className="whitespace-pre-line">{f.message}</p>
              <p className="text-sm">
                {f.contactEmail ? (
                  <>
                    Antwort an: {f.contactName ? `${f.contactName}, ` : ""}
                    <ExternalLink href={`mailto:${f.contactEmail}`} mailto>
                      {f.contactEmail}
                    </ExternalLink>
                  </>
                ) : (
                  <span className="text-slate-600">Ohne E-Mail-Adresse{f.contactName ? ` (${f.contactName})` : ""}: keine Antwort möglich.</span>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
