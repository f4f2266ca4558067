import type { LoaderFunctionArgs } from "@remix-run/node";
import { matrixSelection } from "~/areas/rollin/matrix-page.server";
import { requireProvider } from "~/areas/rollin/provider.server";
import { renderProgrammeMatrixPdf } from "~/reports/programme-matrix-pdf.server";
import { getDb } from "~/utils/db.server";
import { todayIso } from "~/utils/format";
import { idParam, notFound } from "~/utils/http.server";

/** The matrix (the caller's Kommunen, optionally one group) as a PDF, A4 landscape. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const caller = await requireProvider(request, "provider.cockpit");
  const today = todayIso();
  const selection = matrixSelection(getDb(), caller, idParam(params.templateId), new URL(request.url).searchParams, today);
  if (!selection) notFound("Diese Programmvorlage gibt es nicht.");
  const pdf = await renderProgrammeMatrixPdf({ providerName: caller.providerName, today, selection: selection.group ? `Gruppe ${selection.group}` : "", matrix: selection.matrix });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="programm-matrix-${selection.matrix.template.id}-${today}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
