import type { LoaderFunctionArgs } from "@remix-run/node";
import { mayActFor, personalDataScope } from "~/areas/trainings/access.server";
import { certificateData, certificateOwner } from "~/areas/trainings/certificates.server";
import { renderCertificate } from "~/reports/index.server";
import { requireContext } from "~/utils/context.server";
import { idParam, notFound, orNotFound } from "~/utils/http.server";

/**
 * Teilnahmebescheinigung as PDF, rendered by the report engine from
 * templates/teilnahmebescheinigung.json. Only the person, their supervisor or HR may fetch it;
 * everyone else (and other Kommunen) gets 404.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "training.view");
  const registrationId = idParam(params.registrationId);
  const owner = orNotFound(certificateOwner(ctx, registrationId));
  if (owner.employeeId == null || !mayActFor(ctx.employeeId, personalDataScope(ctx), { id: owner.employeeId, unitId: owner.unitId })) notFound();
  const data = orNotFound(certificateData(ctx, registrationId, new URL(request.url).origin, ctx.user.name));
  const bytes = await renderCertificate(data).done;
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="teilnahmebescheinigung-${data.verificationCode}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
