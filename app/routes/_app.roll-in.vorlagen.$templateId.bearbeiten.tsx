import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { getTemplate, publishTemplateVersion } from "~/areas/rollin/programmes.server";
import { providerCaller, requireProvider } from "~/areas/rollin/provider.server";
import { TemplateFormSchema, definitionFromForm, formValueOf } from "~/areas/rollin/template-form";
import { TemplateForm } from "~/areas/rollin/template-form-ui";
import { ValidationError } from "~/utils/errors";
import { getDb } from "~/utils/db.server";
import { idParam, notFound } from "~/utils/http.server";
import { formAction } from "~/utils/intents.server";

export const meta: MetaFunction = () => [{ title: "Neue Version einer Programmvorlage – Roll-in-Service – Fahrplan" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const caller = await requireProvider(request, "programme.edit");
  const found = getTemplate(getDb(), caller, idParam(params.templateId));
  if (!found || !found.latest) notFound("Diese Programmvorlage gibt es nicht.");
  return json({ template: { id: found.template.id, name: found.template.name, isExample: found.template.isExample }, latest: found.latest.number, value: formValueOf(found.latest.definition) });
}

/** Publishes the edited content as version N+1 (version check against the latest). */
export const action = /* @__PURE__ */ formAction({
  caller: providerCaller,
  permission: "programme.edit",
  load: (_caller, { params }) => idParam(params.templateId),
  schema: TemplateFormSchema,
  run: ({ who, subject: templateId, value }) => {
    const checked = definitionFromForm(value);
    if (!checked.ok) throw new ValidationError({ ...checked.fieldErrors, form: ["Bitte korrigieren Sie die markierten Felder."] });
    try {
      return publishTemplateVersion(who, templateId, value.expectedVersion ?? -1, JSON.stringify(checked.definition));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      // The definition and the template are no fields of this form: their messages go above it.
      const { definition, templateId: missing } = error.fieldErrors;
      throw new ValidationError({ form: [...(definition ?? []), ...(missing ?? [])] });
    }
  },
  done: (number, { subject }) => redirect(`/roll-in/vorlagen/${subject}?version=${number}`),
});

export default function EditTemplate() {
  const data = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="space-y-4">
      <Breadcrumbs
        items={[
          { to: "/roll-in", label: "Cockpit" },
          { to: "/roll-in/vorlagen", label: "Programmvorlagen" },
          { to: `/roll-in/vorlagen/${data.template.id}`, label: data.template.name },
          { label: "Neue Version" },
        ]}
      />
      <h1>Neue Version: {data.template.name}</h1>
      <p className="alert-info">
        Sie bearbeiten Version {data.latest} und veröffentlichen sie als Version {data.latest + 1}. Laufende Kommunen bleiben auf ihrer Version, bis Sie sie in der Matrix umstellen; dabei
        ändern sich nur Schritte, die noch nicht begonnen sind.
      </p>
      <TemplateForm lastResult={lastResult} defaultValue={data.value} withHead={false} expectedVersion={data.latest} submitLabel={`Als Version ${data.latest + 1} veröffentlichen`} />
    </div>
  );
}
