import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireApplication } from "~/areas/funding/applications.server";
import { moneySummary, planActual } from "~/areas/funding/money.server";
import { ComparisonTable } from "~/areas/funding/ui";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { requireContext } from "~/utils/context.server";
import { getDb } from "~/utils/db.server";
import { formatEuro } from "~/utils/format";
import { idParam } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Soll-Ist-Vergleich – Förderung – Fahrplan" }];

/** The plan/actual comparison on its own (printable, and what the benchmark measures). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "funding.view");
  const id = idParam(params.applicationId);
  const db = getDb();
  const { app, programme } = requireApplication(ctx, id, db);
  return json({
    app: { id: app.id, title: app.title, fileNumber: app.fileNumber },
    rules: { permittedDeviationBp: programme.permittedDeviationBp, totalOverrunToleranceBp: programme.totalOverrunToleranceBp },
    comparison: planActual(ctx, id, db),
    money: moneySummary(db, ctx, app),
  });
}

export default function PlanActualPage() {
  const { app, rules, comparison, money } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <Breadcrumbs
        items={[
          { to: "/foerderung", label: "Förderung" },
          { to: `/foerderung/antraege/${app.id}`, label: app.title },
          { label: "Soll-Ist-Vergleich" },
        ]}
        className="no-print"
      />
      <h1>Soll-Ist-Vergleich: {app.title}</h1>
      <p className="text-sm text-slate-700">
        {app.fileNumber ? `Aktenzeichen ${app.fileNumber} · ` : ""}Bewilligt {formatEuro(money.grantCents)} · eingegangen {formatEuro(money.receivedCents)} · Ausgaben {formatEuro(money.spentCents)} · eingegangen, aber noch nicht verausgabt {formatEuro(money.unspentReceivedCents)}
      </p>
      <section aria-labelledby="vergleich" className="card space-y-3">
        <h2 id="vergleich">Kostenarten</h2>
        <ComparisonTable comparison={comparison} permittedDeviationBp={rules.permittedDeviationBp} totalOverrunToleranceBp={rules.totalOverrunToleranceBp} />
      </section>
    </div>
  );
}
