import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import {
  ANCILLARY_PROVISION_LABELS,
  COST_CATEGORY_LABELS,
  FUNDING_TYPE_LABELS,
  MUNICIPALITY_KIND_LABELS,
  ROUNDING_RULE_LABELS,
} from "~/areas/funding/labels";
import { canEditProgramme, deleteProgramme, findProgramme } from "~/areas/funding/programmes.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { CsrfInput } from "~/components/csrf";
import { requireContext } from "~/utils/context.server";
import { readForm } from "~/utils/csrf.server";
import { ConflictError, ValidationError } from "~/utils/errors";
import { formatDate, formatEuro, formatNumber, formatPercentBp } from "~/utils/format";
import { idParam, orNotFound } from "~/utils/http.server";
import { ExternalLink } from "~/components/external-link";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.programme.name ?? "Förderprogramm"} – Fahrplan` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "funding.view");
  const programme = orNotFound(findProgramme(ctx, idParam(params.programmeId)), "Dieses Förderprogramm wurde nicht gefunden.");
  return json({ programme, canEdit: canEditProgramme(ctx, programme) });
}

/** Deletes the programme (only while no application uses it; see deleteProgramme). */
export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireContext(request, "funding.view");
  const id = idParam(params.programmeId);
  const form = await readForm(request);
  if (form.get("intent") !== "delete") return json({ message: "Unbekannte Aktion." }, { status: 400 });
  try {
    deleteProgramme(ctx, id, Number(form.get("version")));
  } catch (error) {
    if (error instanceof ValidationError) return json({ message: (error.fieldErrors.form ?? []).join(" ") }, { status: 400 });
    if (error instanceof ConflictError) return json({ message: error.message }, { status: 409 });
    throw error;
  }
  return redirect("/foerderung/programme?geloescht=1");
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-1 border-b border-slate-100 py-2 sm:grid-cols-3">
      <dt className="font-medium text-slate-700">{label}</dt>
      <dd className="sm:col-span-2">{children}</dd>
    </div>
  );
}

export default function ProgrammeDetail() {
  const { programme: p, canEdit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="space-y-6">
      <Breadcrumbs
        items={[
          { to: "/foerderung", label: "Förderung" },
          { to: "/foerderung/programme", label: "Programmkatalog" },
          { label: p.name },
        ]}
      />
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1>{p.name}</h1>
          <p className="text-sm text-slate-700">
            {p.funder}
            {p.programmeAgency ? ` · Projektträger: ${p.programmeAgency}` : ""} · {p.municipalityId === null ? "gemeinsamer Katalog" : "eigenes Programm"}
            {p.isExample && <span className="badge ml-2 bg-amber-100 text-amber-900">Beispiel</span>}
          </p>
        </div>
        <div className="flex gap-2">
          <Link to={`/foerderung/finder`} className="btn-secondary">Zum Förderfinder</Link>
          {canEdit && <Link to={`/foerderung/programme/${p.id}/bearbeiten`} className="btn-primary">Bearbeiten</Link>}
        </div>
      </div>
      {actionData?.message && (
        <p className="alert-error" role="alert">
          {actionData.message}
        </p>
      )}
      {p.description && <p className="max-w-3xl">{p.description}</p>}
      <section aria-labelledby="bedingungen" className="card">
        <h2 id="bedingungen">Förderbedingungen</h2>
        <dl className="mt-2 text-sm">
          <Row label="Quelle">{p.sourceUrl ? <ExternalLink href={p.sourceUrl} /> : "–"}</Row>
          <Row label="Handlungsfelder">{p.fieldsOfAction.length ? p.fieldsOfAction.join(", ") : "alle"}</Row>
          <Row label="Antragsberechtigt">
            {p.applicantKinds.length ? p.applicantKinds.map((k) => MUNICIPALITY_KIND_LABELS[k]).join(", ") : "alle Kommunen"}
            {p.applicantState ? ` in ${p.applicantState}` : ""}
            {p.minPopulation != null ? `, ab ${formatNumber(p.minPopulation)} Einwohner` : ""}
            {p.maxPopulation != null ? `, bis ${formatNumber(p.maxPopulation)} Einwohner` : ""}
          </Row>
          <Row label="Finanzierungsart">{FUNDING_TYPE_LABELS[p.fundingType]}</Row>
          {p.fundingType === "share" && (
            <Row label="Förderquote">
              {formatPercentBp(p.rateBp)}
              {p.weakRateBp ? ` (bei Haushaltsnotlage ${formatPercentBp(p.weakRateBp)})` : ""}
            </Row>
          )}
          {p.fundingType === "fixed" && <Row label="Festbetrag">{formatEuro(p.fixedAmountCents)}</Row>}
          <Row label="Zuwendung">
            mindestens {formatEuro(p.minGrantCents)}, höchstens {formatEuro(p.maxGrantCents)}; {ROUNDING_RULE_LABELS[p.roundingRule]}
          </Row>
          <Row label="Zuwendungsfähige Kostenarten">{p.eligibleCostCategories.length ? p.eligibleCostCategories.map((c) => COST_CATEGORY_LABELS[c]).join(", ") : "alle"}</Row>
          <Row label="Antragsfenster">
            {p.windowOpens ? `ab ${formatDate(p.windowOpens)} ` : ""}
            {p.windowCloses ? `bis ${formatDate(p.windowCloses)}` : "jederzeit"}
          </Row>
          <Row label="Verfahren">{p.outlineFirst ? `zweistufig: zuerst Projektskizze${p.outlineDeadline ? ` bis ${formatDate(p.outlineDeadline)}` : ""}` : "einstufig"}</Row>
          <Row label="Nebenbestimmungen">{ANCILLARY_PROVISION_LABELS[p.ancillaryProvisions]}</Row>
          <Row label="Mittelabruf">Verwendung innerhalb von {p.drawdownWindowMonths} Monaten nach Auszahlung</Row>
          <Row label="Zwischennachweis">{p.interimReportMonths != null ? `${p.interimReportMonths} Monate nach Ende jedes Haushaltsjahres` : "nicht gefordert"}</Row>
          <Row label="Verwendungsnachweis">
            {p.finalReportFixedDay
              ? `bis ${p.finalReportFixedDay.slice(3)}.${p.finalReportFixedDay.slice(0, 2)}. des Folgejahres`
              : `${p.finalReportMonths} Monate nach Ende des Bewilligungszeitraums`}
          </Row>
          <Row label="Abweichungen vom Finanzierungsplan">
            je Kostenart bis {formatPercentBp(p.permittedDeviationBp)} bei Ausgleich; Gesamtüberschreitung bis {formatPercentBp(p.totalOverrunToleranceBp)} aus Eigenmitteln unschädlich
          </Row>
          <Row label="Rückforderung">Zinsen {formatPercentBp(p.reclaimInterestBp)} über dem Basiszinssatz (§ 49a VwVfG)</Row>
        </dl>
      </section>
      {canEdit && (
        <section aria-labelledby="programm-loeschen" className="card space-y-2">
          <h2 id="programm-loeschen">Programm löschen</h2>
          <p className="hint">Ein Förderprogramm kann nur gelöscht werden, solange kein Förderantrag es verwendet.</p>
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="intent" value="delete" />
            <input type="hidden" name="version" value={p.version} />
            <button type="submit" className="btn-danger">Förderprogramm „{p.name}“ löschen</button>
          </Form>
        </section>
      )}
    </div>
  );
}
