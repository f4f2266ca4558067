import { type SubmissionResult, getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { requireApplication } from "~/areas/funding/applications.server";
import { listDocuments } from "~/areas/funding/documents.server";
import { COST_CATEGORY_KEYS, COST_CATEGORY_LABELS } from "~/areas/funding/labels";
import {
  RECEIPT_SORTS,
  type ReceiptQuery,
  addExpenditure,
  deleteExpenditure,
  findExpenditure,
  listReceipts,
  updateExpenditure,
} from "~/areas/funding/money.server";
import { ReceiptRowSchema } from "~/areas/funding/receipt-row";
import { importReceiptsFile, receiptRights } from "~/areas/funding/receipts-page.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { CsrfInput } from "~/components/csrf";
import { CheckboxField, FormErrors, SelectField, TextField, TextareaField } from "~/components/forms";
import { requireContext } from "~/utils/context.server";
import { centsToInput, formatDate, formatEuro, formatNumber, parseGermanDate } from "~/utils/format";
import { idParam, orNotFound } from "~/utils/http.server";
import { intentAction } from "~/utils/intents.server";

export const meta: MetaFunction = () => [{ title: "Belegliste – Förderung – Fahrplan" }];

const PAGE_SIZE = 50;

function parseQuery(params: URLSearchParams): ReceiptQuery {
  const sort = RECEIPT_SORTS.find((s) => s === params.get("sortierung")) ?? "receiptDate";
  const category = COST_CATEGORY_KEYS.find((c) => c === params.get("kostenart")) ?? null;
  const page = Math.max(1, Math.floor(Number(params.get("seite") ?? "1")) || 1);
  return {
    sort,
    dir: params.get("richtung") === "absteigend" ? "desc" : "asc",
    costCategory: category,
    q: (params.get("suche") ?? "").slice(0, 100),
    from: parseGermanDate(params.get("von") ?? ""),
    to: parseGermanDate(params.get("bis") ?? ""),
    page,
    pageSize: PAGE_SIZE,
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "funding.view");
  const id = idParam(params.applicationId);
  const { app } = requireApplication(ctx, id);
  const query = parseQuery(new URL(request.url).searchParams);
  const rights = receiptRights(ctx, id);
  const editId = new URL(request.url).searchParams.get("bearbeiten");
  const editing = editId && rights.canCorrect ? orNotFound(findExpenditure(ctx, id, idParam(editId)), "Dieser Beleg wurde nicht gefunden.") : null;
  return json({
    app: { id: app.id, title: app.title },
    query,
    list: listReceipts(ctx, id, query),
    documents: listDocuments(ctx, id).map((d) => ({ id: d.id, fileName: d.fileName })),
    ...rights,
    editing,
  });
}

const ExpenditureSchema = ReceiptRowSchema.and(
  z.object({
    intent: z.literal("add"),
    documentId: z.coerce.number<string>().int().positive().optional().transform((v) => v ?? null),
  }),
);

const UpdateSchema = ReceiptRowSchema.and(
  z.object({
    intent: z.literal("update"),
    expenditureId: z.coerce.number<string>().int().positive(),
    version: z.coerce.number<string>().int().min(1),
    documentId: z.coerce.number<string>().int().positive().optional().transform((v) => v ?? null),
  }),
);
const DeleteSchema = z.object({
  intent: z.literal("delete"),
  expenditureId: z.coerce.number<string>().int().positive(),
  version: z.coerce.number<string>().int().min(1),
});

export const action = /* @__PURE__ */ intentAction({
  permission: "funding.recordExpenditure",
  load: (ctx, { params }) => requireApplication(ctx, idParam(params.applicationId)).app.id,
  intents: (intent) => ({
    import: intent({
      schema: z.object({ intent: z.literal("import") }),
      run: ({ who, subject: id, form }) => importReceiptsFile(who, id, form.get("file")),
      done: (outcome, { reply }) =>
        "errors" in outcome
          ? json({ ...reply({ formErrors: outcome.errors }), importErrors: outcome.errors, imported: 0 }, { status: 400 })
          : json({ ...reply({ resetForm: true }), importErrors: [] as string[], imported: outcome.imported }),
    }),
    add: intent({
      schema: ExpenditureSchema,
      run: ({ who, subject: id, value: { intent: _i, ...row } }) => addExpenditure(who, id, row),
      done: (_, { reply }) => json({ ...reply({ resetForm: true }), saved: true }),
    }),
    update: intent({
      schema: UpdateSchema,
      run: ({ who, subject: id, value: { intent: _i, expenditureId, ...row } }) => updateExpenditure(who, id, expenditureId, row),
      done: (_, { subject: id }) => redirect(`/foerderung/antraege/${id}/belege?gespeichert=1`),
    }),
    delete: intent({
      schema: DeleteSchema,
      run: ({ who, subject: id, value }) => deleteExpenditure(who, id, value.expenditureId, value.version),
      done: (_, { subject: id }) => redirect(`/foerderung/antraege/${id}/belege?geloescht=1`),
    }),
  }),
});

type ActionData = { intent: string; result?: SubmissionResult<string[]>; importErrors?: string[]; imported?: number; saved?: boolean } | undefined;

function SortHeader({ column, label, numeric }: { column: ReceiptQuery["sort"]; label: string; numeric?: boolean }) {
  const [params] = useSearchParams();
  const current = params.get("sortierung") ?? "receiptDate";
  const dir = params.get("richtung") === "absteigend" ? "descending" : "ascending";
  const next = new URLSearchParams(params);
  next.set("sortierung", column);
  next.set("richtung", current === column && dir === "ascending" ? "absteigend" : "aufsteigend");
  next.delete("seite");
  return (
    <th scope="col" className={numeric ? "num" : undefined} aria-sort={current === column ? dir : "none"}>
      <Link to={`?${next}`}>
        {label}
        {current === column ? (dir === "ascending" ? " ▲" : " ▼") : ""}
      </Link>
    </th>
  );
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

/** The clerk's „nicht zuwendungsfähig“ mark; the reason is required when it is set. */
function NotEligibleFields({
  fields,
}: {
  fields: { notEligible: Parameters<typeof CheckboxField>[0]["meta"]; notEligibleReason: Parameters<typeof TextareaField>[0]["meta"] };
}) {
  return (
    <fieldset className="grid gap-2 md:col-span-4 md:grid-cols-4">
      <legend className="sr-only">Zuwendungsfähigkeit</legend>
      <CheckboxField className="md:col-span-1" label="nicht zuwendungsfähig" meta={fields.notEligible} />
      <TextareaField
        className="md:col-span-3"
        label="Begründung (Pflicht, wenn nicht zuwendungsfähig)"
        meta={fields.notEligibleReason}
        rows={2}
        hint="Belege außerhalb des Bewilligungszeitraums können nur so erfasst werden."
      />
    </fieldset>
  );
}

/** Korrektur or deletion of one receipt (reached through "Bearbeiten" in the list). */
function EditReceipt({ receipt, documents, appId }: { receipt: NonNullable<LoaderData["editing"]>; documents: LoaderData["documents"]; appId: number }) {
  const actionData = useActionData<typeof action>() as ActionData;
  const [params] = useSearchParams();
  const [form, fields] = useForm({
    id: `expenditure-edit-${receipt.id}`,
    lastResult: actionData?.intent === "update" ? (actionData.result as never) : undefined,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: UpdateSchema }),
    defaultValue: {
      receiptNumber: receipt.receiptNumber,
      receiptDate: formatDate(receipt.receiptDate),
      payee: receipt.payee,
      purpose: receipt.purpose,
      costCategory: receipt.costCategory,
      amountCents: centsToInput(receipt.amountCents),
      netCents: centsToInput(receipt.netCents),
      vatCents: centsToInput(receipt.vatCents),
      paidOn: receipt.paidOn ? formatDate(receipt.paidOn) : "",
      documentId: receipt.documentId ? String(receipt.documentId) : "",
      ...(receipt.notEligibleReason ? { notEligible: "on", notEligibleReason: receipt.notEligibleReason } : {}),
    },
  });
  const [deleteForm] = useForm({
    id: `expenditure-delete-${receipt.id}`,
    lastResult: actionData?.intent === "delete" ? (actionData.result as never) : undefined,
  });
  const close = new URLSearchParams(params);
  close.delete("bearbeiten");
  return (
    <section aria-labelledby="beleg-bearbeiten" className="card space-y-3">
      <h2 id="beleg-bearbeiten">Beleg {receipt.receiptNumber} korrigieren</h2>
      <Form method="post" {...getFormProps(form)} className="grid gap-3 md:grid-cols-4">
        <CsrfInput />
        <input type="hidden" name="intent" value="update" />
        <input type="hidden" name="expenditureId" value={receipt.id} />
        <input type="hidden" name="version" value={receipt.version} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField label="Belegnummer" meta={fields.receiptNumber} />
        <TextField label="Belegdatum" meta={fields.receiptDate} hint="TT.MM.JJJJ" />
        <TextField label="Zahlungsempfänger" meta={fields.payee} />
        <SelectField label="Kostenart" meta={fields.costCategory} placeholder="Bitte wählen" options={COST_CATEGORY_KEYS.map((k) => ({ value: k, label: COST_CATEGORY_LABELS[k] }))} />
        <TextField className="md:col-span-2" label="Zweck" meta={fields.purpose} />
        <TextField label="Betrag brutto in €" meta={fields.amountCents} inputMode="decimal" />
        <TextField label="Bezahlt am (optional)" meta={fields.paidOn} hint="TT.MM.JJJJ" />
        <TextField label="Netto in € (bei Vorsteuerabzug)" meta={fields.netCents} inputMode="decimal" />
        <TextField label="Umsatzsteuer in €" meta={fields.vatCents} inputMode="decimal" />
        <SelectField
          className="md:col-span-2"
          label="Belegdokument (optional)"
          meta={fields.documentId}
          placeholder="kein Dokument"
          options={documents.map((d) => ({ value: d.id, label: d.fileName }))}
        />
        <NotEligibleFields fields={fields} />
        <div className="flex items-end gap-2 md:col-span-4">
          <button type="submit" className="btn-primary">Korrektur speichern</button>
          <Link to={`/foerderung/antraege/${appId}/belege${close.size ? `?${close}` : ""}`} className="btn-secondary">Abbrechen</Link>
        </div>
      </Form>
      <Form method="post" {...getFormProps(deleteForm)} className="space-y-2 border-t border-slate-200 pt-3">
        <CsrfInput />
        <input type="hidden" name="intent" value="delete" />
        <input type="hidden" name="expenditureId" value={receipt.id} />
        <input type="hidden" name="version" value={receipt.version} />
        <FormErrors id={deleteForm.errorId} errors={deleteForm.errors} />
        <p className="hint">Ein irrtümlich erfasster Beleg kann gelöscht werden; das Protokoll behält seine Angaben.</p>
        <button type="submit" className="btn-danger">Beleg {receipt.receiptNumber} löschen</button>
      </Form>
    </section>
  );
}

export default function ReceiptList() {
  const { app, query, list, canRecord, canCorrect, lockedMessage, editing, documents } = useLoaderData<typeof loader>();
  const fileNames = new Map(documents.map((d) => [d.id, d.fileName]));
  const actionData = useActionData<typeof action>() as ActionData;
  const [params] = useSearchParams();
  const [form, fields] = useForm({
    id: "expenditure",
    lastResult: actionData?.intent === "add" ? (actionData.result as never) : undefined,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ExpenditureSchema }),
  });
  const pages = Math.max(1, Math.ceil(list.count / query.pageSize));
  const editLink = (id: number) => {
    const next = new URLSearchParams(params);
    next.delete("gespeichert");
    next.delete("geloescht");
    next.set("bearbeiten", String(id));
    return `?${next}#beleg-bearbeiten`;
  };
  const pageLink = (page: number) => {
    const next = new URLSearchParams(params);
    next.set("seite", String(page));
    return `?${next}`;
  };
  return (
    <div className="space-y-6">
      <Breadcrumbs
        items={[
          { to: "/foerderung", label: "Förderung" },
          { to: `/foerderung/antraege/${app.id}`, label: app.title },
          { label: "Belegliste" },
        ]}
      />
      <h1>Belegliste: {app.title}</h1>
      {params.get("gespeichert") && <p className="alert-success" role="status">Die Korrektur des Belegs wurde gespeichert.</p>}
      {params.get("geloescht") && <p className="alert-success" role="status">Der Beleg wurde gelöscht.</p>}
      {lockedMessage && <p className="alert-info" role="note">{lockedMessage}</p>}
      {editing && <EditReceipt key={`${editing.id}-${editing.version}`} receipt={editing} documents={documents} appId={app.id} />}
      <section aria-labelledby="filter" className="card">
        <h2 id="filter">Filtern</h2>
        <Form method="get" className="mt-3 grid gap-3 md:grid-cols-5">
          <div>
            <label htmlFor="suche" className="label">Suche (Beleg, Empfänger, Zweck)</label>
            <input id="suche" name="suche" defaultValue={query.q} className="input" />
          </div>
          <div>
            <label htmlFor="kostenart" className="label">Kostenart</label>
            <select id="kostenart" name="kostenart" defaultValue={query.costCategory ?? ""} className="input">
              <option value="">alle</option>
              {COST_CATEGORY_KEYS.map((k) => (
                <option key={k} value={k}>{COST_CATEGORY_LABELS[k]}</option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="von" className="label">Belegdatum von</label>
            <input id="von" name="von" defaultValue={query.from ? formatDate(query.from) : ""} placeholder="TT.MM.JJJJ" className="input" />
          </div>
          <div>
            <label htmlFor="bis" className="label">Belegdatum bis</label>
            <input id="bis" name="bis" defaultValue={query.to ? formatDate(query.to) : ""} placeholder="TT.MM.JJJJ" className="input" />
          </div>
          <div className="flex items-end gap-2">
            <button type="submit" className="btn-primary">Filtern</button>
            <Link to="?" className="btn-secondary">Zurücksetzen</Link>
          </div>
        </Form>
      </section>
      <section aria-labelledby="belege" className="card space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div>
            <h2 id="belege">
              {formatNumber(list.count)} Belege, Summe {formatEuro(list.sumCents)}
            </h2>
            <p className="text-sm text-slate-700" data-testid="belege-nicht-zuwendungsfaehig">
              {list.ineligible.count === 0
                ? "Alle Belege zählen als zuwendungsfähig."
                : `${formatNumber(list.ineligible.count)} Belege zählen nicht als zuwendungsfähig (${formatEuro(list.ineligible.cents)}); der Grund steht in der Spalte „Zuwendungsfähig“.`}{" "}
              Es zählen die {list.inputTaxDeductible ? "Nettobeträge (Vorsteuerabzug)" : "Bruttobeträge (kein Vorsteuerabzug)"}.
            </p>
          </div>
          <div className="flex flex-wrap gap-2">
            <a className="btn-secondary" href={`/foerderung/antraege/${app.id}/belege.csv`} download>
              Als CSV exportieren
            </a>
            <a className="btn-secondary" href={`/foerderung/antraege/${app.id}/belege.xlsx`} download>
              Als Excel (XLSX) exportieren
            </a>
          </div>
        </div>
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Tabelle der Belege">
          <table className="table">
            <thead>
              <tr>
                <SortHeader column="receiptNumber" label="Beleg" />
                <SortHeader column="receiptDate" label="Belegdatum" />
                <SortHeader column="payee" label="Empfänger" />
                <th scope="col">Zweck</th>
                <SortHeader column="costCategory" label="Kostenart" />
                <SortHeader column="amountCents" label="Brutto" numeric />
                <th scope="col" className="num">Netto</th>
                <th scope="col" className="num">USt</th>
                <SortHeader column="paidOn" label="Bezahlt am" />
                <th scope="col">Dokument</th>
                <th scope="col">Zuwendungsfähig</th>
                {canCorrect && <th scope="col"><span className="sr-only">Aktionen</span></th>}
              </tr>
            </thead>
            <tbody>
              {list.rows.length === 0 && (
                <tr>
                  <td colSpan={canCorrect ? 12 : 11}>Keine Belege gefunden.</td>
                </tr>
              )}
              {list.rows.map((r) => (
                <tr key={r.id}>
                  <td>{r.receiptNumber}</td>
                  <td>{formatDate(r.receiptDate)}</td>
                  <td>{r.payee}</td>
                  <td>{r.purpose}</td>
                  <td>{COST_CATEGORY_LABELS[r.costCategory]}</td>
                  <td className="num">{formatEuro(r.amountCents)}</td>
                  <td className="num">{formatEuro(r.netCents)}</td>
                  <td className="num">{formatEuro(r.vatCents)}</td>
                  <td>{formatDate(r.paidOn)}</td>
                  <td>
                    {r.documentId ? <a href={`/foerderung/antraege/${app.id}/dokumente/${r.documentId}`}>{fileNames.get(r.documentId) ?? "Dokument"}</a> : "–"}
                  </td>
                  <td className={r.ineligibleReason ? "text-red-800" : undefined}>{r.ineligibleReason ? `nein: ${r.ineligibleReason}` : "ja"}</td>
                  {canCorrect && (
                    <td>
                      <Link to={editLink(r.id)} preventScrollReset>
                        Bearbeiten<span className="sr-only"> (Beleg {r.receiptNumber})</span>
                      </Link>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {pages > 1 && (
          <nav aria-label="Seiten der Belegliste" className="flex items-center gap-3 text-sm">
            {query.page > 1 && <Link to={pageLink(query.page - 1)}>Vorherige Seite</Link>}
            <span>
              Seite {query.page} von {pages}
            </span>
            {query.page < pages && <Link to={pageLink(query.page + 1)}>Nächste Seite</Link>}
          </nav>
        )}
      </section>
      {canRecord && (
        <>
          <section aria-labelledby="neuer-beleg" className="card">
            <h2 id="neuer-beleg">Ausgabe erfassen</h2>
            <Form method="post" {...getFormProps(form)} className="mt-3 grid gap-3 md:grid-cols-4">
              <CsrfInput />
              <input type="hidden" name="intent" value="add" />
              <FormErrors id={form.errorId} errors={form.errors} />
              <TextField label="Belegnummer" meta={fields.receiptNumber} />
              <TextField label="Belegdatum" meta={fields.receiptDate} hint="TT.MM.JJJJ" />
              <TextField label="Zahlungsempfänger" meta={fields.payee} />
              <SelectField label="Kostenart" meta={fields.costCategory} placeholder="Bitte wählen" options={COST_CATEGORY_KEYS.map((k) => ({ value: k, label: COST_CATEGORY_LABELS[k] }))} />
              <TextField className="md:col-span-2" label="Zweck" meta={fields.purpose} />
              <TextField label="Betrag brutto in €" meta={fields.amountCents} inputMode="decimal" />
              <TextField label="Bezahlt am (optional)" meta={fields.paidOn} hint="TT.MM.JJJJ" />
              <TextField label="Netto in € (bei Vorsteuerabzug)" meta={fields.netCents} inputMode="decimal" />
              <TextField label="Umsatzsteuer in €" meta={fields.vatCents} inputMode="decimal" />
              <SelectField
                className="md:col-span-2"
                label="Belegdokument (optional)"
                meta={fields.documentId}
                placeholder="kein Dokument"
                options={documents.map((d) => ({ value: d.id, label: d.fileName }))}
                hint="Dokumente werden im Antrag hochgeladen."
              />
              <NotEligibleFields fields={fields} />
              <div className="flex items-end md:col-span-2">
                <button type="submit" className="btn-primary">Ausgabe speichern</button>
              </div>
              {actionData?.intent === "add" && actionData.saved && (
                <p className="alert-success md:col-span-4" role="status">Die Ausgabe wurde gespeichert.</p>
              )}
            </Form>
          </section>
          <section aria-labelledby="import" className="card space-y-3">
            <h2 id="import">Belegliste importieren (CSV)</h2>
            <p className="hint">
              Spalten: Belegnummer; Belegdatum; Zahlungsempfänger; Zweck; Kostenart; Betrag brutto; Netto; Umsatzsteuer; Bezahlt am – Semikolon-getrennt, Datum TT.MM.JJJJ, Beträge wie 1.234,56. Optional „Nicht zuwendungsfähig (Begründung)“: ein Text dort markiert den Beleg als nicht zuwendungsfähig. Belege außerhalb des Bewilligungszeitraums brauchen diese Begründung. Bei einem Fehler wird nichts übernommen.
            </p>
            <Form method="post" encType="multipart/form-data" className="flex flex-wrap items-end gap-3">
              <CsrfInput />
              <input type="hidden" name="intent" value="import" />
              <div>
                <label htmlFor="import-datei" className="label">CSV-Datei</label>
                <input id="import-datei" type="file" name="file" accept=".csv,text/csv" className="input" />
              </div>
              <button type="submit" className="btn-secondary">Importieren</button>
            </Form>
            {actionData?.intent === "import" && actionData.importErrors && actionData.importErrors.length > 0 && (
              <div className="alert-error" role="alert">
                <p className="font-semibold">Die Datei wurde nicht importiert:</p>
                <ul className="list-disc pl-6">
                  {actionData.importErrors.map((e) => (
                    <li key={e}>{e}</li>
                  ))}
                </ul>
              </div>
            )}
            {actionData?.intent === "import" && actionData.imported ? (
              <p className="alert-success" role="status">{actionData.imported} Belege wurden importiert.</p>
            ) : null}
          </section>
        </>
      )}
    </div>
  );
}
