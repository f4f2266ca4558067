import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { listCourses } from "~/areas/trainings/courses.server";
import { SessionForm } from "~/areas/trainings/session-form";
import { toSessionInput, trainerOptions } from "~/areas/trainings/session-input.server";
import { SessionSchema } from "~/areas/trainings/schemas";
import { createSession } from "~/areas/trainings/sessions.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { requireContext } from "~/utils/context.server";
import { formAction } from "~/utils/intents.server";

export const meta: MetaFunction = () => [{ title: "Neuer Schulungstermin – Fahrplan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "training.manage");
  const courses = listCourses(ctx);
  const preselected = new URL(request.url).searchParams.get("format");
  return json({
    courses,
    trainers: trainerOptions(ctx),
    courseId: courses.some((c) => String(c.id) === preselected) ? preselected! : undefined,
  });
}

export const action = /* @__PURE__ */ formAction({
  permission: "training.manage",
  schema: SessionSchema,
  run: ({ who, value }) => createSession(who, toSessionInput(value)),
  done: (id) => redirect(`/schulungen/termine/${id}`),
});

export default function NewSessionPage() {
  const { courses, trainers, courseId } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="max-w-3xl space-y-6">
      <Breadcrumbs items={[{ to: "/schulungen", label: "Schulungen" }, { label: "Neuer Termin" }]} />
      <h1>Neuer Schulungstermin</h1>
      <p className="text-sm text-slate-700">
        Der Termin startet im Status „Geplant“. Öffnen Sie anschließend die Anmeldung im Ablauf des Termins.
      </p>
      <SessionForm lastResult={lastResult} defaultValue={{ courseId, capacity: "12" }} courses={courses} trainers={trainers} submitLabel="Termin anlegen" cancelTo="/schulungen" />
    </div>
  );
}
