import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { SerializeFrom } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import type { ReactNode } from "react";
import type { SubmissionResult } from "@conform-to/react";
import { CsrfInput } from "~/components/csrf";
import { FormErrors, TextField } from "~/components/forms";
import { formatDate } from "~/utils/format";
import type { ProjectActionData } from "./page-actions";
import type { ProjectPage } from "./project-page.server";
import { ItemButton, SavedWarnings, resultFor } from "./project-page-ui";
import { MilestoneSchema } from "./projects";
import { OverdueBadge } from "./ui";

export interface MilestoneRow {
  id: number;
  title: string;
  dueDate: string;
  originalDueDate: string | null;
  doneAt: string | null;
  overdue: boolean;
}

/** The milestone table of the project page and of the partner view; `actions` adds a column with each row's buttons. */
export function MilestoneTable({ milestones, actions }: { milestones: readonly MilestoneRow[]; actions?: (m: MilestoneRow) => ReactNode }) {
  if (milestones.length === 0) return <p className="mt-2">Noch keine Meilensteine.</p>;
  return (
    <table className="table mt-3">
      <thead>
        <tr>
          <th scope="col">Meilenstein</th>
          <th scope="col">Fällig (Prognose)</th>
          <th scope="col">Ursprünglich geplant</th>
          <th scope="col">Stand</th>
          {actions ? <th scope="col">Aktionen</th> : null}
        </tr>
      </thead>
      <tbody>
        {milestones.map((m) => (
          <tr key={m.id} className={m.overdue ? "bg-red-50" : undefined}>
            <td>{m.title}</td>
            <td>{formatDate(m.dueDate)}</td>
            <td>{m.originalDueDate ? formatDate(m.originalDueDate) : "–"}</td>
            <td>{m.doneAt ? `erledigt am ${formatDate(m.doneAt)}` : m.overdue ? <OverdueBadge /> : "offen"}</td>
            {actions ? <td className="space-x-2 whitespace-nowrap">{actions(m)}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Moves an open milestone to a new (forecast) date; the first planned date is kept and shown. */
function RescheduleForm({ milestone }: { milestone: { id: number; title: string; dueDate: string } }) {
  const fieldId = `verschieben-${milestone.id}`;
  return (
    <details className="mt-1 inline-block align-top">
      <summary className="cursor-pointer text-xs underline">
        Verschieben<span className="sr-only">: {milestone.title}</span>
      </summary>
      <Form method="post" className="mt-1 flex items-end gap-2">
        <CsrfInput />
        <input type="hidden" name="intent" value="rescheduleMilestone" />
        <input type="hidden" name="itemId" value={milestone.id} />
        <div>
          <label htmlFor={fieldId} className="label text-xs">
            Neues Datum (TT.MM.JJJJ)
          </label>
          <input id={fieldId} name="dueDate" inputMode="numeric" required defaultValue={formatDate(milestone.dueDate)} className="input w-32" />
        </div>
        <button type="submit" className="btn-secondary px-2 py-1 text-xs">
          Speichern
        </button>
      </Form>
    </details>
  );
}

function MilestoneForm({ lastResult }: { lastResult: SubmissionResult<string[]> | undefined }) {
  const [form, fields] = useForm({
    id: "milestone",
    lastResult,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: MilestoneSchema }),
  });
  return (
    <Form method="post" className="mt-4 grid items-start gap-3 sm:grid-cols-[2fr_1fr_auto]" {...getFormProps(form)}>
      <CsrfInput />
      <input type="hidden" name="intent" value="addMilestone" />
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextField label="Neuer Meilenstein" meta={fields.title} />
      <TextField label="Fällig am" meta={fields.dueDate} hint="TT.MM.JJJJ" inputMode="numeric" />
      <button type="submit" className="btn-primary mt-6">
        Meilenstein hinzufügen
      </button>
    </Form>
  );
}

/** The project page's milestones: the table, with buttons and the add form for those who may edit. */
export function MilestonesSection({ page }: { page: SerializeFrom<ProjectPage> }) {
  const { detail, editable } = page;
  const data = useActionData() as ProjectActionData | undefined;
  return (
    <section aria-labelledby="meilensteine-titel" className="card">
      <h2 id="meilensteine-titel">Meilensteine</h2>
      <MilestoneTable
        milestones={detail.milestones}
        actions={
          editable
            ? (m) => (
                <>
                  {m.doneAt ? (
                    <ItemButton intent="milestoneReopen" itemId={m.id} label="Wieder öffnen" />
                  ) : (
                    <ItemButton intent="milestoneDone" itemId={m.id} label="Als erledigt markieren" />
                  )}
                  <ItemButton intent="removeMilestone" itemId={m.id} label="Entfernen" />
                  {m.doneAt ? null : <RescheduleForm milestone={m} />}
                </>
              )
            : undefined
        }
      />
      {editable ? <MilestoneForm lastResult={resultFor(data, "addMilestone")} /> : null}
      <SavedWarnings data={data} intents={["addMilestone", "rescheduleMilestone"]} />
    </section>
  );
}
