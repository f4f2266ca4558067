/** Messages of "Passwort vergessen" shown in the page (kept out of the server module for the browser build). */
export const RESET_REQUESTED_MESSAGE =
  "Wenn zu dieser E-Mail-Adresse ein Konto besteht, haben wir Ihnen eine E-Mail mit einem Link zum Zurücksetzen des Passworts geschickt. Der Link ist 60 Minuten gültig. Bitte sehen Sie auch im Spam-Ordner nach.";

export const INVALID_TOKEN_MESSAGE =
  "Dieser Link ist nicht mehr gültig: Er wurde schon benutzt oder ist älter als 60 Minuten. Bitte fordern Sie einen neuen an.";
