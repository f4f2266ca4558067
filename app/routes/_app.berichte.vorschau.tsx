import type { LoaderFunctionArgs } from "@remix-run/node";
import { previewReport } from "~/reports/archive.server";
import { isReportType } from "~/reports/data/types";
import { ReportError } from "~/reports/report-error";
import { TemplateError } from "~/reports/template-schema";
import { requireContext } from "~/utils/context.server";
import { badRequest, forbidden, notFound } from "~/utils/http.server";

function positive(value: string | null): number | undefined {
  const n = Number(value);
  return value && Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** Preview from the live data: streamed from the render worker, not archived. */
export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "report.view");
  const url = new URL(request.url);
  const type = url.searchParams.get("typ") ?? "";
  if (!isReportType(type)) badRequest("Unbekannter Berichtstyp.");
  if (type === "teilnahmebescheinigung" && !ctx.can("training.viewPersonalData")) forbidden();
  const subjectId = type === "statusbericht" || type === "digitalbericht" ? ctx.municipalityId : positive(url.searchParams.get("id"));
  if (!subjectId) notFound();
  try {
    const stream = previewReport(ctx, {
      type,
      subjectId,
      budgetYear: positive(url.searchParams.get("jahr")),
      earlyReason: url.searchParams.get("vorzeitig") === "1" ? (url.searchParams.get("begruendung") ?? "").trim() || null : null,
      origin: url.origin,
    });
    return new Response(stream, {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": `inline; filename="${type}-vorschau.pdf"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof ReportError) {
      if (error.status === 404) notFound();
      return new Response(`Die Vorschau kann nicht erstellt werden: ${error.message}`, {
        status: error.status,
        headers: { "Content-Type": "text/plain; charset=utf-8" },
      });
    }
    if (error instanceof TemplateError) {
      return new Response(`Die Vorschau kann nicht erstellt werden: ${error.message}`, {
        status: 500,
        headers: { "Content-Type": "text/plain; charset=utf-8" },
      });
    }
    throw error;
  }
}
