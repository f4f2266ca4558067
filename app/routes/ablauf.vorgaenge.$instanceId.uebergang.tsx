import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { requireContext } from "~/utils/context.server";
import { readForm } from "~/utils/csrf.server";
import { transaction } from "~/utils/db.server";
import { ConflictError } from "~/utils/errors";
import { badRequest, idParam, notFound } from "~/utils/http.server";
import { TransitionRefusedError, WorkflowNotFoundError, fireTransition } from "~/workflow/index.server";
import { WORKFLOW_ERROR_PARAM } from "~/workflow/components";
import { safeRedirectPath } from "~/utils/url";

const TransitionForm = z.object({
  transition: z.string().min(1),
  expectedVersion: z.coerce.number().int().positive(),
  comment: z.string().max(2000).optional(),
  redirectTo: z.string().refine((to) => safeRedirectPath(to, "") !== ""),
});

/**
 * Fires a workflow transition posted by <WorkflowPanel>. Role, state and guards are checked again
 * here by the engine. The answer is always a redirect back to the page the user came from; refusals
 * and conflicts travel as a German message in its query string, so the same path serves the panel
 * with and without JavaScript.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireContext(request);
  const instanceId = idParam(params.instanceId);
  const parsed = TransitionForm.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) badRequest("Der Schritt konnte nicht ausgeführt werden: Die Angaben sind unvollständig.");
  const { transition, expectedVersion, comment, redirectTo } = parsed.data;
  const back = new URL(safeRedirectPath(redirectTo), "http://localhost");
  back.searchParams.delete(WORKFLOW_ERROR_PARAM);
  const fail = (message: string[]) => {
    back.searchParams.set(WORKFLOW_ERROR_PARAM, message.join(" "));
    return redirect(back.pathname + back.search);
  };
  try {
    transaction((tx) => fireTransition(tx, ctx, { instanceId, transition, expectedVersion, comment }));
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) notFound();
    if (error instanceof ConflictError) return fail([error.message]);
    if (error instanceof TransitionRefusedError) return fail(error.reasons);
    throw error;
  }
  return redirect(back.pathname + back.search);
}
