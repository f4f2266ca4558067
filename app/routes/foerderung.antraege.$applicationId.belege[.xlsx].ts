import type { LoaderFunctionArgs } from "@remix-run/node";
import { receiptsExport } from "~/areas/funding/receipts-download.server";

/** Belegliste as XLSX (same table as the CSV, with real amount and date cells). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return receiptsExport(request, params.applicationId, "xlsx");
}
