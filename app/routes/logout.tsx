import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { auditLogout } from "~/areas/auth/login.server";
import { publicOrigin } from "~/areas/auth/sso-http.server";
import { ssoLogoutUrl } from "~/areas/auth/sso.server";
import { readForm } from "~/utils/csrf.server";
import { endSession, readSession } from "~/utils/session.server";
import { requireUser } from "~/utils/context.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  await readForm(request);
  const session = await readSession(request);
  let providerLogout: string | null = null;
  if (session) {
    const { user } = await requireUser(request);
    // Read before the session ends: its SSO record (the ID token) goes with it.
    providerLogout = await ssoLogoutUrl(session.id, `${publicOrigin(request)}/login`);
    auditLogout(user.id, user.email, session.municipalityId, providerLogout ? "sso" : "local");
  }
  // The local session ends in any case; after an SSO login the provider's session ends too.
  return redirect(providerLogout ?? "/login", { headers: { "Set-Cookie": await endSession(request, session?.id ?? null) } });
}
