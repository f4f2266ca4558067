import type { LoaderFunctionArgs } from "@remix-run/node";
import { readDocument } from "~/areas/funding/documents.server";
import { requireContext } from "~/utils/context.server";
import { idParam } from "~/utils/http.server";

/** Serves a stored document only to its own Kommune; any other id is a 404. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "funding.view");
  const { row, content } = readDocument(ctx, idParam(params.applicationId), idParam(params.documentId));
  return new Response(content, {
    headers: {
      "Content-Type": row.mimeType,
      "Content-Length": String(content.byteLength),
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(row.fileName)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
