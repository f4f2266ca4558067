import type { LoaderFunctionArgs } from "@remix-run/node";
import { matrixExport } from "~/areas/rollin/matrix-download.server";

/** The matrix as XLSX (same table as the CSV download). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return matrixExport(request, params.templateId, "xlsx");
}
