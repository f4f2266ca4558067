import { type FieldMetadata, getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ADOPTION_STATUS_LABELS } from "~/areas/efa/adoption";
import { ConnectionFormSchema } from "~/areas/efa/connection-form";
import { connectionChoices, startOzgConnection } from "~/areas/efa/provider-matrix.server";
import { EFA_STATUS_LABELS } from "~/areas/efa/labels";
import { providerCaller, requireProvider } from "~/areas/rollin/provider.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { CsrfInput } from "~/components/csrf";
import { SelectField, TextField } from "~/components/forms";
import { getDb } from "~/utils/db.server";
import { formatDate, parseGermanDate, todayIso } from "~/utils/format";
import { orNotFound } from "~/utils/http.server";
import { formAction } from "~/utils/intents.server";

export const meta: MetaFunction = () => [{ title: "Anbindung starten – OZG-Leistungen – Fahrplan" }];

const positive = (v: string | null) => {
  const n = Number(v);
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
};

export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await requireProvider(request, "programme.rollOut");
  const url = new URL(request.url);
  const start = parseGermanDate(url.searchParams.get("beginn") ?? "") ?? todayIso();
  const templateParam = positive(url.searchParams.get("vorlage"));
  const choices = orNotFound(
    connectionChoices(getDb(), caller, positive(url.searchParams.get("kommune")), positive(url.searchParams.get("leistung")), templateParam || null, start),
    "Diese Kommune betreuen Sie nicht, oder die Leistung gibt es nicht.",
  );
  // Without a choice, the template whose name fits the service (or the first EfA template) is proposed.
  const proposed =
    choices.chosen ??
    choices.templates.find((t) => t.name.toLocaleLowerCase("de-DE").includes(choices.service.name.toLocaleLowerCase("de-DE"))) ??
    choices.templates.find((t) => /efa/i.test(t.name)) ??
    null;
  const withPreview = proposed && !choices.chosen ? connectionChoices(getDb(), caller, choices.kommune.id, choices.service.id, proposed.id, start)! : choices;
  return json({ ...withPreview, startDate: start });
}

export const action = /* @__PURE__ */ formAction({
  caller: providerCaller,
  permission: "programme.rollOut",
  schema: ConnectionFormSchema,
  run: ({ who, value }) => startOzgConnection(who, value),
  done: () => redirect("/ozg/kommunen?hinweis=gestartet"),
});

export default function StartConnectionPage() {
  const { kommune, service, templates, current, chosen, preview, startDate } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: { templateId: chosen ? String(chosen.id) : "", startDate: formatDate(startDate) },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ConnectionFormSchema }),
    shouldRevalidate: "onBlur",
  });
  return (
    <div className="max-w-3xl space-y-6">
      <Breadcrumbs items={[{ to: "/ozg", label: "OZG-Leistungen" }, { to: "/ozg/kommunen", label: "Betreute Kommunen" }, { label: "Anbindung starten" }]} />
      <h1>Anbindung starten: {service.name}</h1>
      <dl className="card grid grid-cols-1 gap-2 text-sm sm:grid-cols-2">
        <div><dt className="font-semibold">Kommune</dt><dd>{kommune.name}</dd></div>
        <div><dt className="font-semibold">Stand heute</dt><dd>{current ? `${ADOPTION_STATUS_LABELS[current.status]}, Stufe ${current.maturityLevel}` : "nicht begonnen"}</dd></div>
        <div><dt className="font-semibold">OZG-ID, Themenfeld</dt><dd>{service.ozgId}, {service.themenfeld}</dd></div>
        <div>
          <dt className="font-semibold">EfA-Angebot</dt>
          <dd>{service.efaStatus ? `${service.efaProvidingLand}, ${EFA_STATUS_LABELS[service.efaStatus]}` : "kein EfA-Angebot"}</dd>
        </div>
      </dl>
      <p className="text-slate-700">
        Das gewählte Roll-in-Programm wird in {kommune.name} ausgerollt: ein Projekt mit den Schritten als Meilensteinen. Das Projekt wird mit der
        Leistung verknüpft, ihr Status wird „in Anbindung“.
      </p>
      {templates.length === 0 ? (
        <p className="alert-warning">Ihr Roll-in-Service hat noch keine Programmvorlage.</p>
      ) : (
        <>
          <Form method="get" className="card flex flex-wrap items-end gap-3">
            <h2 className="w-full">Vorschau</h2>
            <input type="hidden" name="kommune" value={kommune.id} />
            <input type="hidden" name="leistung" value={service.id} />
            <div>
              <label htmlFor="vorschau-vorlage" className="label">Programmvorlage</label>
              <select id="vorschau-vorlage" name="vorlage" defaultValue={chosen?.id ?? ""} className="input">
                {templates.map((t) => (
                  <option key={t.id} value={t.id}>{t.name}</option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="vorschau-beginn" className="label">Beginn (TT.MM.JJJJ)</label>
              <input id="vorschau-beginn" name="beginn" defaultValue={formatDate(startDate)} className="input" />
            </div>
            <button type="submit" className="btn-secondary">Vorschau anzeigen</button>
            {preview ? (
              <p className="w-full text-sm" role="status" data-testid="connection-preview">
                {preview.problem
                  ? `Nicht möglich: ${preview.problem}`
                  : `${preview.steps} Schritte, fällig vom ${formatDate(preview.firstDue)} bis ${formatDate(preview.lastDue)}.`}
              </p>
            ) : null}
          </Form>
          <Form method="post" {...getFormProps(form)} className="card space-y-4">
            <h2>Anbindung starten</h2>
            <CsrfInput />
            <input type="hidden" name={fields.municipalityId.name} value={kommune.id} />
            <input type="hidden" name={fields.serviceId.name} value={service.id} />
            {form.errors?.length ? (
              <div id={form.errorId} className="alert-error" role="alert">
                {form.errors.map((e) => <p key={e}>{e}</p>)}
              </div>
            ) : null}
            <SelectField label="Programmvorlage" meta={fields.templateId as FieldMetadata<string>} placeholder="Bitte wählen" options={templates.map((t) => ({ value: t.id, label: t.name }))} />
            <TextField label="Beginn" hint="TT.MM.JJJJ; die Fälligkeiten der Schritte zählen ab diesem Tag." meta={fields.startDate as FieldMetadata<string>} />
            <button type="submit" className="btn-primary">Programm ausrollen und Anbindung starten</button>
          </Form>
        </>
      )}
    </div>
  );
}
