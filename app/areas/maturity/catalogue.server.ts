import { asc, desc, eq } from "drizzle-orm";
import { maturityCatalogues, maturityItems } from "../../../db/schema";
import { writeAudit } from "../../utils/audit.server";
import type { AreaCaller } from "../../utils/caller.server";
import { type DbOrTx, type Tx, getDb, transaction } from "../../utils/db.server";
import { ValidationError } from "../../utils/errors";
import { forbidden } from "../../utils/http.server";
import { type Catalogue, CatalogueSchema, parseCatalogueJson } from "./catalogue";
import { DEFAULT_CATALOGUE } from "./default-catalogue";

/**
 * The catalogue is platform data (no Kommune): versions are published by platform
 * administrators; an assessment keeps the version it was started with.
 */

function insertCatalogue(tx: Tx, catalogue: Catalogue, publishedByUserId: number | null): { id: number; version: number } {
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

export function latestCatalogue(db: DbOrTx = getDb()) {
  return db.select().from(maturityCatalogues).orderBy(desc(maturityCatalogues.version)).get();
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
  const items = catalogueItems(db, catalogue.id).map(({ code, area, title, levels, purposeTag, trainingTopic, recommendations }) => ({
    code, area, title, levels, purposeTag, trainingTopic, recommendations,
  }));
  return JSON.stringify({ title: catalogue.title, items }, null, 2);
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
