import { count, eq } from "drizzle-orm";
import { employees, units } from "../../../db/schema";
import type { UnitKind } from "../../../db/schema/org";
import { auditUpdate, newValues, writeAudit } from "../../utils/audit.server";
import type { AppContext } from "../../utils/context.server";
import { type DbOrTx, getDb, transaction } from "../../utils/db.server";
import { ValidationError } from "../../utils/errors";
import { type Tenant, scoped, tenantRow, updateVersioned } from "../../utils/tenant.server";
import { placementError, treeOrder, unitPath } from "./unit-tree";
import { assertCan } from "../../utils/permissions";

export interface UnitInput {
  name: string;
  shortName: string | null;
  kind: UnitKind;
  parentId: number | null;
}

function unitNodes(db: DbOrTx, tenant: Tenant) {
  return db
    .select({ id: units.id, parentId: units.parentId, kind: units.kind, name: units.name })
    .from(units)
    .where(scoped(units, tenant))
    .all();
}

/** The Kommune's units in tree order, with direct employee counts and the version for editing. */
export function listUnitTree(tenant: Tenant) {
  const rows = getDb()
    .select({
      id: units.id,
      parentId: units.parentId,
      kind: units.kind,
      name: units.name,
      shortName: units.shortName,
      version: units.version,
      employeeCount: count(employees.id),
    })
    .from(units)
    .leftJoin(employees, eq(employees.unitId, units.id))
    .where(scoped(units, tenant))
    .groupBy(units.id)
    .all();
  return treeOrder(rows);
}

/** Select options "Parent › Child" for choosing a parent or a unit. */
export function unitOptions(tenant: Tenant) {
  const nodes = unitNodes(getDb(), tenant);
  return treeOrder(nodes).map((u) => ({ id: u.id, label: unitPath(nodes, u.id) }));
}

export function getUnit(tenant: Tenant, unitId: number) {
  return getDb().select().from(units).where(scoped(units, tenant, eq(units.id, unitId))).get();
}

function checkPlacement(tx: DbOrTx, tenant: Tenant, unitId: number | null, input: UnitInput) {
  const error = placementError(unitNodes(tx, tenant), { unitId, kind: input.kind, parentId: input.parentId });
  if (error) throw new ValidationError({ parentId: [error] });
}

export function createUnit(ctx: AppContext, input: UnitInput): number {
  assertCan(ctx, "org.edit");
  return transaction((tx) => {
    checkPlacement(tx, ctx, null, input);
    const id = tx.insert(units).values(tenantRow(ctx, input)).returning({ id: units.id }).get().id;
    writeAudit(tx, {
      actor: ctx.actor,
      municipalityId: ctx.municipalityId,
      entity: "unit",
      entityId: id,
      action: "create",
      changes: newValues(input),
    });
    return id;
  });
}

/** Renames, re-types or moves a unit; the version guards against overwriting a concurrent edit. */
export function updateUnit(ctx: AppContext, unitId: number, expectedVersion: number, input: UnitInput): void {
  assertCan(ctx, "org.edit");
  transaction((tx) => {
    const before = tx.select().from(units).where(scoped(units, ctx, eq(units.id, unitId))).get();
    if (!before) throw new ValidationError({ name: ["Diese Einheit gibt es nicht mehr."] });
    checkPlacement(tx, ctx, unitId, input);
    const children = unitNodes(tx, ctx).filter((n) => n.parentId === unitId);
    if (children.some((c) => c.kind !== input.kind)) {
      throw new ValidationError({
        kind: ["Die Art kann nicht geändert werden, solange Untereinheiten der bisherigen Art darunter stehen."],
      });
    }
    updateVersioned(tx, units, ctx, unitId, expectedVersion, { ...input });
    auditUpdate(tx, {
      actor: ctx.actor,
      municipalityId: ctx.municipalityId,
      entity: "unit",
      entityId: unitId,
      before: { name: before.name, shortName: before.shortName, kind: before.kind, parentId: before.parentId },
      after: { ...input },
    });
  });
}
