import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { TeamForm } from "~/areas/teams/team-form";
import { TeamSchema } from "~/areas/teams/teams";
import { createTeam, listAssignableProjects, listEmployeesByUnit } from "~/areas/teams/teams.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { requireContext } from "~/utils/context.server";
import { getDb, transaction } from "~/utils/db.server";
import { formAction } from "~/utils/intents.server";

export const meta: MetaFunction = () => [{ title: "Neues Team – Fahrplan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "team.edit");
  const db = getDb();
  const projects = listAssignableProjects(db, ctx);
  // Coming from a project or the roadmap: that project is preselected.
  const preselected = Number(new URL(request.url).searchParams.get("projekt"));
  return json({
    projects,
    employeeGroups: listEmployeesByUnit(db, ctx),
    projectIds: projects.some((p) => p.id === preselected) ? [String(preselected)] : [],
  });
}

export const action = /* @__PURE__ */ formAction({
  permission: "team.edit",
  schema: TeamSchema,
  run: ({ who, value }) => transaction((tx) => createTeam(tx, who, value)),
  done: (id) => redirect(`/teams/${id}?hinweis=angelegt`),
});

export default function NewTeamPage() {
  const { projects, employeeGroups, projectIds } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="max-w-3xl space-y-6">
      <Breadcrumbs items={[{ to: "/teams", label: "Teams" }, { label: "Neues Team" }]} />
      <h1>Neues Team zusammenstellen</h1>
      <TeamForm
        lastResult={lastResult}
        defaultValue={{ kind: "projectTeam", projectIds }}
        projects={projects}
        employeeGroups={employeeGroups}
        submitLabel="Team anlegen"
        cancelTo="/teams"
      />
    </div>
  );
}
