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
import { formatDate, formatDateTime, todayIso } from "~/utils/format";
import { badRequest, notFound } from "~/utils/http.server";
import { ROLE_LABELS } from "~/utils/permissions";
import { completeMyTask, listMyTasks, listUnreadNotifications, markNotificationRead } from "~/workflow/tasks.server";

export const meta: MetaFunction = () => [{ title: "Meine Aufgaben – Fahrplan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "task.view");
  return json({
    today: todayIso(),
    tasks: listMyTasks(getDb(), ctx),
    notifications: listUnreadNotifications(getDb(), ctx),
  });
}

const TaskAction = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("complete"), taskId: z.coerce.number().int().positive(), version: z.coerce.number().int().positive() }),
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
    if (!transaction((tx) => completeMyTask(tx, ctx, input.taskId, input.version))) notFound();
  } catch (error) {
    if (error instanceof ConflictError) return json({ formErrors: [error.message], done: null }, { status: 409 });
    throw error;
  }
  return json({ formErrors: [] as string[], done: "Aufgabe als erledigt markiert." });
}

const KIND_LABELS: Record<string, string> = {
  state: "Aufgabe im Ablauf",
  reminder: "Erinnerung an Frist",
  overdue: "Frist überschritten",
  manual: "Aufgabe",
};

export default function MyTasks() {
  const { tasks, notifications, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  return (
    <div className="space-y-6">
      <h1>Meine Aufgaben</h1>
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
          <table className="table mt-3" data-testid="task-table">
            <caption className="sr-only">Offene Aufgaben, früheste Fälligkeit zuerst</caption>
            <thead>
              <tr>
                <th scope="col">Aufgabe</th>
                <th scope="col">Art</th>
                <th scope="col">Fällig am</th>
                <th scope="col">Zuständig</th>
                <th scope="col">
                  <span className="sr-only">Aktion</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tasks.map((t) => {
                const overdue = t.dueDate !== null && t.dueDate < today;
                return (
                  <tr key={t.id}>
                    <td>{t.link ? <Link to={t.link}>{t.title}</Link> : t.title}</td>
                    <td>
                      <span className={`badge ${t.kind === "overdue" ? "bg-red-100 text-red-900" : t.kind === "reminder" ? "bg-amber-100 text-amber-900" : "bg-slate-100 text-slate-800"}`}>
                        {KIND_LABELS[t.kind] ?? t.kind}
                      </span>
                    </td>
                    <td>
                      {t.dueDate ? formatDate(t.dueDate) : "–"}
                      {overdue && <span className="ml-2 font-semibold text-red-800">überfällig</span>}
                    </td>
                    <td>{t.assigneeUserId ? "Sie persönlich" : t.assigneeRole ? ROLE_LABELS[t.assigneeRole] : "–"}</td>
                    <td>
                      <Form method="post">
                        <CsrfInput />
                        <input type="hidden" name="intent" value="complete" />
                        <input type="hidden" name="taskId" value={t.id} />
                        <input type="hidden" name="version" value={t.version} />
                        <button type="submit" className="btn-secondary" disabled={busy}>
                          Erledigt<span className="sr-only">: {t.title}</span>
                        </button>
                      </Form>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
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
