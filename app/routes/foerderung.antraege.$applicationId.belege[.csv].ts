import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireApplication } from "~/areas/funding/applications.server";
import { exportReceiptsCsv } from "~/areas/funding/money.server";
import { requireContext } from "~/utils/context.server";
import { idParam } from "~/utils/http.server";

/** Belegliste as CSV (semicolon, UTF-8 with BOM), for Excel and the proof of use. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "funding.view");
  const id = idParam(params.applicationId);
  requireApplication(ctx, id);
  return new Response(exportReceiptsCsv(ctx, id), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="belegliste-antrag-${id}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
