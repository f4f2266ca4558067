import type { LoaderFunctionArgs } from "@remix-run/node";
import { matrixExport } from "~/areas/rollin/matrix-download.server";

/** The matrix as CSV (same table as the XLSX download). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return matrixExport(request, params.templateId, "csv");
}
