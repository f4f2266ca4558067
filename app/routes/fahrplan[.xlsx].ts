import type { LoaderFunctionArgs } from "@remix-run/node";
import { roadmapExport } from "~/areas/roadmap/export-download.server";

/** The Fahrplan as a XLSX table, with the same filter as the page (`/fahrplan.xlsx?handlungsfeld=…`). */
export async function loader({ request }: LoaderFunctionArgs) {
  return roadmapExport(request, "xlsx");
}
