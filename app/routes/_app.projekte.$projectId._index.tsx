import { type SubmissionResult, getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { z } from "zod";
import { FOCUS_AREA_LABELS } from "~/areas/agenda/agenda";
import {
  DependencySchema,
  IMPACT_LABELS,
  LIKELIHOOD_LABELS,
  MilestoneRescheduleSchema,
  MilestoneSchema,
  RISK_CATEGORIES,
  RISK_CATEGORY_LABELS,
  RISK_LEVEL_LABELS,
  RiskSchema,
  riskLevel,
} from "~/areas/projects/projects";
import { addDependency, removeDependency } from "~/areas/projects/dependencies.server";
import { addMilestone, removeMilestone, rescheduleMilestone, setMilestoneDone } from "~/areas/projects/milestones.server";
import { addRisk, removeRisk, setRiskClosed, updateRisk } from "~/areas/projects/risks.server";
import { type ProjectDetail, getProjectDetail } from "~/areas/projects/detail.server";
import { getProjectRow, mayChangeProject } from "~/areas/projects/access.server";
import { projectFormOptions, setProjectArchived } from "~/areas/projects/write.server";
import { OverdueBadge, RiskMatrixTable, StateBadge } from "~/areas/projects/ui";
import { CsrfInput } from "~/components/csrf";
import { FormErrors, SelectField, TextField, TextareaField } from "~/components/forms";
import { getAssessment } from "~/areas/assessment/assessment.server";
import { scheduleWarnings } from "~/areas/assessment/progress.server";
import { ClassificationBadge } from "~/areas/assessment/classification-badge";
import { requireContext } from "~/utils/context.server";
import { readForm } from "~/utils/csrf.server";
import { getDb } from "~/utils/db.server";
import { ConflictError, ValidationError } from "~/utils/errors";
import { formatDate, formatDateTime, formatEuro, formatShare, todayIso } from "~/utils/format";
import { badRequest, idParam, orNotFound } from "~/utils/http.server";
import { WorkflowPanel } from "~/workflow/components";
import { getWorkflowPanelData } from "~/workflow/index.server";
import { ReportPreviewLink } from "~/reports/components";
import { latestStatusReport } from "~/areas/projects/status-reports.server";
import { TRAFFIC_LIGHT_LABELS } from "~/areas/projects/status-reports";
import { orNotFoundHere } from "~/utils/record-locations.server";
import { isJointPartner, refuseJointPartner } from "~/areas/joint/partner-guard.server";
import { listPartners } from "~/areas/joint/partners.server";
import { PartnersSection } from "~/areas/joint/ui";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.detail.project.title ?? "Projekt"} – Fahrplan` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "project.view");
  const id = idParam(params.projectId);
  const db = getDb();
  const found = getProjectDetail(db, ctx, id, todayIso());
  // A partner Kommune of a joint project gets the read-only partner view, nothing of this page.
  if (!found && isJointPartner(db, ctx, id)) throw redirect(`/projekte/gemeinsam/${id}`);
  const detail = orNotFoundHere(found, ctx, request, "project", id);
  // A project lead sees the edit buttons only on projects it leads or works on (the area functions refuse the rest).
  const canEdit = ctx.can("project.edit") && mayChangeProject(db, ctx, detail.project);
  return json({
    detail,
    canEdit,
    employees: canEdit ? projectFormOptions(db, ctx).employees : [],
    workflow: getWorkflowPanelData(db, ctx, "project", id),
    assessment: getAssessment(db, ctx, id) ?? null,
    canAssess: ctx.can("project.assess"),
    warnings: scheduleWarnings(db, ctx, id, todayIso()),
    latestStatus: latestStatusReport(db, ctx, id),
    partners: listPartners(db, ctx, id),
  });
}

const INTENTS = [
  "addMilestone",
  "milestoneDone",
  "milestoneReopen",
  "removeMilestone",
  "rescheduleMilestone",
  "addDependency",
  "removeDependency",
  "addRisk",
  "updateRisk",
  "removeRisk",
  "closeRisk",
  "reopenRisk",
  "archive",
  "restore",
] as const;
type Intent = (typeof INTENTS)[number];

const ItemSchema = z.object({ itemId: z.coerce.number().int().positive() });
const VersionSchema = z.object({ version: z.coerce.number().int().positive() });
const RiskUpdateSchema = z.object({ itemId: z.coerce.number().int().positive(), version: z.coerce.number().int().positive() });

/** Buttons (done, remove, archive) report problems at the top of the page. */
function problem(intent: Intent, error: unknown) {
  if (error instanceof ValidationError) {
    const messages = Object.values(error.fieldErrors).flat();
    return json({ intent, result: undefined, message: messages.join(" ") || error.message }, { status: 400 });
  }
  if (error instanceof ConflictError) return json({ intent, result: undefined, message: error.message }, { status: 409 });
  throw error;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireContext(request, "project.edit");
  const id = idParam(params.projectId);
  refuseJointPartner(getDb(), ctx, id);
  orNotFound(getProjectRow(getDb(), ctx, id));
  const formData = await readForm(request);
  const intent = String(formData.get("intent")) as Intent;
  if (!INTENTS.includes(intent)) badRequest("Unbekannte Aktion.");
  const today = todayIso();
  // Conflicts the save leaves (high risks, late prerequisites, milestones after the end) are shown next to the form; they do not block.
  const warningsNow = () => scheduleWarnings(getDb(), ctx, id, today);

  const withForm = <S extends z.ZodTypeAny>(schema: S, run: (value: z.output<S>) => void) => {
    const submission = parseWithZod(formData, { schema });
    if (submission.status !== "success") return json({ intent, result: submission.reply(), message: undefined }, { status: 400 });
    try {
      run(submission.value as z.output<S>);
      return json({ intent, result: submission.reply({ resetForm: true }), message: undefined, warnings: warningsNow() });
    } catch (error) {
      if (error instanceof ValidationError) {
        const { form, ...fieldErrors } = error.fieldErrors;
        return json({ intent, result: submission.reply({ formErrors: form, fieldErrors }), message: undefined }, { status: 400 });
      }
      throw error;
    }
  };
  const withItem = (run: (itemId: number) => void) => {
    const parsed = ItemSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) badRequest();
    try {
      run(parsed.data.itemId);
      return json({ intent, result: undefined, message: undefined, warnings: warningsNow() });
    } catch (error) {
      return problem(intent, error);
    }
  };

  switch (intent) {
    case "addMilestone":
      return withForm(MilestoneSchema, (v) => addMilestone(ctx, id, v));
    case "addDependency":
      return withForm(DependencySchema, (v) => addDependency(ctx, id, v.dependsOnProjectId));
    case "addRisk":
      return withForm(RiskSchema, (v) => addRisk(ctx, id, v));
    case "milestoneDone":
      return withItem((itemId) => setMilestoneDone(ctx, id, itemId, true, today));
    case "milestoneReopen":
      return withItem((itemId) => setMilestoneDone(ctx, id, itemId, false, today));
    case "removeMilestone":
      return withItem((itemId) => removeMilestone(ctx, id, itemId));
    case "removeDependency":
      return withItem((itemId) => removeDependency(ctx, id, itemId));
    case "removeRisk":
      return withItem((itemId) => removeRisk(ctx, id, itemId));
    case "closeRisk":
    case "reopenRisk":
      return withItem((itemId) => setRiskClosed(ctx, id, itemId, intent === "closeRisk"));
    case "rescheduleMilestone": {
      const input = MilestoneRescheduleSchema.safeParse(Object.fromEntries(formData));
      if (!input.success) {
        const messages = input.error.issues.map((i) => i.message);
        return json({ intent, result: undefined, message: `Der Meilenstein wurde nicht verschoben: ${messages.join(" ")}` }, { status: 400 });
      }
      try {
        rescheduleMilestone(ctx, id, input.data.itemId, input.data.dueDate);
        return json({ intent, result: undefined, message: undefined, warnings: warningsNow() });
      } catch (error) {
        return problem(intent, error);
      }
    }
    case "updateRisk": {
      const row = RiskUpdateSchema.safeParse(Object.fromEntries(formData));
      if (!row.success) badRequest();
      const input = parseWithZod(formData, { schema: RiskSchema });
      if (input.status !== "success") {
        const messages = Object.values(input.error ?? {}).flat().filter((m): m is string => typeof m === "string");
        return json({ intent, result: undefined, message: `Das Risiko wurde nicht gespeichert: ${messages.join(" ")}` }, { status: 400 });
      }
      try {
        updateRisk(ctx, id, row.data.itemId, row.data.version, input.value);
        return json({ intent, result: undefined, message: undefined, warnings: warningsNow() });
      } catch (error) {
        return problem(intent, error);
      }
    }
    case "archive":
    case "restore": {
      const parsed = VersionSchema.safeParse(Object.fromEntries(formData));
      if (!parsed.success) badRequest();
      try {
        setProjectArchived(ctx, id, parsed.data.version, intent === "archive");
        return json({ intent, result: undefined, message: undefined });
      } catch (error) {
        return problem(intent, error);
      }
    }
  }
}

type ActionData = { intent: Intent; result: SubmissionResult<string[]> | undefined; message: string | undefined; warnings?: string[] };

function resultFor(data: ActionData | undefined, intent: Intent) {
  return data?.intent === intent ? data.result : undefined;
}

/** The conflicts left after a save, next to the form that saved (a hint, not an error). */
function SavedWarnings({ data, intents }: { data: ActionData | undefined; intents: Intent[] }) {
  if (!data?.warnings?.length || !intents.includes(data.intent)) return null;
  return (
    <div className="alert-warning mt-3" role="status" data-testid="save-warnings">
      <p className="font-semibold">Gespeichert. Bitte prüfen Sie den Zeitplan:</p>
      <ul className="list-disc pl-5">
        {data.warnings.map((w) => (
          <li key={w}>{w}</li>
        ))}
      </ul>
    </div>
  );
}

/** `about` names the item for screen readers when several rows have the same button. */
function ItemButton({ intent, itemId, label, about, className = "btn-secondary" }: { intent: Intent; itemId: number; label: string; about?: string; className?: string }) {
  return (
    <Form method="post" className="inline">
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="itemId" value={itemId} />
      <button type="submit" className={`${className} px-2 py-1 text-xs`} aria-label={about ? `${label}: ${about}` : undefined}>
        {label}
      </button>
    </Form>
  );
}

/** Moves an open milestone to a new (forecast) date; the first planned date is kept and shown. */
function RescheduleForm({ milestone }: { milestone: { id: number; title: string; dueDate: string } }) {
  const fieldId = `verschieben-${milestone.id}`;
  return (
    <details className="mt-1 inline-block align-top">
      <summary className="cursor-pointer text-xs underline">
        Verschieben<span className="sr-only">: {milestone.title}</span>
      </summary>
      <Form method="post" className="mt-1 flex items-end gap-2">
        <CsrfInput />
        <input type="hidden" name="intent" value="rescheduleMilestone" />
        <input type="hidden" name="itemId" value={milestone.id} />
        <div>
          <label htmlFor={fieldId} className="label text-xs">
            Neues Datum (TT.MM.JJJJ)
          </label>
          <input id={fieldId} name="dueDate" inputMode="numeric" required defaultValue={formatDate(milestone.dueDate)} className="input w-32" />
        </div>
        <button type="submit" className="btn-secondary px-2 py-1 text-xs">
          Speichern
        </button>
      </Form>
    </details>
  );
}

function MilestoneForm({ lastResult }: { lastResult: SubmissionResult<string[]> | undefined }) {
  const [form, fields] = useForm({
    id: "milestone",
    lastResult,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: MilestoneSchema }),
  });
  return (
    <Form method="post" className="mt-4 grid items-start gap-3 sm:grid-cols-[2fr_1fr_auto]" {...getFormProps(form)}>
      <CsrfInput />
      <input type="hidden" name="intent" value="addMilestone" />
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextField label="Neuer Meilenstein" meta={fields.title} />
      <TextField label="Fällig am" meta={fields.dueDate} hint="TT.MM.JJJJ" inputMode="numeric" />
      <button type="submit" className="btn-primary mt-6">
        Meilenstein hinzufügen
      </button>
    </Form>
  );
}

function DependencyForm({ lastResult, candidates }: { lastResult: SubmissionResult<string[]> | undefined; candidates: { id: number; title: string }[] }) {
  const [form, fields] = useForm({
    id: "dependency",
    lastResult,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DependencySchema }),
  });
  return (
    <Form method="post" className="mt-4 grid items-start gap-3 sm:grid-cols-[1fr_auto]" {...getFormProps(form)}>
      <CsrfInput />
      <input type="hidden" name="intent" value="addDependency" />
      <FormErrors id={form.errorId} errors={form.errors} />
      <SelectField
        label="Dieses Projekt braucht"
        meta={fields.dependsOnProjectId}
        placeholder="Projekt wählen"
        options={candidates.map((c) => ({ value: c.id, label: c.title }))}
      />
      <button type="submit" className="btn-primary mt-6">
        Abhängigkeit hinzufügen
      </button>
    </Form>
  );
}

function RiskForm({ lastResult, employees }: { lastResult: SubmissionResult<string[]> | undefined; employees: { id: number; name: string }[] }) {
  const [form, fields] = useForm({
    id: "risk",
    lastResult,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RiskSchema }),
  });
  const scale = [1, 2, 3, 4, 5];
  return (
    <Form method="post" className="mt-4 space-y-3" {...getFormProps(form)}>
      <CsrfInput />
      <input type="hidden" name="intent" value="addRisk" />
      <h3 className="font-semibold">Risiko erfassen</h3>
      <FormErrors id={form.errorId} errors={form.errors} />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField label="Risiko" meta={fields.title} />
        <SelectField
          label="Kategorie"
          meta={fields.category}
          placeholder="Bitte wählen"
          options={RISK_CATEGORIES.map((c) => ({ value: c, label: RISK_CATEGORY_LABELS[c] }))}
        />
        <SelectField
          label="Eintrittswahrscheinlichkeit"
          meta={fields.likelihood}
          placeholder="Bitte wählen"
          options={scale.map((n) => ({ value: n, label: `${n} – ${LIKELIHOOD_LABELS[n]}` }))}
        />
        <SelectField
          label="Auswirkung"
          meta={fields.impact}
          placeholder="Bitte wählen"
          options={scale.map((n) => ({ value: n, label: `${n} – ${IMPACT_LABELS[n]}` }))}
        />
        <SelectField label="Verantwortlich" meta={fields.ownerEmployeeId} placeholder="niemand benannt" options={employees.map((e) => ({ value: e.id, label: e.name }))} />
      </div>
      <TextareaField label="Gegenmaßnahme" meta={fields.mitigation} rows={2} />
      <button type="submit" className="btn-primary">
        Risiko hinzufügen
      </button>
    </Form>
  );
}

type RiskRow = ProjectDetail["risks"][number];

/** Inline re-rating of one risk; problems are reported at the top of the page. */
function RiskEditForm({ risk, employees }: { risk: RiskRow; employees: { id: number; name: string }[] }) {
  const prefix = `risiko-${risk.id}`;
  const scale = [1, 2, 3, 4, 5];
  return (
    <details className="rounded border border-slate-200 p-2">
      <summary className="cursor-pointer text-sm font-medium">{risk.title} bearbeiten</summary>
      <Form method="post" className="mt-2 grid gap-3 sm:grid-cols-2">
        <CsrfInput />
        <input type="hidden" name="intent" value="updateRisk" />
        <input type="hidden" name="itemId" value={risk.id} />
        <input type="hidden" name="version" value={risk.version} />
        <div>
          <label htmlFor={`${prefix}-title`} className="label">
            Risiko
          </label>
          <input id={`${prefix}-title`} name="title" defaultValue={risk.title} required className="input" />
        </div>
        <div>
          <label htmlFor={`${prefix}-category`} className="label">
            Kategorie
          </label>
          <select id={`${prefix}-category`} name="category" defaultValue={risk.category} className="input">
            {RISK_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {RISK_CATEGORY_LABELS[c]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${prefix}-likelihood`} className="label">
            Eintrittswahrscheinlichkeit
          </label>
          <select id={`${prefix}-likelihood`} name="likelihood" defaultValue={risk.likelihood} className="input">
            {scale.map((n) => (
              <option key={n} value={n}>
                {n} – {LIKELIHOOD_LABELS[n]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${prefix}-impact`} className="label">
            Auswirkung
          </label>
          <select id={`${prefix}-impact`} name="impact" defaultValue={risk.impact} className="input">
            {scale.map((n) => (
              <option key={n} value={n}>
                {n} – {IMPACT_LABELS[n]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${prefix}-owner`} className="label">
            Verantwortlich
          </label>
          <select id={`${prefix}-owner`} name="ownerEmployeeId" defaultValue={risk.ownerEmployeeId ?? ""} className="input">
            <option value="">niemand benannt</option>
            {employees.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${prefix}-mitigation`} className="label">
            Gegenmaßnahme
          </label>
          <input id={`${prefix}-mitigation`} name="mitigation" defaultValue={risk.mitigation} className="input" />
        </div>
        <div>
          <button type="submit" className="btn-primary">
            Speichern<span className="sr-only">: {risk.title}</span>
          </button>
        </div>
      </Form>
    </details>
  );
}

export default function ProjectPage() {
  const { detail, canEdit, employees, workflow, assessment, canAssess, warnings, latestStatus, partners } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const location = useLocation();
  const p = detail.project;
  const overdueMilestones = detail.milestones.filter((m) => m.overdue).length;
  const archived = p.archivedAt !== null;
  // Archived projects are read-only until restored; the server refuses such edits as well.
  const editable = canEdit && !archived;
  return (
    <div className="space-y-6">
      <nav aria-label="Brotkrümelnavigation" className="text-sm">
        <Link to="/projekte" className="underline">Projekte</Link> <span aria-hidden="true">›</span> {p.title}
      </nav>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1>{p.title}</h1>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <StateBadge state={detail.state} label={workflow?.workflow.stateLabel ?? null} />
            <ReportPreviewLink type="projektsteckbrief" subjectId={p.id} />
            <Link to={`/projekte/${p.id}/status`} className="text-sm underline">
              {latestStatus ? `Statusbericht: ${TRAFFIC_LIGHT_LABELS[latestStatus.light]} (${formatDate(latestStatus.reportedOn)})` : "Statusberichte: noch keiner abgegeben"}
            </Link>
            {overdueMilestones > 0 ? <OverdueBadge /> : null}
            {archived ? <span className="badge bg-slate-700 text-white">archiviert am {formatDateTime(p.archivedAt)}</span> : null}
          </div>
        </div>
        {canEdit ? (
          <div className="flex flex-wrap gap-2">
            {!archived ? (
              <Link to={`/projekte/${p.id}/bearbeiten`} className="btn-primary">
                Bearbeiten
              </Link>
            ) : null}
            <Form method="post">
              <CsrfInput />
              <input type="hidden" name="intent" value={archived ? "restore" : "archive"} />
              <input type="hidden" name="version" value={p.version} />
              <button type="submit" className="btn-secondary">
                {archived ? "Aus dem Archiv holen" : "Archivieren"}
              </button>
            </Form>
          </div>
        ) : null}
      </div>
      {archived && canEdit ? (
        <p className="alert-info" role="status">
          Das Projekt ist archiviert und schreibgeschützt. Um es zu ändern, holen Sie es zuerst aus dem Archiv.
        </p>
      ) : null}
      {data?.message ? (
        <div className="alert-error" role="alert">
          {data.message}
        </div>
      ) : null}

      <section aria-labelledby="bewertung-titel" className="card">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="bewertung-titel">Bewertung</h2>
          <a href={`/bewertung/${detail.project.id}`} className={canAssess ? "btn-secondary" : undefined}>
            {canAssess ? (assessment ? "Bewertung bearbeiten" : "Projekt bewerten") : "Bewertung ansehen"}
          </a>
        </div>
        {assessment ? (
          <div className="mt-3 space-y-2 text-sm">
            <p>
              <ClassificationBadge classification={assessment.classification} needsSupport={assessment.needsSupport} />
            </p>
            <p>{assessment.reason}</p>
            {assessment.weakestCriteria.length > 0 ? (
              <p>
                <strong>Schwächste Kriterien:</strong>{" "}
                {assessment.weakestCriteria.map((c) => `${c.label} (${c.score} von 4)`).join(", ")}
              </p>
            ) : null}
          </div>
        ) : (
          <p className="mt-2 text-sm">Dieses Projekt ist noch nicht bewertet.</p>
        )}
      </section>

      {warnings.length > 0 ? (
        <section aria-labelledby="zeitplan-hinweise" className="alert-warning" data-testid="schedule-warnings">
          <h2 id="zeitplan-hinweise" className="text-base font-semibold">
            Hinweise zu Risiken und Zeitplan
          </h2>
          <ul className="list-disc pl-5">
            {warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="details-titel" className="card">
        <h2 id="details-titel">Projektdaten</h2>
        {p.description ? <p className="mt-2 whitespace-pre-line">{p.description}</p> : null}
        <dl className="mt-4 grid gap-x-6 gap-y-3 sm:grid-cols-2 lg:grid-cols-3">
          <div>
            <dt className="text-sm text-slate-600">Handlungsfeld</dt>
            <dd>
              {detail.fieldOfAction} <span className="text-slate-700">({FOCUS_AREA_LABELS[detail.focusArea]})</span>
            </dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">Federführende Einheit</dt>
            <dd>{detail.leadUnit}</dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">Projektleitung</dt>
            <dd>{detail.leadLastName ? `${detail.leadFirstName} ${detail.leadLastName}` : "noch offen"}</dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">Zeitraum</dt>
            <dd>
              {formatDate(p.startDate)} bis {formatDate(p.endDate)}
            </dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">Budget geplant / verausgabt</dt>
            <dd>
              {formatEuro(p.budgetPlannedCents)} / {formatEuro(p.budgetSpentCents)}
              {p.budgetPlannedCents > 0 ? <span className="text-slate-700"> ({formatShare(p.budgetSpentCents / p.budgetPlannedCents)})</span> : null}
            </dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">OZG / Nachnutzung (EfA)</dt>
            <dd>
              OZG-relevant: {p.ozgRelevant ? "ja" : "nein"}; Nachnutzung/EfA: {p.efaReuse ? "ja" : "nein"}
            </dd>
          </div>
          <div className="sm:col-span-2 lg:col-span-3">
            <dt className="text-sm text-slate-600">Weitere beteiligte Einheiten</dt>
            <dd>
              {detail.involvedUnits.length === 0
                ? "keine"
                : detail.involvedUnits.map((u) => (u.kind === "company" ? `${u.name} (Unternehmen)` : u.name)).join(", ")}
            </dd>
          </div>
          <div className="sm:col-span-2 lg:col-span-3">
            <dt className="text-sm text-slate-600">Ziele der Digitalagenda</dt>
            <dd>
              {detail.goals.length === 0 ? (
                "keine zugeordnet"
              ) : (
                <ul className="list-disc pl-5">
                  {detail.goals.map((g) => (
                    <li key={g.id}>
                      <Link to={`/agenda#ziel-${g.id}`}>{g.title}</Link>
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </div>
        </dl>
      </section>

      <PartnersSection projectId={p.id} partners={partners} canEdit={editable} />

      {workflow ? <WorkflowPanel data={workflow} redirectTo={location.pathname} /> : null}

      <section aria-labelledby="meilensteine-titel" className="card">
        <h2 id="meilensteine-titel">Meilensteine</h2>
        {detail.milestones.length === 0 ? (
          <p className="mt-2">Noch keine Meilensteine.</p>
        ) : (
          <table className="table mt-3">
            <thead>
              <tr>
                <th scope="col">Meilenstein</th>
                <th scope="col">Fällig (Prognose)</th>
                <th scope="col">Ursprünglich geplant</th>
                <th scope="col">Stand</th>
                {editable ? <th scope="col">Aktionen</th> : null}
              </tr>
            </thead>
            <tbody>
              {detail.milestones.map((m) => (
                <tr key={m.id} className={m.overdue ? "bg-red-50" : undefined}>
                  <td>{m.title}</td>
                  <td>{formatDate(m.dueDate)}</td>
                  <td>{m.originalDueDate ? formatDate(m.originalDueDate) : "–"}</td>
                  <td>{m.doneAt ? `erledigt am ${formatDate(m.doneAt)}` : m.overdue ? <OverdueBadge /> : "offen"}</td>
                  {editable ? (
                    <td className="space-x-2 whitespace-nowrap">
                      {m.doneAt ? (
                        <ItemButton intent="milestoneReopen" itemId={m.id} label="Wieder öffnen" />
                      ) : (
                        <ItemButton intent="milestoneDone" itemId={m.id} label="Als erledigt markieren" />
                      )}
                      <ItemButton intent="removeMilestone" itemId={m.id} label="Entfernen" />
                      {m.doneAt ? null : <RescheduleForm milestone={m} />}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {editable ? <MilestoneForm lastResult={resultFor(data, "addMilestone")} /> : null}
        <SavedWarnings data={data} intents={["addMilestone", "rescheduleMilestone"]} />
      </section>

      <section aria-labelledby="abhaengigkeiten-titel" className="card">
        <h2 id="abhaengigkeiten-titel">Abhängigkeiten</h2>
        <div className="mt-2 grid gap-4 sm:grid-cols-2">
          <div>
            <h3 className="font-semibold">Dieses Projekt braucht</h3>
            {detail.needs.length === 0 ? (
              <p>keine anderen Projekte</p>
            ) : (
              <ul className="mt-1 space-y-1">
                {detail.needs.map((n) => (
                  <li key={n.dependencyId} className="flex flex-wrap items-center gap-2">
                    <Link to={`/projekte/${n.id}`}>{n.title}</Link> <StateBadge state={n.state} label={n.stateLabel} />
                    {editable ? <ItemButton intent="removeDependency" itemId={n.dependencyId} label="Entfernen" /> : null}
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div>
            <h3 className="font-semibold">Wird gebraucht von</h3>
            {detail.neededBy.length === 0 ? (
              <p>keinem anderen Projekt</p>
            ) : (
              <ul className="mt-1 space-y-1">
                {detail.neededBy.map((n) => (
                  <li key={n.id}>
                    <Link to={`/projekte/${n.id}`}>{n.title}</Link> <StateBadge state={n.state} label={n.stateLabel} />
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
        {editable ? <DependencyForm lastResult={resultFor(data, "addDependency")} candidates={detail.dependencyCandidates} /> : null}
        <SavedWarnings data={data} intents={["addDependency"]} />
      </section>

      <section id="risiken" aria-labelledby="risiken-titel" className="card space-y-4">
        <h2 id="risiken-titel">Risiken</h2>
        {detail.risks.length === 0 ? (
          <p>Noch keine Risiken erfasst.</p>
        ) : (
          <>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Risiko</th>
                  <th scope="col">Kategorie</th>
                  <th scope="col" className="num">
                    W × A
                  </th>
                  <th scope="col">Stufe</th>
                  <th scope="col">Gegenmaßnahme</th>
                  <th scope="col">Verantwortlich</th>
                  {editable ? <th scope="col">Aktionen</th> : null}
                </tr>
              </thead>
              <tbody>
                {detail.risks.map((r) => (
                  <tr key={r.id} className={r.closedAt ? "text-slate-600" : undefined}>
                    <td>
                      {r.title}
                      {r.closedAt ? <span className="block text-sm">geschlossen am {formatDate(r.closedAt.slice(0, 10))}, zählt nicht mehr</span> : null}
                    </td>
                    <td>{RISK_CATEGORY_LABELS[r.category]}</td>
                    <td className="num">
                      {r.likelihood} × {r.impact} = {r.score}
                    </td>
                    <td>{r.closedAt ? "geschlossen" : RISK_LEVEL_LABELS[riskLevel(r.score)]}</td>
                    <td>{r.mitigation || "–"}</td>
                    <td>{r.ownerLastName ? `${r.ownerFirstName} ${r.ownerLastName}` : "–"}</td>
                    {editable ? (
                      <td className="space-x-2 whitespace-nowrap">
                        {r.closedAt ? (
                          <ItemButton intent="reopenRisk" itemId={r.id} label="Wieder öffnen" about={r.title} />
                        ) : (
                          <ItemButton intent="closeRisk" itemId={r.id} label="Schließen" about={r.title} />
                        )}
                        <ItemButton intent="removeRisk" itemId={r.id} label="Entfernen" about={r.title} />
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
            {editable ? (
              <div className="space-y-2">
                <h3 className="font-semibold">Risiken neu bewerten</h3>
                {detail.risks.filter((r) => r.closedAt === null).map((r) => (
                  <RiskEditForm key={`${r.id}-${r.version}`} risk={r} employees={employees} />
                ))}
              </div>
            ) : null}
            <RiskMatrixTable
              risks={detail.risks.filter((r) => r.closedAt === null)}
              caption="Risikomatrix der offenen Risiken dieses Projekts: Auswirkung (Zeilen) und Eintrittswahrscheinlichkeit (Spalten)"
            />
          </>
        )}
        {editable ? <RiskForm lastResult={resultFor(data, "addRisk")} employees={employees} /> : null}
        <SavedWarnings data={data} intents={["addRisk", "updateRisk", "closeRisk", "reopenRisk"]} />
      </section>
    </div>
  );
}
