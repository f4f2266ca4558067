import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { ROLES } from "../../db/schema/org";
import { CsrfInput } from "~/components/csrf";
import { FormErrors, SelectField, TextField } from "~/components/forms";
import { unitOptions } from "~/areas/org/units.server";
import { personalDataScope, seesAnyone, trainingNavFor } from "~/areas/trainings/access.server";
import { Badge, TrainingNav } from "~/areas/trainings/components";
import { listCourses } from "~/areas/trainings/courses.server";
import { COMPLIANCE_LABELS } from "~/areas/trainings/labels";
import { complianceOverview, createMandatory, deleteMandatory, scheduleAllReminders } from "~/areas/trainings/mandatory.server";
import { MandatorySchema } from "~/areas/trainings/schemas";
import { requireContext } from "~/utils/context.server";
import { readForm } from "~/utils/csrf.server";
import { ValidationError } from "~/utils/errors";
import { formatDate } from "~/utils/format";
import { replyWithError } from "~/utils/form-reply.server";
import { badRequest } from "~/utils/http.server";
import { ROLE_LABELS } from "~/utils/permissions";

export const meta: MetaFunction = () => [{ title: "Pflichtschulungen – Fahrplan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "training.view");
  const scope = personalDataScope(ctx);
  const overview = complianceOverview(ctx, scope);
  const canManage = ctx.can("training.manage");
  return json({
    nav: trainingNavFor(ctx),
    canManage,
    mandatory: overview.mandatory,
    unitStatus: overview.units,
    people: overview.people,
    seesPeople: seesAnyone(scope),
    courses: canManage ? listCourses(ctx) : [],
    unitChoices: canManage ? unitOptions(ctx) : [],
  });
}

const CreateSchema = MandatorySchema.extend({ intent: z.literal("create") });

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireContext(request, "training.manage");
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "delete") {
    const id = Number(form.get("mandatoryId"));
    if (!Number.isSafeInteger(id) || id <= 0) badRequest();
    try {
      deleteMandatory(ctx, id);
    } catch (error) {
      if (error instanceof ValidationError) return json({ notice: null, errors: Object.values(error.fieldErrors).flat() }, { status: 400 });
      throw error;
    }
    return json({ notice: "Die Pflichtschulung wurde entfernt.", errors: [] as string[] });
  }
  if (intent === "reminders") {
    const n = scheduleAllReminders(ctx);
    return json({ notice: `${n} Erinnerungsfrist(en) angelegt oder aktualisiert. Die Betroffenen erhalten rechtzeitig eine Aufgabe.`, errors: [] as string[] });
  }
  const submission = parseWithZod(form, { schema: CreateSchema });
  if (submission.status !== "success") return json({ create: submission.reply() }, { status: 400 });
  try {
    createMandatory(ctx, {
      courseId: submission.value.courseId,
      role: submission.value.role ?? null,
      unitId: submission.value.unitId ?? null,
      renewalMonths: submission.value.renewalMonths ?? null,
    });
  } catch (error) {
    const reply = replyWithError(submission, error);
    return json({ create: await reply.json() }, { status: reply.status });
  }
  return json({ create: submission.reply({ resetForm: true }), notice: "Die Pflichtschulung wurde angelegt." });
}

const STATUS_TONE = { compliant: "green", due: "amber", overdue: "red" } as const;

export default function MandatoryTrainingsPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "mandatory",
    lastResult: result && "create" in result ? result.create : undefined,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CreateSchema }),
  });
  const notice = result && "notice" in result ? result.notice : null;
  const errors = result && "errors" in result ? result.errors : undefined;
  return (
    <div className="space-y-6">
      <h1>Pflichtschulungen und Einhaltung</h1>
      <TrainingNav current="/schulungen/pflichtschulungen" links={data.nav} />
      {notice && (
        <p className="alert-success" role="status">
          {notice}
        </p>
      )}
      <FormErrors errors={errors} />
      <section aria-labelledby="liste" className="card space-y-3">
        <h2 id="liste">Festgelegte Pflichtschulungen</h2>
        {data.mandatory.length === 0 ? (
          <p className="text-sm text-slate-700">Noch keine Pflichtschulungen festgelegt.</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Schulungsformat</th>
                <th scope="col">Gilt für</th>
                <th scope="col">Auffrischung</th>
                {data.canManage && <th scope="col">Aktion</th>}
              </tr>
            </thead>
            <tbody>
              {data.mandatory.map((m) => (
                <tr key={m.id}>
                  <td>
                    <Link to={`/schulungen/formate/${m.courseId}`}>{m.courseTitle}</Link>
                  </td>
                  <td>
                    {[m.role ? `Rolle ${ROLE_LABELS[m.role]}` : null, m.unitName ? `Einheit ${m.unitName}` : null].filter(Boolean).join(", ") || "alle Beschäftigten"}
                  </td>
                  <td>{m.renewalMonths ? `alle ${m.renewalMonths} Monate` : "einmalig"}</td>
                  {data.canManage && (
                    <td>
                      <Form method="post">
                        <CsrfInput />
                        <input type="hidden" name="mandatoryId" value={m.id} />
                        <button type="submit" name="intent" value="delete" className="btn-secondary" aria-label={`Pflichtschulung ${m.courseTitle} entfernen`}>
                          Entfernen
                        </button>
                      </Form>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {data.canManage && (
          <Form method="post" className="space-y-3 border-t border-slate-200 pt-3" {...getFormProps(form)}>
            <h3 className="font-semibold">Pflichtschulung festlegen</h3>
            <CsrfInput />
            <input type="hidden" name="intent" value="create" />
            <FormErrors id={form.errorId} errors={form.errors} />
            <div className="grid gap-4 sm:grid-cols-4">
              <SelectField label="Schulungsformat" meta={fields.courseId} placeholder="Bitte wählen" options={data.courses.map((c) => ({ value: c.id, label: c.title }))} />
              <SelectField label="Nur für Rolle" meta={fields.role} placeholder="alle Rollen" options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
              <SelectField label="Nur für Einheit" meta={fields.unitId} placeholder="alle Einheiten" options={data.unitChoices.map((u) => ({ value: u.id, label: u.label }))} />
              <TextField label="Auffrischung (Monate)" type="number" min={1} max={120} meta={fields.renewalMonths} hint="leer = einmalig" />
            </div>
            <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
              Festlegen
            </button>
          </Form>
        )}
      </section>

      <section aria-labelledby="einheiten" className="card space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="einheiten">Stand je Einheit</h2>
          {data.canManage && data.mandatory.length > 0 && (
            <Form method="post">
              <CsrfInput />
              <button type="submit" name="intent" value="reminders" className="btn-secondary">
                Erinnerungen für fällige und überfällige anlegen
              </button>
            </Form>
          )}
        </div>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Einheit</th>
              <th scope="col" className="num">{COMPLIANCE_LABELS.compliant}</th>
              <th scope="col" className="num">{COMPLIANCE_LABELS.due}</th>
              <th scope="col" className="num">{COMPLIANCE_LABELS.overdue}</th>
            </tr>
          </thead>
          <tbody>
            {data.unitStatus.map((u) => (
              <tr key={u.unitId}>
                <th scope="row" className="font-normal">{u.unitName}</th>
                <td className="num">{u.compliant}</td>
                <td className="num">{u.due}</td>
                <td className="num">{u.overdue}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="text-xs text-slate-600">
          Gezählt wird je Person und Pflichtschulung. „Bald fällig“: Auffrischung innerhalb der nächsten 60 Tage.
        </p>
      </section>

      {data.seesPeople && data.people.length > 0 && (
        <section aria-labelledby="personen" className="card space-y-3">
          <h2 id="personen">Stand je Person</h2>
          <p className="text-sm text-slate-700">Sie sehen die Beschäftigten, für die Sie zuständig sind.</p>
          <div className="overflow-x-auto">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Einheit</th>
                  {data.mandatory.map((m) => (
                    <th key={m.id} scope="col">
                      {m.courseTitle}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.people.map((p) => (
                  <tr key={p.employeeId}>
                    <th scope="row" className="font-normal">
                      <Link to={`/beschaeftigte/${p.employeeId}`}>{p.name}</Link>
                    </th>
                    <td>{p.unitName}</td>
                    {data.mandatory.map((m) => {
                      const cell = p.cells.find((c) => c.mandatoryId === m.id);
                      return (
                        <td key={m.id}>
                          {cell ? (
                            <>
                              <Badge tone={STATUS_TONE[cell.status]}>{COMPLIANCE_LABELS[cell.status]}</Badge>
                              <span className="block text-xs text-slate-700">
                                {cell.lastDate ? `zuletzt ${formatDate(cell.lastDate)}` : "noch nie"}
                                {cell.dueDate ? `, fällig ${formatDate(cell.dueDate)}` : ""}
                              </span>
                            </>
                          ) : (
                            <span className="text-slate-600">–</span>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </div>
  );
}
