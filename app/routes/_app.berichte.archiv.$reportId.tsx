import type { LoaderFunctionArgs } from "@remix-run/node";
import { archivedReportBytes, findArchivedReport } from "~/reports/archive.server";
import { requireContext } from "~/utils/context.server";
import { getDb } from "~/utils/db.server";
import { forbidden, idParam, orNotFound } from "~/utils/http.server";

/** An archived report: always the stored bytes (checked against their SHA-256). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "report.view");
  const report = orNotFound(findArchivedReport(getDb(), ctx, idParam(params.reportId)));
  if (report.reportType === "teilnahmebescheinigung" && !ctx.can("training.viewPersonalData")) forbidden();
  const bytes = archivedReportBytes(report);
  const download = new URL(request.url).searchParams.has("download");
  const fileName = `${report.reportType}-${report.id}.pdf`;
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(bytes.length),
      "Content-Disposition": `${download ? "attachment" : "inline"}; filename="${fileName}"`,
      ETag: `"${report.sha256}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
