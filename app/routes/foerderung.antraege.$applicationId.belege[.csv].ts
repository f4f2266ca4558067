import type { LoaderFunctionArgs } from "@remix-run/node";
import { receiptsExport } from "~/areas/funding/receipts-download.server";

/** Belegliste as CSV (semicolon, UTF-8 with BOM), for Excel and the proof of use. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return receiptsExport(request, params.applicationId, "csv");
}
