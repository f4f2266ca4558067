import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ProgrammeSchema, programmeToFormValues } from "~/areas/funding/programme-form";
import { canEditProgramme, findProgramme, updateProgramme } from "~/areas/funding/programmes.server";
import { ProgrammeForm } from "~/areas/funding/ui";
import { requireContext } from "~/utils/context.server";
import { readForm } from "~/utils/csrf.server";
import { replyWithError } from "~/utils/form-reply.server";
import { forbidden, idParam, orNotFound } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Förderprogramm bearbeiten – Fahrplan" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "funding.view");
  const programme = orNotFound(findProgramme(ctx, idParam(params.programmeId)));
  if (!canEditProgramme(ctx, programme)) forbidden();
  return json({ programme: { id: programme.id, name: programme.name }, values: programmeToFormValues(programme), canShare: ctx.user.isPlatformAdmin });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireContext(request, "funding.view");
  const id = idParam(params.programmeId);
  const programme = orNotFound(findProgramme(ctx, id));
  if (!canEditProgramme(ctx, programme)) forbidden();
  const submission = parseWithZod(await readForm(request), { schema: ProgrammeSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  if (submission.value.shared !== (programme.municipalityId === null)) {
    return json(submission.reply({ formErrors: ["Ein Programm kann nicht zwischen gemeinsamem Katalog und Kommune verschoben werden."] }), { status: 400 });
  }
  try {
    updateProgramme(ctx, id, submission.value);
  } catch (error) {
    return replyWithError(submission, error);
  }
  return redirect(`/foerderung/programme/${id}`);
}

export default function EditProgramme() {
  const { programme, values, canShare } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="space-y-6">
      <nav aria-label="Brotkrumen" className="text-sm">
        <Link to="/foerderung">Förderung</Link> / <Link to="/foerderung/programme">Programmkatalog</Link> /{" "}
        <Link to={`/foerderung/programme/${programme.id}`}>{programme.name}</Link> / <span>Bearbeiten</span>
      </nav>
      <h1>Förderprogramm bearbeiten</h1>
      <ProgrammeForm lastResult={lastResult} defaultValue={values} canShare={canShare} submitLabel="Änderungen speichern" />
    </div>
  );
}
