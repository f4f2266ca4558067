import type { LoaderFunctionArgs } from "@remix-run/node";
import { matrixCsv } from "~/areas/rollin/matrix.server";
import { matrixSelection } from "~/areas/rollin/matrix-page.server";
import { requireProvider } from "~/areas/rollin/provider.server";
import { getDb } from "~/utils/db.server";
import { todayIso } from "~/utils/format";
import { idParam, notFound } from "~/utils/http.server";

/** The matrix (the caller's Kommunen, optionally one group) as CSV: one line per Kommune and step. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const caller = await requireProvider(request, "provider.cockpit");
  const today = todayIso();
  const selection = matrixSelection(getDb(), caller, idParam(params.templateId), new URL(request.url).searchParams, today);
  if (!selection) notFound("Diese Programmvorlage gibt es nicht.");
  return new Response(matrixCsv(selection.matrix), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="programm-matrix-${selection.matrix.template.id}-${today}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
