import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { GoalSchema } from "~/areas/agenda/agenda";
import { createGoal, listFieldsOfAction } from "~/areas/agenda/agenda.server";
import { GoalForm } from "~/areas/agenda/goal-form";
import { requireContext } from "~/utils/context.server";
import { getDb } from "~/utils/db.server";
import { formAction } from "~/utils/intents.server";

export const meta: MetaFunction = () => [{ title: "Neues Ziel – Digitalagenda – Fahrplan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "agenda.edit");
  return json({ fieldsOfAction: listFieldsOfAction(getDb(), ctx) });
}

export const action = /* @__PURE__ */ formAction({
  permission: "agenda.edit",
  schema: GoalSchema,
  run: ({ who, value }) => createGoal(who, value),
  done: (id) => redirect(`/agenda#ziel-${id}`),
});

export default function NewGoal() {
  const { fieldsOfAction } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  return (
    <div className="max-w-3xl space-y-4">
      <h1>Neues Ziel der Digitalagenda</h1>
      <GoalForm
        fieldsOfAction={fieldsOfAction}
        defaults={{ fieldOfActionId: searchParams.get("handlungsfeld") ?? undefined }}
        lastResult={lastResult}
        submitLabel="Ziel anlegen"
      />
    </div>
  );
}
