import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useLoaderData, useLocation } from "@remix-run/react";
import { z } from "zod";
import { DependencySchema, MilestoneRescheduleSchema, MilestoneSchema, RiskSchema } from "~/areas/projects/projects";
import { addDependency, removeDependency } from "~/areas/projects/dependencies.server";
import { addMilestone, removeMilestone, rescheduleMilestone, setMilestoneDone } from "~/areas/projects/milestones.server";
import { addRisk, removeRisk, setRiskClosed, updateRisk } from "~/areas/projects/risks.server";
import { getProjectRow } from "~/areas/projects/access.server";
import { setProjectArchived } from "~/areas/projects/write.server";
import { PROJECT_PAGE_INTENTS, type ProjectPageIntent } from "~/areas/projects/page-actions";
import { projectPage } from "~/areas/projects/project-page.server";
import { AssessmentSection, DependenciesSection, ProjectFacts, ProjectHeader, ScheduleWarnings } from "~/areas/projects/project-page-ui";
import { MilestonesSection } from "~/areas/projects/milestones-ui";
import { RisksSection } from "~/areas/projects/risks-ui";
import { scheduleWarnings } from "~/areas/assessment/progress.server";
import { requireContext } from "~/utils/context.server";
import { readForm } from "~/utils/csrf.server";
import { getDb } from "~/utils/db.server";
import { ConflictError, ValidationError } from "~/utils/errors";
import { todayIso } from "~/utils/format";
import { badRequest, idParam, orNotFound } from "~/utils/http.server";
import { WorkflowPanel } from "~/workflow/components";
import { orNotFoundHere } from "~/utils/record-locations.server";
import { isJointPartner, refuseJointPartner } from "~/areas/joint/partner-guard.server";
import { PartnersSection } from "~/areas/joint/ui";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.detail.project.title ?? "Projekt"} – Fahrplan` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "project.view");
  const id = idParam(params.projectId);
  const db = getDb();
  const found = projectPage(db, ctx, id, todayIso());
  // A partner Kommune of a joint project gets the read-only partner view, nothing of this page.
  if (!found && isJointPartner(db, ctx, id)) throw redirect(`/projekte/gemeinsam/${id}`);
  return json(orNotFoundHere(found, ctx, request, "project", id));
}


const ItemSchema = z.object({ itemId: z.coerce.number().int().positive() });
const VersionSchema = z.object({ version: z.coerce.number().int().positive() });
const RiskUpdateSchema = z.object({ itemId: z.coerce.number().int().positive(), version: z.coerce.number().int().positive() });

/** Buttons (done, remove, archive) report problems at the top of the page. */
function problem(intent: ProjectPageIntent, error: unknown) {
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
  const intent = String(formData.get("intent")) as ProjectPageIntent;
  if (!PROJECT_PAGE_INTENTS.includes(intent)) badRequest("Unbekannte Aktion.");
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

export default function ProjectPage() {
  const page = useLoaderData<typeof loader>();
  const location = useLocation();
  return (
    <div className="space-y-6">
      <ProjectHeader page={page} />
      <AssessmentSection page={page} />
      <ScheduleWarnings warnings={page.warnings} />
      <ProjectFacts page={page} />

      <PartnersSection projectId={page.detail.project.id} partners={page.partners} canEdit={page.editable} />

      {page.workflow ? <WorkflowPanel data={page.workflow} redirectTo={location.pathname} /> : null}

      <MilestonesSection page={page} />
      <DependenciesSection page={page} />
      <RisksSection page={page} />
    </div>
  );
}
