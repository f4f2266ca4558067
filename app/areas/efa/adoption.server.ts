import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { ozgAdoptions, ozgServices, projects } from "../../../db/schema";
import type { AdoptionStatus } from "../../../db/schema/efa";
import { changedValues, newValues } from "../../utils/audit-changes";
import { writeAudit } from "../../utils/audit.server";
import type { AreaCaller } from "../../utils/caller.server";
import { type DbOrTx, type Tx, transaction } from "../../utils/db.server";
import { ConflictError, ValidationError } from "../../utils/errors";
import { assertCan } from "../../utils/permissions";
import { type Tenant, scoped, tenantRow } from "../../utils/tenant.server";
import { type AdoptionFigure, type AdoptionFormValues, adoptionKpi, figuresFor } from "./adoption";
import { catalogueHasExampleData, listOzgServices } from "./catalogue.server";

export interface AdoptionEntry extends AdoptionFigure {
  id: number;
  serviceId: number;
  projectId: number | null;
  version: number;
  updatedAt: string;
}

/** A Kommune's recorded adoptions by service id. */
export function adoptionsOf(db: DbOrTx, tenant: Tenant): Map<number, AdoptionEntry> {
  const rows = db
    .select({
      id: ozgAdoptions.id,
      serviceId: ozgAdoptions.serviceId,
      status: ozgAdoptions.status,
      maturityLevel: ozgAdoptions.maturityLevel,
      projectId: ozgAdoptions.projectId,
      version: ozgAdoptions.version,
      updatedAt: ozgAdoptions.updatedAt,
    })
    .from(ozgAdoptions)
    .where(scoped(ozgAdoptions, tenant))
    .all();
  return new Map(rows.map((r) => [r.serviceId, r]));
}

/** The Kommune's page: every catalogue service with the Kommune's status, level and project, and the KPI. */
export function kommuneOzgView(db: DbOrTx, tenant: Tenant) {
  const services = listOzgServices(db);
  const entries = adoptionsOf(db, tenant);
  const projectIds = [...entries.values()].map((e) => e.projectId).filter((id): id is number => id !== null);
  const titles = new Map(
    projectIds.length
      ? db.select({ id: projects.id, title: projects.title }).from(projects).where(scoped(projects, tenant, inArray(projects.id, projectIds))).all().map((p) => [p.id, p.title])
      : [],
  );
  const rows = services.map((s) => {
    const e = entries.get(s.id);
    return {
      service: s,
      status: (e?.status ?? "notStarted") as AdoptionStatus,
      maturityLevel: e?.maturityLevel ?? 0,
      project: e?.projectId ? { id: e.projectId, title: titles.get(e.projectId) ?? `Projekt ${e.projectId}` } : null,
      updatedAt: e?.updatedAt ?? null,
    };
  });
  return {
    rows,
    kpi: adoptionKpi(figuresFor(services.map((s) => s.id), entries)),
    exampleData: catalogueHasExampleData(services),
  };
}

/** The KPI alone (dashboard). */
export function kommuneOzgKpi(db: DbOrTx, tenant: Tenant) {
  const ids = db.select({ id: ozgServices.id }).from(ozgServices).all().map((s) => s.id);
  return adoptionKpi(figuresFor(ids, adoptionsOf(db, tenant)));
}

/** The edit page of one service: the service, the Kommune's entry (version 0 = none yet) and its projects to link. */
export function adoptionFormData(db: DbOrTx, tenant: Tenant, serviceId: number) {
  const service = db.select().from(ozgServices).where(eq(ozgServices.id, serviceId)).get();
  if (!service) return undefined;
  const entry = adoptionsOf(db, tenant).get(serviceId);
  const projectChoices = db
    .select({ id: projects.id, title: projects.title })
    .from(projects)
    .where(scoped(projects, tenant, isNull(projects.archivedAt)))
    .orderBy(asc(projects.title))
    .all();
  return {
    service,
    values: { status: entry?.status ?? "notStarted", maturityLevel: entry?.maturityLevel ?? 0, projectId: entry?.projectId ?? null, version: entry?.version ?? 0 },
    projectChoices,
  };
}

function requireService(tx: DbOrTx, serviceId: number) {
  const service = tx.select().from(ozgServices).where(eq(ozgServices.id, serviceId)).get();
  if (!service) throw new ValidationError({ form: ["Diese OZG-Leistung gibt es im Katalog nicht."] });
  return service;
}

function requireOwnProject(tx: DbOrTx, tenant: Tenant, projectId: number | null) {
  if (projectId === null) return;
  const project = tx.select({ id: projects.id }).from(projects).where(scoped(projects, tenant, eq(projects.id, projectId), isNull(projects.archivedAt))).get();
  if (!project) throw new ValidationError({ projectId: ["Bitte wählen Sie ein Projekt Ihrer Kommune."] });
}

/**
 * Writes a Kommune's adoption of a service inside the caller's transaction: inserts the entry
 * (expected version 0) or updates it if the version still matches; audited.
 */
export function writeAdoption(
  tx: Tx,
  caller: AreaCaller,
  serviceId: number,
  values: { status: AdoptionStatus; maturityLevel: number; projectId: number | null },
  expectedVersion: number,
  action: "create" | "update" | "start_connection" = "update",
): void {
  const service = requireService(tx, serviceId);
  requireOwnProject(tx, caller, values.projectId);
  const before = tx.select().from(ozgAdoptions).where(scoped(ozgAdoptions, caller, eq(ozgAdoptions.serviceId, serviceId))).get();
  const now = new Date().toISOString();
  const stored = { status: values.status, maturityLevel: values.maturityLevel, projectId: values.projectId };
  if (!before) {
    if (expectedVersion !== 0) throw new ConflictError();
    const created = tx
      .insert(ozgAdoptions)
      .values(tenantRow(caller, { serviceId, ...stored, updatedByUserId: caller.actor.userId, updatedAt: now }))
      .returning({ id: ozgAdoptions.id })
      .get();
    writeAudit(tx, {
      actor: caller.actor,
      municipalityId: caller.municipalityId,
      entity: "ozgAdoption",
      entityId: created.id,
      action: action === "update" ? "create" : action,
      changes: newValues({ service: `${service.ozgId} ${service.name}`, ...stored }),
      parent: values.projectId ? { entity: "project", id: values.projectId } : undefined,
    });
    return;
  }
  if (before.version !== expectedVersion) throw new ConflictError();
  const result = tx
    .update(ozgAdoptions)
    .set({ ...stored, updatedByUserId: caller.actor.userId, updatedAt: now, version: before.version + 1 })
    .where(scoped(ozgAdoptions, caller, eq(ozgAdoptions.id, before.id), eq(ozgAdoptions.version, expectedVersion)))
    .run();
  if (result.changes !== 1) throw new ConflictError();
  writeAudit(tx, {
    actor: caller.actor,
    municipalityId: caller.municipalityId,
    entity: "ozgAdoption",
    entityId: before.id,
    action: action === "create" ? "update" : action,
    changes: changedValues(
      { status: before.status, maturityLevel: before.maturityLevel, projectId: before.projectId },
      stored,
    ),
    details: { service: `${service.ozgId} ${service.name}` },
    parent: values.projectId ? { entity: "project", id: values.projectId } : undefined,
  });
}

/** The Kommune sets status, level and project of a service (form with version check). */
export function setOzgAdoption(caller: AreaCaller, serviceId: number, input: AdoptionFormValues): void {
  assertCan(caller, "ozg.edit");
  transaction((tx) => writeAdoption(tx, caller, serviceId, input, input.version));
}

/** Adoptions of several Kommunen (provider matrix); only for ids the caller already resolved. */
export function adoptionsOfMany(db: DbOrTx, municipalityIds: readonly number[]) {
  if (!municipalityIds.length) return [];
  return db
    .select({ municipalityId: ozgAdoptions.municipalityId, serviceId: ozgAdoptions.serviceId, status: ozgAdoptions.status, maturityLevel: ozgAdoptions.maturityLevel, projectId: ozgAdoptions.projectId })
    .from(ozgAdoptions)
    .where(and(inArray(ozgAdoptions.municipalityId, [...municipalityIds])))
    .all();
}
