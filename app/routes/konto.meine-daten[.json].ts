import type { LoaderFunctionArgs } from "@remix-run/node";
import { personalDataExport } from "~/areas/trainings/personal-data-export.server";
import { writeAudit } from "~/utils/audit.server";
import { requireContext } from "~/utils/context.server";
import { transaction } from "~/utils/db.server";

/** Art. 15 DSGVO self-service: everything held about the signed-in person, as JSON. */
export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request);
  const data = personalDataExport(ctx.user.id);
  transaction((tx) => writeAudit(tx, { actor: ctx.actor, municipalityId: ctx.municipalityId, entity: "user", entityId: ctx.user.id, action: "export_personal_data" }));
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": 'attachment; filename="meine-daten.json"',
      "Cache-Control": "private, no-store",
    },
  });
}
