import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { AddMemberSchema, DeleteTeamSchema, RemoveMemberSchema, TEAM_ROLES, TEAM_ROLE_LABELS } from "~/areas/teams/teams";
import { addMember, deleteTeam, getTeam, listEmployeesByUnit, removeMember } from "~/areas/teams/teams.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { CsrfInput } from "~/components/csrf";
import { FormErrors, GroupedSelectField, SelectField } from "~/components/forms";
import { requireContext } from "~/utils/context.server";
import { getDb, transaction } from "~/utils/db.server";
import { idParam, orNotFound } from "~/utils/http.server";
import { orNotFoundHere } from "~/utils/record-locations.server";
import { formAction } from "~/utils/intents.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.team.name ?? "Team"} – Fahrplan` }];

const ActionSchema = z.discriminatedUnion("intent", [AddMemberSchema, RemoveMemberSchema, DeleteTeamSchema]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "team.view");
  const db = getDb();
  const teamId = idParam(params.teamId);
  const team = orNotFoundHere(getTeam(db, ctx, teamId), ctx, request, "team", teamId);
  const canEdit = ctx.can("team.edit");
  return json({
    team,
    canEdit,
    employeeGroups: canEdit
      ? listEmployeesByUnit(db, ctx).map((g) => ({ ...g, employees: g.employees.filter((e) => !team.members.some((m) => m.employeeId === e.id)) }))
      : [],
  });
}

export const action = /* @__PURE__ */ formAction({
  permission: "team.edit",
  load: (_ctx, { params }) => idParam(params.teamId),
  schema: ActionSchema,
  run: ({ who, subject: teamId, value: input }) => {
    if (input.intent === "addMember") {
      orNotFound(transaction((tx) => addMember(tx, who, teamId, input.version, input)));
      return `/teams/${teamId}?hinweis=mitglied`;
    }
    if (input.intent === "removeMember") {
      orNotFound(transaction((tx) => removeMember(tx, who, teamId, input.version, input.memberId)));
      return `/teams/${teamId}?hinweis=entfernt`;
    }
    orNotFound(transaction((tx) => deleteTeam(tx, who, teamId, input.version)));
    return "/teams?hinweis=geloescht";
  },
  done: (to) => redirect(to),
});

const NOTICES: Record<string, string> = {
  angelegt: "Das Team wurde angelegt.",
  gespeichert: "Die Änderungen wurden gespeichert.",
  mitglied: "Das Mitglied wurde hinzugefügt.",
  entfernt: "Das Mitglied wurde entfernt.",
};

export default function TeamPage() {
  const { team, canEdit, employeeGroups } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const notice = NOTICES[searchParams.get("hinweis") ?? ""];
  const [form, fields] = useForm({
    id: "mitglied",
    lastResult,
    defaultValue: { teamRole: "member" },
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ActionSchema }),
  });
  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ to: "/teams", label: "Teams" }, { label: team.name }]} />
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1>{team.name}</h1>
          <p className="text-slate-700">
            {team.kindLabel} · {team.members.length} Mitglieder aus {team.unitCount} {team.unitCount === 1 ? "Einheit" : "Einheiten"}
          </p>
        </div>
        {canEdit ? (
          <Link to={`/teams/${team.id}/bearbeiten`} className="btn-secondary">
            Team bearbeiten
          </Link>
        ) : null}
      </div>
      {notice ? (
        <p className="alert-success" role="status">
          {notice}
        </p>
      ) : null}
      <FormErrors id={form.errorId} errors={form.errors} />
      {team.members.length > 0 && team.unitCount < 2 ? (
        <p className="alert-info">Alle Mitglieder kommen aus derselben Einheit. Ein referatsübergreifendes Team braucht Mitglieder aus mehreren Einheiten.</p>
      ) : null}
      {team.description ? <p className="max-w-3xl whitespace-pre-line">{team.description}</p> : null}

      <section aria-labelledby="projekte" className="card">
        <h2 id="projekte">Projekte</h2>
        {team.projects.length ? (
          <ul className="mt-2 list-disc pl-6">
            {team.projects.map((p) => (
              <li key={p.id}>
                <Link to={`/projekte/${p.id}`}>{p.title}</Link>
                {p.archivedAt ? <span className="text-slate-600"> (archiviert)</span> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-slate-700">Das Team ist noch keinem Projekt zugeordnet.</p>
        )}
      </section>

      <section aria-labelledby="mitglieder" className="card">
        <h2 id="mitglieder">Mitglieder</h2>
        {team.members.length ? (
          <table className="table mt-3">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Einheit</th>
                <th scope="col">Teamrolle</th>
                {canEdit ? (
                  <th scope="col">
                    <span className="sr-only">Aktionen</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {team.members.map((m) => (
                <tr key={m.id}>
                  <td>
                    {m.lastName}, {m.firstName}
                  </td>
                  <td>{m.unitName}</td>
                  <td>{m.roleLabel}</td>
                  {canEdit ? (
                    <td className="text-right">
                      <Form method="post">
                        <CsrfInput />
                        <input type="hidden" name="intent" value="removeMember" />
                        <input type="hidden" name="memberId" value={m.id} />
                        <input type="hidden" name="version" value={team.version} />
                        <button type="submit" className="btn-secondary" disabled={navigation.state === "submitting"}>
                          Entfernen<span className="sr-only">: {m.firstName} {m.lastName}</span>
                        </button>
                      </Form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="mt-2 text-slate-700">Das Team hat noch keine Mitglieder.</p>
        )}
        {canEdit ? (
          <Form method="post" className="mt-4 grid gap-4 sm:grid-cols-[2fr_1fr_auto] sm:items-end" {...getFormProps(form)}>
            <CsrfInput />
            <input type="hidden" name="intent" value="addMember" />
            <input type="hidden" name="version" value={team.version} />
            <GroupedSelectField
              label="Person hinzufügen"
              meta={fields.employeeId}
              placeholder="Bitte wählen"
              groups={employeeGroups.map((g) => ({ label: g.unitName, options: g.employees.map((e) => ({ value: e.id, label: e.name })) }))}
            />
            <SelectField
              label="Teamrolle"
              meta={fields.teamRole}
              options={TEAM_ROLES.map((r) => ({ value: r, label: TEAM_ROLE_LABELS[r] }))}
            />
            <button type="submit" className="btn-primary h-fit" disabled={navigation.state === "submitting"}>
              Hinzufügen
            </button>
          </Form>
        ) : null}
      </section>

      {canEdit ? (
        <section aria-labelledby="loeschen" className="card">
          <h2 id="loeschen">Team auflösen</h2>
          <p className="mt-1 text-sm text-slate-700">Löscht das Team mit seinen Mitgliedschaften. Die Projekte bleiben erhalten.</p>
          <Form
            method="post"
            className="mt-3"
            onSubmit={(e) => {
              if (!window.confirm(`Team „${team.name}“ wirklich auflösen?`)) e.preventDefault();
            }}
          >
            <CsrfInput />
            <input type="hidden" name="intent" value="deleteTeam" />
            <input type="hidden" name="version" value={team.version} />
            <button type="submit" className="btn-danger">
              Team auflösen
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
