import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
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
import { SubmissionCheckList } from "~/areas/funding/corrections-ui";
import { Amendment, DeadlineList, Decision, Reclaim } from "~/areas/funding/application-decision-ui";
import { Documents } from "~/areas/funding/application-documents-ui";
import { Comparison, Money } from "~/areas/funding/application-money-ui";
import { BasicsForm, FinancePlan, InternalReview } from "~/areas/funding/application-plan-ui";
import { storeDocument } from "~/areas/funding/documents.server";
import { recordDrawdownReceived, requestDrawdown } from "~/areas/funding/money.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import type { Permission } from "~/utils/permissions";
import { type AppContext, requireContext } from "~/utils/context.server";
import { ValidationError } from "~/utils/errors";
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

export default function ApplicationPage() {
  const data = useLoaderData<typeof loader>();
  const location = useLocation();
  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ to: "/foerderung", label: "Förderung" }, { label: "Förderantrag" }]} />
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
          {data.permissions.edit && <BasicsForm data={data} />}
        </div>
        <div className="space-y-6">
          <DeadlineList data={data} />
        </div>
      </div>
    </div>
  );
}
