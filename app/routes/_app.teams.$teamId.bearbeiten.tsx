import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { TeamForm } from "~/areas/teams/team-form";
import { TeamSchema } from "~/areas/teams/teams";
import { getTeam, listAssignableProjects, updateTeam } from "~/areas/teams/teams.server";
import { requireContext } from "~/utils/context.server";
import { readForm } from "~/utils/csrf.server";
import { getDb, transaction } from "~/utils/db.server";
import { replyWithError } from "~/utils/form-reply.server";
import { idParam, orNotFound } from "~/utils/http.server";

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

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireContext(request, "team.edit");
  const teamId = idParam(params.teamId);
  const submission = parseWithZod(await readForm(request), { schema: TeamSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  try {
    const updated = transaction((tx) => updateTeam(tx, ctx, teamId, submission.value.version ?? 0, submission.value));
    orNotFound(updated);
  } catch (error) {
    if (error instanceof Response) throw error;
    return replyWithError(submission, error);
  }
  return redirect(`/teams/${teamId}?hinweis=gespeichert`);
}

export default function EditTeamPage() {
  const { team, projects } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="max-w-3xl space-y-6">
      <nav aria-label="Brotkrumen" className="text-sm">
        <Link to="/teams">Teams</Link> › <Link to={`/teams/${team.id}`}>{team.name}</Link> › Bearbeiten
      </nav>
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
