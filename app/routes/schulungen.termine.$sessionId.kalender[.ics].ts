import type { LoaderFunctionArgs } from "@remix-run/node";
import { sessionIcs } from "~/areas/trainings/calendar.server";
import { requireContext } from "~/utils/context.server";
import { idParam, orNotFound } from "~/utils/http.server";

/** One session as an iCalendar file (Europe/Berlin), for "add to my calendar". */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "training.view");
  const sessionId = idParam(params.sessionId);
  const ics = orNotFound(sessionIcs(ctx, sessionId, new URL(request.url).origin));
  return new Response(ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="schulungstermin-${sessionId}.ics"`,
      "Cache-Control": "private, no-store",
    },
  });
}
