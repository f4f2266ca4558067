import type { LoaderFunctionArgs } from "@remix-run/node";
import { projectsExport } from "~/areas/projects/export-download.server";

/** XLSX download of the projects matching the list's filters (same table as the CSV). */
export async function loader({ request }: LoaderFunctionArgs) {
  return projectsExport(request, "xlsx");
}
