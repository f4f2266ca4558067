import type { LoaderFunctionArgs } from "@remix-run/node";
import { personalDataScope } from "~/areas/trainings/access.server";
import { readProof } from "~/areas/trainings/external.server";
import { requireContext } from "~/utils/context.server";
import { idParam, orNotFound } from "~/utils/http.server";

/** The proof file of an external training: for the person, their supervisor and HR only. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "training.view");
  const proof = orNotFound(readProof(ctx, idParam(params.externalId), ctx.employeeId, personalDataScope(ctx)));
  return new Response(new Uint8Array(proof.bytes), {
    headers: {
      "Content-Type": proof.mime,
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(proof.name)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
