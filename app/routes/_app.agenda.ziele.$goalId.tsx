import { type SubmissionResult, getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { z } from "zod";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { GoalSchema, GoalValueSchema, decimalToInput } from "~/areas/agenda/agenda";
import { deleteGoal, deleteGoalValue, getGoal, listFieldsOfAction, recordGoalValue, updateGoal, updateGoalValue } from "~/areas/agenda/agenda.server";
import { goalChartSvg } from "~/areas/agenda/goal-chart.server";
import { GoalForm } from "~/areas/agenda/goal-form";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { CsrfInput } from "~/components/csrf";
import { FormErrors, TextField } from "~/components/forms";
import { requireContext } from "~/utils/context.server";
import { intentAction } from "~/utils/intents.server";
import { getDb } from "~/utils/db.server";
import { formatDate, formatNumber, formatShare, todayIso } from "~/utils/format";
import { badRequest, idParam, orNotFound } from "~/utils/http.server";
import { orNotFoundHere } from "~/utils/record-locations.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.goal.title ?? "Ziel"} – Digitalagenda – Fahrplan` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "agenda.edit");
  const db = getDb();
  const goalId = idParam(params.goalId);
  const goal = orNotFoundHere(getGoal(db, ctx, goalId, todayIso()), ctx, request, "goal", goalId);
  const chart = goal.values.length ? await goalChartSvg(goal, goal.values) : null;
  return json({ goal, chart, fieldsOfAction: listFieldsOfAction(db, ctx), today: todayIso() });
}

const ValueRowSchema = z.object({ valueId: z.coerce.number().int().positive() });
const CorrectValueSchema = GoalValueSchema.extend({ valueId: ValueRowSchema.shape.valueId });

export const action = /* @__PURE__ */ intentAction({
  permission: "agenda.edit",
  load: (ctx, { params }) => {
    const goalId = idParam(params.goalId);
    orNotFound(getGoal(getDb(), ctx, goalId, todayIso()));
    return goalId;
  },
  intents: (intent) => ({
    saveGoal: intent({
      schema: GoalSchema,
      run: ({ who, subject, value }) => updateGoal(who, subject, value.version ?? badRequest("Die Version des Datensatzes fehlt."), value),
      done: (_, { subject }) => redirect(`/agenda#ziel-${subject}`),
    }),
    recordValue: intent({
      schema: GoalValueSchema,
      run: ({ who, subject, value: { valueId: _, ...input } }) => recordGoalValue(who, subject, input, todayIso()),
    }),
    correctValue: intent({
      schema: CorrectValueSchema,
      run: ({ who, subject, value: { valueId, ...input } }) => updateGoalValue(who, subject, valueId, input, todayIso()),
      done: (_, { subject }) => redirect(`/agenda/ziele/${subject}`),
    }),
    deleteValue: intent({
      schema: ValueRowSchema,
      run: ({ who, subject, value }) => deleteGoalValue(who, subject, value.valueId),
      done: (_, { subject }) => redirect(`/agenda/ziele/${subject}`),
    }),
    deleteGoal: intent({
      schema: z.object({}),
      run: ({ who, subject }) => deleteGoal(who, subject),
      done: () => redirect("/agenda"),
    }),
  }),
});

interface ValueDefaults {
  valueId: number;
  recordedOn: string;
  value: number;
  note: string;
}

/** Records a new value, or with `correct` corrects a recorded one. */
function ValueForm({ lastResult, today, correct }: { lastResult: SubmissionResult<string[]> | undefined; today: string; correct?: ValueDefaults }) {
  const [form, fields] = useForm({
    id: correct ? `goal-value-${correct.valueId}` : "goal-value",
    lastResult,
    defaultValue: correct
      ? { recordedOn: formatDate(correct.recordedOn), value: decimalToInput(correct.value), note: correct.note }
      : { recordedOn: formatDate(today) },
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: GoalValueSchema }),
  });
  return (
    <Form method="post" className="mt-3 grid items-start gap-3 sm:grid-cols-3" {...getFormProps(form)}>
      <CsrfInput />
      <input type="hidden" name="intent" value={correct ? "correctValue" : "recordValue"} />
      {correct ? <input type="hidden" name="valueId" value={correct.valueId} /> : null}
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextField label="Stichtag" meta={fields.recordedOn} hint="TT.MM.JJJJ" inputMode="numeric" />
      <TextField label="Istwert" meta={fields.value} inputMode="decimal" />
      <TextField label="Notiz (optional)" meta={fields.note} />
      <div className="sm:col-span-3">
        <button type="submit" className="btn-primary">
          {correct ? "Korrektur speichern" : "Istwert erfassen"}
        </button>
      </div>
    </Form>
  );
}

export default function GoalPage() {
  const { goal, chart, fieldsOfAction, today } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const correcting = data?.intent === "correctValue" ? data.result : undefined;
  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ to: "/agenda", label: "Digitalagenda" }, { label: "Ziel" }]} />
      <h1>Ziel: {goal.title}</h1>
      <section aria-labelledby="istwerte-titel" className="card">
        <h2 id="istwerte-titel">Istwerte</h2>
        <p className="mt-1">
          {goal.indicator}: Ausgangswert {formatNumber(goal.baseline)} {goal.unit}, Ziel {formatNumber(goal.targetValue)} {goal.unit} bis{" "}
          {formatDate(goal.targetDate)}. Aktuell:{" "}
          {goal.current ? `${formatNumber(goal.current.value)} ${goal.unit} (Stichtag ${formatDate(goal.current.recordedOn)})` : "noch kein Istwert"}.
          Fortschritt: {formatShare(goal.progress)}.
        </p>
        {chart ? (
          <figure className="mt-3">
            <div dangerouslySetInnerHTML={{ __html: chart }} />
            <figcaption className="text-sm text-slate-700">Verlauf der Istwerte (Linie), Zielwert (grün gestrichelt), Ausgangswert (grau).</figcaption>
          </figure>
        ) : null}
        {goal.values.length ? (
          <table className="table mt-3">
            <thead>
              <tr>
                <th scope="col">Stichtag</th>
                <th scope="col" className="num">
                  Istwert ({goal.unit})
                </th>
                <th scope="col">Notiz</th>
                <th scope="col">Korrigieren oder löschen</th>
              </tr>
            </thead>
            <tbody>
              {goal.values.map((v) => (
                <tr key={v.id}>
                  <td>{formatDate(v.recordedOn)}</td>
                  <td className="num">{formatNumber(v.value)}</td>
                  <td>{v.note || "–"}</td>
                  <td>
                    <details>
                      <summary className="cursor-pointer">
                        Korrigieren<span className="sr-only"> (Istwert vom {formatDate(v.recordedOn)})</span>
                      </summary>
                      <ValueForm lastResult={correcting} today={today} correct={{ valueId: v.id, recordedOn: v.recordedOn, value: v.value, note: v.note }} />
                    </details>
                    <Form method="post" className="mt-1">
                      <CsrfInput />
                      <input type="hidden" name="intent" value="deleteValue" />
                      <input type="hidden" name="valueId" value={v.id} />
                      <button type="submit" className="btn-secondary text-sm">
                        Löschen<span className="sr-only"> (Istwert vom {formatDate(v.recordedOn)})</span>
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="mt-2">Noch keine Istwerte erfasst.</p>
        )}
        <ValueForm lastResult={data?.intent === "recordValue" ? data.result : undefined} today={today} />
      </section>
      <section aria-labelledby="ziel-bearbeiten-titel" className="space-y-2">
        <h2 id="ziel-bearbeiten-titel">Ziel bearbeiten</h2>
        <GoalForm
          fieldsOfAction={fieldsOfAction}
          defaults={{
            fieldOfActionId: String(goal.fieldOfActionId),
            title: goal.title,
            indicator: goal.indicator,
            unit: goal.unit,
            baseline: decimalToInput(goal.baseline),
            targetValue: decimalToInput(goal.targetValue),
            targetDate: formatDate(goal.targetDate),
            version: String(goal.version),
          }}
          lastResult={data?.intent === "saveGoal" ? data.result : undefined}
          submitLabel="Ziel speichern"
        />
      </section>
      <section aria-labelledby="ziel-loeschen-titel" className="card space-y-2">
        <h2 id="ziel-loeschen-titel">Ziel löschen</h2>
        <p className="text-sm">Löscht das Ziel mit allen Istwerten; zugeordnete Projekte bleiben bestehen und verlieren nur die Zuordnung.</p>
        <Form method="post">
          <CsrfInput />
          <input type="hidden" name="intent" value="deleteGoal" />
          <button type="submit" className="btn-secondary">
            Ziel löschen
          </button>
        </Form>
      </section>
    </div>
  );
}
