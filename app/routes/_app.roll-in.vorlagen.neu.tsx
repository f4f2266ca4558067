import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { createTemplate } from "~/areas/rollin/programmes.server";
import { providerCaller, requireProvider } from "~/areas/rollin/provider.server";
import { ValidationError } from "~/utils/errors";
import { EMPTY_PHASE, TemplateFormSchema, definitionFromForm, templateHeadErrors } from "~/areas/rollin/template-form";
import { TemplateForm } from "~/areas/rollin/template-form-ui";
import { formAction } from "~/utils/intents.server";

export const meta: MetaFunction = () => [{ title: "Programmvorlage anlegen – Roll-in-Service – Fahrplan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireProvider(request, "programme.edit");
  return null;
}

/** Creates a template with version 1; errors of the definition go back to their fields. */
export const action = /* @__PURE__ */ formAction({
  caller: providerCaller,
  permission: "programme.edit",
  schema: TemplateFormSchema,
  run: ({ who, value }) => {
    const head = templateHeadErrors(value);
    const checked = definitionFromForm(value);
    const fieldErrors = { ...head, ...(checked.ok ? {} : checked.fieldErrors) };
    if (!checked.ok || Object.keys(head).length) throw new ValidationError({ ...fieldErrors, form: ["Bitte korrigieren Sie die markierten Felder."] });
    return createTemplate(who, { name: value.name!.trim(), description: (value.description ?? "").trim(), definition: JSON.stringify(checked.definition) });
  },
  done: (id) => redirect(`/roll-in/vorlagen/${id}`),
});

export default function NewTemplate() {
  const lastResult = useActionData<typeof action>();
  return (
    <div className="space-y-4">
      <Breadcrumbs items={[{ to: "/roll-in", label: "Cockpit" }, { to: "/roll-in/vorlagen", label: "Programmvorlagen" }, { label: "Neu" }]} />
      <h1>Programmvorlage anlegen</h1>
      <TemplateForm lastResult={lastResult} defaultValue={{ name: "", description: "", phases: [EMPTY_PHASE] }} withHead submitLabel="Vorlage anlegen (Version 1)" />
    </div>
  );
}
