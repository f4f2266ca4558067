import { type SubmissionResult, getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf";
import { FilterBar } from "~/components/filter-bar";
import { FilterSearch, FilterSelect, FormErrors, SelectField } from "~/components/forms";
import { Pagination } from "~/components/pagination";
import { assignmentPage } from "~/areas/rollin/assignment-page.server";
import { MAX_BULK_ASSIGNMENTS, WITHOUT_MANAGER } from "~/areas/rollin/assignments";
import { assignManagerBulk, requireProvider, unassignManager } from "~/areas/rollin/provider.server";
import { RollinTabs } from "~/areas/rollin/ui";
import { readForm } from "~/utils/csrf.server";
import { getDb } from "~/utils/db.server";
import { ValidationError } from "~/utils/errors";
import { replyWithError } from "~/utils/form-reply.server";

export const meta: MetaFunction = () => [{ title: "Zuordnung der Kommunen – Roll-in-Service – Fahrplan" }];

const CHOOSE_KOMMUNE = "Bitte wählen Sie mindestens eine Kommune.";

const AssignSchema = z.object({
  intent: z.literal("assign"),
  userId: z.number({ error: "Bitte wählen Sie eine Betreuerin oder einen Betreuer." }).int().positive(),
  municipalityIds: z.array(z.number({ error: "Unbekannte Kommune." }).int().positive(), { error: CHOOSE_KOMMUNE }).min(1, { error: CHOOSE_KOMMUNE }).max(MAX_BULK_ASSIGNMENTS, { error: `Bitte wählen Sie höchstens ${MAX_BULK_ASSIGNMENTS} Kommunen auf einmal.` }),
});

/** "userId:municipalityId" of the remove button that was pressed. */
const UnassignSchema = z.object({ assignment: z.string().regex(/^\d+:\d+$/) });

interface ActionData {
  result?: SubmissionResult<string[]>;
  message?: string;
  formErrors?: string[];
}

/** Only the coordination: every Kommune of the provider with its managers; gaps marked. */
export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await requireProvider(request, "provider.assign");
  return json({
    ...assignmentPage(getDb(), caller, new URL(request.url).searchParams),
    canAssign: true,
  });
}

/** Assigns the chosen Kommunen to one manager (all or nothing), or removes one assignment. */
export async function action({ request }: ActionFunctionArgs) {
  const caller = await requireProvider(request, "provider.assign");
  const form = await readForm(request);
  if (form.get("intent") === "unassign") {
    const parsed = UnassignSchema.safeParse({ assignment: form.get("assignment") });
    if (!parsed.success) return json<ActionData>({ formErrors: ["Diese Zuordnung gibt es nicht. Bitte laden Sie die Seite neu."] }, { status: 400 });
    const [userId, municipalityId] = parsed.data.assignment.split(":").map(Number);
    try {
      const done = unassignManager(caller, { userId, municipalityId });
      return json<ActionData>({ message: `${done.municipalityName} ist ${done.managerName} nicht mehr zugeordnet.` });
    } catch (error) {
      if (error instanceof ValidationError) return json<ActionData>({ formErrors: Object.values(error.fieldErrors).flat() }, { status: 400 });
      throw error;
    }
  }
  const submission = parseWithZod(form, { schema: AssignSchema });
  if (submission.status !== "success") return json<ActionData>({ result: submission.reply() }, { status: 400 });
  try {
    const done = assignManagerBulk(caller, submission.value);
    const n = done.assigned.length;
    const assigned = n === 1 ? `${done.assigned[0]} ist jetzt ${done.managerName} zugeordnet.` : `${n} Kommunen sind jetzt ${done.managerName} zugeordnet: ${done.assigned.join(", ")}.`;
    const already = done.alreadyAssigned.length ? ` Schon vorher zugeordnet: ${done.alreadyAssigned.join(", ")}.` : "";
    return json<ActionData>({ result: submission.reply({ resetForm: true }), message: assigned + already });
  } catch (error) {
    const reply = replyWithError(submission, error);
    return json<ActionData>({ result: await reply.json() }, { status: reply.status });
  }
}

const UNASSIGN_FORM = "zuordnung-entfernen";

export default function Assignments() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const busy = useNavigation().state !== "idle";
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: { userId: "", municipalityIds: [] as string[] },
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AssignSchema }),
  });
  // "Alle auf dieser Seite" needs JavaScript; without it the control would do nothing, so it appears after hydration.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const tableRef = useRef<HTMLTableElement>(null);
  const toggleAll = (checked: boolean) => {
    tableRef.current?.querySelectorAll<HTMLInputElement>('input[name="municipalityIds"]').forEach((box) => (box.checked = checked));
  };
  const kommunenError = `${fields.municipalityIds.id}-error`;
  const hasKommunenError = !!fields.municipalityIds.errors?.length;
  const filtered = data.shown !== data.total;
  return (
    <div className="space-y-4">
      <h1>Zuordnung der Kommunen</h1>
      <RollinTabs canAssign={data.canAssign} />
      <p className="text-sm text-slate-700">
        Hier legen Sie fest, welche Kommunen von {data.providerName} welche Betreuerin oder welcher Betreuer begleitet. Betreuerinnen und Betreuer sehen im Cockpit nur ihre
        Kommunen. Jede Änderung steht im Änderungsprotokoll der Kommune.
      </p>

      <section aria-labelledby="betreuung" className="card space-y-2">
        <h2 id="betreuung">Betreuerinnen und Betreuer</h2>
        {data.managers.length === 0 ? (
          <p className="text-sm">Ihr Roll-in-Service hat noch keine Betreuerinnen oder Betreuer.</p>
        ) : (
          <ul className="grid gap-1 text-sm md:grid-cols-2 lg:grid-cols-3" data-testid="manager-summary">
            {data.managers.map((m) => (
              <li key={m.userId}>
                <Link to={`?betreuung=${m.userId}`}>{m.name}</Link>: {m.count} {m.count === 1 ? "Kommune" : "Kommunen"}
              </li>
            ))}
          </ul>
        )}
        <p className="text-sm" data-testid="gap-summary">
          {data.withoutManager === 0 ? (
            "Jede Kommune hat eine Betreuung."
          ) : (
            <>
              <span className="font-semibold text-red-800">
                {data.withoutManager} von {data.total} {data.total === 1 ? "Kommune" : "Kommunen"} ohne Betreuung
              </span>{" "}
              · <Link to={`?betreuung=${WITHOUT_MANAGER}`}>nur diese anzeigen</Link>
            </>
          )}
        </p>
      </section>

      <FilterBar label="Kommunen filtern" resetTo={filtered || data.query.q ? "/roll-in/zuordnung" : undefined}>
        <FilterSearch id="suche" name="suche" label="Name enthält" value={data.query.q} />
        <FilterSelect id="gruppe" name="gruppe" label="Gruppe (Amt, Landkreis)" value={data.query.group} options={data.groups.map((g) => ({ value: g, label: g }))} />
        <FilterSelect
          id="filter-betreuung"
          name="betreuung"
          label="Betreuung"
          value={data.query.manager}
          options={[{ value: WITHOUT_MANAGER, label: "ohne Betreuung" }, ...data.managers.map((m) => ({ value: m.userId, label: m.name }))]}
        />
      </FilterBar>

      {actionData?.message ? (
        <p className="alert-success" role="status">
          {actionData.message}
        </p>
      ) : null}
      <FormErrors errors={actionData?.formErrors} />

      {/* The remove buttons in the table belong to this form (form attribute); one button, one assignment. */}
      <Form method="post" id={UNASSIGN_FORM} className="hidden">
        <CsrfInput />
        <input type="hidden" name="intent" value="unassign" />
      </Form>

      <Form method="post" {...getFormProps(form)} className="space-y-3">
        <CsrfInput />
        <input type="hidden" name="intent" value="assign" />
        <FormErrors errors={form.errors} id={form.errorId} />
        <fieldset className="card space-y-3">
          <legend className="px-1 font-semibold">Gewählte Kommunen zuordnen</legend>
          <p className="text-sm text-slate-700">Kommunen in der Tabelle ankreuzen, Person wählen, zuordnen. Es wird alles gespeichert oder nichts.</p>
          <div className="flex flex-wrap items-end gap-3">
            <SelectField
              label="Betreuerin oder Betreuer"
              meta={fields.userId}
              placeholder="Bitte wählen"
              options={data.managers.map((m) => ({ value: m.userId, label: `${m.name} (${m.email})` }))}
            />
            <button type="submit" className="btn-primary" disabled={busy}>
              Zuordnen
            </button>
          </div>
          {hasKommunenError ? (
            <div id={kommunenError} className="field-error" role="alert">
              {fields.municipalityIds.errors!.map((e) => (
                <p key={e}>{e}</p>
              ))}
            </div>
          ) : null}
        </fieldset>

        <p className="text-sm" role="status">
          {filtered ? `${data.shown} von ${data.total} Kommunen` : `${data.total} Kommunen`}
          {data.pages > 1 ? `; Seite ${data.page} von ${data.pages}` : ""}.
        </p>
        {data.rows.length === 0 ? (
          <p className="alert-info">Keine Kommune passt zu diesem Filter.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="table table-compact" data-testid="assignments" ref={tableRef}>
              <caption className="sr-only">Kommunen des Roll-in-Service mit Gruppe und Betreuung</caption>
              <thead>
                <tr>
                  <th scope="col" className="w-12">
                    {hydrated ? (
                      <input type="checkbox" aria-label="Alle Kommunen dieser Seite wählen" className="h-4 w-4" onChange={(e) => toggleAll(e.currentTarget.checked)} />
                    ) : (
                      <span className="sr-only">Wählen</span>
                    )}
                  </th>
                  <th scope="col">Kommune</th>
                  <th scope="col">Gruppe</th>
                  <th scope="col">Betreuung</th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((r) => {
                  const box = `kommune-${r.municipalityId}`;
                  return (
                    <tr key={r.municipalityId} data-testid="assignment-row" className={r.managers.length === 0 ? "bg-red-50" : undefined}>
                      <td>
                        <input
                          type="checkbox"
                          id={box}
                          name={fields.municipalityIds.name}
                          value={r.municipalityId}
                          className="h-4 w-4"
                          aria-describedby={hasKommunenError ? kommunenError : undefined}
                          aria-invalid={hasKommunenError || undefined}
                        />
                      </td>
                      <th scope="row" className="font-medium">
                        <label htmlFor={box}>{r.name}</label>
                      </th>
                      <td>{r.group ?? "–"}</td>
                      <td>
                        {r.managers.length === 0 ? (
                          <span className="badge border border-red-700 bg-white text-red-800">⚠ ohne Betreuung</span>
                        ) : (
                          <ul className="flex flex-wrap gap-2">
                            {r.managers.map((m) => (
                              <li key={m.userId} className="flex items-center gap-1 rounded bg-slate-100 px-2 py-0.5 text-sm">
                                {m.name}
                                <button
                                  type="submit"
                                  form={UNASSIGN_FORM}
                                  name="assignment"
                                  value={`${m.userId}:${r.municipalityId}`}
                                  className="text-xs text-brand-700 underline underline-offset-2 hover:decoration-2"
                                  disabled={busy}
                                >
                                  entfernen<span className="sr-only">: {m.name} aus {r.name}</span>
                                </button>
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Form>
      <Pagination page={data.page} pages={data.pages} label="Seiten der Zuordnung" />
    </div>
  );
}
