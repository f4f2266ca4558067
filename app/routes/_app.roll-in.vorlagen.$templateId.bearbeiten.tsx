import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { getTemplate, publishTemplateVersion } from "~/areas/rollin/programmes.server";
import { requireProvider } from "~/areas/rollin/provider.server";
import { TemplateFormSchema, definitionFromForm, formValueOf } from "~/areas/rollin/template-form";
import { TemplateForm } from "~/areas/rollin/template-form-ui";
import { readForm } from "~/utils/csrf.server";
import { ValidationError } from "~/utils/errors";
import { getDb } from "~/utils/db.server";
import { replyWithError } from "~/utils/form-reply.server";
import { idParam, notFound } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Neue Version einer Programmvorlage – Roll-in-Service – Fahrplan" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const caller = await requireProvider(request, "programme.edit");
  const found = getTemplate(getDb(), caller, idParam(params.templateId));
  if (!found || !found.latest) notFound("Diese Programmvorlage gibt es nicht.");
  return json({ template: { id: found.template.id, name: found.template.name, isExample: found.template.isExample }, latest: found.latest.number, value: formValueOf(found.latest.definition) });
}

/** Publishes the edited content as version N+1 (version check against the latest). */
export async function action({ request, params }: ActionFunctionArgs) {
  const caller = await requireProvider(request, "programme.edit");
  const templateId = idParam(params.templateId);
  const submission = parseWithZod(await readForm(request), { schema: TemplateFormSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: submission.status === "error" ? 400 : 200 });
  const checked = definitionFromForm(submission.value);
  if (!checked.ok) return json(submission.reply({ fieldErrors: checked.fieldErrors, formErrors: ["Bitte korrigieren Sie die markierten Felder."] }), { status: 400 });
  try {
    const number = publishTemplateVersion(caller, templateId, submission.value.expectedVersion ?? -1, JSON.stringify(checked.definition));
    return redirect(`/roll-in/vorlagen/${templateId}?version=${number}`);
  } catch (error) {
    if (error instanceof ValidationError) {
      // The definition and the template are no fields of this form: their messages go above it.
      const { definition, templateId: missing } = error.fieldErrors;
      return json(submission.reply({ formErrors: [...(definition ?? []), ...(missing ?? [])] }), { status: 400 });
    }
    return replyWithError(submission, error);
  }
}

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
