import type { LoaderFunctionArgs } from "@remix-run/node";
import { coverageExport } from "~/areas/trainings/coverage-download.server";

/** Training coverage per unit as XLSX (the table under the chart on /schulungen). */
export async function loader({ request }: LoaderFunctionArgs) {
  return coverageExport(request, "xlsx");
}
