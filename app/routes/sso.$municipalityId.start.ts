import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { ssoRedirectUri, ssoStateCookie } from "~/areas/auth/sso-http.server";
import { startSsoLogin } from "~/areas/auth/sso.server";
import { idParam } from "~/utils/http.server";
import { logger } from "~/utils/logger.server";
import { safeRedirectPath } from "~/utils/url";

/** "Anmelden mit …": sends the browser to the Kommune's identity provider (code flow with PKCE). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const municipalityId = idParam(params.municipalityId);
  const redirectTo = safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"));
  try {
    const { url, state } = await startSsoLogin(municipalityId, ssoRedirectUri(request), redirectTo);
    return redirect(url, { headers: { "Set-Cookie": await ssoStateCookie(request).serialize(state), "Cache-Control": "no-store" } });
  } catch (error) {
    logger.warn({ municipalityId, err: (error as Error).message }, "sso start failed");
    return redirect("/login?sso=fehlgeschlagen");
  }
}
