import { getDb } from "../../utils/db.server";
import { type ExportFormat, exportTableResponse } from "../../utils/export-response.server";
import { todayIso } from "../../utils/format";
import { idParam, notFound } from "../../utils/http.server";
import { matrixSelection } from "./matrix-page.server";
import { programmeMatrixTable } from "./matrix-table";
import { requireProvider } from "./provider.server";

/** The matrix (the caller's Kommunen, optionally one group) as CSV or XLSX: one line per Kommune and step. */
export async function matrixExport(request: Request, templateId: string | undefined, format: ExportFormat): Promise<Response> {
  const caller = await requireProvider(request, "provider.cockpit");
  const today = todayIso();
  const selection = matrixSelection(getDb(), caller, idParam(templateId), new URL(request.url).searchParams, today);
  if (!selection) notFound("Diese Programmvorlage gibt es nicht.");
  return exportTableResponse(programmeMatrixTable(selection.matrix), format, `programm-matrix-${selection.matrix.template.id}-${today}`);
}
