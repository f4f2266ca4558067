import type { LoaderFunctionArgs } from "@remix-run/node";
import { layoutRoadmap } from "~/areas/roadmap/layout";
import { roadmapQuery } from "~/areas/roadmap/query";
import { jointRoadmapEntries } from "~/areas/joint/partner-view.server";
import { loadRoadmap, roadmapFilterOptions, roadmapSelection } from "~/areas/roadmap/roadmap.server";
import { renderRoadmap } from "~/reports/index.server";
import { requireContext } from "~/utils/context.server";
import { getDb } from "~/utils/db.server";
import { todayIso } from "~/utils/format";

/**
 * The Fahrplan as a PDF (A4 landscape) with the same filter and the same figures as the page
 * (`/fahrplan?handlungsfeld=…&einheit=…&status=…`), rendered in the report worker thread.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "project.view");
  const db = getDb();
  const options = roadmapFilterOptions(db, ctx);
  const filter = roadmapQuery(new URL(request.url).searchParams, options);
  const today = todayIso();
  // Joint projects of other Kommunen in which this Kommune is a partner: their own group, read-only.
  const entries = [...loadRoadmap(db, ctx, filter), ...jointRoadmapEntries(db, ctx, filter)];
  const pdf = await renderRoadmap({
    municipalityName: ctx.municipality.name,
    today,
    selection: roadmapSelection(filter, options),
    layout: layoutRoadmap(entries, today),
    entries,
  });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="fahrplan-${today}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
