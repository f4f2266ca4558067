import { type SubmissionResult, getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FOCUS_AREAS, FOCUS_AREA_LABELS, FieldOfActionSchema } from "~/areas/agenda/agenda";
import {
  createFieldOfAction,
  listFieldsOfAction,
  moveFieldOfAction,
  removeFieldOfAction,
  updateFieldOfAction,
} from "~/areas/agenda/agenda.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { CsrfInput } from "~/components/csrf";
import { FormErrors, SelectField, TextField } from "~/components/forms";
import { requireContext } from "~/utils/context.server";
import { readForm } from "~/utils/csrf.server";
import { getDb } from "~/utils/db.server";
import { ConflictError, ValidationError } from "~/utils/errors";
import { badRequest, notFound } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Handlungsfelder – Digitalagenda – Fahrplan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "agenda.edit");
  return json({ fields: listFieldsOfAction(getDb(), ctx) });
}

const RowSchema = z.object({ id: z.coerce.number().int().positive() });
const MoveSchema = RowSchema.extend({ direction: z.enum(["up", "down"]) });
const UpdateSchema = RowSchema.extend({ version: z.coerce.number().int().positive() });

type ActionData = {
  intent: string;
  id: number | null;
  result?: SubmissionResult<string[]>;
  errors?: Record<string, string[]>;
};

function rowError(intent: string, id: number, error: unknown) {
  if (error instanceof ValidationError) return json<ActionData>({ intent, id, errors: error.fieldErrors }, { status: 400 });
  if (error instanceof ConflictError) return json<ActionData>({ intent, id, errors: { form: [error.message] } }, { status: 409 });
  throw error;
}

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireContext(request, "agenda.edit");
  const formData = await readForm(request);
  const intent = String(formData.get("intent"));
  const values = Object.fromEntries(formData);
  if (intent === "create") {
    const submission = parseWithZod(formData, { schema: FieldOfActionSchema });
    if (submission.status !== "success") return json<ActionData>({ intent, id: null, result: submission.reply() }, { status: 400 });
    try {
      createFieldOfAction(ctx, submission.value);
      return json<ActionData>({ intent, id: null, result: submission.reply({ resetForm: true }) });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const { form, ...fieldErrors } = error.fieldErrors;
      return json<ActionData>({ intent, id: null, result: submission.reply({ formErrors: form, fieldErrors }) }, { status: 400 });
    }
  }
  if (intent === "update") {
    const row = UpdateSchema.safeParse(values);
    if (!row.success) badRequest();
    const parsed = FieldOfActionSchema.safeParse(values);
    if (!parsed.success) {
      const errors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) errors[String(issue.path[0])] = [...(errors[String(issue.path[0])] ?? []), issue.message];
      return json<ActionData>({ intent, id: row.data.id, errors }, { status: 400 });
    }
    try {
      if (!updateFieldOfAction(ctx, row.data.id, row.data.version, parsed.data)) notFound();
      return json<ActionData>({ intent, id: row.data.id });
    } catch (error) {
      return rowError(intent, row.data.id, error);
    }
  }
  if (intent === "move") {
    const row = MoveSchema.safeParse(values);
    if (!row.success) badRequest();
    if (!moveFieldOfAction(ctx, row.data.id, row.data.direction)) notFound();
    return json<ActionData>({ intent, id: row.data.id });
  }
  if (intent === "remove") {
    const row = RowSchema.safeParse(values);
    if (!row.success) badRequest();
    try {
      if (!removeFieldOfAction(ctx, row.data.id)) notFound();
      return json<ActionData>({ intent, id: row.data.id });
    } catch (error) {
      return rowError(intent, row.data.id, error);
    }
  }
  badRequest("Unbekannte Aktion.");
}

function CreateForm({ lastResult }: { lastResult: SubmissionResult<string[]> | undefined }) {
  const [form, fields] = useForm({
    id: "field-of-action",
    lastResult,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: FieldOfActionSchema }),
  });
  return (
    <Form method="post" className="card space-y-3" {...getFormProps(form)}>
      <h2>Neues Handlungsfeld</h2>
      <CsrfInput />
      <input type="hidden" name="intent" value="create" />
      <FormErrors id={form.errorId} errors={form.errors} />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField label="Name" meta={fields.name} hint="z. B. Verwaltung, Bildung, Energie" />
        <SelectField
          label="Fokusbereich"
          meta={fields.focusArea}
          placeholder="Bitte wählen"
          options={FOCUS_AREAS.map((f) => ({ value: f, label: FOCUS_AREA_LABELS[f] }))}
        />
      </div>
      <TextField label="Beschreibung (optional)" meta={fields.description} />
      <button type="submit" className="btn-primary">
        Handlungsfeld anlegen
      </button>
    </Form>
  );
}

export default function FieldsOfAction() {
  const { fields } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ to: "/agenda", label: "Digitalagenda" }, { label: "Handlungsfelder" }]} />
      <h1>Handlungsfelder verwalten</h1>
      <p>
        Handlungsfelder gliedern die Digitalagenda in die drei Fokusbereiche. Ein Handlungsfeld lässt sich nur entfernen, solange ihm weder
        Ziele noch Projekte zugeordnet sind.
      </p>
      {FOCUS_AREAS.map((area) => {
        const list = fields.filter((f) => f.focusArea === area);
        return (
          <section key={area} aria-labelledby={`bereich-${area}`} className="card">
            <h2 id={`bereich-${area}`}>{FOCUS_AREA_LABELS[area]}</h2>
            {list.length === 0 ? <p className="mt-2">Keine Handlungsfelder.</p> : null}
            <ul className="mt-3 space-y-4">
              {list.map((f, index) => {
                const errors = data?.id === f.id ? data.errors : undefined;
                return (
                  <li key={f.id} className="rounded border border-slate-200 p-3">
                    {errors?.form ? (
                      <div className="alert-error mb-2" role="alert">
                        {errors.form.join(" ")}
                      </div>
                    ) : null}
                    <Form method="post" className="grid items-start gap-3 md:grid-cols-[1fr_1fr_2fr_auto]">
                      <CsrfInput />
                      <input type="hidden" name="intent" value="update" />
                      <input type="hidden" name="id" value={f.id} />
                      <input type="hidden" name="version" value={f.version} />
                      <div>
                        <label htmlFor={`name-${f.id}`} className="label">
                          Name
                        </label>
                        <input
                          id={`name-${f.id}`}
                          name="name"
                          defaultValue={f.name}
                          className="input"
                          aria-invalid={errors?.name ? true : undefined}
                          aria-describedby={errors?.name ? `name-${f.id}-error` : undefined}
                        />
                        {errors?.name ? (
                          <p id={`name-${f.id}-error`} className="field-error">
                            {errors.name.join(" ")}
                          </p>
                        ) : null}
                      </div>
                      <div>
                        <label htmlFor={`focus-${f.id}`} className="label">
                          Fokusbereich
                        </label>
                        <select id={`focus-${f.id}`} name="focusArea" defaultValue={f.focusArea} className="input">
                          {FOCUS_AREAS.map((a) => (
                            <option key={a} value={a}>
                              {FOCUS_AREA_LABELS[a]}
                            </option>
                          ))}
                        </select>
                      </div>
                      <div>
                        <label htmlFor={`description-${f.id}`} className="label">
                          Beschreibung
                        </label>
                        <input id={`description-${f.id}`} name="description" defaultValue={f.description} className="input" />
                      </div>
                      <button type="submit" className="btn-primary mt-6">
                        Speichern<span className="sr-only">: {f.name}</span>
                      </button>
                    </Form>
                    <div className="mt-2 flex flex-wrap gap-2">
                      {(["up", "down"] as const).map((direction) => (
                        <Form method="post" key={direction}>
                          <CsrfInput />
                          <input type="hidden" name="intent" value="move" />
                          <input type="hidden" name="id" value={f.id} />
                          <input type="hidden" name="direction" value={direction} />
                          <button
                            type="submit"
                            className="btn-secondary px-2 py-1 text-xs"
                            disabled={direction === "up" ? index === 0 : index === list.length - 1}
                          >
                            {direction === "up" ? "Nach oben" : "Nach unten"}
                            <span className="sr-only">: {f.name}</span>
                          </button>
                        </Form>
                      ))}
                      <Form method="post">
                        <CsrfInput />
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="id" value={f.id} />
                        <button type="submit" className="btn-danger px-2 py-1 text-xs">
                          Entfernen<span className="sr-only">: {f.name}</span>
                        </button>
                      </Form>
                    </div>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
      <CreateForm lastResult={data?.intent === "create" ? data.result : undefined} />
    </div>
  );
}
