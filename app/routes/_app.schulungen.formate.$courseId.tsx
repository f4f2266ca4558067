import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { unitOptions } from "~/areas/org/units.server";
import { Badge } from "~/areas/trainings/components";
import { CourseForm } from "~/areas/trainings/course-form";
import { courseFeedback, getCourse, projectOptions, updateCourse } from "~/areas/trainings/courses.server";
import { FORMAT_LABELS, TOPIC_LABELS, formatHours, parseHoursToMinutes } from "~/areas/trainings/labels";
import { CourseSchema } from "~/areas/trainings/schemas";
import { sessionsOfCourse } from "~/areas/trainings/sessions.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { requireContext } from "~/utils/context.server";
import { formatDateTime, formatNumber } from "~/utils/format";
import { idParam, orNotFound } from "~/utils/http.server";
import { ROLE_LABELS } from "~/utils/permissions";
import { formAction } from "~/utils/intents.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.course.title ?? "Schulungsformat"} – Fahrplan` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "training.view");
  const course = orNotFound(getCourse(ctx, idParam(params.courseId)));
  const canManage = ctx.can("training.manage");
  const units = unitOptions(ctx);
  const projects = projectOptions(ctx);
  return json({
    course,
    canManage,
    units,
    projects,
    targetUnits: units.filter((u) => course.targetUnitIds.includes(u.id)).map((u) => u.label),
    project: projects.find((p) => p.id === course.projectId) ?? null,
    sessions: sessionsOfCourse(ctx, course.id),
    feedback: courseFeedback(ctx, course.id),
  });
}

export const action = /* @__PURE__ */ formAction({
  permission: "training.manage",
  load: (ctx, { params }) => {
    const courseId = idParam(params.courseId);
    orNotFound(getCourse(ctx, courseId));
    return courseId;
  },
  schema: CourseSchema,
  run: ({ who, subject, value: v }) =>
    updateCourse(who, subject, v.version ?? 0, {
      title: v.title,
      topic: v.topic,
      description: v.description ?? "",
      durationMinutes: parseHoursToMinutes(v.durationHours)!,
      format: v.format,
      targetUnitIds: v.targetUnitIds,
      targetRoles: v.targetRoles,
      projectId: v.projectId ?? null,
    }),
  done: (_, { subject }) => redirect(`/schulungen/formate/${subject}`),
});

export default function CoursePage() {
  const data = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { course, feedback } = data;
  const summary = feedback.summary[0];
  return (
    <div className="space-y-6">
      <Breadcrumbs
        items={[
          { to: "/schulungen", label: "Schulungen" },
          { to: "/schulungen/formate", label: "Schulungsformate" },
          { label: course.title },
        ]}
      />
      <h1>{course.title}</h1>
      <section aria-labelledby="steckbrief" className="card">
        <h2 id="steckbrief">Steckbrief</h2>
        <dl className="mt-3 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
          <dt className="font-medium">Thema</dt>
          <dd>{TOPIC_LABELS[course.topic]}</dd>
          <dt className="font-medium">Format</dt>
          <dd>{FORMAT_LABELS[course.format]}</dd>
          <dt className="font-medium">Dauer</dt>
          <dd>{formatHours(course.durationMinutes)}</dd>
          <dt className="font-medium">Zielgruppe</dt>
          <dd>
            {data.targetUnits.length === 0 && course.targetRoles.length === 0
              ? "alle Beschäftigten"
              : [...data.targetUnits, ...course.targetRoles.map((r) => ROLE_LABELS[r as keyof typeof ROLE_LABELS])].join(", ")}
          </dd>
          <dt className="font-medium">Projekt der Digitalagenda</dt>
          <dd>{data.project ? <Link to={`/projekte/${data.project.id}`}>{data.project.title}</Link> : "–"}</dd>
          <dt className="font-medium">Beschreibung</dt>
          <dd className="whitespace-pre-line">{course.description || "–"}</dd>
        </dl>
      </section>

      <section aria-labelledby="termine" className="card space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="termine">Termine</h2>
          {data.canManage && (
            <Link to={`/schulungen/termine/neu?format=${course.id}`} className="btn-primary">
              Termin anlegen
            </Link>
          )}
        </div>
        {data.sessions.length === 0 ? (
          <p className="text-sm text-slate-700">Für dieses Format gibt es noch keine Termine.</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {data.sessions.map((s) => (
              <li key={s.id}>
                <Link to={`/schulungen/termine/${s.id}`}>{formatDateTime(s.startsAt)}</Link> – {s.registered}/{s.capacity} Plätze –{" "}
                <Badge tone="slate">{s.stateLabel}</Badge>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="feedback" className="card space-y-3">
        <h2 id="feedback">Feedback der Teilnehmenden</h2>
        {!summary ? (
          <p className="text-sm text-slate-700">Noch kein Feedback.</p>
        ) : (
          <>
            <p className="text-sm">
              Durchschnitt <strong data-testid="feedback-average">{formatNumber(summary.average ?? 0, 1)} von 5</strong> aus {summary.ratings}{" "}
              Bewertung(en).
            </p>
            <table className="table max-w-md">
              <caption className="sr-only">Verteilung der Bewertungen</caption>
              <thead>
                <tr>
                  <th scope="col">Bewertung</th>
                  <th scope="col" className="num">Anzahl</th>
                </tr>
              </thead>
              <tbody>
                {[5, 4, 3, 2, 1].map((r) => (
                  <tr key={r}>
                    <th scope="row" className="font-normal">{r} von 5</th>
                    <td className="num">{feedback.distribution.find((d) => d.rating === r)?.n ?? 0}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {feedback.comments.length > 0 && (
              <>
                <h3 className="font-semibold">Kommentare (ohne Namen)</h3>
                <ul className="list-disc space-y-1 pl-5 text-sm">
                  {feedback.comments.map((c, i) => (
                    <li key={i}>
                      „{c.comment}“ ({c.rating}/5)
                    </li>
                  ))}
                </ul>
              </>
            )}
          </>
        )}
      </section>

      {data.canManage && (
        <section aria-labelledby="bearbeiten" className="space-y-3">
          <h2 id="bearbeiten">Schulungsformat bearbeiten</h2>
          <CourseForm
            lastResult={lastResult}
            defaultValue={{
              title: course.title,
              topic: course.topic,
              description: course.description,
              durationHours: String(course.durationMinutes / 60).replace(".", ","),
              format: course.format,
              targetUnitIds: course.targetUnitIds.map(String),
              targetRoles: course.targetRoles,
              projectId: course.projectId ? String(course.projectId) : undefined,
              version: String(course.version),
            }}
            units={data.units}
            projects={data.projects}
            submitLabel="Speichern"
            cancelTo="/schulungen/formate"
          />
        </section>
      )}
    </div>
  );
}
