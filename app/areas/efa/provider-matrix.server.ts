import { and, eq } from "drizzle-orm";
import { ozgAdoptions, programmeRollouts } from "../../../db/schema";
import type { AdoptionStatus } from "../../../db/schema/efa";
import { type DbOrTx, getDb, transaction } from "../../utils/db.server";
import { type ExportFormat, exportTableResponse } from "../../utils/export-response.server";
import { todayIso } from "../../utils/format";
import { ValidationError } from "../../utils/errors";
import { type ExportTable, exportTableToCsv } from "../../utils/export-table";
import { scoped } from "../../utils/tenant.server";
import { listTemplates, previewRollout, rollOutInTransaction } from "../rollin/programmes.server";
import { assertProviderCan } from "../rollin/provider-permissions";
import { type ProviderCaller, assertActsFor, callerMunicipalities, requireProvider } from "../rollin/provider.server";
import { ADOPTION_STATUS_LABELS, type AdoptionFigure, adoptionKpi, figuresFor } from "./adoption";
import { adoptionsOfMany, writeAdoption } from "./adoption.server";
import { catalogueHasExampleData, listOzgServices } from "./catalogue.server";

export interface MatrixCell {
  status: AdoptionStatus;
  maturityLevel: number;
  projectId: number | null;
}

/**
 * Kommunen × services for the caller's Kommunen only (a manager: those assigned to them), with
 * the KPI per Kommune from the same function as the Kommune's page.
 */
export function providerOzgMatrix(db: DbOrTx, caller: ProviderCaller) {
  assertProviderCan(caller, "provider.cockpit");
  const services = listOzgServices(db);
  const kommunen = callerMunicipalities(db, caller);
  const entries = adoptionsOfMany(db, kommunen.map((k) => k.id));
  const rows = kommunen.map((k) => {
    const own = new Map(entries.filter((e) => e.municipalityId === k.id).map((e) => [e.serviceId, e]));
    const cells = services.map((s): MatrixCell => {
      const e = own.get(s.id);
      return { status: e?.status ?? "notStarted", maturityLevel: e?.maturityLevel ?? 0, projectId: e?.projectId ?? null };
    });
    const figures: AdoptionFigure[] = figuresFor(services.map((s) => s.id), own);
    return { municipality: k, cells, kpi: adoptionKpi(figures) };
  });
  return { services, rows, exampleData: catalogueHasExampleData(services) };
}

/** The matrix as a table for CSV/XLSX: one row per Kommune, one column per service. */
export function ozgMatrixTable(matrix: ReturnType<typeof providerOzgMatrix>): ExportTable {
  return {
    title: matrix.exampleData ? "OZG-Leistungen (Beispieldaten)" : "OZG-Leistungen",
    columns: [
      { header: "Kommune", kind: "text" },
      { header: "Gruppe", kind: "text" },
      { header: "Relevante Leistungen", kind: "integer" },
      { header: "Davon ab Stufe 3", kind: "integer" },
      { header: "Anteil ab Stufe 3 (%)", kind: "percent" },
      ...matrix.services.map((s) => ({ header: `${s.ozgId} ${s.name}`, kind: "text" as const })),
    ],
    rows: matrix.rows.map((r) => [
      r.municipality.name,
      r.municipality.group ?? "",
      r.kpi.relevant,
      r.kpi.atTarget,
      r.kpi.shareBp === null ? null : r.kpi.shareBp / 100,
      ...r.cells.map((c) => (c.status === "notRelevant" ? ADOPTION_STATUS_LABELS.notRelevant : `${ADOPTION_STATUS_LABELS[c.status]}, Stufe ${c.maturityLevel}`)),
    ]),
  };
}

/** The matrix of the caller's Kommunen as a German CSV file. */
export function ozgMatrixCsv(db: DbOrTx, caller: ProviderCaller): string {
  return exportTableToCsv(ozgMatrixTable(providerOzgMatrix(db, caller)));
}

/** The download of the matrix (`/ozg/kommunen.csv` and `.xlsx`) for the signed-in provider staff. */
export async function ozgMatrixExport(request: Request, format: ExportFormat): Promise<Response> {
  const caller = await requireProvider(request, "provider.cockpit");
  return exportTableResponse(ozgMatrixTable(providerOzgMatrix(getDb(), caller)), format, `ozg-leistungen-kommunen-${todayIso()}`);
}

/** What the start page offers: the Kommune, the service, the provider's templates and the preview of the chosen one. */
export function connectionChoices(db: DbOrTx, caller: ProviderCaller, municipalityId: number, serviceId: number, templateId: number | null, startDate: string) {
  assertProviderCan(caller, "programme.rollOut");
  const kommune = callerMunicipalities(db, caller).find((k) => k.id === municipalityId);
  const service = listOzgServices(db).find((s) => s.id === serviceId);
  if (!kommune || !service) return undefined;
  const templates = listTemplates(db, caller).map((t) => ({ id: t.id, name: t.name, isExample: t.isExample }));
  const current = adoptionsOfMany(db, [municipalityId]).find((e) => e.serviceId === serviceId) ?? null;
  const chosen = templates.find((t) => t.id === templateId) ?? null;
  const preview = chosen ? previewRollout(db, caller, chosen.id, [municipalityId], startDate)[0]! : null;
  return { kommune, service, templates, current, chosen, preview };
}

/**
 * „Anbindung starten“: rolls the chosen programme template into the Kommune (the existing
 * roll-in, one project with the steps), links the created project to the service and sets the
 * status to „in Anbindung“. One transaction; refused if the connection already runs or the
 * service is live.
 */
export function startOzgConnection(
  caller: ProviderCaller,
  input: { municipalityId: number; serviceId: number; templateId: number; startDate: string },
): number {
  assertProviderCan(caller, "programme.rollOut");
  assertActsFor(caller, input.municipalityId, "form");
  return transaction((tx) => {
    const tenant = { municipalityId: input.municipalityId };
    const current = tx.select().from(ozgAdoptions).where(scoped(ozgAdoptions, tenant, eq(ozgAdoptions.serviceId, input.serviceId))).get();
    if (current?.status === "live") throw new ValidationError({ form: ["Die Leistung ist in dieser Kommune schon produktiv."] });
    if (current?.status === "connecting" && current.projectId) throw new ValidationError({ form: ["Die Anbindung läuft in dieser Kommune bereits (mit Projekt)."] });
    try {
      rollOutInTransaction(tx, caller, { templateId: input.templateId, municipalityIds: [input.municipalityId], startDate: input.startDate });
    } catch (error) {
      // The roll-in names its problems per Kommune; on this page they belong to the form.
      if (error instanceof ValidationError) throw new ValidationError({ form: Object.values(error.fieldErrors).flat() });
      throw error;
    }
    const rollout = tx
      .select({ projectId: programmeRollouts.projectId })
      .from(programmeRollouts)
      .where(and(eq(programmeRollouts.municipalityId, input.municipalityId), eq(programmeRollouts.templateId, input.templateId)))
      .get()!;
    const editor = { municipalityId: input.municipalityId, actor: caller.actor, role: "rollInManager" as const };
    writeAdoption(
      tx,
      editor,
      input.serviceId,
      { status: "connecting", maturityLevel: current?.maturityLevel ?? 0, projectId: rollout.projectId },
      current?.version ?? 0,
      "start_connection",
    );
    return rollout.projectId;
  });
}
