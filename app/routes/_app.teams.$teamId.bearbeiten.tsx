import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { TeamForm } from "~/areas/teams/team-form";
import { TeamSchema } from "~/areas/teams/teams";
import { getTeam, listAssignableProjects, updateTeam } from "~/areas/teams/teams.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { requireContext } from "~/utils/context.server";
import { getDb, transaction } from "~/utils/db.server";
import { idParam, orNotFound } from "~/utils/http.server";
import { formAction } from "~/utils/intents.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.team.name ?? "Team"} bearbeiten – Fahrplan` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "team.edit");
  const db = getDb();
  const team = orNotFound(getTeam(db, ctx, idParam(params.teamId)));
  // Archived projects the team still works on stay selectable, so saving does not drop them.
  const projects = [...listAssignableProjects(db, ctx)];
  for (const p of team.projects) if (!projects.some((q) => q.id === p.id)) projects.push({ id: p.id, title: `${p.title} (archiviert)` });
  return json({ team, projects });
}

export const action = /* @__PURE__ */ formAction({
  permission: "team.edit",
  load: (_ctx, { params }) => idParam(params.teamId),
  schema: TeamSchema,
  run: ({ who, subject, value }) => orNotFound(transaction((tx) => updateTeam(tx, who, subject, value.version ?? 0, value))),
  done: (_, { subject }) => redirect(`/teams/${subject}?hinweis=gespeichert`),
});

export default function EditTeamPage() {
  const { team, projects } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="max-w-3xl space-y-6">
      <Breadcrumbs items={[{ to: "/teams", label: "Teams" }, { to: `/teams/${team.id}`, label: team.name }, { label: "Bearbeiten" }]} />
      <h1>Team bearbeiten</h1>
      <TeamForm
        lastResult={lastResult}
        defaultValue={{
          name: team.name,
          kind: team.kind,
          description: team.description,
          projectIds: team.projects.map((p) => String(p.id)),
          version: team.version,
        }}
        projects={projects}
        submitLabel="Speichern"
        cancelTo={`/teams/${team.id}`}
      />
    </div>
  );
}
