import { type SubmissionResult, getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useState } from "react";
import type { ZodType } from "zod";
import {
  AmendmentSchema,
  BasicsSchema,
  DecisionSchema,
  DocumentUploadSchema,
  DrawdownCancelSchema,
  DrawdownCorrectionSchema,
  DrawdownReceivedSchema,
  DrawdownSchema,
  OwnContributionSchema,
  PlanItemSchema,
  ReclaimSchema,
  RemovePlanItemSchema,
  SubmittedOnSchema,
  UpdatePlanItemSchema,
} from "~/areas/funding/application-forms";
import { applicationDetail } from "~/areas/funding/application-page.server";
import {
  confirmOwnContribution,
  findApplication,
  recordAmendmentDecision,
  recordDecision,
  recordReclaim,
  recordSubmissionDate,
  requireApplication,
  updateBasics,
} from "~/areas/funding/applications.server";
import { addPlanItem, cancelDrawdown, correctDrawdown, removePlanItem, updatePlanItem } from "~/areas/funding/corrections.server";
import { DrawdownTable, PlanItemActions, SubmissionCheckList } from "~/areas/funding/corrections-ui";
import { storeDocument } from "~/areas/funding/documents.server";
import { COST_CATEGORY_KEYS, COST_CATEGORY_LABELS, DOCUMENT_TYPE_LABELS } from "~/areas/funding/labels";
import { recordDrawdownReceived, requestDrawdown } from "~/areas/funding/money.server";
import { ComparisonTable } from "~/areas/funding/ui";
import { type IntentActionData, Success, useIntentForm } from "~/areas/funding/intent-form";
import { CsrfInput } from "~/components/csrf";
import { CheckboxField, FormErrors, SelectField, TextField, TextareaField } from "~/components/forms";
import type { Permission } from "~/utils/permissions";
import type { CostCategory } from "../../db/schema/funding";
import { type AppContext, requireContext } from "~/utils/context.server";
import { ValidationError } from "~/utils/errors";
import { formatDate, formatEuro, formatPercentBp, centsToInput } from "~/utils/format";
import { forbidden, idParam } from "~/utils/http.server";
import { replyWithError } from "~/utils/form-reply.server";
import { UPLOADS } from "~/utils/request-limits";
import { withUploadForm } from "~/utils/upload.server";
import { WorkflowPanel } from "~/workflow/components";
import { TransitionRefusedError } from "~/workflow/index.server";
import { GrantReportsLink } from "~/reports/components";
import { orNotFoundHere } from "~/utils/record-locations.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.app.title ?? "Förderantrag"} – Förderung – Fahrplan` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "funding.view");
  const id = idParam(params.applicationId);
  orNotFoundHere(findApplication(ctx, id), ctx, request, "application", id);
  return json(await applicationDetail(ctx, id));
}

/** Each intent: who may, which schema, which use case. */
const INTENTS: Record<string, { permission: Permission; schema: ZodType }> = {
  basics: { permission: "funding.edit", schema: BasicsSchema },
  addPlanItem: { permission: "funding.edit", schema: PlanItemSchema },
  updatePlanItem: { permission: "funding.edit", schema: UpdatePlanItemSchema },
  removePlanItem: { permission: "funding.edit", schema: RemovePlanItemSchema },
  confirmOwnContribution: { permission: "funding.confirmOwnContribution", schema: OwnContributionSchema },
  submittedOn: { permission: "funding.approve", schema: SubmittedOnSchema },
  decision: { permission: "funding.approve", schema: DecisionSchema },
  drawdown: { permission: "funding.recordExpenditure", schema: DrawdownSchema },
  drawdownReceived: { permission: "funding.recordExpenditure", schema: DrawdownReceivedSchema },
  correctDrawdown: { permission: "funding.recordExpenditure", schema: DrawdownCorrectionSchema },
  cancelDrawdown: { permission: "funding.recordExpenditure", schema: DrawdownCancelSchema },
  reclaim: { permission: "funding.approve", schema: ReclaimSchema },
  amendment: { permission: "funding.approve", schema: AmendmentSchema },
  upload: { permission: "funding.edit", schema: DocumentUploadSchema },
};

async function run(ctx: AppContext, id: number, intent: string, value: Record<string, unknown>, formData: FormData) {
  switch (intent) {
    case "basics": {
      const v = value as ReturnType<typeof BasicsSchema.parse>;
      updateBasics(ctx, id, {
        version: v.version,
        title: v.title,
        description: v.description,
        thirdPartyFundsCents: v.thirdPartyFundsCents,
        inputTaxDeductible: v.inputTaxDeductible,
      });
      return "Die Angaben wurden gespeichert.";
    }
    case "addPlanItem": {
      const { intent: _i, ...v } = value as ReturnType<typeof PlanItemSchema.parse>;
      addPlanItem(ctx, id, v);
      return "Die Kostenposition wurde ergänzt.";
    }
    case "updatePlanItem": {
      const { intent: _i, itemId, ...v } = value as ReturnType<typeof UpdatePlanItemSchema.parse>;
      updatePlanItem(ctx, id, itemId, v);
      return "Die Kostenposition wurde geändert.";
    }
    case "removePlanItem": {
      const v = value as ReturnType<typeof RemovePlanItemSchema.parse>;
      removePlanItem(ctx, id, v.itemId, v.version);
      return "Die Kostenposition wurde entfernt.";
    }
    case "confirmOwnContribution": {
      const v = value as ReturnType<typeof OwnContributionSchema.parse>;
      confirmOwnContribution(ctx, id, { version: v.version, budgetRef: v.budgetRef });
      return "Der Eigenanteil ist bestätigt.";
    }
    case "submittedOn": {
      const v = value as ReturnType<typeof SubmittedOnSchema.parse>;
      recordSubmissionDate(ctx, id, { version: v.version, submittedOn: v.submittedOn });
      return "Das Einreichungsdatum wurde gespeichert.";
    }
    case "decision": {
      const { intent: _i, ...v } = value as ReturnType<typeof DecisionSchema.parse>;
      recordDecision(ctx, id, v);
      return v.outcome === "granted" ? "Die Bewilligung wurde erfasst." : "Die Ablehnung wurde erfasst.";
    }
    case "drawdown": {
      const { intent: _i, ...v } = value as ReturnType<typeof DrawdownSchema.parse>;
      const result = requestDrawdown(ctx, id, v);
      if (!result.saved) return { warnings: result.check.warnings };
      return result.check.warnings.length ? "Der Mittelabruf wurde trotz Hinweis erfasst." : "Der Mittelabruf wurde erfasst.";
    }
    case "drawdownReceived": {
      const v = value as ReturnType<typeof DrawdownReceivedSchema.parse>;
      recordDrawdownReceived(ctx, id, v.drawdownId, { version: v.version, receivedOn: v.receivedOn, receivedCents: v.receivedCents });
      return "Der Zahlungseingang wurde erfasst.";
    }
    case "correctDrawdown": {
      const { intent: _i, drawdownId, ...v } = value as ReturnType<typeof DrawdownCorrectionSchema.parse>;
      correctDrawdown(ctx, id, drawdownId, v);
      return "Die Korrektur des Mittelabrufs wurde gespeichert.";
    }
    case "cancelDrawdown": {
      const { intent: _i, drawdownId, ...v } = value as ReturnType<typeof DrawdownCancelSchema.parse>;
      cancelDrawdown(ctx, id, drawdownId, v);
      return "Der Mittelabruf wurde storniert; er bleibt durchgestrichen in der Liste und zählt nicht mehr.";
    }
    case "reclaim": {
      const v = value as ReturnType<typeof ReclaimSchema.parse>;
      recordReclaim(ctx, id, { version: v.version, reclaimCents: v.reclaimCents, reclaimSince: v.reclaimSince, reason: v.reason });
      return "Die Rückforderung wurde erfasst.";
    }
    case "amendment": {
      const { intent: _i, ...v } = value as ReturnType<typeof AmendmentSchema.parse>;
      recordAmendmentDecision(ctx, id, v);
      return v.outcome === "granted" ? "Die bewilligte Änderung wurde übernommen; die Fristen sind neu berechnet." : "Die Ablehnung der Änderung wurde erfasst.";
    }
    case "upload": {
      const file = formData.get("file");
      if (!(file instanceof File) || file.size === 0) return { fieldErrors: { file: ["Bitte wählen Sie eine Datei aus."] } };
      await storeDocument(ctx, id, file, (value as ReturnType<typeof DocumentUploadSchema.parse>).documentType);
      return "Das Dokument wurde hochgeladen.";
    }
  }
  throw new Error(`unhandled intent ${intent}`);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireContext(request, "funding.view");
  const id = idParam(params.applicationId);
  try {
    return await withUploadForm(request, UPLOADS.fundingDocument, (formData) => applicationAction(ctx, id, formData));
  } catch (error) {
    // Only the upload parser throws a ValidationError out here (document too large).
    if (error instanceof ValidationError) {
      const result: SubmissionResult<string[]> = { status: "error", error: error.fieldErrors };
      return json({ intent: "upload", result, message: null, warnings: [] as string[] }, { status: 400 });
    }
    throw error;
  }
}

async function applicationAction(ctx: AppContext, id: number, formData: FormData) {
  const intent = String(formData.get("intent") ?? "");
  const spec = INTENTS[intent] ?? forbidden("Unbekannte Aktion.");
  if (!ctx.can(spec.permission)) forbidden();
  requireApplication(ctx, id);
  const submission = parseWithZod(formData, { schema: spec.schema });
  if (submission.status !== "success") return json({ intent, result: submission.reply(), message: null, warnings: [] as string[] }, { status: 400 });
  try {
    const outcome = await run(ctx, id, intent, submission.value as Record<string, unknown>, formData);
    if (typeof outcome === "string") return json({ intent, result: submission.reply({ resetForm: true }), message: outcome, warnings: [] as string[] });
    if ("warnings" in outcome) return json({ intent, result: submission.reply(), message: null, warnings: outcome.warnings }, { status: 400 });
    return json({ intent, result: submission.reply({ fieldErrors: outcome.fieldErrors }), message: null, warnings: [] as string[] }, { status: 400 });
  } catch (error) {
    if (error instanceof TransitionRefusedError) {
      return json({ intent, result: submission.reply({ formErrors: error.reasons }), message: null, warnings: [] as string[] }, { status: 409 });
    }
    const reply = replyWithError(submission, error);
    return json({ intent, result: await reply.json(), message: null, warnings: [] as string[] }, { status: reply.status });
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type ActionData = IntentActionData;

function Amount({ label, cents, strong }: { label: string; cents: number | null; strong?: boolean }) {
  return (
    <div>
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className={strong ? "text-xl font-semibold" : "text-lg"}>{formatEuro(cents)}</dd>
    </div>
  );
}

function FinancePlan({ data }: { data: LoaderData }) {
  const [form, fields] = useIntentForm("addPlanItem", PlanItemSchema, { eligible: "on", budgetYear: String(new Date().getFullYear()) });
  const { financing } = data;
  const categoryOptionLabel = (k: CostCategory) =>
    `${COST_CATEGORY_LABELS[k]}${data.programme.eligibleCostCategories.length && !data.programme.eligibleCostCategories.includes(k) ? " (nicht förderfähig)" : ""}`;
  return (
    <section aria-labelledby="finanzierungsplan" className="card space-y-4">
      <h2 id="finanzierungsplan">Finanzierungsplan</h2>
      <p className="text-sm" data-testid="vorsteuerabzug">
        Vorsteuerabzug: <strong>{data.app.inputTaxDeductible ? "ja – Belege zählen netto" : "nein – Belege zählen brutto"}</strong> (änderbar unter „Angaben zum Antrag“)
      </p>
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3">
        <Amount label="Gesamtkosten" cents={financing.totalCents} />
        <Amount label="Zuwendungsfähig" cents={financing.eligibleCents} />
        <Amount label={`Zuwendung (${formatPercentBp(financing.rateBp)})`} cents={financing.grantCents} strong />
        <Amount label="Eigenanteil" cents={financing.ownContributionCents} />
        <Amount label="Drittmittel" cents={financing.thirdPartyFundsCents} />
        <Amount label="Nicht zuwendungsfähig" cents={financing.ineligibleCents} />
      </dl>
      {financing.notes.length > 0 && (
        <ul className="alert-info list-disc pl-8">
          {financing.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      <div className="grid gap-4 lg:grid-cols-2">
        <figure>
          <div className="[&_svg]:h-auto [&_svg]:max-w-full" dangerouslySetInnerHTML={{ __html: data.splitChart }} />
          <figcaption className="text-sm text-slate-600">Aufteilung der Gesamtkosten: Zuwendung, Eigenanteil und Drittmittel (Zahlen in der Tabelle oben).</figcaption>
        </figure>
        <div>
          <h3 className="font-semibold">Eigenanteil je Haushaltsjahr</h3>
          <table className="table mt-2">
            <thead>
              <tr>
                <th scope="col">Haushaltsjahr</th>
                <th scope="col" className="num">Eigenanteil</th>
              </tr>
            </thead>
            <tbody>
              {data.ownByYear.map((y) => (
                <tr key={y.budgetYear}>
                  <td>{y.budgetYear}</td>
                  <td className="num">{formatEuro(y.ownContributionCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <table className="table">
        <caption className="sr-only">Kostenpositionen</caption>
        <thead>
          <tr>
            <th scope="col">Haushaltsjahr</th>
            <th scope="col">Kostenart</th>
            <th scope="col">Position</th>
            <th scope="col">Zuwendungsfähig</th>
            <th scope="col" className="num">Betrag</th>
            {data.permissions.editPlan && <th scope="col"><span className="sr-only">Aktion</span></th>}
          </tr>
        </thead>
        <tbody>
          {data.planItems.length === 0 && (
            <tr>
              <td colSpan={6}>Noch keine Kostenpositionen erfasst.</td>
            </tr>
          )}
          {data.planItems.map((item) => (
            <tr key={item.id}>
              <td>{item.budgetYear}</td>
              <td>{COST_CATEGORY_LABELS[item.costCategory]}</td>
              <td>{item.description}</td>
              <td>{item.eligible && item.categoryEligible ? "ja" : "nein"}</td>
              <td className="num">{formatEuro(item.plannedCents)}</td>
              {data.permissions.editPlan && (
                <td>
                  <PlanItemActions item={item} categoryOptionLabel={categoryOptionLabel} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {data.permissions.editPlan ? (
        <Form method="post" {...getFormProps(form)} className="grid gap-3 border-t border-slate-200 pt-4 md:grid-cols-6">
          <h3 className="font-semibold md:col-span-6">Kostenposition hinzufügen</h3>
          <CsrfInput />
          <input type="hidden" name="intent" value="addPlanItem" />
          <FormErrors id={form.errorId} errors={form.errors} />
          <SelectField
            className="md:col-span-2"
            label="Kostenart"
            meta={fields.costCategory}
            placeholder="Bitte wählen"
            options={COST_CATEGORY_KEYS.map((k) => ({ value: k, label: categoryOptionLabel(k) }))}
          />
          <TextField className="md:col-span-2" label="Position" meta={fields.description} />
          <TextField label="Haushaltsjahr" meta={fields.budgetYear} inputMode="numeric" />
          <TextField label="Betrag in €" meta={fields.plannedCents} inputMode="decimal" hint="z. B. 12.500,00" />
          <CheckboxField className="md:col-span-4" label="zuwendungsfähig" meta={fields.eligible} />
          <div className="md:col-span-2 md:text-right">
            <button type="submit" className="btn-primary">Position hinzufügen</button>
          </div>
          <div className="md:col-span-6">
            <Success intent="addPlanItem" />
          </div>
        </Form>
      ) : (
        <p className="hint">Der Finanzierungsplan ist im Status „{data.state.label}“ nur über einen Änderungsantrag änderbar.</p>
      )}
    </section>
  );
}

function InternalReview({ data }: { data: LoaderData }) {
  const [form, fields] = useIntentForm("confirmOwnContribution", OwnContributionSchema, { budgetRef: data.app.ownContributionBudgetRef ?? "" });
  const confirmed = data.app.ownContributionConfirmed;
  return (
    <section aria-labelledby="interne-pruefung" className="card space-y-3">
      <h2 id="interne-pruefung">Interne Prüfung (Kämmerei, Vier-Augen-Prinzip)</h2>
      <p className="text-sm">
        {confirmed ? (
          <>
            <strong>Eigenanteil bestätigt</strong> von {data.ownContributionConfirmedByName ?? "–"}, Haushaltsstelle „{data.app.ownContributionBudgetRef}“.
          </>
        ) : (
          <>Der Eigenanteil von {formatEuro(data.financing.ownContributionCents)} ist noch nicht von der Kämmerei bestätigt.</>
        )}
      </p>
      <p className="hint">Freigeben und einreichen darf nur eine andere Person als die, die den Antrag zur Prüfung gegeben hat.</p>
      <Success intent="confirmOwnContribution" />
      {data.state.name === "internalReview" && !confirmed && data.permissions.confirmOwnContribution && (
        <Form method="post" {...getFormProps(form)} className="flex flex-wrap items-end gap-3">
          <CsrfInput />
          <input type="hidden" name="intent" value="confirmOwnContribution" />
          <input type="hidden" name="version" value={data.app.version} />
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextField className="min-w-72" label="Haushaltsstelle des Eigenanteils" meta={fields.budgetRef} hint="z. B. 11.1.01 / 7831000" />
          <button type="submit" className="btn-primary">Eigenanteil bestätigen</button>
        </Form>
      )}
      {data.state.name === "internalReview" && !confirmed && !data.permissions.confirmOwnContribution && (
        <p className="text-sm text-slate-700">Den Eigenanteil bestätigt die Kämmerei.</p>
      )}
    </section>
  );
}

function Decision({ data }: { data: LoaderData }) {
  const [outcome, setOutcome] = useState<"granted" | "rejected">("granted");
  const [form, fields] = useIntentForm("decision", DecisionSchema, { outcome: "granted", grantedCents: centsToInput(data.financing.grantCents) });
  const [subForm, subFields] = useIntentForm("submittedOn", SubmittedOnSchema, { submittedOn: data.app.submittedOn ? formatDate(data.app.submittedOn) : "" });
  const a = data.app;
  return (
    <section aria-labelledby="bescheid" className="card space-y-3">
      <h2 id="bescheid">Einreichung und Zuwendungsbescheid</h2>
      <dl className="grid gap-3 text-sm sm:grid-cols-3">
        <div><dt className="text-slate-600">Eingereicht am</dt><dd>{formatDate(a.submittedOn)}</dd></div>
        <div><dt className="text-slate-600">Aktenzeichen</dt><dd>{a.fileNumber ?? "–"}</dd></div>
        <div><dt className="text-slate-600">Bescheid vom</dt><dd>{formatDate(a.decisionDate)}</dd></div>
        <div><dt className="text-slate-600">Bewilligte Zuwendung</dt><dd>{formatEuro(a.grantedCents)}</dd></div>
        <div><dt className="text-slate-600">Bewilligungszeitraum</dt><dd>{a.fundingPeriodStart ? `${formatDate(a.fundingPeriodStart)} – ${formatDate(a.fundingPeriodEnd)}` : "–"}</dd></div>
        <div><dt className="text-slate-600">Zweckbindung bis</dt><dd>{formatDate(a.earmarkingUntil)}</dd></div>
        {a.rejectionReason && <div className="sm:col-span-3"><dt className="text-slate-600">Ablehnungsgrund</dt><dd>{a.rejectionReason}</dd></div>}
        {a.decisionProvisions && <div className="sm:col-span-3"><dt className="text-slate-600">Nebenbestimmungen im Bescheid</dt><dd>{a.decisionProvisions}</dd></div>}
      </dl>
      <Success intent="submittedOn" />
      <Success intent="decision" />
      {data.state.name === "submitted" && data.permissions.approve && (
        <>
          <Form method="post" {...getFormProps(subForm)} className="flex flex-wrap items-end gap-3">
            <CsrfInput />
            <input type="hidden" name="intent" value="submittedOn" />
            <input type="hidden" name="version" value={a.version} />
            <FormErrors id={subForm.errorId} errors={subForm.errors} />
            <TextField label="Beim Fördergeber eingereicht am" meta={subFields.submittedOn} hint="TT.MM.JJJJ" />
            <button type="submit" className="btn-secondary">Datum speichern</button>
          </Form>
          <Form method="post" {...getFormProps(form)} className="space-y-3 border-t border-slate-200 pt-3">
            <h3 className="font-semibold">Entscheidung des Fördergebers erfassen</h3>
            <CsrfInput />
            <input type="hidden" name="intent" value="decision" />
            <input type="hidden" name="version" value={a.version} />
            <FormErrors id={form.errorId} errors={form.errors} />
            <fieldset className="flex gap-6">
              <legend className="label">Ergebnis</legend>
              <label className="flex items-center gap-2 text-sm">
                <input type="radio" name="outcome" value="granted" checked={outcome === "granted"} onChange={() => setOutcome("granted")} /> Bewilligt
              </label>
              <label className="flex items-center gap-2 text-sm">
                <input type="radio" name="outcome" value="rejected" checked={outcome === "rejected"} onChange={() => setOutcome("rejected")} /> Abgelehnt
              </label>
            </fieldset>
            <div className="grid gap-3 md:grid-cols-3">
              <TextField label="Datum des Bescheids" meta={fields.decisionDate} hint="TT.MM.JJJJ" />
              {outcome === "granted" ? (
                <>
                  <TextField label="Aktenzeichen" meta={fields.fileNumber} />
                  <TextField label="Bewilligte Zuwendung in €" meta={fields.grantedCents} inputMode="decimal" />
                  <TextField label="Beginn des Bewilligungszeitraums" meta={fields.fundingPeriodStart} hint="TT.MM.JJJJ" />
                  <TextField label="Ende des Bewilligungszeitraums" meta={fields.fundingPeriodEnd} hint="TT.MM.JJJJ" />
                  <TextField label="Zweckbindung bis (optional)" meta={fields.earmarkingUntil} hint="TT.MM.JJJJ" />
                  <TextareaField className="md:col-span-3" label="Abweichende Nebenbestimmungen (optional)" meta={fields.decisionProvisions} rows={2} />
                </>
              ) : (
                <TextareaField className="md:col-span-2" label="Grund der Ablehnung" meta={fields.rejectionReason} rows={2} />
              )}
            </div>
            <button type="submit" className="btn-primary">Entscheidung speichern</button>
          </Form>
        </>
      )}
    </section>
  );
}

/** Änderungsantrag: while it is pending, the plan can change; the Änderungsbescheid is recorded here. */
function Amendment({ data }: { data: LoaderData }) {
  const a = data.app;
  const [outcome, setOutcome] = useState<"granted" | "rejected">("granted");
  const [form, fields] = useIntentForm("amendment", AmendmentSchema, {
    outcome: "granted",
    fundingPeriodStart: a.fundingPeriodStart ? formatDate(a.fundingPeriodStart) : "",
    fundingPeriodEnd: a.fundingPeriodEnd ? formatDate(a.fundingPeriodEnd) : "",
    grantedCents: centsToInput(a.grantedCents),
  });
  if (data.state.name !== "amendmentRequested") return <Success intent="amendment" />;
  return (
    <section aria-labelledby="aenderungsantrag" className="card space-y-3">
      <h2 id="aenderungsantrag">Änderungsantrag</h2>
      <p className="text-sm">
        Während der Änderungsantrag läuft, kann der Finanzierungsplan angepasst werden. Erfassen Sie hier den Änderungsbescheid: Bei einer Bewilligung werden
        Bewilligungszeitraum und Zuwendung übernommen und alle Fristen neu berechnet.
      </p>
      {data.permissions.approve ? (
        <Form method="post" {...getFormProps(form)} className="space-y-3">
          <CsrfInput />
          <input type="hidden" name="intent" value="amendment" />
          <input type="hidden" name="version" value={a.version} />
          <FormErrors id={form.errorId} errors={form.errors} />
          <fieldset className="flex gap-6">
            <legend className="label">Ergebnis</legend>
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name="outcome" value="granted" checked={outcome === "granted"} onChange={() => setOutcome("granted")} /> Änderung bewilligt
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name="outcome" value="rejected" checked={outcome === "rejected"} onChange={() => setOutcome("rejected")} /> Änderung abgelehnt
            </label>
          </fieldset>
          <div className="grid gap-3 md:grid-cols-3">
            <TextField label="Datum des Änderungsbescheids" meta={fields.decisionDate} hint="TT.MM.JJJJ" />
            {outcome === "granted" ? (
              <>
                <TextField label="Bewilligte Zuwendung in €" meta={fields.grantedCents} inputMode="decimal" />
                <TextField label="Beginn des Bewilligungszeitraums" meta={fields.fundingPeriodStart} hint="TT.MM.JJJJ" />
                <TextField label="Ende des Bewilligungszeitraums" meta={fields.fundingPeriodEnd} hint="TT.MM.JJJJ" />
                <TextareaField className="md:col-span-2" label="Bemerkung (optional)" meta={fields.note} rows={2} />
              </>
            ) : (
              <TextareaField className="md:col-span-2" label="Grund der Ablehnung" meta={fields.note} rows={2} />
            )}
          </div>
          <button type="submit" className="btn-primary">Änderungsbescheid speichern</button>
        </Form>
      ) : null}
    </section>
  );
}

function Documents({ data }: { data: LoaderData }) {
  const [form, fields] = useIntentForm("upload", DocumentUploadSchema);
  const actionData = useActionData<typeof action>() as ActionData;
  const fileErrors = actionData?.intent === "upload" ? actionData.result.error?.file : undefined;
  return (
    <section aria-labelledby="dokumente" className="card space-y-3">
      <h2 id="dokumente">Dokumente</h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Art</th>
            <th scope="col">Datei</th>
            <th scope="col" className="num">Größe</th>
            <th scope="col">Hochgeladen</th>
          </tr>
        </thead>
        <tbody>
          {data.documents.length === 0 && (
            <tr>
              <td colSpan={4}>Noch keine Dokumente.</td>
            </tr>
          )}
          {data.documents.map((d) => (
            <tr key={d.id}>
              <td>{DOCUMENT_TYPE_LABELS[d.documentType]}</td>
              <td>
                <a href={`/foerderung/antraege/${data.app.id}/dokumente/${d.id}`}>{d.fileName}</a>
              </td>
              <td className="num">{Math.max(1, Math.round(d.sizeBytes / 1024))} KB</td>
              <td>{formatDate(d.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data.permissions.edit && (
        <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="flex flex-wrap items-end gap-3">
          <CsrfInput />
          <input type="hidden" name="intent" value="upload" />
          <FormErrors id={form.errorId} errors={form.errors} />
          <SelectField label="Art des Dokuments" meta={fields.documentType} placeholder="Bitte wählen" options={Object.entries(DOCUMENT_TYPE_LABELS).map(([value, label]) => ({ value, label }))} />
          <div>
            <label htmlFor="dokument-datei" className="label">Datei (PDF, Bild, Office; höchstens 20 MB)</label>
            <input id="dokument-datei" type="file" name="file" className="input" aria-invalid={fileErrors ? true : undefined} aria-describedby={fileErrors ? "dokument-datei-fehler" : undefined} />
            {fileErrors && <p id="dokument-datei-fehler" className="field-error" role="alert">{fileErrors.join(" ")}</p>}
          </div>
          <button type="submit" className="btn-primary">Hochladen</button>
        </Form>
      )}
      <Success intent="upload" />
    </section>
  );
}

function Money({ data }: { data: LoaderData }) {
  const actionData = useActionData<typeof action>() as ActionData;
  const [form, fields] = useIntentForm("drawdown", DrawdownSchema);
  const warnings = actionData?.intent === "drawdown" ? actionData.warnings : [];
  const m = data.money;
  if (!m) return null;
  return (
    <section aria-labelledby="mittel" className="card space-y-4">
      <h2 id="mittel">Mittelabrufe</h2>
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3">
        <Amount label="Bewilligt" cents={m.grantCents} strong />
        <Amount label="Abgerufen" cents={m.requestedCents} />
        <Amount label="Eingegangen" cents={m.receivedCents} />
        <Amount label="Ausgaben (Belege)" cents={m.spentCents} />
        <Amount label="Eingegangen, noch nicht verausgabt" cents={m.unspentReceivedCents} />
        <div>
          <dt className="text-sm text-slate-600">Förderanteil je Zahlung</dt>
          <dd className="text-lg">{formatPercentBp(m.grantShareBp)}</dd>
        </div>
      </dl>
      <p className="hint">
        Mittel dürfen nur für Zahlungen abgerufen werden, die innerhalb von {data.programme.drawdownWindowMonths} Monaten nach Auszahlung fällig sind – anteilig mit Eigen- und Drittmitteln.
      </p>
      {data.permissions.record && data.locked && <p className="alert-info" role="note">{data.lockedMessage}</p>}
      <DrawdownTable drawdowns={data.drawdowns} canRecord={data.permissions.record && data.permissions.moneyOpen} locked={data.locked} />
      {data.permissions.record && data.permissions.moneyOpen && !data.locked && (
        <Form method="post" {...getFormProps(form)} className="grid gap-3 border-t border-slate-200 pt-4 md:grid-cols-4">
          <h3 className="font-semibold md:col-span-4">Mittelabruf erfassen</h3>
          <CsrfInput />
          <input type="hidden" name="intent" value="drawdown" />
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextField label="Abgerufen am" meta={fields.requestedOn} hint="TT.MM.JJJJ" />
          <TextField label="Abrufbetrag in €" meta={fields.requestedCents} inputMode="decimal" />
          <TextField
            className="md:col-span-2"
            label={`Fällige Zahlungen in den nächsten ${data.programme.drawdownWindowMonths} Monaten in €`}
            meta={fields.plannedPaymentsCents}
            inputMode="decimal"
            hint="Summe der Rechnungen, die in diesem Zeitraum bezahlt werden"
          />
          <TextField className="md:col-span-4" label="Hinweis zur Verwendung früherer Mittel (optional)" meta={fields.note} />
          {warnings.length > 0 && (
            <div className="alert-error md:col-span-4" role="alert">
              <p className="font-semibold">Hinweis zum Mittelabruf:</p>
              <ul className="list-disc pl-6">
                {warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
              <CheckboxField className="mt-2" label="Trotz Hinweis abrufen" meta={fields.confirmWarnings} />
              <TextareaField className="mt-2" label="Begründung für den Abruf trotz Hinweis (Pflicht, steht im Verwendungsnachweis)" meta={fields.overrideReason} rows={2} />
            </div>
          )}
          <div className="md:col-span-4">
            <button type="submit" className="btn-primary">Mittel abrufen</button>
          </div>
          <div className="md:col-span-4">
            <Success intent="drawdown" />
          </div>
        </Form>
      )}
    </section>
  );
}

function Comparison({ data }: { data: LoaderData }) {
  if (!data.comparison) return null;
  return (
    <section aria-labelledby="soll-ist" className="card space-y-3">
      <h2 id="soll-ist">Soll-Ist-Vergleich</h2>
      <ComparisonTable comparison={data.comparison} permittedDeviationBp={data.programme.permittedDeviationBp} totalOverrunToleranceBp={data.programme.totalOverrunToleranceBp} />
      <p className="flex flex-wrap gap-4">
        <Link to={`/foerderung/antraege/${data.app.id}/belege`}>Zur Belegliste ({data.money?.spentCents ? formatEuro(data.money.spentCents) : "noch keine Belege"})</Link>
        <Link to={`/foerderung/antraege/${data.app.id}/soll-ist`}>Soll-Ist-Vergleich als eigene Seite (zum Drucken)</Link>
      </p>
    </section>
  );
}

function Reclaim({ data }: { data: LoaderData }) {
  const [form, fields] = useIntentForm("reclaim", ReclaimSchema);
  const a = data.app;
  if (a.reclaimCents == null && !(data.permissions.approve && ["inProgress", "finalReportReviewed"].includes(data.state.name))) return null;
  return (
    <section aria-labelledby="rueckforderung" className="card space-y-3">
      <h2 id="rueckforderung">Rückforderung</h2>
      {a.reclaimCents != null ? (
        <p className="text-sm">
          Rückforderung von {formatEuro(a.reclaimCents)} seit {formatDate(a.reclaimSince)}; Zinsen {formatPercentBp(data.programme.reclaimInterestBp)} über dem Basiszinssatz ({formatPercentBp(data.baseRateBp)}):{" "}
          <strong>{formatEuro(data.reclaimInterestCents)}</strong> bis heute.
        </p>
      ) : (
        <details>
          <summary className="cursor-pointer text-sm font-medium">Rückforderung des Zuwendungsgebers erfassen</summary>
        <Form method="post" {...getFormProps(form)} className="mt-3 grid gap-3 md:grid-cols-3">
          <CsrfInput />
          <input type="hidden" name="intent" value="reclaim" />
          <input type="hidden" name="version" value={a.version} />
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextField label="Rückforderungsbetrag in €" meta={fields.reclaimCents} inputMode="decimal" />
          <TextField label="Zinsen ab" meta={fields.reclaimSince} hint="TT.MM.JJJJ" />
          <TextareaField className="md:col-span-3" label="Grund" meta={fields.reason} rows={2} />
          <div>
            <button type="submit" className="btn-danger">Rückforderung erfassen</button>
          </div>
        </Form>
        </details>
      )}
      <Success intent="reclaim" />
    </section>
  );
}

export default function ApplicationPage() {
  const data = useLoaderData<typeof loader>();
  const location = useLocation();
  const [form, fields] = useIntentForm("basics", BasicsSchema, {
    title: data.app.title,
    description: data.app.description,
    thirdPartyFundsCents: centsToInput(data.app.thirdPartyFundsCents),
    ...(data.app.inputTaxDeductible ? { inputTaxDeductible: "on" } : {}),
  });
  return (
    <div className="space-y-6">
      <nav aria-label="Brotkrumen" className="text-sm">
        <Link to="/foerderung">Förderung</Link> / <span>Förderantrag</span>
      </nav>
      <header className="space-y-1">
        <h1>{data.app.title}</h1>
        <p className="text-sm text-slate-700">
          Projekt: <Link to={`/projekte/${data.project.id}`}>{data.project.title}</Link> · Programm:{" "}
          <Link to={`/foerderung/programme/${data.programme.id}`}>{data.programme.name}</Link> ({data.programme.funder}) · Status:{" "}
          <strong>{data.state.label}</strong>
        </p>
        <GrantReportsLink applicationId={data.app.id} />
      </header>
      <WorkflowPanel data={data.workflow} redirectTo={location.pathname} title="Ablauf des Förderantrags" />
      <div className="grid gap-6 xl:grid-cols-3">
        <div className="space-y-6 xl:col-span-2">
          <FinancePlan data={data} />
          <InternalReview data={data} />
          <Decision data={data} />
          <Amendment data={data} />
          <Money data={data} />
          <Comparison data={data} />
          {data.submissionCheck && <SubmissionCheckList points={data.submissionCheck} />}
          <Reclaim data={data} />
          <Documents data={data} />
          {data.permissions.edit && (
            <section aria-labelledby="angaben" className="card">
              <h2 id="angaben">Angaben zum Antrag</h2>
              <Form method="post" {...getFormProps(form)} className="mt-3 space-y-3">
                <CsrfInput />
                <input type="hidden" name="intent" value="basics" />
                <input type="hidden" name="version" value={data.app.version} />
                <FormErrors id={form.errorId} errors={form.errors} />
                <TextField label="Titel" meta={fields.title} />
                <TextareaField label="Vorhabenbeschreibung" meta={fields.description} rows={3} />
                <TextField label="Drittmittel in €" meta={fields.thirdPartyFundsCents} inputMode="decimal" />
                <CheckboxField label="Vorsteuerabzug: Die Kommune kann die Umsatzsteuer abziehen (es zählen die Nettobeträge der Belege)" meta={fields.inputTaxDeductible} />
                <button type="submit" className="btn-secondary">Angaben speichern</button>
                <Success intent="basics" />
              </Form>
            </section>
          )}
        </div>
        <div className="space-y-6">
          <section aria-labelledby="fristen" className="card">
            <h2 id="fristen">Fristen</h2>
            {data.deadlines.length === 0 ? (
              <p className="mt-2 text-sm">Keine offenen Fristen.</p>
            ) : (
              <ul className="mt-2 space-y-2 text-sm">
                {data.deadlines.map((d) => (
                  <li key={d.id}>
                    <strong>{formatDate(d.dueDate)}</strong> – {d.label}
                    {d.status === "overdue" && <span className="badge ml-2 bg-red-100 text-red-800">überfällig</span>}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      </div>
    </div>
  );
}
