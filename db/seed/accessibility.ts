import { accessibilityFeedback } from "../schema";
import { writeAudit } from "../../app/utils/audit.server";
import type { Db } from "../../app/utils/db.server";
import type { SeededOrganisation } from "./organisation";

const DAY = 86_400_000;

/** Two reports through the Erklärung zur Barrierefreiheit, so /verwaltung/barrierefreiheit shows real entries. */
export function seedAccessibility(db: Db, org: SeededOrganisation): void {
  const now = Date.now();
  const entries = [
    {
      page: "Fahrplan (Grafik)",
      message: "Die Farben der Balken im Fahrplan kann ich mit meiner Rot-Grün-Sehschwäche kaum unterscheiden. Könnten Sie zusätzlich Muster oder Beschriftungen verwenden?",
      contactName: "Petra Sommer",
      contactEmail: "p.sommer@example.org",
      createdAt: new Date(now - 12 * DAY).toISOString(),
    },
    {
      page: null,
      message: "Der Verwendungsnachweis als PDF lässt sich mit meinem Screenreader nur Zeile für Zeile vorlesen. Gibt es die Angaben auch als Tabelle?",
      contactName: null,
      contactEmail: null,
      createdAt: new Date(now - 3 * DAY).toISOString(),
    },
  ];
  for (const entry of entries) {
    const row = db.insert(accessibilityFeedback).values({ municipalityId: org.musterstadt.id, ...entry }).returning({ id: accessibilityFeedback.id }).get();
    writeAudit(db, {
      actor: { userId: null, label: "Öffentliches Formular" },
      municipalityId: org.musterstadt.id,
      entity: "accessibilityFeedback",
      entityId: row.id,
      action: "create",
      details: { page: entry.page, withContact: entry.contactEmail !== null },
    });
  }
}
