import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { ssoRedirectUri, ssoStateCookie } from "~/areas/auth/sso-http.server";
import { SsoError, finishSsoLogin, rememberSsoSession } from "~/areas/auth/sso.server";
import { clientAddress } from "~/utils/load-context";
import { logger } from "~/utils/logger.server";
import { createSession } from "~/utils/session.server";
import { safeRedirectPath } from "~/utils/url";

/** The identity provider sends the browser back here with the code; then the session starts. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const stateCookie = ssoStateCookie(request);
  const clear = await stateCookie.serialize("", { maxAge: 0 });
  const cookieState = await stateCookie.parse(request.headers.get("Cookie"));
  try {
    const result = await finishSsoLogin(url, typeof cookieState === "string" ? cookieState : null, ssoRedirectUri(request), clientAddress(context));
    const session = await createSession(request, result.userId, result.municipalityId);
    rememberSsoSession(session.id, result.municipalityId, result.idToken);
    const headers = new Headers({ "Cache-Control": "no-store" });
    headers.append("Set-Cookie", session.cookie);
    headers.append("Set-Cookie", clear);
    return redirect(safeRedirectPath(result.redirectTo), { headers });
  } catch (error) {
    const refusal = error instanceof SsoError ? error.refusal : "fehlgeschlagen";
    if (!(error instanceof SsoError)) logger.error({ err: (error as Error).message }, "sso callback failed");
    return redirect(`/login?sso=${refusal}`, { headers: { "Set-Cookie": clear, "Cache-Control": "no-store" } });
  }
}
