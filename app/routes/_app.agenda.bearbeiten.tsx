import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { VisionSchema } from "~/areas/agenda/agenda";
import { getAgenda, saveVision } from "~/areas/agenda/agenda.server";
import { CsrfInput } from "~/components/csrf";
import { FormErrors, TextField, TextareaField } from "~/components/forms";
import { requireContext } from "~/utils/context.server";
import { getDb } from "~/utils/db.server";
import { formAction } from "~/utils/intents.server";

export const meta: MetaFunction = () => [{ title: "Vision bearbeiten – Digitalagenda – Fahrplan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "agenda.edit");
  const agenda = getAgenda(getDb(), ctx);
  return json({
    defaults: {
      title: agenda?.title ?? "Digitalagenda",
      vision: agenda?.vision ?? "",
      trainingCoverageTargetPercent: String(Math.round((agenda?.trainingCoverageTargetBp ?? 8000) / 100)),
      version: String(agenda?.version ?? 1),
    },
  });
}

export const action = /* @__PURE__ */ formAction({
  permission: "agenda.edit",
  schema: VisionSchema,
  run: ({ who, value }) => saveVision(who, value),
  done: () => redirect("/agenda"),
});

export default function EditVision() {
  const { defaults } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "vision",
    lastResult,
    defaultValue: defaults,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: VisionSchema }),
  });
  return (
    <div className="max-w-3xl space-y-4">
      <h1>Vision der Digitalagenda bearbeiten</h1>
      <Form method="post" className="card space-y-4" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="version" value={defaults.version} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField label="Titel der Agenda" meta={fields.title} />
        <TextareaField label="Vision" meta={fields.vision} rows={8} />
        <TextField
          label="Ziel-Schulungsquote (Prozent der Beschäftigten)"
          meta={fields.trainingCoverageTargetPercent}
          type="number"
          min={0}
          max={100}
          hint="Anteil der Beschäftigten, die geschult sein sollen; die Schulungsübersicht misst sich daran."
        />
        <div className="flex gap-3">
          <button type="submit" className="btn-primary">
            Speichern
          </button>
          <Link to="/agenda" className="btn-secondary">
            Abbrechen
          </Link>
        </div>
      </Form>
    </div>
  );
}
