import { asc, desc, eq, inArray, isNull } from "drizzle-orm";
import { maturityCatalogues, maturityItems, maturityProviderCatalogues, providerAssignments } from "../../../db/schema";
import { writeAudit } from "../../utils/audit.server";
import type { AreaCaller } from "../../utils/caller.server";
import { type DbOrTx, type Tx, getDb, transaction } from "../../utils/db.server";
import { ValidationError } from "../../utils/errors";
import { forbidden } from "../../utils/http.server";
import { type Catalogue, CatalogueSchema, parseCatalogueJson } from "./catalogue";
import { DEFAULT_CATALOGUE } from "./default-catalogue";

/**
 * The catalogue is platform data (no Kommune): the platform default is published by platform
 * administrators, a Roll-in-Service may publish its own versions for its Kommunen
 * (catalogue-drafts.server.ts); an assessment keeps the version it was started with.
 */

export function insertCatalogue(tx: Tx, catalogue: Catalogue, publishedByUserId: number | null): { id: number; version: number } {
  const last = tx.select({ version: maturityCatalogues.version }).from(maturityCatalogues).orderBy(desc(maturityCatalogues.version)).get();
  const version = (last?.version ?? 0) + 1;
  const row = tx.insert(maturityCatalogues).values({ version, title: catalogue.title, publishedByUserId }).returning({ id: maturityCatalogues.id }).get();
  catalogue.items.forEach((item, position) => {
    tx.insert(maturityItems).values({ catalogueId: row.id, position, ...item }).run();
  });
  return { id: row.id, version };
}

/** Start-up: publishes the shipped catalogue as version 1 when there is none yet. */
export function ensureDefaultCatalogue(db = getDb()): void {
  db.transaction((tx) => {
    if (tx.select({ id: maturityCatalogues.id }).from(maturityCatalogues).get()) return;
    insertCatalogue(tx, CatalogueSchema.parse(DEFAULT_CATALOGUE), null);
  });
}

/** The latest version of the platform default (versions a Roll-in-Service published are not). */
export function latestCatalogue(db: DbOrTx = getDb()) {
  return db
    .select({ catalogue: maturityCatalogues })
    .from(maturityCatalogues)
    .leftJoin(maturityProviderCatalogues, eq(maturityProviderCatalogues.catalogueId, maturityCatalogues.id))
    .where(isNull(maturityProviderCatalogues.catalogueId))
    .orderBy(desc(maturityCatalogues.version))
    .get()?.catalogue;
}

/** The latest version one of these Roll-in-Services published, if any. */
export function latestProviderCatalogue(db: DbOrTx, serviceProviderIds: readonly number[]) {
  if (serviceProviderIds.length === 0) return undefined;
  return db
    .select({ catalogue: maturityCatalogues })
    .from(maturityCatalogues)
    .innerJoin(maturityProviderCatalogues, eq(maturityProviderCatalogues.catalogueId, maturityCatalogues.id))
    .where(inArray(maturityProviderCatalogues.serviceProviderId, [...serviceProviderIds]))
    .orderBy(desc(maturityCatalogues.version))
    .get()?.catalogue;
}

/**
 * The catalogue a Kommune's new assessment uses: the latest version its Roll-in-Service published
 * for its Kommunen, else the latest platform default.
 */
export function catalogueFor(db: DbOrTx, municipalityId: number) {
  const providers = db.select({ id: providerAssignments.serviceProviderId }).from(providerAssignments).where(eq(providerAssignments.municipalityId, municipalityId)).all().map((r) => r.id);
  return latestProviderCatalogue(db, providers) ?? latestCatalogue(db);
}

export function listCatalogues(db: DbOrTx = getDb()) {
  return db.select().from(maturityCatalogues).orderBy(desc(maturityCatalogues.version)).all();
}

export function catalogueItems(db: DbOrTx, catalogueId: number) {
  return db.select().from(maturityItems).where(eq(maturityItems.catalogueId, catalogueId)).orderBy(asc(maturityItems.position)).all();
}

/** The latest catalogue as JSON in the upload format, as the starting point for a new version. */
export function catalogueJson(db: DbOrTx = getDb()): string {
  const catalogue = latestCatalogue(db);
  if (!catalogue) return JSON.stringify(DEFAULT_CATALOGUE, null, 2);
  return catalogueSource(catalogue.title, catalogueItems(db, catalogue.id));
}

/** A published version's items in the upload format (JSON), the starting point of the next version. */
export function catalogueSource(title: string, rows: ReturnType<typeof catalogueItems>): string {
  const items = rows.map(({ code, area, title, levels, purposeTag, trainingTopic, recommendations }) => ({
    code, area, title, levels, purposeTag, trainingTopic, recommendations,
  }));
  return JSON.stringify({ title, items }, null, 2);
}

/** Publishes a new catalogue version from uploaded JSON; only platform administrators may. */
export function publishCatalogue(caller: AreaCaller & { user: { isPlatformAdmin: boolean } }, source: string): { version: number } {
  if (!caller.user.isPlatformAdmin) forbidden("Nur die Plattform-Administration veröffentlicht den Reifegradkatalog.");
  const parsed = parseCatalogueJson(source);
  if (!parsed.ok) throw new ValidationError({ source: parsed.errors });
  return transaction((tx) => {
    const { id, version } = insertCatalogue(tx, parsed.catalogue, caller.actor.userId);
    writeAudit(tx, {
      actor: caller.actor,
      municipalityId: null,
      entity: "maturityCatalogue",
      entityId: id,
      action: "publish",
      details: { version, title: parsed.catalogue.title, items: parsed.catalogue.items.length },
    });
    return { version };
  });
}
