import type { LoaderFunctionArgs } from "@remix-run/node";
import { ozgMatrixExport } from "~/areas/efa/provider-matrix.server";

/** The provider's Kommunen × services matrix as CSV (the same table as the XLSX download). */
export async function loader({ request }: LoaderFunctionArgs) {
  return ozgMatrixExport(request, "csv");
}
