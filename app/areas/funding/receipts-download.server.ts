import { requireContext } from "../../utils/context.server";
import { type ExportFormat, exportTableResponse } from "../../utils/export-response.server";
import { idParam } from "../../utils/http.server";
import { requireApplication } from "./applications.server";
import { exportReceiptsTable } from "./money.server";

/** The Belegliste download of one application (`…/belege.csv` and `.xlsx`). */
export async function receiptsExport(request: Request, applicationIdParam: string | undefined, format: ExportFormat): Promise<Response> {
  const ctx = await requireContext(request, "funding.view");
  const id = idParam(applicationIdParam);
  requireApplication(ctx, id);
  return exportTableResponse(exportReceiptsTable(ctx, id), format, `belegliste-antrag-${id}`);
}
