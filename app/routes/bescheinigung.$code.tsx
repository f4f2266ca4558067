import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { checkCertificate } from "~/areas/trainings/certificates.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatDate } from "~/utils/format";
import { clientAddress } from "~/utils/load-context";
import { hitRateLimit } from "~/utils/rate-limit.server";

export const meta: MetaFunction = () => [{ title: "Teilnahmebescheinigung prüfen – Fahrplan" }, { name: "robots", content: "noindex" }];

/**
 * Per client address; far above what a person checking certificates by hand needs, far below what
 * guessing 60-bit codes would take.
 */
export const CERTIFICATE_CHECK_LIMIT = { max: 30, windowMs: 15 * 60_000 };

/** Public, no login: valid (holder, course, date), revoked, or unknown; nothing more. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const limit = hitRateLimit(`certificateCheck:${clientAddress(context)}`, CERTIFICATE_CHECK_LIMIT);
  if (!limit.allowed) {
    throw json(
      { message: `Von Ihrer Adresse wurden in kurzer Zeit zu viele Prüfcodes abgefragt. Bitte versuchen Sie es in ${Math.ceil(limit.retryAfterSeconds / 60)} Minuten erneut.` },
      { status: 429, statusText: "Too Many Requests", headers: { "Retry-After": String(limit.retryAfterSeconds), "Cache-Control": "no-store" } },
    );
  }
  const code = (params.code ?? "").slice(0, 40);
  const check = checkCertificate(code);
  return json({ code, check }, { status: check.result === "unknown" ? 404 : 200, headers: { "Cache-Control": "no-store", "X-Robots-Tag": "noindex" } });
}

export default function CertificateCheckPage() {
  const { code, check } = useLoaderData<typeof loader>();
  return (
    <div className="flex min-h-screen flex-col">
      <header className="bg-brand-800 px-6 py-4 text-white">
        <p className="text-xl font-semibold">Fahrplan</p>
        <p className="text-sm text-brand-100">Prüfung von Teilnahmebescheinigungen</p>
      </header>
      <main id="inhalt" className="mx-auto mt-12 w-full max-w-lg px-4">
        <div className="card space-y-3">
          <h1>Teilnahmebescheinigung prüfen</h1>
          <p className="text-sm text-slate-700">
            Prüfcode: <span className="font-mono">{code}</span>
          </p>
          {check.result === "valid" && (
            <div className="alert-success" role="status" data-testid="certificate-result">
              <p className="font-semibold">Gültig: Diese Teilnahmebescheinigung wurde ausgestellt.</p>
              <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
                <dt>Name</dt>
                <dd>{check.holderName ?? "nach Ablauf der Aufbewahrungsfrist gelöscht"}</dd>
                <dt>Schulung</dt>
                <dd>{check.courseTitle}</dd>
                <dt>Datum</dt>
                <dd>{formatDate(check.sessionDate)}</dd>
              </dl>
            </div>
          )}
          {check.result === "revoked" && (
            <div className="alert-error" role="status" data-testid="certificate-result">
              <p className="font-semibold">Widerrufen: Diese Teilnahmebescheinigung ist nicht mehr gültig.</p>
              <p className="mt-1">
                Sie betraf die Schulung „{check.courseTitle}“ am {formatDate(check.sessionDate)}; die Teilnahme wurde nachträglich berichtigt.
              </p>
            </div>
          )}
          {check.result === "unknown" && (
            <p className="alert-error" role="status" data-testid="certificate-result">
              Nicht bestätigt: Zu diesem Prüfcode gibt es keine ausgestellte Teilnahmebescheinigung. Bitte prüfen Sie die Schreibweise.
            </p>
          )}
          <p className="text-xs text-slate-600">Aus Datenschutzgründen zeigt diese Seite nur Name, Schulung und Datum, keine weiteren Angaben.</p>
        </div>
      </main>
    </div>
  );
}

export function ErrorBoundary() {
  return (
    <main id="inhalt" className="mx-auto mt-12 w-full max-w-lg px-4">
      <GeneralErrorBoundary />
    </main>
  );
}
