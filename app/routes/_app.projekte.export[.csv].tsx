import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportProjectsCsv } from "~/areas/projects/csv.server";
import { parseProjectListQuery } from "~/areas/projects/projects";
import { requireContext } from "~/utils/context.server";
import { getDb } from "~/utils/db.server";
import { todayIso } from "~/utils/format";

/** CSV download of the projects matching the list's filters (Excel: semicolon, UTF-8 with BOM). */
export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "project.view");
  const today = todayIso();
  const { csv } = exportProjectsCsv(getDb(), ctx, parseProjectListQuery(new URL(request.url).searchParams), today);
  const slug = ctx.municipality.name
    .toLowerCase()
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss")
    .replace(/[^a-z0-9]+/g, "-");
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="projekte-${slug}-${today}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
