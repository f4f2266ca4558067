import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ProgrammeSchema, programmeToFormValues } from "~/areas/funding/programme-form";
import { canEditProgramme, findProgramme, updateProgramme } from "~/areas/funding/programmes.server";
import { ProgrammeForm } from "~/areas/funding/ui";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { requireContext } from "~/utils/context.server";
import { ValidationError } from "~/utils/errors";
import { forbidden, idParam, orNotFound } from "~/utils/http.server";
import { formAction } from "~/utils/intents.server";

export const meta: MetaFunction = () => [{ title: "Förderprogramm bearbeiten – Fahrplan" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "funding.view");
  const programme = orNotFound(findProgramme(ctx, idParam(params.programmeId)));
  if (!canEditProgramme(ctx, programme)) forbidden();
  return json({ programme: { id: programme.id, name: programme.name }, values: programmeToFormValues(programme), canShare: ctx.user.isPlatformAdmin });
}

export const action = /* @__PURE__ */ formAction({
  permission: "funding.view",
  load: (ctx, { params }) => {
    const programme = orNotFound(findProgramme(ctx, idParam(params.programmeId)));
    if (!canEditProgramme(ctx, programme)) forbidden();
    return programme;
  },
  schema: ProgrammeSchema,
  run: ({ who, subject: programme, value }) => {
    if (value.shared !== (programme.municipalityId === null)) {
      throw new ValidationError({ form: ["Ein Programm kann nicht zwischen gemeinsamem Katalog und Kommune verschoben werden."] });
    }
    updateProgramme(who, programme.id, value);
  },
  done: (_, { subject }) => redirect(`/foerderung/programme/${subject.id}`),
});

export default function EditProgramme() {
  const { programme, values, canShare } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="space-y-6">
      <Breadcrumbs
        items={[
          { to: "/foerderung", label: "Förderung" },
          { to: "/foerderung/programme", label: "Programmkatalog" },
          { to: `/foerderung/programme/${programme.id}`, label: programme.name },
          { label: "Bearbeiten" },
        ]}
      />
      <h1>Förderprogramm bearbeiten</h1>
      <ProgrammeForm lastResult={lastResult} defaultValue={values} canShare={canShare} submitLabel="Änderungen speichern" />
    </div>
  );
}
