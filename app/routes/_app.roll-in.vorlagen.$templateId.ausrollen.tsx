import { type SubmissionResult, getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { CsrfInput } from "~/components/csrf";
import { FormErrors, TextField } from "~/components/forms";
import { type RolloutPreviewRow, getTemplate, previewRollout, rollOutProgramme } from "~/areas/rollin/programmes.server";
import { callerMunicipalities, requireProvider } from "~/areas/rollin/provider.server";
import { readForm } from "~/utils/csrf.server";
import { getDb } from "~/utils/db.server";
import { replyWithError } from "~/utils/form-reply.server";
import { formatDate, parseGermanDate, todayIso } from "~/utils/format";
import { idParam, notFound } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Programm ausrollen – Roll-in-Service – Fahrplan" }];

const RolloutSchema = z.object({
  intent: z.enum(["preview", "confirm"]).default("preview"),
  municipalityIds: z.array(z.number({ error: "Unbekannte Kommune." }).int().positive(), { error: "Bitte wählen Sie mindestens eine Kommune." }).min(1, { error: "Bitte wählen Sie mindestens eine Kommune." }).max(500),
  startDate: z
    .string({ error: "Bitte geben Sie den Start an (TT.MM.JJJJ)." })
    .transform((v, ctx) => {
      const iso = /^\d{4}-\d{2}-\d{2}$/.test(v.trim()) ? v.trim() : parseGermanDate(v);
      if (!iso) ctx.addIssue({ code: "custom", message: "Bitte geben Sie den Start als Datum an (TT.MM.JJJJ)." });
      return iso ?? "";
    }),
});

interface ActionData {
  result: SubmissionResult<string[]>;
  preview: RolloutPreviewRow[] | null;
  startDate?: string;
  municipalityIds?: number[];
}

async function load(request: Request, templateId: number) {
  const caller = await requireProvider(request, "programme.rollOut");
  const found = getTemplate(getDb(), caller, templateId);
  if (!found || !found.latest) notFound("Diese Programmvorlage gibt es nicht.");
  return { caller, found: { ...found, latest: found.latest } };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { caller, found } = await load(request, idParam(params.templateId));
  const kommunen = callerMunicipalities(getDb(), caller);
  const groups = [...new Set(kommunen.map((m) => m.group ?? "ohne Gruppe"))].sort((a, b) => a.localeCompare(b, "de"));
  return json({
    template: { id: found.template.id, name: found.template.name, isExample: found.template.isExample, version: found.latest.number },
    groups: groups.map((g) => ({ name: g, kommunen: kommunen.filter((m) => (m.group ?? "ohne Gruppe") === g).map((m) => ({ id: m.id, name: m.name })) })),
    today: todayIso(),
  });
}

/** Step 1 (preview): what happens in each Kommune; step 2 (confirm): all or nothing, then the matrix. */
export async function action({ request, params }: ActionFunctionArgs) {
  const templateId = idParam(params.templateId);
  const { caller } = await load(request, templateId);
  const submission = parseWithZod(await readForm(request), { schema: RolloutSchema });
  if (submission.status !== "success") return json<ActionData>({ result: submission.reply(), preview: null }, { status: 400 });
  const { intent, municipalityIds, startDate } = submission.value;
  if (intent === "preview") {
    return json<ActionData>({ result: submission.reply(), preview: previewRollout(getDb(), caller, templateId, municipalityIds, startDate), startDate, municipalityIds });
  }
  try {
    rollOutProgramme(caller, { templateId, municipalityIds, startDate });
  } catch (error) {
    const reply = replyWithError(submission, error);
    return json<ActionData>({ result: await reply.json(), preview: previewRollout(getDb(), caller, templateId, municipalityIds, startDate), startDate, municipalityIds }, { status: reply.status });
  }
  return redirect(`/roll-in/vorlagen/${templateId}/matrix?ausgerollt=${municipalityIds.length}`);
}

export default function RollOut() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: { startDate: formatDate(data.today), municipalityIds: [] as string[] },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RolloutSchema }),
  });
  const preview = actionData?.preview ?? null;
  const chosen = new Set(actionData?.municipalityIds ?? []);
  const blocked = preview?.some((p) => p.problem) ?? false;
  const errorId = `${fields.municipalityIds.id}-error`;
  return (
    <div className="space-y-4">
      <Breadcrumbs
        items={[
          { to: "/roll-in", label: "Cockpit" },
          { to: "/roll-in/vorlagen", label: "Programmvorlagen" },
          { to: `/roll-in/vorlagen/${data.template.id}`, label: data.template.name },
          { label: "Ausrollen" },
        ]}
      />
      <h1>Ausrollen: {data.template.name}</h1>
      <p className="text-sm text-slate-700">
        Version {data.template.version}
        {data.template.isExample ? " · Beispielvorlage" : ""}. Jede gewählte Kommune bekommt ein Projekt mit einem Meilenstein je Schritt. Erst die Vorschau, dann bestätigen.
      </p>
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <CsrfInput />
        <FormErrors errors={form.errors} id={form.errorId} />
        <fieldset className="card" aria-describedby={fields.municipalityIds.errors?.length ? errorId : undefined}>
          <legend className="px-1 font-semibold">Kommunen</legend>
          <div className="grid gap-4 md:grid-cols-3">
            {data.groups.map((g) => (
              <fieldset key={g.name}>
                <legend className="text-sm font-semibold">{g.name}</legend>
                <ul>
                  {g.kommunen.map((k) => (
                    <li key={k.id} className="flex items-center gap-2">
                      <input type="checkbox" id={`kommune-${k.id}`} name={fields.municipalityIds.name} value={k.id} defaultChecked={chosen.has(k.id)} className="h-4 w-4" />
                      <label htmlFor={`kommune-${k.id}`} className="text-sm">
                        {k.name}
                      </label>
                    </li>
                  ))}
                </ul>
              </fieldset>
            ))}
          </div>
          {fields.municipalityIds.errors?.length ? (
            <div id={errorId} className="field-error" role="alert">
              {fields.municipalityIds.errors.map((e) => (
                <p key={e}>{e}</p>
              ))}
            </div>
          ) : null}
        </fieldset>
        <TextField label="Start (TT.MM.JJJJ)" meta={fields.startDate} className="max-w-xs" hint="Die Fälligkeiten der Schritte zählen ab diesem Tag." />
        <button type="submit" name="intent" value="preview" className="btn-secondary">
          Vorschau anzeigen
        </button>
        {preview ? (
          <section aria-labelledby="vorschau" className="card space-y-3">
            <h2 id="vorschau">Vorschau: Start {formatDate(actionData?.startDate)}</h2>
            <table className="table" data-testid="rollout-preview">
              <caption className="sr-only">Was in jeder gewählten Kommune geschieht</caption>
              <thead>
                <tr>
                  <th scope="col">Kommune</th>
                  <th scope="col">Ergebnis</th>
                  <th scope="col" className="num">Schritte</th>
                  <th scope="col">Erste Fälligkeit</th>
                  <th scope="col">Letzte Fälligkeit</th>
                </tr>
              </thead>
              <tbody>
                {preview.map((p) => (
                  <tr key={p.municipalityId}>
                    <td>{p.name}</td>
                    <td className={p.problem ? "font-semibold text-red-800" : ""}>{p.problem ? `Nicht möglich: ${p.problem}` : "Projekt und Schritte werden angelegt."}</td>
                    <td className="num">{p.steps}</td>
                    <td>{formatDate(p.firstDue)}</td>
                    <td>{formatDate(p.lastDue)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {blocked ? (
              <p className="alert-warning">Wählen Sie die Kommunen ab, in denen es nicht geht, und zeigen Sie die Vorschau erneut an.</p>
            ) : (
              <button type="submit" name="intent" value="confirm" className="btn-primary">
                In {preview.length} {preview.length === 1 ? "Kommune" : "Kommunen"} ausrollen
              </button>
            )}
          </section>
        ) : null}
      </Form>
    </div>
  );
}
