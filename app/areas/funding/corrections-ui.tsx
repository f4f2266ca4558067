import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf";
import { CheckboxField, FormErrors, SelectField, TextField, TextareaField } from "~/components/forms";
import { centsToInput, formatDate, formatEuro, todayIso } from "~/utils/format";
import type { CostCategory } from "../../../db/schema/funding";
import { DrawdownCancelSchema, DrawdownCorrectionSchema, DrawdownReceivedSchema, RemovePlanItemSchema, UpdatePlanItemSchema } from "./application-forms";
import { Success, useIntentForm } from "./intent-form";
import { COST_CATEGORY_KEYS } from "./labels";
import type { CheckPoint } from "./submission-check";

/*
 * The correction parts of the application page: drawdowns (correct, cancel), finance-plan items
 * (correct, delete) and the „Prüfung vor Einreichung“ list.
 */

export interface DrawdownView {
  id: number;
  version: number;
  requestedOn: string;
  requestedCents: number;
  plannedPaymentsCents: number;
  receivedOn: string | null;
  receivedCents: number | null;
  note: string | null;
  overrideReason: string | null;
  cancelledOn: string | null;
  cancelReason: string | null;
}

function ReceivedForm({ drawdown }: { drawdown: DrawdownView }) {
  const [form, fields] = useIntentForm(
    "drawdownReceived",
    DrawdownReceivedSchema,
    { receivedCents: centsToInput(drawdown.requestedCents) },
    { name: "drawdownId", value: String(drawdown.id) },
  );
  return (
    <Form method="post" {...getFormProps(form)} className="flex flex-wrap items-end gap-2">
      <CsrfInput />
      <input type="hidden" name="intent" value="drawdownReceived" />
      <input type="hidden" name="drawdownId" value={drawdown.id} />
      <input type="hidden" name="version" value={drawdown.version} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextField label="Eingegangen am" meta={fields.receivedOn} hint="TT.MM.JJJJ" />
      <TextField label="Betrag in €" meta={fields.receivedCents} inputMode="decimal" />
      <button type="submit" className="btn-secondary">Eingang erfassen</button>
    </Form>
  );
}

function DrawdownCorrection({ drawdown }: { drawdown: DrawdownView }) {
  const row = { name: "drawdownId", value: String(drawdown.id) };
  const [form, fields] = useIntentForm(
    "correctDrawdown",
    DrawdownCorrectionSchema,
    {
      requestedOn: formatDate(drawdown.requestedOn),
      requestedCents: centsToInput(drawdown.requestedCents),
      receivedOn: drawdown.receivedOn ? formatDate(drawdown.receivedOn) : "",
      receivedCents: centsToInput(drawdown.receivedCents),
    },
    row,
  );
  const [cancelForm, cancelFields] = useIntentForm("cancelDrawdown", DrawdownCancelSchema, { cancelledOn: formatDate(todayIso()) }, row);
  const open = Boolean(form.errors?.length || Object.values(form.allErrors).length || Object.values(cancelForm.allErrors).length);
  return (
    <details open={open || undefined}>
      <summary className="cursor-pointer text-sm">
        Korrigieren oder stornieren<span className="sr-only">: Abruf vom {formatDate(drawdown.requestedOn)}</span>
      </summary>
      <Form method="post" {...getFormProps(form)} className="mt-2 grid gap-2 md:grid-cols-2">
        <CsrfInput />
        <input type="hidden" name="intent" value="correctDrawdown" />
        <input type="hidden" name="drawdownId" value={drawdown.id} />
        <input type="hidden" name="version" value={drawdown.version} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField label="Abgerufen am (korrigiert)" meta={fields.requestedOn} hint="TT.MM.JJJJ" />
        <TextField label="Abrufbetrag in € (korrigiert)" meta={fields.requestedCents} inputMode="decimal" />
        <TextField label="Eingegangen am (korrigiert, optional)" meta={fields.receivedOn} hint="TT.MM.JJJJ" />
        <TextField label="Eingegangener Betrag in € (korrigiert, optional)" meta={fields.receivedCents} inputMode="decimal" />
        <TextareaField className="md:col-span-2" label="Grund der Korrektur" meta={fields.reason} rows={2} />
        <div className="md:col-span-2">
          <button type="submit" className="btn-secondary">Korrektur speichern</button>
        </div>
      </Form>
      <Form method="post" {...getFormProps(cancelForm)} className="mt-3 grid gap-2 border-t border-slate-200 pt-2 md:grid-cols-2">
        <CsrfInput />
        <input type="hidden" name="intent" value="cancelDrawdown" />
        <input type="hidden" name="drawdownId" value={drawdown.id} />
        <input type="hidden" name="version" value={drawdown.version} />
        <FormErrors id={cancelForm.errorId} errors={cancelForm.errors} />
        <TextField label="Storniert am" meta={cancelFields.cancelledOn} hint="TT.MM.JJJJ" />
        <TextareaField label="Grund der Stornierung" meta={cancelFields.cancelReason} rows={2} />
        <div className="md:col-span-2">
          <button type="submit" className="btn-danger">Mittelabruf stornieren</button>
        </div>
      </Form>
    </details>
  );
}

/** Drawdowns; a cancelled one stays listed, struck through, with date and reason, and does not count. */
export function DrawdownTable({ drawdowns, canRecord, locked }: { drawdowns: readonly DrawdownView[]; canRecord: boolean; locked: boolean }) {
  const editable = canRecord && !locked;
  return (
    <>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Abgerufen am</th>
            <th scope="col" className="num">Betrag</th>
            <th scope="col" className="num">Fällige Zahlungen</th>
            <th scope="col">Eingang</th>
            {editable && <th scope="col">Korrektur</th>}
          </tr>
        </thead>
        <tbody>
          {drawdowns.length === 0 && (
            <tr>
              <td colSpan={editable ? 5 : 4}>Noch keine Mittelabrufe.</td>
            </tr>
          )}
          {drawdowns.map((d) => {
            const cancelled = d.cancelledOn !== null;
            const struck = cancelled ? "line-through" : undefined;
            return (
              <tr key={d.id}>
                <td>
                  <span className={struck}>{formatDate(d.requestedOn)}</span>
                  {cancelled && (
                    <p className="text-sm text-red-800">
                      Storniert am {formatDate(d.cancelledOn)}: {d.cancelReason} (zählt nicht)
                    </p>
                  )}
                  {d.overrideReason && <p className="text-sm text-slate-700">Trotz Hinweis abgerufen: {d.overrideReason}</p>}
                </td>
                <td className="num">
                  <span className={struck}>{formatEuro(d.requestedCents)}</span>
                </td>
                <td className="num">
                  <span className={struck}>{formatEuro(d.plannedPaymentsCents)}</span>
                </td>
                <td>
                  {d.receivedOn ? (
                    <span className={struck}>{`${formatEuro(d.receivedCents)} am ${formatDate(d.receivedOn)}`}</span>
                  ) : editable && !cancelled ? (
                    <ReceivedForm drawdown={d} />
                  ) : cancelled ? (
                    "–"
                  ) : (
                    "ausstehend"
                  )}
                </td>
                {editable && <td>{cancelled ? "–" : <DrawdownCorrection drawdown={d} />}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
      <Success intent="drawdownReceived" />
      <Success intent="correctDrawdown" />
      <Success intent="cancelDrawdown" />
    </>
  );
}

export interface PlanItemView {
  id: number;
  version: number;
  budgetYear: number;
  costCategory: CostCategory;
  description: string;
  plannedCents: number;
  eligible: boolean;
}

/** Korrektur and deletion of one finance-plan item (in the plan table's action cell). */
export function PlanItemActions({ item, categoryOptionLabel }: { item: PlanItemView; categoryOptionLabel: (k: CostCategory) => string }) {
  const row = { name: "itemId", value: String(item.id) };
  const [form, fields] = useIntentForm(
    "updatePlanItem",
    UpdatePlanItemSchema,
    {
      costCategory: item.costCategory,
      description: item.description,
      budgetYear: String(item.budgetYear),
      plannedCents: centsToInput(item.plannedCents),
      ...(item.eligible ? { eligible: "on" } : {}),
    },
    row,
  );
  const [removeForm] = useIntentForm("removePlanItem", RemovePlanItemSchema, undefined, row);
  const open = Boolean(Object.values(form.allErrors).length);
  return (
    <details open={open || undefined}>
      <summary className="cursor-pointer text-sm">
        Ändern<span className="sr-only">: {item.description}</span>
      </summary>
      <Form method="post" {...getFormProps(form)} className="mt-2 grid min-w-72 gap-2">
        <CsrfInput />
        <input type="hidden" name="intent" value="updatePlanItem" />
        <input type="hidden" name="itemId" value={item.id} />
        <input type="hidden" name="version" value={item.version} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <SelectField label="Kostenart (geändert)" meta={fields.costCategory} options={COST_CATEGORY_KEYS.map((k) => ({ value: k, label: categoryOptionLabel(k) }))} />
        <TextField label="Position (geändert)" meta={fields.description} />
        <TextField label="Haushaltsjahr (geändert)" meta={fields.budgetYear} inputMode="numeric" />
        <TextField label="Betrag in € (geändert)" meta={fields.plannedCents} inputMode="decimal" />
        <CheckboxField label="zuwendungsfähig (geändert)" meta={fields.eligible} />
        <button type="submit" className="btn-secondary">Position speichern</button>
      </Form>
      <Form method="post" {...getFormProps(removeForm)} className="mt-2">
        <CsrfInput />
        <input type="hidden" name="intent" value="removePlanItem" />
        <input type="hidden" name="itemId" value={item.id} />
        <input type="hidden" name="version" value={item.version} />
        <FormErrors id={removeForm.errorId} errors={removeForm.errors} />
        <button type="submit" className="btn-danger">
          Position löschen<span className="sr-only">: {item.description}</span>
        </button>
      </Form>
    </details>
  );
}

/** „Prüfung vor Einreichung“: blocking points first, then information. */
export function SubmissionCheckList({ points }: { points: readonly CheckPoint[] }) {
  const blocking = points.filter((p) => p.blocking);
  const info = points.filter((p) => !p.blocking);
  return (
    <section aria-labelledby="pruefung" className="card space-y-3">
      <h2 id="pruefung">Prüfung vor Einreichung</h2>
      <p className="hint">Was der Zuwendungsgeber im Verwendungsnachweis beanstanden würde. Solange ein Punkt offen ist, wird der Verwendungsnachweis nicht archiviert.</p>
      {blocking.length === 0 ? (
        <p className="alert-success" data-testid="pruefung-ok">Keine offenen Punkte: Der Verwendungsnachweis kann archiviert werden.</p>
      ) : (
        <div className="alert-error">
          <h3 className="font-semibold">Offen ({blocking.length})</h3>
          <ul className="list-disc pl-6" data-testid="pruefung-offen">
            {blocking.map((p) => (
              <li key={p.message}>{p.message}</li>
            ))}
          </ul>
        </div>
      )}
      {info.length > 0 && (
        <div className="alert-info">
          <h3 className="font-semibold">Hinweise</h3>
          <ul className="list-disc pl-6">
            {info.map((p) => (
              <li key={p.message}>{p.message}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
