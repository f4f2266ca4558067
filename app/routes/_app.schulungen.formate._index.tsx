import { trainingNavFor } from "~/areas/trainings/access.server";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { TrainingNav } from "~/areas/trainings/components";
import { courseFeedback, listCourses } from "~/areas/trainings/courses.server";
import { FORMAT_LABELS, TOPIC_LABELS, formatHours } from "~/areas/trainings/labels";
import { requireContext } from "~/utils/context.server";
import { formatNumber } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Schulungsformate – Fahrplan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "training.view");
  const feedback = courseFeedback(ctx).summary;
  return json({
    nav: trainingNavFor(ctx),
    canManage: ctx.can("training.manage"),
    courses: listCourses(ctx).map((c) => ({ ...c, feedback: feedback.find((f) => f.courseId === c.id) ?? null })),
  });
}

export default function CoursesPage() {
  const { nav, canManage, courses } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <h1>Schulungsformate</h1>
      <TrainingNav current="/schulungen/formate" links={nav} />
      <section aria-labelledby="katalog" className="card space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="katalog">Katalog</h2>
          {canManage && (
            <Link to="/schulungen/formate/neu" className="btn-primary">
              Schulungsformat anlegen
            </Link>
          )}
        </div>
        {courses.length === 0 ? (
          <p className="text-sm text-slate-700">Noch keine Schulungsformate angelegt.</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Titel</th>
                <th scope="col">Thema</th>
                <th scope="col">Format</th>
                <th scope="col" className="num">Dauer</th>
                <th scope="col" className="num">Feedback</th>
              </tr>
            </thead>
            <tbody>
              {courses.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/schulungen/formate/${c.id}`}>{c.title}</Link>
                  </td>
                  <td>{TOPIC_LABELS[c.topic]}</td>
                  <td>{FORMAT_LABELS[c.format]}</td>
                  <td className="num">{formatHours(c.durationMinutes)}</td>
                  <td className="num">
                    {c.feedback?.average != null
                      ? `${formatNumber(c.feedback.average, 1)} von 5 (${c.feedback.ratings})`
                      : "–"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
