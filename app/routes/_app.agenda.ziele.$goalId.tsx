import { type SubmissionResult, getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GoalSchema, GoalValueSchema, decimalToInput } from "~/areas/agenda/agenda";
import { deleteGoal, deleteGoalValue, getGoal, listFieldsOfAction, recordGoalValue, updateGoal, updateGoalValue } from "~/areas/agenda/agenda.server";
import { goalChartSvg } from "~/areas/agenda/goal-chart.server";
import { GoalForm } from "~/areas/agenda/goal-form";
import { CsrfInput } from "~/components/csrf";
import { FormErrors, TextField } from "~/components/forms";
import { requireContext } from "~/utils/context.server";
import { readForm } from "~/utils/csrf.server";
import { getDb } from "~/utils/db.server";
import { formatDate, formatNumber, formatShare, todayIso } from "~/utils/format";
import { ConflictError, ValidationError } from "~/utils/errors";
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

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireContext(request, "agenda.edit");
  const goalId = idParam(params.goalId);
  const today = todayIso();
  orNotFound(getGoal(getDb(), ctx, goalId, today));
  const formData = await readForm(request);
  const intent = formData.get("intent");
  if (intent === "saveGoal") {
    const submission = parseWithZod(formData, { schema: GoalSchema });
    if (submission.status !== "success") return json({ intent, result: submission.reply() }, { status: 400 });
    if (!submission.value.version) badRequest("Die Version des Datensatzes fehlt.");
    try {
      updateGoal(ctx, goalId, submission.value.version, submission.value);
      return redirect(`/agenda#ziel-${goalId}`);
    } catch (error) {
      if (error instanceof ValidationError) {
        const { form, ...fieldErrors } = error.fieldErrors;
        return json({ intent, result: submission.reply({ formErrors: form, fieldErrors }) }, { status: 400 });
      }
      if (error instanceof ConflictError) return json({ intent, result: submission.reply({ formErrors: [error.message] }) }, { status: 409 });
      throw error;
    }
  }
  if (intent === "recordValue" || intent === "correctValue") {
    const submission = parseWithZod(formData, { schema: GoalValueSchema });
    if (submission.status !== "success") return json({ intent, result: submission.reply() }, { status: 400 });
    try {
      const { valueId, ...input } = submission.value;
      if (intent === "recordValue") recordGoalValue(ctx, goalId, input, today);
      else if (valueId) updateGoalValue(ctx, goalId, valueId, input, today);
      else badRequest("Der Istwert fehlt.");
      return intent === "recordValue" ? json({ intent, result: submission.reply({ resetForm: true }) }) : redirect(`/agenda/ziele/${goalId}`);
    } catch (error) {
      if (error instanceof ValidationError) {
        const { form, ...fieldErrors } = error.fieldErrors;
        return json({ intent, result: submission.reply({ formErrors: form, fieldErrors }) }, { status: 400 });
      }
      throw error;
    }
  }
  if (intent === "deleteValue") {
    deleteGoalValue(ctx, goalId, idParam(String(formData.get("valueId") ?? "")));
    return redirect(`/agenda/ziele/${goalId}`);
  }
  if (intent === "deleteGoal") {
    deleteGoal(ctx, goalId);
    return redirect("/agenda");
  }
  badRequest("Unbekannte Aktion.");
}

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
      <nav aria-label="Brotkrümelnavigation" className="text-sm">
        <Link to="/agenda" className="underline">Digitalagenda</Link> <span aria-hidden="true">›</span> Ziel
      </nav>
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
