import crypto from "node:crypto";
import { createCookie } from "@remix-run/node";
import { badRequest, forbidden } from "./http.server";
import { isHttps } from "./session.server";
import { sessionSecret } from "./secrets.server";
import { cleanFormData } from "./text";

/**
 * CSRF protection by the signed double-submit pattern: a random token lives in a signed,
 * httpOnly cookie and every mutating form echoes it in the hidden field `csrf`.
 */
export const CSRF_FIELD = "csrf";

function csrfCookie(request: Request) {
  return createCookie("fahrplan_csrf", {
    httpOnly: true,
    sameSite: "lax",
    secure: isHttps(request),
    path: "/",
    secrets: [sessionSecret()],
  });
}

/** The token for this browser, and a Set-Cookie header when a new one had to be issued. */
export async function csrfToken(request: Request): Promise<{ token: string; setCookie: string | null }> {
  const existing = await csrfCookie(request).parse(request.headers.get("Cookie"));
  if (typeof existing === "string" && existing.length > 20) return { token: existing, setCookie: null };
  const token = crypto.randomBytes(24).toString("base64url");
  return { token, setCookie: await csrfCookie(request).serialize(token) };
}

/**
 * Throws 403 unless the submitted token matches the cookie. Every form submission passes here,
 * so this is also where its text is cleaned of control and bidi override characters.
 */
export async function verifyCsrf(request: Request, formData: FormData): Promise<void> {
  const cookieToken = await csrfCookie(request).parse(request.headers.get("Cookie"));
  const formToken = formData.get(CSRF_FIELD);
  if (
    typeof cookieToken !== "string" ||
    typeof formToken !== "string" ||
    cookieToken.length !== formToken.length ||
    !crypto.timingSafeEqual(Buffer.from(cookieToken), Buffer.from(formToken))
  ) {
    forbidden("Das Formular ist abgelaufen oder ungültig. Bitte laden Sie die Seite neu und versuchen Sie es erneut.");
  }
  cleanFormData(formData);
}

export const UNREADABLE_FORM = "Das Formular konnte nicht gelesen werden. Bitte laden Sie die Seite neu und senden Sie es erneut.";

/** Reads a form submission and checks its CSRF token: the way every action reads its input. */
export async function readForm(request: Request): Promise<FormData> {
  let formData: FormData;
  try {
    formData = await request.formData();
  } catch {
    // Not a form (JSON, text, a multipart body without boundary or with broken parts): the
    // client's mistake, so 400 and not the 500 an uncaught parse error would give.
    badRequest(UNREADABLE_FORM);
  }
  await verifyCsrf(request, formData);
  return formData;
}
