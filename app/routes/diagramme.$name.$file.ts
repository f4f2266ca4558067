import type { LoaderFunctionArgs } from "@remix-run/node";
import { chartPermission, findChart } from "~/areas/dashboard/chart-sources.server";
import { requireContext } from "~/utils/context.server";
import { notFound, orNotFound } from "~/utils/http.server";

/**
 * Charts as cacheable images: /diagramme/<name>/<content hash>.svg. The URL changes whenever the
 * data changes (new content, new hash), so browsers may keep a chart for a day and then revalidate
 * with its ETag. Only the Kommune whose data drew a chart gets it; any other URL is a 404.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const name = params.name ?? "";
  const ctx = await requireContext(request, chartPermission(name) ?? notFound());
  const hash = /^([A-Za-z0-9_-]{22})\.svg$/.exec(params.file ?? "")?.[1] ?? notFound();
  const chart = orNotFound(await findChart(ctx, name, hash));
  const etag = `"${chart.hash}"`;
  const headers = {
    "Content-Type": "image/svg+xml; charset=utf-8",
    ETag: etag,
    "Cache-Control": "private, max-age=86400",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
  };
  const ifNoneMatch = request.headers.get("If-None-Match");
  if (ifNoneMatch && ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag)) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(chart.svg, { headers });
}
