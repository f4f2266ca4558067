import { and, eq } from "drizzle-orm";
import * as s from "../schema";
import type { AdoptionStatus } from "../schema/efa";
import { parseOzgCatalogueCsv } from "../../app/areas/efa/catalogue";
import { EXAMPLE_CATALOGUE_FILE, exampleCatalogueCsv } from "../../app/areas/efa/catalogue.server";
import type { Db } from "../../app/utils/db.server";
import type { SeededOrganisation } from "./organisation";

/**
 * The example OZG catalogue (Beispieldaten, not the official catalogue) and a few adoptions:
 * Musterstadt has Wohngeld and the Bauantrag linked to its projects; Kleinhausen and Eichenbrück
 * connect Wohngeld through the roll-in programme they run (seeded by the rollin seed).
 */
export function seedEfa(db: Db, org: SeededOrganisation): void {
  const parsed = parseOzgCatalogueCsv(exampleCatalogueCsv());
  if (parsed.errors.length) throw new Error(`example OZG catalogue invalid: ${parsed.errors.join("; ")}`);
  for (const row of parsed.rows) {
    db.insert(s.ozgServices)
      .values({ ozgId: row.ozgId, name: row.name, themenfeld: row.themenfeld, leikaKeys: row.leikaKeys, efaProvidingLand: row.efaProvidingLand, efaStatus: row.efaStatus, source: EXAMPLE_CATALOGUE_FILE })
      .run();
  }
  const service = (name: string) => db.select({ id: s.ozgServices.id }).from(s.ozgServices).where(eq(s.ozgServices.name, name)).get()!.id;
  const project = (municipalityId: number, title: string) =>
    db.select({ id: s.projects.id }).from(s.projects).where(and(eq(s.projects.municipalityId, municipalityId), eq(s.projects.title, title))).get()?.id ?? null;
  const cdo = org.users.get("cdo@musterstadt.example") ?? null;
  const add = (municipalityId: number, name: string, status: AdoptionStatus, maturityLevel: number, projectId: number | null) =>
    db.insert(s.ozgAdoptions).values({ municipalityId, serviceId: service(name), status, maturityLevel, projectId, updatedByUserId: cdo }).run();
  const m = org.musterstadt.id;
  add(m, "Wohngeld", "connecting", 2, project(m, "Wohngeld online"));
  add(m, "Baugenehmigung (digitaler Bauantrag)", "live", 3, project(m, "Digitaler Bauantrag"));
  add(m, "Wohnsitz anmelden", "live", 4, null);
  add(m, "Bewohnerparkausweis", "live", 3, null);
  add(m, "Fischereischein", "notRelevant", 0, null);
  add(m, "Kita-Platz beantragen", "connecting", 1, null);
  const efaProgramme = "Beispiel: Anbindung einer EfA-Online-Leistung";
  for (const k of [org.kleinhausen, org.others[0]!]) add(k.id, "Wohngeld", "connecting", 1, project(k.id, efaProgramme));
}
