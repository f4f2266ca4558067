import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { getAssessment, getProjectHeader, getScoreSheet, listCriteria, saveAssessment } from "~/areas/assessment/assessment.server";
import { ClassificationBadge } from "~/areas/assessment/classification-badge";
import { FOCUS_AREAS, FOCUS_AREA_LABELS, MAX_SCORE } from "~/areas/assessment/classify";
import { SCORE_LABELS, parseScoreForm } from "~/areas/assessment/score-form";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { CsrfInput } from "~/components/csrf";
import { FormErrors } from "~/components/forms";
import { requireContext } from "~/utils/context.server";
import { refuseJointPartner } from "~/areas/joint/partner-guard.server";
import { readForm } from "~/utils/csrf.server";
import { getDb, transaction } from "~/utils/db.server";
import { ConflictError, ValidationError } from "~/utils/errors";
import { formatDateTime, formatNumber } from "~/utils/format";
import { idParam, orNotFound } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Bewertung: ${data?.project.title ?? "Projekt"} – Fahrplan` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "project.view");
  const db = getDb();
  const projectId = idParam(params.projectId);
  const project = orNotFound(getProjectHeader(db, ctx, projectId));
  return json({
    project,
    sheet: getScoreSheet(db, ctx, projectId),
    assessment: getAssessment(db, ctx, projectId) ?? null,
    canAssess: ctx.can("project.assess") && !project.archivedAt,
    canConfigure: ctx.can("assessment.configure"),
  });
}

type ActionData = { fieldErrors: Record<string, string[]>; formErrors: string[]; values: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireContext(request, "project.assess");
  const projectId = idParam(params.projectId);
  refuseJointPartner(getDb(), ctx, projectId);
  const formData = await readForm(request);
  const db = getDb();
  const project = orNotFound(getProjectHeader(db, ctx, projectId));
  const values = Object.fromEntries([...formData.entries()].filter(([k]) => k !== "csrf").map(([k, v]) => [k, String(v)]));
  if (project.archivedAt) {
    return json<ActionData>({ fieldErrors: {}, formErrors: ["Archivierte Projekte können nicht mehr bewertet werden."], values }, { status: 400 });
  }
  const criteria = listCriteria(db, ctx, { activeOnly: true });
  const parsed = parseScoreForm(formData, criteria);
  if (Object.keys(parsed.fieldErrors).length) {
    const { form, ...fieldErrors } = parsed.fieldErrors;
    return json<ActionData>({ fieldErrors, formErrors: form ?? ["Bitte korrigieren Sie die markierten Felder."], values }, { status: 400 });
  }
  try {
    transaction((tx) => saveAssessment(tx, ctx, projectId, parsed.version, parsed.scores));
  } catch (error) {
    if (error instanceof ValidationError) {
      const { form, ...fieldErrors } = error.fieldErrors;
      return json<ActionData>({ fieldErrors, formErrors: form ?? [error.message], values }, { status: 400 });
    }
    if (error instanceof ConflictError) return json<ActionData>({ fieldErrors: {}, formErrors: [error.message], values }, { status: 409 });
    throw error;
  }
  return redirect(`/bewertung/${projectId}?hinweis=gespeichert`);
}

export default function AssessmentPage() {
  const { project, sheet, assessment, canAssess, canConfigure } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const errors = actionData?.fieldErrors ?? {};
  const value = (name: string, fallback: string) => actionData?.values[name] ?? fallback;
  return (
    <div className="space-y-6">
      <Breadcrumbs
        items={[
          { to: "/projekte", label: "Projekte" },
          { to: `/projekte/${project.id}`, label: project.title },
          { label: "Bewertung" },
        ]}
      />
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1>Bewertung: {project.title}</h1>
          <p className="text-slate-700">Handlungsfeld {project.fieldOfAction}</p>
        </div>
        <div className="flex flex-wrap gap-3">
          <Link to="/projekte/portfolio" className="btn-secondary">
            Zum Portfolio
          </Link>
          {canConfigure ? (
            <Link to="/bewertung/kriterien" className="btn-secondary">
              Kriterien und Gewichte
            </Link>
          ) : null}
        </div>
      </div>
      {searchParams.get("hinweis") === "gespeichert" && !actionData ? (
        <p className="alert-success" role="status">
          Die Bewertung wurde gespeichert und das Projekt neu eingestuft.
        </p>
      ) : null}

      <section aria-labelledby="ergebnis" className="card space-y-2" data-testid="assessment-result">
        <h2 id="ergebnis">Ergebnis</h2>
        {assessment ? (
          <>
            <ClassificationBadge classification={assessment.classification} needsSupport={assessment.needsSupport} />
            <p>{assessment.reason}</p>
            <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-4">
              {FOCUS_AREAS.map((a) => {
                const score = assessment[`${a}Score` as const];
                return (
                  <div key={a}>
                    <dt className="text-slate-600">{FOCUS_AREA_LABELS[a]}</dt>
                    <dd className="font-semibold">{score === null ? "–" : `${formatNumber(score, 1)} von 4`}</dd>
                  </div>
                );
              })}
              <div>
                <dt className="text-slate-600">Gesamt</dt>
                <dd className="font-semibold">{formatNumber(assessment.totalScore, 1)} von 4</dd>
              </div>
            </dl>
            <p className="text-sm text-slate-600">
              Bewertet am {formatDateTime(assessment.assessedAt)}, zuletzt eingestuft am {formatDateTime(assessment.classifiedAt)}.
            </p>
          </>
        ) : (
          <p>Das Projekt ist noch nicht bewertet.</p>
        )}
      </section>

      {sheet.length === 0 ? (
        <p className="alert-info">
          Für diese Kommune sind noch keine Bewertungskriterien eingerichtet.{" "}
          {canConfigure ? <Link to="/bewertung/kriterien">Kriterien einrichten</Link> : "Bitte wenden Sie sich an die CDO."}
        </p>
      ) : (
        <Form method="post" className="space-y-6" aria-describedby={actionData?.formErrors.length ? "bewertung-fehler" : undefined}>
          <CsrfInput />
          <input type="hidden" name="version" value={assessment?.version ?? 0} />
          <FormErrors id="bewertung-fehler" errors={actionData?.formErrors} />
          {FOCUS_AREAS.map((area) => {
            const rows = sheet.filter((r) => r.criterion.focusArea === area);
            if (!rows.length) return null;
            return (
              <section key={area} aria-labelledby={`fokus-${area}`} className="card space-y-5">
                <h2 id={`fokus-${area}`}>{FOCUS_AREA_LABELS[area]}</h2>
                {rows.map(({ criterion, score, comment }) => {
                  const scoreName = `score-${criterion.id}`;
                  const commentName = `comment-${criterion.id}`;
                  const current = value(scoreName, score === null ? "" : String(score));
                  const disabled = !canAssess || !criterion.active;
                  return (
                    <div key={criterion.id} className="grid gap-3 border-t border-slate-200 pt-4 first-of-type:border-0 md:grid-cols-[1fr_1fr]">
                      <fieldset aria-describedby={errors[scoreName] ? `${scoreName}-error` : `${scoreName}-hint`}>
                        <legend className="font-medium">
                          {criterion.label}
                          <span className="text-sm font-normal text-slate-600"> (Gewicht {criterion.weight})</span>
                          <span className="sr-only">, Bewertung von 0 bis {MAX_SCORE}</span>
                        </legend>
                        <p id={`${scoreName}-hint`} className="hint">
                          {criterion.active ? criterion.description : "Dieses Kriterium ist deaktiviert und zählt nicht mehr."}
                        </p>
                        <div className="mt-2 flex flex-wrap gap-2">
                          {SCORE_LABELS.map((lbl, n) => (
                            <label
                              key={n}
                              className="flex cursor-pointer items-center gap-1 rounded border border-slate-400 px-2 py-1 text-sm has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50"
                            >
                              <input type="radio" name={scoreName} value={n} defaultChecked={current === String(n)} disabled={disabled} />
                              <span>
                                {n} <span className="text-slate-700">– {lbl}</span>
                              </span>
                            </label>
                          ))}
                        </div>
                        {errors[scoreName] ? (
                          <p id={`${scoreName}-error`} className="field-error" role="alert">
                            {errors[scoreName].join(" ")}
                          </p>
                        ) : null}
                      </fieldset>
                      <div>
                        <label htmlFor={commentName} className="label">
                          Kommentar zu „{criterion.label}“
                        </label>
                        <textarea
                          id={commentName}
                          name={commentName}
                          rows={2}
                          className="input"
                          defaultValue={value(commentName, comment)}
                          disabled={disabled}
                          aria-invalid={errors[commentName] ? true : undefined}
                          aria-describedby={errors[commentName] ? `${commentName}-error` : undefined}
                        />
                        {errors[commentName] ? (
                          <p id={`${commentName}-error`} className="field-error" role="alert">
                            {errors[commentName].join(" ")}
                          </p>
                        ) : null}
                      </div>
                    </div>
                  );
                })}
              </section>
            );
          })}
          {canAssess ? (
            <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
              Bewertung speichern
            </button>
          ) : (
            <p className="text-sm text-slate-700">Sie können die Bewertung ansehen, aber nicht ändern.</p>
          )}
        </Form>
      )}
    </div>
  );
}
