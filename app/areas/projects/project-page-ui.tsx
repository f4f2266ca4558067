import { getFormProps, useForm } from "@conform-to/react";
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { SerializeFrom } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { FOCUS_AREA_LABELS } from "~/areas/agenda/agenda";
import { ClassificationBadge } from "~/areas/assessment/classification-badge";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { CsrfInput } from "~/components/csrf";
import { FormErrors, SelectField } from "~/components/forms";
import { ReportPreviewLink } from "~/reports/components";
import { formatDate, formatDateTime, formatEuro, formatShare } from "~/utils/format";
import type { ProjectActionData, ProjectPageIntent } from "./page-actions";
import type { ProjectPage } from "./project-page.server";
import { DependencySchema } from "./projects";
import { TRAFFIC_LIGHT_LABELS } from "./status-reports";
import { OverdueBadge, StateBadge } from "./ui";

type PageData = SerializeFrom<ProjectPage>;

export function resultFor(data: ProjectActionData | undefined, intent: ProjectPageIntent) {
  return data?.intent === intent ? data.result : undefined;
}

/** The conflicts left after a save, next to the form that saved (a hint, not an error). */
export function SavedWarnings({ data, intents }: { data: ProjectActionData | undefined; intents: ProjectPageIntent[] }) {
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
export function ItemButton({ intent, itemId, label, about, className = "btn-secondary" }: { intent: ProjectPageIntent; itemId: number; label: string; about?: string; className?: string }) {
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

/** Breadcrumbs, title, badges, the edit and archive buttons, and the message of the last button pressed. */
export function ProjectHeader({ page }: { page: PageData }) {
  const { detail, canEdit, workflow, latestStatus, overdueMilestones, archived } = page;
  const data = useActionData() as ProjectActionData | undefined;
  const p = detail.project;
  return (
    <>
      <Breadcrumbs items={[{ to: "/projekte", label: "Projekte" }, { label: p.title }]} />
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
    </>
  );
}

export function AssessmentSection({ page }: { page: PageData }) {
  const { detail, assessment, canAssess } = page;
  return (
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
  );
}

export function ScheduleWarnings({ warnings }: { warnings: string[] }) {
  return (
    <>
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
    </>
  );
}

export function ProjectFacts({ page }: { page: PageData }) {
  const { detail } = page;
  const p = detail.project;
  return (
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

export function DependenciesSection({ page }: { page: PageData }) {
  const { detail, editable } = page;
  const data = useActionData() as ProjectActionData | undefined;
  return (
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
  );
}
