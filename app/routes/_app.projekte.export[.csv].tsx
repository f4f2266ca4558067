import type { LoaderFunctionArgs } from "@remix-run/node";
import { projectsExport } from "~/areas/projects/export-download.server";

/** CSV download of the projects matching the list's filters (Excel: semicolon, UTF-8 with BOM). */
export async function loader({ request }: LoaderFunctionArgs) {
  return projectsExport(request, "csv");
}
