import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getEmployee } from "~/areas/employees/employees.server";
import { mayActFor, personalDataScope } from "~/areas/trainings/access.server";
import { Badge } from "~/areas/trainings/components";
import { externalTrainingsOf } from "~/areas/trainings/external.server";
import { ATTENDANCE_LABELS, COMPLIANCE_LABELS, EXTERNAL_STATUS_LABELS, REGISTRATION_STATUS_LABELS, formatHours } from "~/areas/trainings/labels";
import { complianceRows, listMandatory } from "~/areas/trainings/mandatory.server";
import { registrationsOf } from "~/areas/trainings/registrations.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { requireContext } from "~/utils/context.server";
import { getDb } from "~/utils/db.server";
import { formatDate, todayIso } from "~/utils/format";
import { forbidden, idParam, orNotFound } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.employee.firstName} ${data.employee.lastName} – Schulungsnachweis – Fahrplan` : "Schulungsnachweis – Fahrplan" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "training.view");
  const employee = orNotFound(getEmployee(ctx, idParam(params.employeeId)));
  if (!mayActFor(ctx.employeeId, personalDataScope(ctx), employee)) {
    forbidden("Den Schulungsnachweis sehen nur die Person selbst, ihre Führungskraft und die Personalverwaltung.");
  }
  const mandatory = listMandatory(ctx);
  const compliance = complianceRows(getDb(), ctx, todayIso(), { employeeIds: [employee.id] })[0]?.cells ?? [];
  return json({
    employee,
    registrations: registrationsOf(ctx, employee.id).filter((r) => r.status !== "cancelled"),
    external: externalTrainingsOf(ctx, employee.id),
    compliance: compliance.map((c) => ({ ...c, courseTitle: mandatory.find((m) => m.id === c.mandatoryId)?.courseTitle ?? "" })),
  });
}

export default function EmployeeRecordPage() {
  const { employee, registrations, external, compliance } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ to: "/beschaeftigte", label: "Beschäftigte" }, { label: `${employee.lastName}, ${employee.firstName}` }]} />
      <h1>
        Schulungsnachweis: {employee.firstName} {employee.lastName}
      </h1>
      <p className="text-sm text-slate-700">
        {employee.unitName}
        {employee.jobTitle ? `, ${employee.jobTitle}` : ""}
        {employee.personnelNumber ? `, Personalnummer ${employee.personnelNumber}` : ""}
        {!employee.active && " – ausgeschieden"}
      </p>
      <section aria-labelledby="pflicht" className="card space-y-3">
        <h2 id="pflicht">Pflichtschulungen</h2>
        {compliance.length === 0 ? (
          <p className="text-sm text-slate-700">Für diese Person gelten keine Pflichtschulungen.</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {compliance.map((c) => (
              <li key={c.mandatoryId}>
                {c.courseTitle}:{" "}
                <Badge tone={c.status === "compliant" ? "green" : c.status === "due" ? "amber" : "red"}>{COMPLIANCE_LABELS[c.status]}</Badge>{" "}
                {c.lastDate ? `zuletzt ${formatDate(c.lastDate)}` : "noch nie besucht"}
                {c.dueDate ? `, fällig ${formatDate(c.dueDate)}` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="intern" className="card space-y-3">
        <h2 id="intern">Schulungen der Kommune</h2>
        {registrations.length === 0 ? (
          <p className="text-sm text-slate-700">Keine Schulungen.</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Datum</th>
                <th scope="col">Schulung</th>
                <th scope="col" className="num">Dauer</th>
                <th scope="col">Stand</th>
              </tr>
            </thead>
            <tbody>
              {registrations.map((r) => (
                <tr key={r.id}>
                  <td>{formatDate(r.sessionDate)}</td>
                  <td>
                    <Link to={`/schulungen/termine/${r.sessionId}`}>{r.courseTitle}</Link>
                  </td>
                  <td className="num">{formatHours(r.durationMinutes)}</td>
                  <td>
                    {r.attendance ? ATTENDANCE_LABELS[r.attendance] : REGISTRATION_STATUS_LABELS[r.status]}
                    {r.hasCertificate && (
                      <>
                        {" "}– <a href={`/schulungen/anmeldungen/${r.id}/bescheinigung.pdf`}>Bescheinigung</a>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="extern" className="card space-y-3">
        <h2 id="extern">Externe Fortbildungen</h2>
        {external.length === 0 ? (
          <p className="text-sm text-slate-700">Keine externen Fortbildungen.</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {external.map((x) => (
              <li key={x.id}>
                {formatDate(x.date)}: {x.title} ({x.provider}, {formatHours(x.durationMinutes)}) – {EXTERNAL_STATUS_LABELS[x.status]}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
