import { requireContext } from "../../utils/context.server";
import { getDb } from "../../utils/db.server";
import { type ExportFormat, exportTableResponse } from "../../utils/export-response.server";
import { todayIso } from "../../utils/format";
import { roadmapTable } from "./export";
import { roadmapQuery } from "./query";
import { loadRoadmap, roadmapFilterOptions } from "./roadmap.server";

/** The Fahrplan table download (`/fahrplan.csv` and `.xlsx`) with the page's filter. */
export async function roadmapExport(request: Request, format: ExportFormat): Promise<Response> {
  const ctx = await requireContext(request, "project.view");
  const db = getDb();
  const filter = roadmapQuery(new URL(request.url).searchParams, roadmapFilterOptions(db, ctx));
  const today = todayIso();
  return exportTableResponse(roadmapTable(loadRoadmap(db, ctx, filter), today), format, `fahrplan-${today}`);
}
