import { type SubmissionResult, getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { PartnerAddSchema, PartnerUpdateSchema } from "~/areas/joint/joint";
import { addProjectPartner, partnerPage, removeProjectPartner, updateProjectPartner } from "~/areas/joint/partners.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { CsrfInput } from "~/components/csrf";
import { FormErrors, SelectField, TextField, TextareaField } from "~/components/forms";
import { requireContext } from "~/utils/context.server";
import { readForm } from "~/utils/csrf.server";
import { getDb } from "~/utils/db.server";
import { ConflictError, ValidationError } from "~/utils/errors";
import { centsToInput, formatDate, formatEuro } from "~/utils/format";
import { badRequest, idParam, orNotFound } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Partnerkommunen: ${data?.project.title ?? "Projekt"} – Fahrplan` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "project.edit");
  return json(orNotFound(partnerPage(getDb(), ctx, idParam(params.projectId))));
}

const RemoveSchema = z.object({ partnerId: z.coerce.number().int().positive(), version: z.coerce.number().int().positive() });

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireContext(request, "project.edit");
  const id = idParam(params.projectId);
  orNotFound(partnerPage(getDb(), ctx, id));
  const formData = await readForm(request);
  const intent = formData.get("intent");
  const fail = (error: unknown, reply: (o: { formErrors?: string[]; fieldErrors?: Record<string, string[]> }) => SubmissionResult<string[]>, partnerId?: number) => {
    if (error instanceof ValidationError) {
      const { form, ...fieldErrors } = error.fieldErrors;
      return json({ intent, partnerId, result: reply({ formErrors: form, fieldErrors }) }, { status: 400 });
    }
    if (error instanceof ConflictError) return json({ intent, partnerId, result: reply({ formErrors: [error.message] }) }, { status: 409 });
    throw error;
  };
  if (intent === "add") {
    const submission = parseWithZod(formData, { schema: PartnerAddSchema });
    if (submission.status !== "success") return json({ intent, partnerId: undefined, result: submission.reply() }, { status: 400 });
    try {
      const { share, ...rest } = submission.value;
      addProjectPartner(ctx, id, { ...rest, shareCents: share });
      return json({ intent, partnerId: undefined, result: submission.reply({ resetForm: true }) });
    } catch (error) {
      return fail(error, (o) => submission.reply(o));
    }
  }
  if (intent === "update") {
    const submission = parseWithZod(formData, { schema: PartnerUpdateSchema });
    const partnerId = Number(formData.get("partnerId")) || undefined;
    if (submission.status !== "success") return json({ intent, partnerId, result: submission.reply() }, { status: 400 });
    try {
      const { share, partnerId: pid, version, ...rest } = submission.value;
      updateProjectPartner(ctx, id, pid, version, { ...rest, shareCents: share });
      return json({ intent, partnerId, result: submission.reply() });
    } catch (error) {
      return fail(error, (o) => submission.reply(o), partnerId);
    }
  }
  if (intent === "remove") {
    const parsed = RemoveSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) badRequest();
    try {
      removeProjectPartner(ctx, id, parsed.data.partnerId, parsed.data.version);
      return json({ intent, partnerId: parsed.data.partnerId, result: undefined });
    } catch (error) {
      const message = error instanceof ValidationError ? Object.values(error.fieldErrors).flat().join(" ") : error instanceof ConflictError ? error.message : null;
      if (message === null) throw error;
      return json({ intent, partnerId: parsed.data.partnerId, result: undefined, message }, { status: 400 });
    }
  }
  badRequest("Unbekannte Aktion.");
}

type ActionData = { intent: string; partnerId: number | undefined; result: SubmissionResult<string[]> | undefined; message?: string };
type PageData = ReturnType<typeof useLoaderData<typeof loader>>;

function AddPartnerForm({ candidates, lastResult }: { candidates: PageData["candidates"]; lastResult: SubmissionResult<string[]> | undefined }) {
  const [form, fields] = useForm({
    id: "partner-neu",
    lastResult,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PartnerAddSchema }),
  });
  return (
    <Form method="post" className="mt-4 space-y-3" {...getFormProps(form)}>
      <CsrfInput />
      <input type="hidden" name="intent" value="add" />
      <h3 className="font-semibold">Partnerkommune hinzufügen</h3>
      <FormErrors id={form.errorId} errors={form.errors} />
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField
          label="Kommune"
          meta={fields.partnerMunicipalityId}
          placeholder="Kommune wählen"
          options={candidates.map((c) => ({ value: c.id, label: c.name }))}
        />
        <TextField label="Vereinbarter Kostenanteil (EUR)" meta={fields.share} inputMode="decimal" hint="z. B. 12.500,00" />
        <TextField label="Vereinbart am" meta={fields.agreedOn} inputMode="numeric" hint="TT.MM.JJJJ" />
      </div>
      <TextareaField label="Notiz (z. B. Zweckvereinbarung, Aktenzeichen)" meta={fields.note} rows={2} />
      <button type="submit" className="btn-primary">
        Partnerkommune hinzufügen
      </button>
    </Form>
  );
}

function EditPartnerForm({ partner, lastResult }: { partner: PageData["partners"][number]; lastResult: SubmissionResult<string[]> | undefined }) {
  const [form, fields] = useForm({
    id: `partner-${partner.id}`,
    lastResult,
    shouldValidate: "onSubmit",
    defaultValue: { share: centsToInput(partner.shareCents), agreedOn: formatDate(partner.agreedOn), note: partner.note },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PartnerUpdateSchema }),
  });
  return (
    <Form method="post" className="mt-2 space-y-3" {...getFormProps(form)}>
      <CsrfInput />
      <input type="hidden" name="intent" value="update" />
      <input type="hidden" name="partnerId" value={partner.id} />
      <input type="hidden" name="version" value={partner.version} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField label={`Kostenanteil ${partner.partnerName} (EUR)`} meta={fields.share} inputMode="decimal" />
        <TextField label={`Vereinbart am (${partner.partnerName})`} meta={fields.agreedOn} inputMode="numeric" hint="TT.MM.JJJJ" />
      </div>
      <TextareaField label={`Notiz (${partner.partnerName})`} meta={fields.note} rows={2} />
      <button type="submit" className="btn-primary">
        Änderung speichern<span className="sr-only">: {partner.partnerName}</span>
      </button>
    </Form>
  );
}

export default function ProjectPartnersPage() {
  const { project, partners, candidates, sharesCents, openCents } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const removeError = data?.intent === "remove" ? (data.message ?? null) : null;
  return (
    <div className="space-y-6">
      <Breadcrumbs
        items={[
          { to: "/projekte", label: "Projekte" },
          { to: `/projekte/${project.id}`, label: project.title },
          { label: "Partnerkommunen" },
        ]}
      />
      <div>
        <h1>Partnerkommunen: {project.title}</h1>
        <p className="mt-2 max-w-3xl text-slate-700">
          Ihre Kommune führt dieses Projekt. Partnerkommunen sehen es schreibgeschützt in ihren Projekten, im Portfolio und im
          Fahrplan – mit Titel, Beschreibung, Status, Zeitraum, Meilensteinen, ihrem eigenen Anteil und dem Namen Ihrer Kommune;
          sonst nichts von Ihrer Kommune. Ihr vereinbarter Anteil zählt in ihren Zahlen.
        </p>
      </div>
      {project.archived ? (
        <p className="alert-info" role="status">
          Das Projekt ist archiviert; Partner lassen sich erst ändern, wenn es aus dem Archiv geholt ist.
        </p>
      ) : null}
      {removeError ? (
        <div className="alert-error" role="alert">
          {removeError}
        </div>
      ) : null}
      <section aria-labelledby="anteile-titel" className="card">
        <h2 id="anteile-titel">Anteile</h2>
        <dl className="mt-3 grid gap-3 sm:grid-cols-3">
          <div>
            <dt className="text-sm text-slate-600">Budget geplant</dt>
            <dd>{formatEuro(project.budgetPlannedCents)}</dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">Anteile der Partner zusammen</dt>
            <dd data-testid="partner-shares">{formatEuro(sharesCents)}</dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">Noch nicht verteilt (trägt Ihre Kommune)</dt>
            <dd>{formatEuro(openCents)}</dd>
          </div>
        </dl>
      </section>
      <section aria-labelledby="partner-titel" className="card">
        <h2 id="partner-titel">Eingetragene Partnerkommunen</h2>
        {partners.length === 0 ? (
          <p className="mt-2">Noch keine Partnerkommune eingetragen.</p>
        ) : (
          <table className="table mt-3">
            <thead>
              <tr>
                <th scope="col">Kommune</th>
                <th scope="col" className="num">Vereinbarter Kostenanteil</th>
                <th scope="col">Vereinbart am</th>
                <th scope="col">Notiz</th>
                {project.archived ? null : <th scope="col">Aktionen</th>}
              </tr>
            </thead>
            <tbody>
              {partners.map((p) => (
                <tr key={p.id}>
                  <td>{p.partnerName}</td>
                  <td className="num">{formatEuro(p.shareCents)}</td>
                  <td>{formatDate(p.agreedOn)}</td>
                  <td>{p.note || "–"}</td>
                  {project.archived ? null : (
                    <td className="space-y-1">
                      <details open={data?.intent === "update" && data.partnerId === p.id && data.result?.status === "error"}>
                        <summary className="cursor-pointer text-sm underline">
                          Ändern<span className="sr-only">: {p.partnerName}</span>
                        </summary>
                        <EditPartnerForm
                          key={`${p.id}-${p.version}`}
                          partner={p}
                          lastResult={data?.intent === "update" && data.partnerId === p.id ? data.result : undefined}
                        />
                      </details>
                      <Form method="post">
                        <CsrfInput />
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="partnerId" value={p.id} />
                        <input type="hidden" name="version" value={p.version} />
                        <button type="submit" className="btn-secondary px-2 py-1 text-xs" aria-label={`Entfernen: ${p.partnerName}`}>
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
        {project.archived ? null : <AddPartnerForm candidates={candidates} lastResult={data?.intent === "add" ? data.result : undefined} />}
      </section>
    </div>
  );
}
