import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { FilterBar } from "~/components/filter-bar";
import { Pagination } from "~/components/pagination";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { CsrfInput } from "~/components/csrf";
import { FilterSelect } from "~/components/forms";
import { updateProgrammeSteps } from "~/areas/rollin/matrix.server";
import { matrixSelection } from "~/areas/rollin/matrix-page.server";
import { STEP_STATUS_LABELS } from "~/areas/rollin/programme-template";
import { upgradeRollouts } from "~/areas/rollin/programmes.server";
import { providerCan } from "~/areas/rollin/provider-permissions";
import { requireProvider } from "~/areas/rollin/provider.server";
import { RollinTabs } from "~/areas/rollin/ui";
import { readForm } from "~/utils/csrf.server";
import { getDb } from "~/utils/db.server";
import { ConflictError, ValidationError } from "~/utils/errors";
import { formatDate, parseGermanDate, todayIso } from "~/utils/format";
import { idParam, notFound } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Matrix ${data?.template.name ?? ""} – Roll-in-Service – Fahrplan` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const caller = await requireProvider(request, "provider.cockpit");
  const url = new URL(request.url);
  const selection = matrixSelection(getDb(), caller, idParam(params.templateId), url.searchParams, todayIso(), { paged: true });
  if (!selection) notFound("Diese Programmvorlage gibt es nicht.");
  const { matrix, selected, groups, group } = selection;
  return json({
    template: { id: matrix.template.id, name: matrix.template.name, isExample: matrix.template.isExample },
    latestVersion: matrix.latestVersion,
    columns: matrix.columns,
    // Only what a cell shows (the page carries 25 Kommunen × all steps).
    rows: matrix.rows.map((r) => ({
      municipalityId: r.municipalityId,
      name: r.name,
      templateVersion: r.templateVersion,
      cells: r.cells.map((c) => (c ? { id: c.id, version: c.version, status: c.status, percent: c.percent, dueDate: c.dueDate, ownerName: c.ownerName, overdue: c.overdue } : null)),
    })),
    outdated: selected.filter((r) => r.templateVersion < matrix.latestVersion).map((r) => ({ municipalityId: r.municipalityId, name: r.name, templateVersion: r.templateVersion })),
    total: selected.length,
    notRolledIn: matrix.notRolledIn.length,
    totals: matrix.totals,
    page: selection.page,
    pages: selection.pages,
    groups,
    group,
    rolledOut: Number(url.searchParams.get("ausgerollt")) || 0,
    canEdit: providerCan(caller.providerRole, "programme.editSteps"),
    canUpgrade: providerCan(caller.providerRole, "programme.rollOut"),
    canAssign: providerCan(caller.providerRole, "provider.assign"),
  });
}

const optional = (schema: z.ZodType) => z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v), schema.optional());

const EditSchema = z.object({
  intent: z.literal("edit"),
  cells: z.array(z.string().regex(/^\d+:\d+$/)).max(5000),
  status: optional(z.enum(["open", "inProgress", "done"])),
  ownerName: optional(z.string().max(120)),
  clearOwner: z.literal("1").optional(),
  dueDate: optional(z.string()),
  checklistDone: optional(z.coerce.number().int().min(0).max(30)),
});
const UpgradeSchema = z.object({ intent: z.literal("upgrade"), municipalityIds: z.array(z.coerce.number().int().positive()).max(1000) });

type Result = { ok: true; message: string } | { ok: false; fieldErrors: Record<string, string[]>; formErrors: string[] };

/** Bulk edit of the chosen cells, or moving chosen Kommunen to the latest version. */
export async function action({ request, params }: ActionFunctionArgs) {
  const templateId = idParam(params.templateId);
  const form = await readForm(request);
  const intent = form.get("intent");
  const today = todayIso();
  const fail = (fieldErrors: Record<string, string[]>, formErrors: string[] = ["Bitte korrigieren Sie die markierten Felder."], status = 400) =>
    json<Result>({ ok: false, fieldErrors, formErrors }, { status });
  try {
    if (intent === "upgrade") {
      const caller = await requireProvider(request, "programme.rollOut");
      const parsed = UpgradeSchema.safeParse({ intent, municipalityIds: form.getAll("municipalityIds") });
      if (!parsed.success) return fail({ municipalityIds: ["Bitte wählen Sie die Kommunen aus der Liste."] });
      const n = upgradeRollouts(caller, { templateId, municipalityIds: parsed.data.municipalityIds });
      return json<Result>({ ok: true, message: `${n} ${n === 1 ? "Kommune" : "Kommunen"} auf die aktuelle Version umgestellt; begonnene Schritte blieben unverändert.` });
    }
    const caller = await requireProvider(request, "programme.editSteps");
    const parsed = EditSchema.safeParse({ ...Object.fromEntries(form), intent, cells: form.getAll("cells") });
    if (!parsed.success) {
      const errors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? "cells");
        errors[field] = [{ status: "Bitte wählen Sie einen Status aus der Liste.", ownerName: "Höchstens 120 Zeichen.", checklistDone: "Bitte eine ganze Zahl von 0 bis 30 angeben." }[field] ?? "Die Auswahl ist ungültig. Bitte laden Sie die Matrix neu."];
      }
      return fail(errors);
    }
    const v = parsed.data;
    let dueDate: string | undefined;
    if (v.dueDate !== undefined) {
      const iso = parseGermanDate(v.dueDate as string);
      if (!iso) return fail({ dueDate: ["Bitte als Datum angeben (TT.MM.JJJJ)."] });
      dueDate = iso;
    }
    const cells = v.cells.map((c) => {
      const [id, version] = c.split(":").map(Number);
      return { id, version };
    });
    const n = updateProgrammeSteps(
      caller,
      cells,
      {
        status: v.status as "open" | "inProgress" | "done" | undefined,
        ownerName: v.clearOwner ? null : (v.ownerName as string | undefined),
        dueDate,
        checklistDone: v.checklistDone as number | undefined,
      },
      today,
    );
    return json<Result>({ ok: true, message: `${n} ${n === 1 ? "Schritt" : "Schritte"} geändert.` });
  } catch (error) {
    if (error instanceof ValidationError) {
      const { cells, municipalityIds, ...rest } = error.fieldErrors;
      // Cell and Kommune messages name their step or Kommune: they go above the matrix.
      const top = [...(cells ?? []), ...(municipalityIds ?? [])];
      return fail(rest, top.length ? top : undefined);
    }
    if (error instanceof ConflictError) return fail({}, [error.message], 409);
    throw error;
  }
}

const STATUS_MARK: Record<string, string> = { open: "○", inProgress: "◐", done: "●", confirmed: "✔" };

function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  return errors?.length ? (
    <p id={id} className="field-error" role="alert">
      {errors.join(" ")}
    </p>
  ) : null;
}

export default function Matrix() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errors = result && !result.ok ? result.fieldErrors : {};
  const base = `/roll-in/vorlagen/${data.template.id}`;
  const exportQuery = data.group ? `?gruppe=${encodeURIComponent(data.group)}` : "";
  const described = (field: string) => (errors[field]?.length ? `${field}-error` : undefined);
  return (
    <div className="space-y-4">
      <Breadcrumbs
        items={[
          { to: "/roll-in", label: "Cockpit" },
          { to: "/roll-in/vorlagen", label: "Programmvorlagen" },
          { to: base, label: data.template.name },
          { label: "Matrix" },
        ]}
      />
      <h1>Matrix: {data.template.name}</h1>
      <RollinTabs canAssign={data.canAssign} />
      {data.rolledOut ? (
        <p className="alert-success" role="status">
          In {data.rolledOut} {data.rolledOut === 1 ? "Kommune" : "Kommunen"} ausgerollt.
        </p>
      ) : null}
      {result?.ok ? (
        <p className="alert-success" role="status">
          {result.message}
        </p>
      ) : null}
      {result && !result.ok ? (
        <div className="alert-error" role="alert">
          {result.formErrors.map((e) => (
            <p key={e}>{e}</p>
          ))}
        </div>
      ) : null}
      <p className="text-sm text-slate-700" data-testid="matrix-summary">
        {data.total} {data.total === 1 ? "Kommune" : "Kommunen"} (aktuelle Version {data.latestVersion}) · {data.totals.overdue} überfällige Schritte · {data.totals.confirmed} von der Kommune
        bestätigt{data.notRolledIn ? ` · in ${data.notRolledIn} betreuten Kommunen noch nicht ausgerollt` : ""}. Legende: ○ offen, ◐ in Arbeit, ● erledigt, ✔ von der Kommune bestätigt;
        überfällige Zellen sind rot umrandet und mit „⚠ überfällig“ beschriftet.
      </p>
      <div className="flex flex-wrap items-end gap-3">
        <FilterBar label="Kommunen der Matrix filtern" className="flex items-end gap-3">
          <FilterSelect id="gruppe" name="gruppe" label="Gruppe (Amt, Landkreis)" value={data.group} options={data.groups.map((g) => ({ value: g, label: g }))} />
        </FilterBar>
        <a href={`${base}/matrix.csv${exportQuery}`} className="btn-secondary" download>
          CSV herunterladen
        </a>
        <a href={`${base}/matrix.xlsx${exportQuery}`} className="btn-secondary" download>
          XLSX herunterladen
        </a>
        <a href={`${base}/matrix.pdf${exportQuery}`} className="btn-secondary" download>
          PDF herunterladen
        </a>
      </div>
      <Form method="post" id="matrix-bearbeiten" className="space-y-4">
        <CsrfInput />
        <input type="hidden" name="intent" value="edit" />
        <div className="overflow-x-auto">
          <table className="table table-compact" data-testid="matrix">
            <caption className="sr-only">Kommunen (Zeilen) und Programmschritte (Spalten)</caption>
            <thead>
              <tr>
                <th scope="col" className="sticky left-0 z-10">
                  Kommune (Version)
                </th>
                {data.columns.map((c) => (
                  <th scope="col" key={c.key} className="min-w-36 align-bottom text-xs">
                    <span className="block font-normal text-slate-700">{c.phase}</span>
                    {c.title}
                    <span className="block font-normal text-slate-700">{c.responsibleRole}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r) => (
                <tr key={r.municipalityId} data-testid="matrix-row">
                  <th scope="row" className="sticky left-0 z-10 bg-white text-sm">
                    {r.name}
                    <span className={`badge ml-1 block w-fit ${r.templateVersion < data.latestVersion ? "border border-amber-700 bg-amber-100 text-amber-900" : "bg-slate-100 text-slate-800"}`}>
                      {`Version ${r.templateVersion}${r.templateVersion < data.latestVersion ? " (älter)" : ""}`}
                    </span>
                  </th>
                  {r.cells.map((cell, i) => {
                    const col = data.columns[i];
                    if (!cell) return <td key={col.key} className="text-xs text-slate-700">–</td>;
                    const id = `zelle-${cell.id}`;
                    return (
                      <td key={col.key} data-testid="matrix-cell" className={`text-xs ${cell.overdue ? "border-2 border-red-700 bg-red-50" : cell.status === "confirmed" ? "bg-green-50" : ""}`}>
                        {data.canEdit ? <input type="checkbox" id={id} name="cells" value={`${cell.id}:${cell.version}`} className="mr-1 h-4 w-4 align-text-bottom" /> : null}
                        <label htmlFor={data.canEdit ? id : undefined} className="font-medium">
                          <span aria-hidden="true">{`${STATUS_MARK[cell.status]} `}</span>
                          {cell.status === "confirmed" ? "bestätigt" : STEP_STATUS_LABELS[cell.status]}
                          <span className="sr-only">{`: ${r.name}, ${col.title}`}</span>
                        </label>
                        <span className="block">{`${cell.percent} % · fällig ${formatDate(cell.dueDate)}`}</span>
                        <span className="block text-slate-700">{cell.ownerName ?? "niemand zuständig"}</span>
                        {cell.overdue ? <strong className="block text-red-800">⚠ überfällig</strong> : null}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {data.rows.length === 0 ? <p className="alert-info">Dieses Programm läuft in keiner Ihrer Kommunen{data.group ? " dieser Gruppe" : ""}.</p> : null}
        <Pagination page={data.page} pages={data.pages} label="Seiten der Matrix" drop={["ausgerollt"]} />
        {data.canEdit && data.rows.length ? (
          <fieldset className="card space-y-3">
            <legend className="px-1 font-semibold">Gewählte Zellen gesammelt ändern</legend>
            <p className="text-sm text-slate-700">Leere Felder bleiben unverändert. „Bestätigt“ setzt nur die Kommune selbst.</p>
            <div className="grid gap-3 md:grid-cols-4">
              <div>
                <label htmlFor="status" className="label">
                  Status
                </label>
                <select id="status" name="status" className="input" defaultValue="" aria-describedby={described("status")} aria-invalid={errors.status ? true : undefined}>
                  <option value="">unverändert</option>
                  <option value="open">offen</option>
                  <option value="inProgress">in Arbeit</option>
                  <option value="done">erledigt</option>
                </select>
                <FieldError id="status-error" errors={errors.status} />
              </div>
              <div>
                <label htmlFor="ownerName" className="label">
                  Zuständig
                </label>
                <input id="ownerName" name="ownerName" className="input" aria-describedby={described("ownerName")} aria-invalid={errors.ownerName ? true : undefined} />
                <FieldError id="ownerName-error" errors={errors.ownerName} />
                <div className="mt-1 flex items-center gap-2">
                  <input id="clearOwner" name="clearOwner" type="checkbox" value="1" className="h-4 w-4" />
                  <label htmlFor="clearOwner" className="text-sm">
                    Zuständigkeit entfernen
                  </label>
                </div>
              </div>
              <div>
                <label htmlFor="dueDate" className="label">
                  Fällig am (TT.MM.JJJJ)
                </label>
                <input id="dueDate" name="dueDate" className="input" aria-describedby={described("dueDate")} aria-invalid={errors.dueDate ? true : undefined} />
                <FieldError id="dueDate-error" errors={errors.dueDate} />
              </div>
              <div>
                <label htmlFor="checklistDone" className="label">
                  Erledigte Checklistenpunkte
                </label>
                <input id="checklistDone" name="checklistDone" inputMode="numeric" className="input" aria-describedby={described("checklistDone")} aria-invalid={errors.checklistDone ? true : undefined} />
                <FieldError id="checklistDone-error" errors={errors.checklistDone} />
              </div>
            </div>
            <button type="submit" className="btn-primary" disabled={busy}>
              Gewählte Zellen ändern
            </button>
          </fieldset>
        ) : null}
      </Form>
      {data.canUpgrade && data.outdated.length ? (
        <Form method="post" className="card space-y-3">
          <CsrfInput />
          <input type="hidden" name="intent" value="upgrade" />
          <fieldset>
            <legend className="font-semibold">Auf Version {data.latestVersion} umstellen</legend>
            <p className="text-sm text-slate-700">Es ändern sich nur Schritte, die noch nicht begonnen sind; begonnene bleiben, wie sie sind.</p>
            <ul className="mt-2 grid gap-1 md:grid-cols-3">
              {data.outdated.map((o) => (
                <li key={o.municipalityId} className="flex items-center gap-2">
                  <input type="checkbox" id={`umstellen-${o.municipalityId}`} name="municipalityIds" value={o.municipalityId} defaultChecked className="h-4 w-4" />
                  <label htmlFor={`umstellen-${o.municipalityId}`} className="text-sm">
                    {o.name} (Version {o.templateVersion})
                  </label>
                </li>
              ))}
            </ul>
            <FieldError id="municipalityIds-error" errors={errors.municipalityIds} />
          </fieldset>
          <button type="submit" className="btn-secondary" disabled={busy}>
            Gewählte Kommunen umstellen
          </button>
        </Form>
      ) : null}
    </div>
  );
}
