import { type SQL, and, asc, eq, isNull, or, sql } from "drizzle-orm";
import { fundingApplications, fundingProgrammes } from "../../../db/schema";
import { auditUpdate, newValues, oldValues, writeAudit } from "../../utils/audit.server";
import type { AppContext } from "../../utils/context.server";
import { type DbOrTx, getDb, transaction } from "../../utils/db.server";
import { ConflictError, ValidationError } from "../../utils/errors";
import { forbidden, notFound } from "../../utils/http.server";
import type { Tenant } from "../../utils/tenant.server";
import { safeLinkUrl } from "../../utils/url";
import type { ProgrammeInput } from "./programme-form";
import { withoutTenantGuard } from "../../utils/tenant-guard.server";

export type FundingProgramme = typeof fundingProgrammes.$inferSelect;

/**
 * The one condition for "programmes this Kommune may see": the shared catalogue (no Kommune) plus
 * the Kommune's own programmes. Every programme read goes through here.
 */
export function visibleProgrammes(tenant: Tenant, ...conditions: (SQL | undefined)[]): SQL {
  return and(
    or(isNull(fundingProgrammes.municipalityId), eq(fundingProgrammes.municipalityId, tenant.municipalityId)),
    ...conditions,
  ) as SQL;
}

export function listProgrammes(tenant: Tenant, db: DbOrTx = getDb()): FundingProgramme[] {
  return db
    .select()
    .from(fundingProgrammes)
    .where(visibleProgrammes(tenant))
    .orderBy(asc(fundingProgrammes.name))
    .all();
}

export function findProgramme(tenant: Tenant, id: number, db: DbOrTx = getDb()): FundingProgramme | undefined {
  return db.select().from(fundingProgrammes).where(visibleProgrammes(tenant, eq(fundingProgrammes.id, id))).get();
}

/** Shared programmes are edited only by platform admins; own ones by the Kommune's programme keepers. */
export function canEditProgramme(ctx: AppContext, programme: Pick<FundingProgramme, "municipalityId">): boolean {
  if (programme.municipalityId === null) return ctx.user.isPlatformAdmin;
  return programme.municipalityId === ctx.municipalityId && ctx.can("funding.manageLocalProgrammes");
}

function values(input: ProgrammeInput) {
  const { shared: _shared, version: _version, ...rest } = input;
  if (rest.sourceUrl && !safeLinkUrl(rest.sourceUrl)) {
    throw new ValidationError({ sourceUrl: ["Bitte eine vollständige Adresse angeben, die mit https:// oder http:// beginnt."] });
  }
  return rest;
}

export function createProgramme(ctx: AppContext, input: ProgrammeInput): number {
  if (input.shared && !ctx.user.isPlatformAdmin) forbidden("Nur die Plattform-Administration pflegt den gemeinsamen Katalog.");
  if (!input.shared && !ctx.can("funding.manageLocalProgrammes")) forbidden();
  return transaction((tx) => {
    const row = tx
      .insert(fundingProgrammes)
      .values({ ...values(input), municipalityId: input.shared ? null : ctx.municipalityId })
      .returning({ id: fundingProgrammes.id })
      .get();
    writeAudit(tx, {
      actor: ctx.actor,
      municipalityId: input.shared ? null : ctx.municipalityId,
      entity: "fundingProgramme",
      entityId: row.id,
      action: "create",
      changes: newValues({ name: input.name, shared: input.shared }),
    });
    return row.id;
  });
}

export function updateProgramme(ctx: AppContext, id: number, input: ProgrammeInput): void {
  transaction((tx) => {
    const before = findProgramme(ctx, id, tx) ?? notFound();
    if (!canEditProgramme(ctx, before)) forbidden();
    const next = values(input);
    const result = tx
      .update(fundingProgrammes)
      .set({ ...next, version: input.version + 1 })
      .where(visibleProgrammes(ctx, eq(fundingProgrammes.id, id), eq(fundingProgrammes.version, input.version)))
      .run();
    if (result.changes !== 1) throw new ConflictError();
    auditUpdate(tx, {
      actor: ctx.actor,
      municipalityId: before.municipalityId,
      entity: "fundingProgramme",
      entityId: id,
      before,
      after: { ...before, ...next },
    });
  });
}

/**
 * Deletes a programme that no application uses: a Kommune's own programme by its programme
 * keepers, a shared one by platform admins. Applications of any Kommune count for a shared
 * programme (only the number is reported, never which Kommune).
 */
export function deleteProgramme(ctx: AppContext, id: number, expectedVersion: number): void {
  transaction((tx) => {
    const before = findProgramme(ctx, id, tx) ?? notFound("Dieses Förderprogramm wurde nicht gefunden.");
    if (!canEditProgramme(ctx, before)) {
      forbidden(before.municipalityId === null ? "Nur die Plattform-Administration kann Programme des gemeinsamen Katalogs löschen." : undefined);
    }
    if (before.version !== expectedVersion) throw new ConflictError();
    const used =
      withoutTenantGuard("programme-catalogue", () =>
        tx
          .select({ n: sql<number>`count(*)` })
          .from(fundingApplications)
          .where(eq(fundingApplications.programmeId, id))
          .get(),
      )?.n ?? 0;
    if (used > 0) {
      throw new ValidationError({
        form: [
          `Das Förderprogramm „${before.name}“ kann nicht gelöscht werden, weil ${used === 1 ? "ein Förderantrag es verwendet" : `${used} Förderanträge es verwenden`}. Anträge behalten ihr Programm als Grundlage des Bescheids; ein nicht mehr angebotenes Programm bitte stattdessen durch eine abgelaufene Antragsfrist kennzeichnen.`,
        ],
      });
    }
    const owner = before.municipalityId === null ? isNull(fundingProgrammes.municipalityId) : eq(fundingProgrammes.municipalityId, before.municipalityId);
    tx.delete(fundingProgrammes).where(and(eq(fundingProgrammes.id, id), owner, eq(fundingProgrammes.version, expectedVersion))).run();
    writeAudit(tx, {
      actor: ctx.actor,
      municipalityId: before.municipalityId,
      entity: "fundingProgramme",
      entityId: id,
      action: "delete",
      changes: oldValues(before),
    });
  });
}
