import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { unitOptions } from "~/areas/org/units.server";
import { CourseForm } from "~/areas/trainings/course-form";
import { createCourse, projectOptions } from "~/areas/trainings/courses.server";
import { parseHoursToMinutes } from "~/areas/trainings/labels";
import { CourseSchema } from "~/areas/trainings/schemas";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { requireContext } from "~/utils/context.server";
import { formAction } from "~/utils/intents.server";

export const meta: MetaFunction = () => [{ title: "Neues Schulungsformat – Fahrplan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "training.manage");
  return json({ units: unitOptions(ctx), projects: projectOptions(ctx) });
}

export const action = /* @__PURE__ */ formAction({
  permission: "training.manage",
  schema: CourseSchema,
  run: ({ who, value: v }) =>
    createCourse(who, {
      title: v.title,
      topic: v.topic,
      description: v.description ?? "",
      durationMinutes: parseHoursToMinutes(v.durationHours)!,
      format: v.format,
      targetUnitIds: v.targetUnitIds,
      targetRoles: v.targetRoles,
      projectId: v.projectId ?? null,
    }),
  done: (id) => redirect(`/schulungen/formate/${id}`),
});

export default function NewCoursePage() {
  const { units, projects } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="max-w-3xl space-y-6">
      <Breadcrumbs
        items={[
          { to: "/schulungen", label: "Schulungen" },
          { to: "/schulungen/formate", label: "Schulungsformate" },
          { label: "Neu" },
        ]}
      />
      <h1>Neues Schulungsformat</h1>
      <CourseForm lastResult={lastResult} defaultValue={{}} units={units} projects={projects} submitLabel="Anlegen" cancelTo="/schulungen/formate" />
    </div>
  );
}
