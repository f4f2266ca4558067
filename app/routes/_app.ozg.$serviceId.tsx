import { type FieldMetadata, getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ADOPTION_STATUSES, ADOPTION_STATUS_LABELS, AdoptionFormSchema, MATURITY_LEVELS } from "~/areas/efa/adoption";
import { adoptionFormData, setOzgAdoption } from "~/areas/efa/adoption.server";
import { EFA_STATUS_LABELS } from "~/areas/efa/labels";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { CsrfInput } from "~/components/csrf";
import { SelectField } from "~/components/forms";
import { requireContext } from "~/utils/context.server";
import { getDb } from "~/utils/db.server";
import { idParam, orNotFound } from "~/utils/http.server";
import { formAction } from "~/utils/intents.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.service.name ?? "OZG-Leistung"} – OZG-Leistungen – Fahrplan` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "ozg.view");
  const data = orNotFound(adoptionFormData(getDb(), ctx, idParam(params.serviceId)), "Diese OZG-Leistung gibt es im Katalog nicht.");
  return json({ ...data, canEdit: ctx.can("ozg.edit") });
}

export const action = /* @__PURE__ */ formAction({
  permission: "ozg.edit",
  load: (_ctx, { params }) => idParam(params.serviceId),
  schema: AdoptionFormSchema,
  run: ({ who, subject, value }) => setOzgAdoption(who, subject, value),
  done: (_, { subject }) => redirect(`/ozg?hinweis=gespeichert&leistung=${subject}`),
});

export default function OzgServicePage() {
  const { service, values, projectChoices, canEdit } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: { status: values.status, maturityLevel: String(values.maturityLevel), projectId: values.projectId ? String(values.projectId) : "", version: String(values.version) },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AdoptionFormSchema }),
    shouldRevalidate: "onBlur",
  });
  return (
    <div className="max-w-3xl space-y-6">
      <Breadcrumbs items={[{ to: "/ozg", label: "OZG-Leistungen" }, { label: service.name }]} />
      <h1>{service.name}</h1>
      <dl className="card grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
        <div><dt className="font-semibold">OZG-ID</dt><dd>{service.ozgId}</dd></div>
        <div><dt className="font-semibold">Themenfeld</dt><dd>{service.themenfeld}</dd></div>
        <div><dt className="font-semibold">LeiKa-Schlüssel</dt><dd>{service.leikaKeys.length ? service.leikaKeys.join(", ") : "–"}</dd></div>
        <div>
          <dt className="font-semibold">EfA-Angebot</dt>
          <dd>{service.efaStatus ? `${service.efaProvidingLand}, ${EFA_STATUS_LABELS[service.efaStatus]}` : "kein EfA-Angebot"}</dd>
        </div>
      </dl>
      <section aria-labelledby="stufen" className="space-y-2">
        <h2 id="stufen">Stufen des OZG-Reifegradmodells</h2>
        <ol className="list-none space-y-1 text-sm">
          {MATURITY_LEVELS.map((l) => (
            <li key={l.level}>
              <strong>Stufe {l.level} – {l.name}:</strong> {l.description}
            </li>
          ))}
        </ol>
      </section>
      {canEdit ? (
        <Form method="post" {...getFormProps(form)} className="card space-y-4">
          <h2>Stand in der Kommune</h2>
          <CsrfInput />
          <input type="hidden" name={fields.version.name} value={values.version} />
          {form.errors?.length ? (
            <p id={form.errorId} className="alert-error" role="alert">
              {form.errors.join(" ")}
            </p>
          ) : null}
          <SelectField label="Status" meta={fields.status} options={ADOPTION_STATUSES.map((s) => ({ value: s, label: ADOPTION_STATUS_LABELS[s] }))} />
          <SelectField
            label="Reifegrad (OZG-Reifegradmodell)"
            meta={fields.maturityLevel as FieldMetadata<string>}
            options={MATURITY_LEVELS.map((l) => ({ value: l.level, label: `${l.level} – ${l.name}` }))}
          />
          <SelectField label="Verknüpftes Projekt" meta={fields.projectId as FieldMetadata<string>} placeholder="kein Projekt" options={projectChoices.map((p) => ({ value: p.id, label: p.title }))} />
          <button type="submit" className="btn-primary">Speichern</button>
        </Form>
      ) : (
        <p className="card">
          Status: {ADOPTION_STATUS_LABELS[values.status]} · Reifegrad: Stufe {values.maturityLevel}
        </p>
      )}
    </div>
  );
}
