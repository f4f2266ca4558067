import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { listCourses } from "~/areas/trainings/courses.server";
import { SessionForm } from "~/areas/trainings/session-form";
import { toSessionInput, trainerOptions } from "~/areas/trainings/session-input.server";
import { SessionSchema } from "~/areas/trainings/schemas";
import { getSession, updateSession } from "~/areas/trainings/sessions.server";
import { berlinTime } from "~/areas/trainings/time";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { requireContext } from "~/utils/context.server";
import { idParam, orNotFound } from "~/utils/http.server";
import { formAction } from "~/utils/intents.server";

export const meta: MetaFunction = () => [{ title: "Schulungstermin bearbeiten – Fahrplan" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "training.manage");
  const session = orNotFound(getSession(ctx, idParam(params.sessionId)));
  return json({
    session,
    courses: listCourses(ctx),
    trainers: trainerOptions(ctx),
    defaults: {
      courseId: String(session.courseId),
      date: session.sessionDate,
      startTime: berlinTime(session.startsAt),
      endTime: berlinTime(session.endsAt),
      location: session.location ?? undefined,
      onlineUrl: session.onlineUrl ?? undefined,
      trainerEmployeeId: session.trainerEmployeeId ? String(session.trainerEmployeeId) : undefined,
      trainerName: session.trainerName ?? undefined,
      capacity: String(session.capacity),
      registrationDeadline: session.registrationDeadline,
      version: String(session.version),
    },
  });
}

export const action = /* @__PURE__ */ formAction({
  permission: "training.manage",
  load: (ctx, { params }) => {
    const sessionId = idParam(params.sessionId);
    orNotFound(getSession(ctx, sessionId));
    return sessionId;
  },
  schema: SessionSchema,
  run: ({ who, subject, value }) => updateSession(who, subject, value.version ?? 0, toSessionInput(value)),
  done: (_, { subject }) => redirect(`/schulungen/termine/${subject}`),
});

export default function EditSessionPage() {
  const { session, courses, trainers, defaults } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="max-w-3xl space-y-6">
      <Breadcrumbs
        items={[
          { to: "/schulungen", label: "Schulungen" },
          { to: `/schulungen/termine/${session.id}`, label: "Termin" },
          { label: "Bearbeiten" },
        ]}
      />
      <h1>Schulungstermin bearbeiten</h1>
      <p className="text-sm text-slate-700">Mehr Plätze lassen Personen von der Warteliste automatisch nachrücken.</p>
      <SessionForm lastResult={lastResult} defaultValue={defaults} courses={courses} trainers={trainers} submitLabel="Speichern" cancelTo={`/schulungen/termine/${session.id}`} />
    </div>
  );
}
