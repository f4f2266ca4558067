import { requireContext } from "../../utils/context.server";
import { type ExportFormat, exportTableResponse, fileSlug } from "../../utils/export-response.server";
import { todayIso } from "../../utils/format";
import { coverageTable } from "./coverage-export";
import { unitCoverage } from "./coverage.server";

/** The training coverage download (`/schulungen/schulungsquote.csv` and `.xlsx`). */
export async function coverageExport(request: Request, format: ExportFormat): Promise<Response> {
  const ctx = await requireContext(request, "training.view");
  const today = todayIso();
  const table = coverageTable(unitCoverage(ctx, today), ctx.municipality.name);
  return exportTableResponse(table, format, `schulungsquote-${fileSlug(ctx.municipality.name)}-${today}`);
}
