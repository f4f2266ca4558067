import { requireContext } from "../../utils/context.server";
import { getDb } from "../../utils/db.server";
import { type ExportFormat, exportTableResponse, fileSlug } from "../../utils/export-response.server";
import { todayIso } from "../../utils/format";
import { exportProjectsTable } from "./csv.server";
import { parseProjectListQuery } from "./projects";

/** The project list's download (`/projekte/export.csv` and `.xlsx`): same filters, same table. */
export async function projectsExport(request: Request, format: ExportFormat): Promise<Response> {
  const ctx = await requireContext(request, "project.view");
  const today = todayIso();
  const table = exportProjectsTable(getDb(), ctx, parseProjectListQuery(new URL(request.url).searchParams), today);
  return exportTableResponse(table, format, `projekte-${fileSlug(ctx.municipality.name)}-${today}`);
}
