import { eq } from "drizzle-orm";
import { addDaysIso, todayIso } from "../../app/utils/calendar";
import * as s from "../schema";
import { EXAMPLE_TEMPLATES } from "../../app/areas/rollin/example-templates";
import { rollOutInTransaction } from "../../app/areas/rollin/programmes.server";
import { providerCallerFor } from "../../app/areas/rollin/provider.server";
import type { Db, Tx } from "../../app/utils/db.server";
import type { SeededOrganisation } from "./organisation";

/**
 * The Roll-in-Service's day in the demo: Robin coordinates, Bea looks after Kleinhausen and
 * Eichenbrück; both example templates; the EfA connection rolled into those two Kommunen, a
 * month in, with a step reported done in Kleinhausen for its CDO to confirm.
 */
export function seedRollin(db: Db, org: SeededOrganisation): void {
  const tx = db as unknown as Tx;
  const providerId = org.providerId;
  const robin = org.users.get("rollin@landesdienst.example")!;
  const passwordHash = db.select({ hash: s.users.passwordHash }).from(s.users).where(eq(s.users.id, robin)).get()!.hash;
  const bea = db
    .insert(s.users)
    .values({ email: "betreuung@landesdienst.example", name: "Bea Betreuung", passwordHash, serviceProviderId: providerId })
    .returning({ id: s.users.id })
    .get().id;
  org.users.set("betreuung@landesdienst.example", bea);
  db.insert(s.providerStaff).values([{ userId: robin, serviceProviderId: providerId, role: "coordinator" }, { userId: bea, serviceProviderId: providerId, role: "manager" }]).run();
  const [eichenbrueck, wiesengrund] = org.others;
  for (const m of [org.kleinhausen, eichenbrueck]) db.insert(s.managerAssignments).values({ serviceProviderId: providerId, municipalityId: m.id, userId: bea }).run();
  for (const [m, group] of [[org.kleinhausen, "Amt Seenland"], [eichenbrueck, "Amt Seenland"], [wiesengrund, "Landkreis Oderheide"]] as const) {
    db.insert(s.providerGroups).values({ serviceProviderId: providerId, municipalityId: m.id, name: group }).run();
  }
  // The small Gemeinden without an agenda of their own get the field the programmes go into.
  for (const m of org.others) {
    db.insert(s.fieldsOfAction).values({ municipalityId: m.id, focusArea: "topics", name: "Online-Dienste", description: "Online-Leistungen über den Roll-in-Service" }).run();
  }
  const templateIds = EXAMPLE_TEMPLATES.map((t) => {
    const id = db.insert(s.programmeTemplates).values({ serviceProviderId: providerId, name: t.name, description: t.description, isExample: true }).returning({ id: s.programmeTemplates.id }).get().id;
    db.insert(s.programmeTemplateVersions).values({ templateId: id, number: 1, definition: JSON.stringify(t.definition), createdByUserId: robin }).run();
    return id;
  });
  const caller = providerCallerFor(tx, robin)!;
  const start = addDaysIso(todayIso(), -30);
  rollOutInTransaction(tx, caller, { templateId: templateIds[0], municipalityIds: [org.kleinhausen.id, eichenbrueck.id], startDate: start });
  const steps = db.select().from(s.programmeSteps).where(eq(s.programmeSteps.municipalityId, org.kleinhausen.id)).all();
  const interest = steps.find((x) => x.stepKey === "interesse")!;
  db.update(s.programmeSteps).set({ status: "done", checklistDone: interest.checklistTotal, ownerName: "Bea Betreuung", version: interest.version + 1 }).where(eq(s.programmeSteps.id, interest.id)).run();
  db.update(s.milestones).set({ doneAt: addDaysIso(start, 6) }).where(eq(s.milestones.id, interest.milestoneId!)).run();
  const technik = steps.find((x) => x.stepKey === "technik")!;
  db.update(s.programmeSteps).set({ status: "inProgress", checklistDone: 1, ownerName: "Karl Kleinschmidt", version: technik.version + 1 }).where(eq(s.programmeSteps.id, technik.id)).run();
}
