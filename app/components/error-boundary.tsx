import { Form, isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { CsrfInput } from "./csrf";

interface SwitchOffer {
  municipalityId: number;
  name: string;
  returnTo: string;
}

const STATUS_TEXT: Record<number, { title: string; text: string }> = {
  400: { title: "Ungültige Anfrage", text: "Die Anfrage konnte nicht verarbeitet werden." },
  403: { title: "Keine Berechtigung", text: "Für diese Seite oder Aktion fehlt Ihnen die Berechtigung." },
  404: { title: "Seite nicht gefunden", text: "Die angeforderte Seite gibt es nicht oder sie ist für Sie nicht sichtbar." },
  409: { title: "Konflikt", text: "Der Datensatz wurde zwischenzeitlich geändert." },
  413: { title: "Anfrage zu groß", text: "Die gesendeten Daten sind zu groß." },
  415: { title: "Format nicht unterstützt", text: "Dieses Datenformat nimmt Fahrplan nicht an." },
  429: { title: "Zu viele Anfragen", text: "Bitte warten Sie einige Minuten und versuchen Sie es dann erneut." },
};

/** German error page; never shows a stack trace. Server-side errors are logged with the path. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  let title = "Es ist ein Fehler aufgetreten";
  let text = "Bitte versuchen Sie es später erneut. Wenn der Fehler bleibt, wenden Sie sich an die Administration.";
  let switchTo: SwitchOffer | null = null;
  if (isRouteErrorResponse(error)) {
    switchTo = (error.data as { switchTo?: SwitchOffer } | null)?.switchTo ?? null;
    const known = STATUS_TEXT[error.status];
    if (known) ({ title, text } = known);
    const message = (error.data as { message?: unknown } | null)?.message;
    if (typeof message === "string") text = message;
  }
  return (
    <section aria-labelledby="fehler-titel" className="card">
      <h1 id="fehler-titel">{title}</h1>
      <p className="mt-2">{text}</p>
      {switchTo ? (
        <Form method="post" action="/kommune-wechseln" className="mt-4">
          <CsrfInput />
          <input type="hidden" name="municipalityId" value={switchTo.municipalityId} />
          <input type="hidden" name="returnTo" value={switchTo.returnTo} />
          <input type="hidden" name="open" value="record" />
          <button type="submit" className="btn-primary">
            Zur Kommune {switchTo.name} wechseln und Datensatz öffnen
          </button>
        </Form>
      ) : null}
      <p className="mt-4">
        <Link to="/">Zur Übersicht</Link>
      </p>
    </section>
  );
}
