import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { createTemplate } from "~/areas/rollin/programmes.server";
import { requireProvider } from "~/areas/rollin/provider.server";
import { EMPTY_PHASE, TemplateFormSchema, definitionFromForm, templateHeadErrors } from "~/areas/rollin/template-form";
import { TemplateForm } from "~/areas/rollin/template-form-ui";
import { readForm } from "~/utils/csrf.server";
import { replyWithError } from "~/utils/form-reply.server";

export const meta: MetaFunction = () => [{ title: "Programmvorlage anlegen – Roll-in-Service – Fahrplan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireProvider(request, "programme.edit");
  return null;
}

/** Creates a template with version 1; errors of the definition go back to their fields. */
export async function action({ request }: ActionFunctionArgs) {
  const caller = await requireProvider(request, "programme.edit");
  const submission = parseWithZod(await readForm(request), { schema: TemplateFormSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: submission.status === "error" ? 400 : 200 });
  const head = templateHeadErrors(submission.value);
  const checked = definitionFromForm(submission.value);
  const fieldErrors = { ...head, ...(checked.ok ? {} : checked.fieldErrors) };
  if (!checked.ok || Object.keys(head).length) return json(submission.reply({ fieldErrors, formErrors: ["Bitte korrigieren Sie die markierten Felder."] }), { status: 400 });
  try {
    const id = createTemplate(caller, { name: submission.value.name!.trim(), description: (submission.value.description ?? "").trim(), definition: JSON.stringify(checked.definition) });
    return redirect(`/roll-in/vorlagen/${id}`);
  } catch (error) {
    return replyWithError(submission, error);
  }
}

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
