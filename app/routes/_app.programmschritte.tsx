import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf";
import { confirmProgrammeStep } from "~/areas/rollin/confirm.server";
import { ownProgrammeSteps } from "~/areas/rollin/matrix.server";
import { STEP_STATUS_LABELS } from "~/areas/rollin/programme-template";
import { requireContext } from "~/utils/context.server";
import { readForm } from "~/utils/csrf.server";
import { getDb } from "~/utils/db.server";
import { ConflictError, ValidationError } from "~/utils/errors";
import { formatDate, todayIso } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Programmschritte – Fahrplan" }];

/** The Kommune's own view of the Roll-in programmes in its projects; CDO and admin confirm done steps. */
export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "project.view");
  const steps = ownProgrammeSteps(getDb(), ctx, todayIso());
  const projects = [...new Map(steps.map((s) => [s.projectId, { id: s.projectId, title: s.projectTitle, templateVersion: s.templateVersion }])).values()];
  return json({ municipality: ctx.municipality.name, canConfirm: ctx.can("programme.confirm"), projects: projects.map((p) => ({ ...p, steps: steps.filter((s) => s.projectId === p.id) })) });
}

const ConfirmSchema = z.object({ stepId: z.coerce.number().int().positive(), version: z.coerce.number().int().positive() });

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireContext(request, "programme.confirm");
  const parsed = ConfirmSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return json({ ok: false, message: "Die Anfrage ist ungültig. Bitte laden Sie die Seite neu.", stepId: null as number | null }, { status: 400 });
  try {
    confirmProgrammeStep(ctx, parsed.data.stepId, parsed.data.version, todayIso());
  } catch (error) {
    if (error instanceof ValidationError) return json({ ok: false, message: Object.values(error.fieldErrors).flat().join(" "), stepId: parsed.data.stepId }, { status: 400 });
    if (error instanceof ConflictError) return json({ ok: false, message: "Der Schritt wurde inzwischen geändert. Bitte laden Sie die Seite neu.", stepId: parsed.data.stepId }, { status: 409 });
    throw error;
  }
  return json({ ok: true, message: "Schritt bestätigt.", stepId: parsed.data.stepId });
}

export default function ProgrammeSteps() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <div className="space-y-4">
      <h1>Programmschritte: {data.municipality}</h1>
      <p className="text-sm text-slate-700">
        Schritte der Roll-in-Programme, die der Roll-in-Service in Ihren Projekten begleitet. Meldet er einen Schritt als erledigt, bestätigen Sie ihn hier
        {data.canConfirm ? "" : " (das dürfen CDO und Administration)"}.
      </p>
      {result ? (
        <p className={result.ok ? "alert-success" : "alert-error"} role={result.ok ? "status" : "alert"}>
          {result.message}
        </p>
      ) : null}
      {data.projects.length === 0 ? <p className="alert-info">In Ihrer Kommune läuft kein Roll-in-Programm.</p> : null}
      {data.projects.map((p) => (
        <section key={p.id} aria-labelledby={`projekt-${p.id}`} className="card space-y-2">
          <h2 id={`projekt-${p.id}`}>
            <Link to={`/projekte/${p.id}`}>{p.title}</Link> <span className="text-sm font-normal text-slate-700">(Programmversion {p.templateVersion})</span>
          </h2>
          <table className="table" data-testid="programme-steps">
            <caption className="sr-only">Schritte des Programms {p.title}</caption>
            <thead>
              <tr>
                <th scope="col">Phase</th>
                <th scope="col">Schritt</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">Checkliste</th>
                <th scope="col">Fällig</th>
                <th scope="col">Zuständig</th>
                <th scope="col">
                  <span className="sr-only">Aktion</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {p.steps.map((s) => (
                <tr key={s.id} data-testid="programme-step">
                  <td className="text-sm">{s.phase}</td>
                  <td>{s.title}</td>
                  <td>
                    {STEP_STATUS_LABELS[s.status]}
                    {s.status === "confirmed" && s.confirmedAt ? (
                      <div className="text-xs text-slate-700">
                        am {formatDate(s.confirmedAt)}
                        {s.confirmedBy ? ` von ${s.confirmedBy}` : ""}
                      </div>
                    ) : null}
                  </td>
                  <td className="num">
                    {s.checklistDone}/{s.checklistTotal} ({s.percent} %)
                  </td>
                  <td>
                    {formatDate(s.dueDate)}
                    {s.overdue ? <span className="ml-1 font-semibold text-red-800">⚠ überfällig</span> : null}
                  </td>
                  <td>{s.ownerName ?? "–"}</td>
                  <td>
                    {s.status === "done" && data.canConfirm ? (
                      <Form method="post">
                        <CsrfInput />
                        <input type="hidden" name="stepId" value={s.id} />
                        <input type="hidden" name="version" value={s.version} />
                        <button type="submit" className="btn-primary" disabled={busy}>
                          Bestätigen<span className="sr-only">: {s.title}</span>
                        </button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}
