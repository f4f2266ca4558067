import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { employeeChoices, listMembers, providerManagers } from "~/areas/auth/users.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { requireContext } from "~/utils/context.server";
import { ROLE_LABELS } from "~/utils/permissions";

export const meta: MetaFunction = () => [{ title: "Benutzer und Rollen – Fahrplan" }];

const NOTICES: Record<string, string> = {
  angelegt: "Die Person wurde hinzugefügt.",
  gespeichert: "Die Änderungen wurden gespeichert.",
  entfernt: "Die Mitgliedschaft wurde entfernt.",
};

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "admin.users");
  const employees = new Map(employeeChoices(ctx).map((e) => [e.id, e]));
  return json({
    municipality: ctx.municipality.name,
    members: listMembers(ctx).map((m) => {
      const e = m.employeeId ? employees.get(m.employeeId) : undefined;
      return {
        membershipId: m.membershipId,
        name: m.name,
        email: m.email,
        roleLabel: ROLE_LABELS[m.role],
        active: m.active,
        employee: e ? `${e.lastName}, ${e.firstName} (${e.unitName})` : null,
        isSelf: m.userId === ctx.user.id,
      };
    }),
    managers: providerManagers(ctx),
  });
}

export default function UsersPage() {
  const { municipality, members, managers } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const notice = NOTICES[params.get("hinweis") ?? ""];
  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ to: "/verwaltung", label: "Verwaltung" }, { label: "Benutzer und Rollen" }]} />
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1>Benutzer und Rollen</h1>
        <Link to="/verwaltung/benutzer/neu" className="btn-primary">
          Person hinzufügen
        </Link>
      </div>
      {notice ? (
        <p className="alert-success" role="status">
          {notice}
        </p>
      ) : null}
      <section aria-labelledby="mitglieder" className="card overflow-x-auto">
        <h2 id="mitglieder">Mitglieder von {municipality}</h2>
        <table className="table mt-3">
          <caption className="sr-only">Personen mit Zugang zu {municipality} und ihre Rollen</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">E-Mail</th>
              <th scope="col">Rolle</th>
              <th scope="col">Verknüpfte/r Beschäftigte/r</th>
              <th scope="col">
                <span className="sr-only">Aktionen</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.membershipId}>
                <td>
                  {m.name}
                  {m.isSelf ? <span className="text-slate-600"> (Sie)</span> : null}
                  {!m.active ? <span className="badge ml-2 bg-slate-200 text-slate-800">deaktiviert</span> : null}
                </td>
                <td>{m.email}</td>
                <td>{m.roleLabel}</td>
                <td>{m.employee ?? "–"}</td>
                <td>
                  <Link to={`/verwaltung/benutzer/${m.membershipId}`} aria-label={`${m.name} bearbeiten`}>
                    Bearbeiten
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {managers.length > 0 ? (
        <section aria-labelledby="rollin" className="card">
          <h2 id="rollin">Roll-in-Service mit Zugriff</h2>
          <p className="mt-1 text-sm text-slate-700">
            Diese Personen handeln über die Zuordnung ihres Dienstleisters in Ihrer Kommune. Der Zugriff wird beim
            Dienstleister verwaltet.
          </p>
          <ul className="mt-3 list-disc pl-6">
            {managers.map((m) => (
              <li key={m.userId}>
                {m.name} ({m.email}) – {m.provider}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
