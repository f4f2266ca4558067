import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf";
import { FormErrors, SelectField, TextField } from "~/components/forms";
import { requireContext } from "~/utils/context.server";
import { getDb, transaction } from "~/utils/db.server";
import { formatDate, todayIso } from "~/utils/format";
import { notFound } from "~/utils/http.server";
import { intentAction } from "~/utils/intents.server";
import { addDeputy, deputyCandidates, listDeputies, removeDeputy } from "~/workflow/deputies.server";

export const meta: MetaFunction = () => [{ title: "Vertretung – Fahrplan" }];

const DeputySchema = z.object({
  intent: z.literal("add"),
  deputyUserId: z.number({ error: "Bitte wählen Sie, wer Sie vertritt." }).int().positive(),
  fromDate: z.string({ error: "Bitte geben Sie an, ab wann die Vertretung gilt." }).regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Bitte geben Sie ein gültiges Datum an." }),
  untilDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Bitte geben Sie ein gültiges Datum an." })
    .optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "task.view");
  const today = todayIso();
  return json({ today, kommune: ctx.municipality.name, candidates: deputyCandidates(getDb(), ctx), ...listDeputies(getDb(), ctx, today) });
}

export const action = /* @__PURE__ */ intentAction({
  permission: "task.view",
  intents: (intent) => ({
    add: intent({
      schema: DeputySchema,
      run: ({ who, value: { deputyUserId, fromDate, untilDate } }) => transaction((tx) => addDeputy(tx, who, { deputyUserId, fromDate, untilDate: untilDate ?? null })),
      done: () => redirect("/aufgaben/vertretung"),
    }),
    remove: intent({
      schema: z.object({ intent: z.literal("remove"), id: z.coerce.number<string>() }),
      run: ({ who, value }) => (transaction((tx) => removeDeputy(tx, who, value.id)) ? undefined : notFound()),
      done: () => redirect("/aufgaben/vertretung"),
    }),
  }),
});

function period(from: string, until: string | null): string {
  return until ? `${formatDate(from)} bis ${formatDate(until)}` : `ab ${formatDate(from)} (ohne Ende)`;
}

export default function DeputiesPage() {
  const { today, kommune, candidates, mine, forOthers } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lastResult = actionData?.intent === "add" ? actionData.result : undefined;
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "vertretung",
    lastResult,
    defaultValue: { fromDate: today },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DeputySchema }),
  });
  return (
    <div className="max-w-3xl space-y-6">
      <p>
        <Link to="/aufgaben">Zurück zu Meine Aufgaben</Link>
      </p>
      <h1>Vertretung in {kommune}</h1>
      <p className="text-slate-700">
        Während Ihrer Abwesenheit sieht die Vertretung Ihre persönlichen Aufgaben unter „Meine Aufgaben“, markiert mit „Vertretung für …“, und
        kann sie erledigen.
      </p>
      <section aria-labelledby="meine-vertretungen" className="card">
        <h2 id="meine-vertretungen">Wer mich vertritt</h2>
        {mine.length === 0 ? (
          <p className="mt-2 text-slate-700">Keine Vertretung eingetragen.</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-200">
            {mine.map((d) => (
              <li key={d.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span>
                  {d.deputyName}, {period(d.fromDate, d.untilDate)}
                </span>
                <Form method="post">
                  <CsrfInput />
                  <input type="hidden" name="intent" value="remove" />
                  <input type="hidden" name="id" value={d.id} />
                  <button type="submit" className="btn-secondary" disabled={navigation.state !== "idle"}>
                    Beenden<span className="sr-only">: Vertretung durch {d.deputyName}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
        <Form method="post" className="mt-4 grid gap-4 sm:grid-cols-3" {...getFormProps(form)}>
          <CsrfInput />
          <input type="hidden" name="intent" value="add" />
          <FormErrors id={form.errorId} errors={form.errors} />
          <SelectField
            label="Vertretung"
            meta={fields.deputyUserId}
            placeholder="Bitte wählen"
            options={candidates.map((c) => ({ value: c.id, label: c.name }))}
          />
          <TextField label="Von" meta={fields.fromDate} type="date" required />
          <TextField label="Bis (leer: ohne Ende)" meta={fields.untilDate} type="date" />
          <div className="sm:col-span-3">
            <button type="submit" className="btn-primary" disabled={navigation.state !== "idle"}>
              Vertretung eintragen
            </button>
          </div>
        </Form>
      </section>
      <section aria-labelledby="ich-vertrete" className="card">
        <h2 id="ich-vertrete">Wen ich vertrete</h2>
        {forOthers.length === 0 ? (
          <p className="mt-2 text-slate-700">Sie vertreten derzeit niemanden.</p>
        ) : (
          <ul className="mt-3 list-disc pl-5">
            {forOthers.map((d) => (
              <li key={d.id}>
                {d.userName}, {period(d.fromDate, d.untilDate)}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
