import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ProjectForm } from "~/areas/projects/project-form";
import { ARCHIVED_PROJECT_MESSAGE, NOT_OWN_PROJECT_MESSAGE, ProjectSchema, projectValuesFromForm } from "~/areas/projects/projects";
import { getProjectDetail } from "~/areas/projects/detail.server";
import { getProjectRow, mayChangeProject } from "~/areas/projects/access.server";
import { projectFormOptions, updateProject } from "~/areas/projects/write.server";
import { requireContext } from "~/utils/context.server";
import { refuseJointPartner } from "~/areas/joint/partner-guard.server";
import { getDb } from "~/utils/db.server";
import { centsToInput, formatDate, todayIso } from "~/utils/format";
import { ValidationError } from "~/utils/errors";
import { forbidden, idParam, orNotFound } from "~/utils/http.server";
import { formAction } from "~/utils/intents.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Projekt"} bearbeiten – Fahrplan` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "project.edit");
  const id = idParam(params.projectId);
  const db = getDb();
  refuseJointPartner(db, ctx, id);
  const detail = orNotFound(getProjectDetail(db, ctx, id, todayIso()));
  const p = detail.project;
  if (!mayChangeProject(db, ctx, p)) forbidden(NOT_OWN_PROJECT_MESSAGE);
  return json({
    id,
    title: p.title,
    archived: p.archivedAt !== null,
    options: projectFormOptions(db, ctx),
    defaults: {
      title: p.title,
      description: p.description,
      fieldOfActionId: String(p.fieldOfActionId),
      leadUnitId: String(p.leadUnitId),
      projectLeadEmployeeId: p.projectLeadEmployeeId ? String(p.projectLeadEmployeeId) : undefined,
      startDate: p.startDate ? formatDate(p.startDate) : undefined,
      endDate: p.endDate ? formatDate(p.endDate) : undefined,
      budgetPlanned: centsToInput(p.budgetPlannedCents),
      budgetSpent: centsToInput(p.budgetSpentCents),
      ozgRelevant: p.ozgRelevant,
      efaReuse: p.efaReuse,
      involvedUnitIds: detail.involvedUnits.map((u) => u.id),
      goalIds: detail.goals.map((g) => g.id),
      version: String(p.version),
    },
  });
}

export const action = /* @__PURE__ */ formAction({
  permission: "project.edit",
  load: (ctx, { params }) => {
    const id = idParam(params.projectId);
    refuseJointPartner(getDb(), ctx, id);
    orNotFound(getProjectRow(getDb(), ctx, id));
    return id;
  },
  schema: ProjectSchema,
  run: ({ who, subject, value }) => {
    if (!value.version) throw new ValidationError({ form: ["Die Version des Datensatzes fehlt. Bitte laden Sie die Seite neu."] });
    updateProject(who, subject, value.version, projectValuesFromForm(value));
  },
  done: (_, { subject }) => redirect(`/projekte/${subject}`),
});

export default function EditProject() {
  const { id, title, archived, options, defaults } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  if (archived) {
    return (
      <div className="space-y-4">
        <h1>Projekt bearbeiten: {title}</h1>
        <p className="alert-error" role="alert">
          {ARCHIVED_PROJECT_MESSAGE}
        </p>
        <Link to={`/projekte/${id}`} className="btn-secondary">
          Zur Projektseite
        </Link>
      </div>
    );
  }
  return (
    <div className="space-y-4">
      <h1>Projekt bearbeiten: {title}</h1>
      <ProjectForm options={options} defaults={defaults} lastResult={lastResult} submitLabel="Änderungen speichern" cancelTo={`/projekte/${id}`} />
    </div>
  );
}
