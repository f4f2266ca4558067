import { getFormProps, useForm } from "@conform-to/react";
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { SerializeFrom } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf";
import { FormErrors, SelectField, TextField, TextareaField } from "~/components/forms";
import { formatDate } from "~/utils/format";
import type { ProjectActionData } from "./page-actions";
import type { ProjectPage } from "./project-page.server";
import { ItemButton, SavedWarnings, resultFor } from "./project-page-ui";
import { IMPACT_LABELS, LIKELIHOOD_LABELS, RISK_CATEGORIES, RISK_CATEGORY_LABELS, RISK_LEVEL_LABELS, RiskSchema, riskLevel } from "./projects";
import { RiskMatrixTable } from "./ui";

function RiskForm({ lastResult, employees }: { lastResult: SubmissionResult<string[]> | undefined; employees: { id: number; name: string }[] }) {
  const [form, fields] = useForm({
    id: "risk",
    lastResult,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RiskSchema }),
  });
  const scale = [1, 2, 3, 4, 5];
  return (
    <Form method="post" className="mt-4 space-y-3" {...getFormProps(form)}>
      <CsrfInput />
      <input type="hidden" name="intent" value="addRisk" />
      <h3 className="font-semibold">Risiko erfassen</h3>
      <FormErrors id={form.errorId} errors={form.errors} />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField label="Risiko" meta={fields.title} />
        <SelectField
          label="Kategorie"
          meta={fields.category}
          placeholder="Bitte wählen"
          options={RISK_CATEGORIES.map((c) => ({ value: c, label: RISK_CATEGORY_LABELS[c] }))}
        />
        <SelectField
          label="Eintrittswahrscheinlichkeit"
          meta={fields.likelihood}
          placeholder="Bitte wählen"
          options={scale.map((n) => ({ value: n, label: `${n} – ${LIKELIHOOD_LABELS[n]}` }))}
        />
        <SelectField
          label="Auswirkung"
          meta={fields.impact}
          placeholder="Bitte wählen"
          options={scale.map((n) => ({ value: n, label: `${n} – ${IMPACT_LABELS[n]}` }))}
        />
        <SelectField label="Verantwortlich" meta={fields.ownerEmployeeId} placeholder="niemand benannt" options={employees.map((e) => ({ value: e.id, label: e.name }))} />
      </div>
      <TextareaField label="Gegenmaßnahme" meta={fields.mitigation} rows={2} />
      <button type="submit" className="btn-primary">
        Risiko hinzufügen
      </button>
    </Form>
  );
}

type RiskRow = SerializeFrom<ProjectPage>["detail"]["risks"][number];

/** Inline re-rating of one risk; problems are reported at the top of the page. */
function RiskEditForm({ risk, employees }: { risk: RiskRow; employees: { id: number; name: string }[] }) {
  const prefix = `risiko-${risk.id}`;
  const scale = [1, 2, 3, 4, 5];
  return (
    <details className="rounded border border-slate-200 p-2">
      <summary className="cursor-pointer text-sm font-medium">{risk.title} bearbeiten</summary>
      <Form method="post" className="mt-2 grid gap-3 sm:grid-cols-2">
        <CsrfInput />
        <input type="hidden" name="intent" value="updateRisk" />
        <input type="hidden" name="itemId" value={risk.id} />
        <input type="hidden" name="version" value={risk.version} />
        <div>
          <label htmlFor={`${prefix}-title`} className="label">
            Risiko
          </label>
          <input id={`${prefix}-title`} name="title" defaultValue={risk.title} required className="input" />
        </div>
        <div>
          <label htmlFor={`${prefix}-category`} className="label">
            Kategorie
          </label>
          <select id={`${prefix}-category`} name="category" defaultValue={risk.category} className="input">
            {RISK_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {RISK_CATEGORY_LABELS[c]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${prefix}-likelihood`} className="label">
            Eintrittswahrscheinlichkeit
          </label>
          <select id={`${prefix}-likelihood`} name="likelihood" defaultValue={risk.likelihood} className="input">
            {scale.map((n) => (
              <option key={n} value={n}>
                {n} – {LIKELIHOOD_LABELS[n]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${prefix}-impact`} className="label">
            Auswirkung
          </label>
          <select id={`${prefix}-impact`} name="impact" defaultValue={risk.impact} className="input">
            {scale.map((n) => (
              <option key={n} value={n}>
                {n} – {IMPACT_LABELS[n]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${prefix}-owner`} className="label">
            Verantwortlich
          </label>
          <select id={`${prefix}-owner`} name="ownerEmployeeId" defaultValue={risk.ownerEmployeeId ?? ""} className="input">
            <option value="">niemand benannt</option>
            {employees.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${prefix}-mitigation`} className="label">
            Gegenmaßnahme
          </label>
          <input id={`${prefix}-mitigation`} name="mitigation" defaultValue={risk.mitigation} className="input" />
        </div>
        <div>
          <button type="submit" className="btn-primary">
            Speichern<span className="sr-only">: {risk.title}</span>
          </button>
        </div>
      </Form>
    </details>
  );
}

/** The project's risk register: table, re-rating, matrix of the open risks, and the add form. */
export function RisksSection({ page }: { page: SerializeFrom<ProjectPage> }) {
  const { detail, editable, employees, openRisks } = page;
  const data = useActionData() as ProjectActionData | undefined;
  return (
    <section id="risiken" aria-labelledby="risiken-titel" className="card space-y-4">
      <h2 id="risiken-titel">Risiken</h2>
      {detail.risks.length === 0 ? (
        <p>Noch keine Risiken erfasst.</p>
      ) : (
        <>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Risiko</th>
                <th scope="col">Kategorie</th>
                <th scope="col" className="num">
                  W × A
                </th>
                <th scope="col">Stufe</th>
                <th scope="col">Gegenmaßnahme</th>
                <th scope="col">Verantwortlich</th>
                {editable ? <th scope="col">Aktionen</th> : null}
              </tr>
            </thead>
            <tbody>
              {detail.risks.map((r) => (
                <tr key={r.id} className={r.closedAt ? "text-slate-600" : undefined}>
                  <td>
                    {r.title}
                    {r.closedAt ? <span className="block text-sm">geschlossen am {formatDate(r.closedAt.slice(0, 10))}, zählt nicht mehr</span> : null}
                  </td>
                  <td>{RISK_CATEGORY_LABELS[r.category]}</td>
                  <td className="num">
                    {r.likelihood} × {r.impact} = {r.score}
                  </td>
                  <td>{r.closedAt ? "geschlossen" : RISK_LEVEL_LABELS[riskLevel(r.score)]}</td>
                  <td>{r.mitigation || "–"}</td>
                  <td>{r.ownerLastName ? `${r.ownerFirstName} ${r.ownerLastName}` : "–"}</td>
                  {editable ? (
                    <td className="space-x-2 whitespace-nowrap">
                      {r.closedAt ? (
                        <ItemButton intent="reopenRisk" itemId={r.id} label="Wieder öffnen" about={r.title} />
                      ) : (
                        <ItemButton intent="closeRisk" itemId={r.id} label="Schließen" about={r.title} />
                      )}
                      <ItemButton intent="removeRisk" itemId={r.id} label="Entfernen" about={r.title} />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
          {editable ? (
            <div className="space-y-2">
              <h3 className="font-semibold">Risiken neu bewerten</h3>
              {openRisks.map((r) => (
                <RiskEditForm key={`${r.id}-${r.version}`} risk={r} employees={employees} />
              ))}
            </div>
          ) : null}
          <RiskMatrixTable
            risks={openRisks}
            caption="Risikomatrix der offenen Risiken dieses Projekts: Auswirkung (Zeilen) und Eintrittswahrscheinlichkeit (Spalten)"
          />
        </>
      )}
      {editable ? <RiskForm lastResult={resultFor(data, "addRisk")} employees={employees} /> : null}
      <SavedWarnings data={data} intents={["addRisk", "updateRisk", "closeRisk", "reopenRisk"]} />
    </section>
  );
}
