import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { auditLogout } from "~/areas/auth/login.server";
import { readForm } from "~/utils/csrf.server";
import { endSession, readSession } from "~/utils/session.server";
import { requireUser } from "~/utils/context.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  await readForm(request);
  const session = await readSession(request);
  if (session) {
    const { user } = await requireUser(request);
    auditLogout(user.id, user.email, session.municipalityId);
  }
  return redirect("/login", { headers: { "Set-Cookie": await endSession(request, session?.id ?? null) } });
}
