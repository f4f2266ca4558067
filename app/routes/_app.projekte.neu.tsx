import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ProjectForm } from "~/areas/projects/project-form";
import { ProjectSchema, projectValuesFromForm } from "~/areas/projects/projects";
import { createProject, projectFormOptions } from "~/areas/projects/write.server";
import { requireContext } from "~/utils/context.server";
import { getDb } from "~/utils/db.server";
import { formAction } from "~/utils/intents.server";

export const meta: MetaFunction = () => [{ title: "Neues Projekt – Fahrplan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "project.edit");
  const options = projectFormOptions(getDb(), ctx);
  // Planned from the roadmap: the field of action comes along (only one of this Kommune's).
  const requested = new URL(request.url).searchParams.get("handlungsfeld");
  const fieldOfActionId = options.fieldsOfAction.some((f) => String(f.id) === requested) ? requested! : undefined;
  return json({ options, defaults: { fieldOfActionId } });
}

export const action = /* @__PURE__ */ formAction({
  permission: "project.edit",
  schema: ProjectSchema,
  run: ({ who, value }) => createProject(who, projectValuesFromForm(value)),
  done: (id) => redirect(`/projekte/${id}`),
});

export default function NewProject() {
  const { options, defaults } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="space-y-4">
      <h1>Neues Projekt</h1>
      <p>Ein neues Projekt beginnt im Status „Idee“. Pflichtfelder sind Titel, Handlungsfeld und federführende Einheit.</p>
      <ProjectForm options={options} defaults={defaults} lastResult={lastResult} submitLabel="Projekt anlegen" cancelTo="/projekte" />
    </div>
  );
}
