import fs from "node:fs";
import path from "node:path";
import { asc, eq } from "drizzle-orm";
import { ozgServices } from "../../../db/schema";
import type { ProviderRole } from "../../../db/schema/rollin";
import { type Actor, writeAudit } from "../../utils/audit.server";
import { type DbOrTx, transaction } from "../../utils/db.server";
import { templatesDirectory } from "../../reports/templates.server";
import { assertProviderCan, providerCan } from "../rollin/provider-permissions";
import { type OzgServiceRow, isExampleSource, parseOzgCatalogueCsv } from "./catalogue";

/** The shipped example file: a handful of services, marked as example data in its name and on every page. */
export const EXAMPLE_CATALOGUE_FILE = "ozg-katalog-beispieldaten.csv";

export function exampleCatalogueCsv(): string {
  return fs.readFileSync(path.join(templatesDirectory(), "beispieldaten", EXAMPLE_CATALOGUE_FILE), "utf8");
}

/**
 * Who imports the platform-wide catalogue: a platform administrator, or a Roll-in-Service person
 * whose provider role allows it (coordination). Built by the route from the session.
 */
export interface CatalogueImporter {
  readonly actor: Actor;
  readonly isPlatformAdmin: boolean;
  readonly providerRole: ProviderRole | null;
}

export function canImportCatalogue(importer: CatalogueImporter): boolean {
  return importer.isPlatformAdmin || providerCan(importer.providerRole, "ozg.importCatalogue");
}

export type CatalogueImportResult = { ok: true; created: number; updated: number; unchanged: number } | { ok: false; errors: string[] };

const sameValues = (a: typeof ozgServices.$inferSelect, b: OzgServiceRow) =>
  a.name === b.name &&
  a.themenfeld === b.themenfeld &&
  JSON.stringify(a.leikaKeys) === JSON.stringify(b.leikaKeys) &&
  a.efaProvidingLand === b.efaProvidingLand &&
  a.efaStatus === b.efaStatus;

/**
 * Imports a catalogue file, all or nothing: any bad row → nothing saved, every problem listed
 * with its line. Known OZG-IDs are updated, new ones added; services missing from the file stay
 * (Kommunen may have recorded their adoption). One audit entry with the counts.
 */
export function importOzgCatalogue(importer: CatalogueImporter, text: string, fileName: string): CatalogueImportResult {
  if (!importer.isPlatformAdmin) assertProviderCan(importer, "ozg.importCatalogue");
  const parsed = parseOzgCatalogueCsv(text);
  if (parsed.errors.length) return { ok: false, errors: parsed.errors };
  const source = path.basename(fileName || "import.csv").slice(0, 200);
  return transaction((tx) => {
    const existing = new Map(tx.select().from(ozgServices).all().map((s) => [s.ozgId.toLocaleLowerCase("de-DE"), s]));
    let created = 0;
    let updated = 0;
    let unchanged = 0;
    const now = new Date().toISOString();
    for (const row of parsed.rows) {
      const values = { name: row.name, themenfeld: row.themenfeld, leikaKeys: row.leikaKeys, efaProvidingLand: row.efaProvidingLand, efaStatus: row.efaStatus };
      const before = existing.get(row.ozgId.toLocaleLowerCase("de-DE"));
      if (!before) {
        tx.insert(ozgServices).values({ ozgId: row.ozgId, ...values, source }).run();
        created++;
      } else if (sameValues(before, row)) {
        unchanged++;
      } else {
        tx.update(ozgServices).set({ ...values, source, updatedAt: now, version: before.version + 1 }).where(eq(ozgServices.id, before.id)).run();
        updated++;
      }
    }
    writeAudit(tx, {
      actor: importer.actor,
      municipalityId: null,
      entity: "ozgService",
      action: "import",
      details: { fileName: source, created, updated, unchanged, exampleData: isExampleSource(source) },
    });
    return { ok: true as const, created, updated, unchanged };
  });
}

/** The whole catalogue, by Themenfeld and name. */
export function listOzgServices(db: DbOrTx) {
  return db.select().from(ozgServices).orderBy(asc(ozgServices.themenfeld), asc(ozgServices.name)).all();
}

/** Whether the catalogue (or part of it) comes from an example file, so pages say „Beispieldaten“. */
export function catalogueHasExampleData(services: readonly { source: string }[]): boolean {
  return services.some((s) => isExampleSource(s.source));
}
