import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { NEW_PROGRAMME_DEFAULTS, ProgrammeSchema } from "~/areas/funding/programme-form";
import { createProgramme } from "~/areas/funding/programmes.server";
import { ProgrammeForm } from "~/areas/funding/ui";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { requireContext } from "~/utils/context.server";
import { forbidden } from "~/utils/http.server";
import { formAction } from "~/utils/intents.server";

export const meta: MetaFunction = () => [{ title: "Förderprogramm anlegen – Fahrplan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "funding.view");
  if (!ctx.can("funding.manageLocalProgrammes") && !ctx.user.isPlatformAdmin) forbidden();
  return json({ canShare: ctx.user.isPlatformAdmin });
}

export const action = /* @__PURE__ */ formAction({
  permission: "funding.view",
  schema: ProgrammeSchema,
  run: ({ who, value }) => createProgramme(who, value),
  done: (id) => redirect(`/foerderung/programme/${id}`),
});

export default function NewProgramme() {
  const { canShare } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="space-y-6">
      <Breadcrumbs
        items={[
          { to: "/foerderung", label: "Förderung" },
          { to: "/foerderung/programme", label: "Programmkatalog" },
          { label: "Neu" },
        ]}
      />
      <h1>Förderprogramm anlegen</h1>
      <ProgrammeForm lastResult={lastResult} defaultValue={NEW_PROGRAMME_DEFAULTS} canShare={canShare} submitLabel="Programm anlegen" />
    </div>
  );
}
