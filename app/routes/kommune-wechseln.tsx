import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { changedValues, writeAudit } from "~/utils/audit.server";
import { requireContext } from "~/utils/context.server";
import { readForm } from "~/utils/csrf.server";
import { transaction } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";
import { setSessionMunicipality } from "~/utils/session.server";
import { safeRedirectPath } from "~/utils/url";

export async function loader() {
  return redirect("/");
}

/** Switches the current Kommune among those the caller may act in; any other id is a 404. */
export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireContext(request);
  const form = await readForm(request);
  const target = Number(form.get("municipalityId"));
  const allowed = ctx.municipalities.find((m) => m.id === target);
  if (!allowed) notFound();
  setSessionMunicipality(ctx.sessionId, allowed.id);
  transaction((tx) =>
    writeAudit(tx, {
      actor: ctx.actor,
      municipalityId: allowed.id,
      entity: "session",
      action: "switch_municipality",
      changes: changedValues({ municipality: ctx.municipality.name }, { municipality: allowed.name }),
    }),
  );
  const returnTo = safeRedirectPath(form.get("returnTo"));
  // The switch offered on a 404 page opens the record it was offered for.
  if (form.get("open") === "record") return redirect(returnTo);
  // Detail pages of the previous Kommune would be 404 in the new one; start from its section.
  return redirect(`/${new URL(returnTo, "http://localhost").pathname.split("/")[1] ?? ""}`);
}
