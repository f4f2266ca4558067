import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf";
import { FormErrors } from "~/components/forms";
import { requireContext } from "~/utils/context.server";
import { readForm } from "~/utils/csrf.server";
import { getDb, transaction } from "~/utils/db.server";
import { ConflictError } from "~/utils/errors";
import { formatDateTime, todayIso } from "~/utils/format";
import { badRequest, notFound } from "~/utils/http.server";
import { TaskTable } from "~/workflow/task-table";
import { listTasksFor } from "~/workflow/task-list.server";
import { completeMyTask, listUnreadNotifications, markNotificationRead } from "~/workflow/tasks.server";

export const meta: MetaFunction = () => [{ title: "Meine Aufgaben – Fahrplan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "task.view");
  const today = todayIso();
  const scopes = ctx.municipalities.map((m) => ({ municipalityId: m.id, municipalityName: m.name, role: m.role }));
  return json({
    today,
    current: ctx.municipalityId,
    manyKommunen: scopes.length > 1,
    tasks: listTasksFor(getDb(), ctx.user.id, scopes, today),
    notifications: listUnreadNotifications(getDb(), ctx),
  });
}

const TaskAction = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("complete"),
    // "id:version" pairs: a grouped reminder completes all of its tasks at once.
    tasks: z
      .string()
      .regex(/^\d+:\d+(,\d+:\d+)*$/)
      .transform((v) => v.split(",").map((pair) => pair.split(":").map(Number) as [number, number])),
  }),
  z.object({ intent: z.literal("read"), notificationId: z.coerce.number().int().positive() }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireContext(request, "task.view");
  const parsed = TaskAction.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) badRequest();
  const input = parsed.data;
  if (input.intent === "read") {
    if (!transaction((tx) => markNotificationRead(tx, ctx, input.notificationId))) notFound();
    return json({ formErrors: [] as string[], done: "Benachrichtigung als gelesen markiert." });
  }
  try {
    const found = transaction((tx) => input.tasks.every(([id, version]) => completeMyTask(tx, ctx, id, version)));
    if (!found) notFound();
  } catch (error) {
    if (error instanceof ConflictError) return json({ formErrors: [error.message], done: null }, { status: 409 });
    throw error;
  }
  return json({ formErrors: [] as string[], done: "Aufgabe als erledigt markiert." });
}

export default function MyTasks() {
  const { tasks, notifications, today, current, manyKommunen } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1>Meine Aufgaben</h1>
        <Link to="/aufgaben/vertretung" className="btn-secondary">
          Vertretung regeln
        </Link>
      </div>
      <FormErrors errors={result?.formErrors} />
      {result?.done && (
        <p className="alert-success" role="status">
          {result.done}
        </p>
      )}
      <section aria-labelledby="offene-aufgaben" className="card">
        <h2 id="offene-aufgaben">Offene Aufgaben ({tasks.length})</h2>
        {tasks.length === 0 ? (
          <p className="mt-2 text-slate-700">Sie haben keine offenen Aufgaben.</p>
        ) : (
          <TaskTable tasks={tasks} today={today} current={current} showKommune={manyKommunen} busy={busy} />
        )}
      </section>
      <section aria-labelledby="benachrichtigungen" className="card">
        <h2 id="benachrichtigungen">Ungelesene Benachrichtigungen ({notifications.length})</h2>
        {notifications.length === 0 ? (
          <p className="mt-2 text-slate-700">Keine neuen Benachrichtigungen.</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-200">
            {notifications.map((n) => (
              <li key={n.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <p>
                  {n.link ? <Link to={n.link}>{n.message}</Link> : n.message}
                  <span className="ml-2 text-sm text-slate-600">{formatDateTime(n.createdAt)}</span>
                </p>
                <Form method="post">
                  <CsrfInput />
                  <input type="hidden" name="intent" value="read" />
                  <input type="hidden" name="notificationId" value={n.id} />
                  <button type="submit" className="btn-secondary" disabled={busy}>
                    Gelesen<span className="sr-only">: {n.message}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
