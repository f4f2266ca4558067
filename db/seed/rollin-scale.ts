import { eq } from "drizzle-orm";
import { addDaysIso } from "../../app/utils/calendar";
import * as s from "../schema";
import type { ProgrammeDefinition } from "../../app/areas/rollin/programme-template";
import { rollOutInTransaction } from "../../app/areas/rollin/programmes.server";
import { providerCallerFor } from "../../app/areas/rollin/provider.server";
import type { Db, Tx } from "../../app/utils/db.server";
import type { ScaleContext } from "./scale";

export const ROLLIN_SCALE_KOMMUNEN = 211;
export const ROLLIN_SCALE_EMAIL = "koordination@rollin-scale.example";

const STEP_TITLES = [
  "Ansprechpersonen benennen",
  "Servicekonto anbinden",
  "Postfach einrichten",
  "Verarbeitungsverzeichnis ergänzen",
  "Anbindungsfragebogen ausfüllen",
  "Gebühren hinterlegen",
  "Leistung aktivieren",
  "Produktivtest",
  "Schulung der Sachbearbeitung",
  "Bekanntmachung",
];

/**
 * A Roll-in-Service for 211 Kommunen (as many municipal administrations as Brandenburg connects),
 * in 14 Landkreis groups, with a 10-step programme rolled into all of them and the steps in
 * mixed states, so the cockpit and the matrix are measured at that size.
 */
export function seedRollinScale(db: Db, ctx: ScaleContext): void {
  const kommunen = ctx.municipalities.slice(0, ROLLIN_SCALE_KOMMUNEN);
  if (!kommunen.length) return;
  const passwordHash = db.select({ hash: s.users.passwordHash }).from(s.users).where(eq(s.users.id, kommunen[0].userIds[0])).get()!.hash;
  const providerId = db.insert(s.serviceProviders).values({ name: "Roll-in-Service Skala (211 Kommunen)" }).returning({ id: s.serviceProviders.id }).get().id;
  const userId = db.insert(s.users).values({ email: ROLLIN_SCALE_EMAIL, name: "Koordination Skala", passwordHash, serviceProviderId: providerId }).returning({ id: s.users.id }).get().id;
  db.insert(s.providerStaff).values({ userId, serviceProviderId: providerId, role: "coordinator" }).run();
  kommunen.forEach((m, i) => {
    db.insert(s.providerAssignments).values({ serviceProviderId: providerId, municipalityId: m.id }).run();
    db.insert(s.providerGroups).values({ serviceProviderId: providerId, municipalityId: m.id, name: `Landkreis ${String((i % 14) + 1).padStart(2, "0")}` }).run();
  });
  const definition: ProgrammeDefinition = {
    phases: [0, 1, 2].map((p) => ({
      name: ["Vorbereitung", "Aktivierung", "Abschluss"][p],
      steps: STEP_TITLES.map((title, i) => ({ title, i }))
        .filter(({ i }) => (p === 0 ? i < 4 : p === 1 ? i >= 4 && i < 7 : i >= 7))
        .map(({ title, i }) => ({
          key: `schritt-${i + 1}`,
          title,
          dueInDays: 7 * (i + 1),
          responsibleRole: (["projectLead", "technicalContact", "subjectContact", "dataProtection"] as const)[i % 4],
          optional: i === 7,
          checklist: i % 3 === 0 ? ["Vorbereitet", "Geprüft", "Abgelegt"] : [],
          trainings: [],
          documents: [],
        })),
    })),
  };
  const templateId = db.insert(s.programmeTemplates).values({ serviceProviderId: providerId, name: "Anbindung EfA-Leistung (Skala)", description: "Skalierungsdaten" }).returning({ id: s.programmeTemplates.id }).get().id;
  db.insert(s.programmeTemplateVersions).values({ templateId, number: 1, definition: JSON.stringify(definition), createdByUserId: userId }).run();
  const tx = db as unknown as Tx;
  const caller = providerCallerFor(tx, userId)!;
  const start = addDaysIso(new Date().toISOString().slice(0, 10), -40);
  rollOutInTransaction(tx, caller, { templateId, municipalityIds: kommunen.map((m) => m.id), startDate: start });
  // Mixed progress: earlier steps further along, so the matrix shows every status and overdue cells.
  const steps = db.select({ id: s.programmeSteps.id, position: s.programmeSteps.position, municipalityId: s.programmeSteps.municipalityId, checklistTotal: s.programmeSteps.checklistTotal }).from(s.programmeSteps).all();
  const ids = new Set(kommunen.map((m) => m.id));
  for (const step of steps) {
    if (!ids.has(step.municipalityId)) continue;
    const r = ctx.random();
    const status = step.position < 2 ? (r < 0.6 ? "done" : r < 0.8 ? "confirmed" : "inProgress") : step.position < 5 ? (r < 0.3 ? "done" : r < 0.6 ? "inProgress" : "open") : "open";
    if (status === "open") continue;
    db.update(s.programmeSteps).set({ status, checklistDone: status === "inProgress" ? Math.min(1, step.checklistTotal) : step.checklistTotal, ownerName: "Betreuung Skala" }).where(eq(s.programmeSteps.id, step.id)).run();
  }
}
