import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { isGenuineCertificate } from "~/areas/trainings/certificates.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { clientAddress } from "~/utils/load-context";
import { hitRateLimit } from "~/utils/rate-limit.server";

export const meta: MetaFunction = () => [{ title: "Teilnahmebescheinigung prüfen – Fahrplan" }, { name: "robots", content: "noindex" }];

/**
 * Per client address; far above what a person checking certificates by hand needs, far below what
 * guessing 60-bit codes would take.
 */
export const CERTIFICATE_CHECK_LIMIT = { max: 30, windowMs: 15 * 60_000 };

/** Public, no login: answers only whether a certificate with this code was issued. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const limit = hitRateLimit(`certificateCheck:${clientAddress(context)}`, CERTIFICATE_CHECK_LIMIT);
  if (!limit.allowed) {
    throw json(
      { message: `Von Ihrer Adresse wurden in kurzer Zeit zu viele Prüfcodes abgefragt. Bitte versuchen Sie es in ${Math.ceil(limit.retryAfterSeconds / 60)} Minuten erneut.` },
      { status: 429, statusText: "Too Many Requests", headers: { "Retry-After": String(limit.retryAfterSeconds), "Cache-Control": "no-store" } },
    );
  }
  const code = (params.code ?? "").slice(0, 40);
  const genuine = isGenuineCertificate(code);
  return json({ code, genuine }, { status: genuine ? 200 : 404, headers: { "Cache-Control": "no-store", "X-Robots-Tag": "noindex" } });
}

export default function CertificateCheckPage() {
  const { code, genuine } = useLoaderData<typeof loader>();
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
          {genuine ? (
            <p className="alert-success" role="status" data-testid="certificate-result">
              Echt: Eine Teilnahmebescheinigung mit diesem Prüfcode wurde ausgestellt.
            </p>
          ) : (
            <p className="alert-error" role="status" data-testid="certificate-result">
              Nicht bestätigt: Zu diesem Prüfcode gibt es keine ausgestellte Teilnahmebescheinigung. Bitte prüfen Sie die Schreibweise.
            </p>
          )}
          <p className="text-xs text-slate-600">Aus Datenschutzgründen zeigt diese Seite keine weiteren Angaben zur Person oder Schulung.</p>
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
