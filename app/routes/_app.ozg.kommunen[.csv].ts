import type { LoaderFunctionArgs } from "@remix-run/node";
import { ozgMatrixCsv } from "~/areas/efa/provider-matrix.server";
import { requireProvider } from "~/areas/rollin/provider.server";
import { getDb } from "~/utils/db.server";
import { todayIso } from "~/utils/format";

/** The provider's Kommunen × services matrix as CSV (the same table model as the XLSX export). */
export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await requireProvider(request, "provider.cockpit");
  const csv = ozgMatrixCsv(getDb(), caller);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="ozg-leistungen-kommunen-${todayIso()}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
