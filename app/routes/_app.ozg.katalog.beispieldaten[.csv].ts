import type { LoaderFunctionArgs } from "@remix-run/node";
import { EXAMPLE_CATALOGUE_FILE, exampleCatalogueCsv } from "~/areas/efa/catalogue.server";
import { requireContext } from "~/utils/context.server";

/** The shipped example catalogue (Beispieldaten) as a template for an import file. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireContext(request, "ozg.view");
  return new Response(exampleCatalogueCsv(), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${EXAMPLE_CATALOGUE_FILE}"`,
      "Cache-Control": "no-store",
    },
  });
}
