import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { jointMark } from "~/areas/joint/joint";
import { jointProjectDetail } from "~/areas/joint/partner-view.server";
import { MilestoneTable } from "~/areas/projects/milestones-ui";
import { OverdueBadge } from "~/areas/projects/ui";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { requireContext } from "~/utils/context.server";
import { getDb } from "~/utils/db.server";
import { formatDate, formatEuro, todayIso } from "~/utils/format";
import { idParam, orNotFound } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.project.title ?? "Gemeinsames Projekt"} – Fahrplan` }];

/** A partner's read-only view of a joint project: 404 unless the caller's Kommune is (still) a partner. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "project.view");
  const project = orNotFound(jointProjectDetail(getDb(), ctx, idParam(params.projectId), todayIso()));
  return json({ project, municipalityName: ctx.municipality.name });
}

export default function JointProjectPage() {
  const { project: p, municipalityName } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ to: "/projekte", label: "Projekte" }, { label: p.title }]} />
      <div>
        <h1>{p.title}</h1>
        <div className="mt-2 flex flex-wrap items-center gap-2">
          <span className="badge bg-indigo-100 text-indigo-900" data-testid="joint-mark">
            {jointMark(p.leadName)}
          </span>
          <span className="badge bg-slate-100 text-slate-900">Status: {p.stateLabel}</span>
          {p.milestones.some((m) => m.overdue) ? <OverdueBadge /> : null}
        </div>
      </div>
      <p className="alert-info" role="status">
        {municipalityName} ist Partnerin dieses Projekts und sieht es schreibgeschützt. Ändern kann es nur die federführende
        Kommune {p.leadName}.
      </p>
      <section aria-labelledby="daten-titel" className="card">
        <h2 id="daten-titel">Projektdaten</h2>
        {p.description ? <p className="mt-2 whitespace-pre-line">{p.description}</p> : null}
        <dl className="mt-4 grid gap-x-6 gap-y-3 sm:grid-cols-2 lg:grid-cols-3">
          <div>
            <dt className="text-sm text-slate-600">Federführende Kommune</dt>
            <dd>{p.leadName}</dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">Status</dt>
            <dd>{p.stateLabel}</dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">Zeitraum</dt>
            <dd>
              {formatDate(p.startDate)} bis {formatDate(p.endDate)}
            </dd>
          </div>
        </dl>
      </section>
      <section aria-labelledby="anteil-titel" className="card">
        <h2 id="anteil-titel">Anteil von {municipalityName}</h2>
        <dl className="mt-3 grid gap-x-6 gap-y-3 sm:grid-cols-3">
          <div>
            <dt className="text-sm text-slate-600">Vereinbarter Kostenanteil</dt>
            <dd data-testid="joint-share">{formatEuro(p.shareCents)}</dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">Vereinbart am</dt>
            <dd>{formatDate(p.agreedOn)}</dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">Notiz zur Vereinbarung</dt>
            <dd>{p.note || "–"}</dd>
          </div>
        </dl>
      </section>
      <section aria-labelledby="meilensteine-titel" className="card">
        <h2 id="meilensteine-titel">Meilensteine</h2>
        <MilestoneTable milestones={p.milestones} />
      </section>
    </div>
  );
}
