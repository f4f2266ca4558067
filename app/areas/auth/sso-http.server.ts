import { createCookie } from "@remix-run/node";
import { env } from "../../utils/env.server";
import { isHttps } from "../../utils/session.server";

/** The address the provider sends the browser back to; PUBLIC_URL when set (behind a proxy). */
export function ssoRedirectUri(request: Request): string {
  return `${publicOrigin(request)}/sso/callback`;
}

export function publicOrigin(request: Request): string {
  const configured = env().PUBLIC_URL;
  return (configured ? new URL(configured).origin : new URL(request.url).origin).replace(/\/$/, "");
}

/** The state of a started login, bound to the browser (10 minutes, only sent to /sso). */
export function ssoStateCookie(request: Request) {
  return createCookie("fahrplan_sso_state", { httpOnly: true, sameSite: "lax", secure: isHttps(request), path: "/sso", maxAge: 600 });
}
