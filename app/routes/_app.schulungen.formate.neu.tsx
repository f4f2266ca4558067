import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { unitOptions } from "~/areas/org/units.server";
import { CourseForm } from "~/areas/trainings/course-form";
import { createCourse, projectOptions } from "~/areas/trainings/courses.server";
import { parseHoursToMinutes } from "~/areas/trainings/labels";
import { CourseSchema } from "~/areas/trainings/schemas";
import { requireContext } from "~/utils/context.server";
import { readForm } from "~/utils/csrf.server";
import { replyWithError } from "~/utils/form-reply.server";

export const meta: MetaFunction = () => [{ title: "Neues Schulungsformat – Fahrplan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "training.manage");
  return json({ units: unitOptions(ctx), projects: projectOptions(ctx) });
}

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireContext(request, "training.manage");
  const submission = parseWithZod(await readForm(request), { schema: CourseSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const v = submission.value;
  let id: number;
  try {
    id = createCourse(ctx, {
      title: v.title,
      topic: v.topic,
      description: v.description ?? "",
      durationMinutes: parseHoursToMinutes(v.durationHours)!,
      format: v.format,
      targetUnitIds: v.targetUnitIds,
      targetRoles: v.targetRoles,
      projectId: v.projectId ?? null,
    });
  } catch (error) {
    return replyWithError(submission, error);
  }
  return redirect(`/schulungen/formate/${id}`);
}

export default function NewCoursePage() {
  const { units, projects } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="max-w-3xl space-y-6">
      <nav aria-label="Brotkrumen" className="text-sm">
        <Link to="/schulungen">Schulungen</Link> › <Link to="/schulungen/formate">Schulungsformate</Link> › Neu
      </nav>
      <h1>Neues Schulungsformat</h1>
      <CourseForm lastResult={lastResult} defaultValue={{}} units={units} projects={projects} submitLabel="Anlegen" cancelTo="/schulungen/formate" />
    </div>
  );
}
