import { and, eq, gt } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, managerAssignments, providerStaff, serviceProviders, users } from "../../db/schema";
import { assignManagerBulk, providerCallerFor } from "~/areas/rollin/provider.server";
import { getDb } from "~/utils/db.server";
import { loader as cockpitLoader } from "~/routes/_app.roll-in._index";
import { action, loader } from "~/routes/_app.roll-in.zuordnung";
import { auditCount, municipalityId, userId } from "../support/foundation";
import { callAction, callLoader, signIn } from "../support/requests";
import "~/areas/registrations.server";

const COORDINATOR = "rollin@landesdienst.example";
const MANAGER = "betreuung@landesdienst.example";

interface Row {
  name: string;
  group: string | null;
  managers: { userId: number; name: string }[];
}
const names = (rows: Row[]) => rows.map((r) => r.name);
const assignmentRows = () => getDb().select().from(managerAssignments).all();
const page = async (query = "") => (await callLoader(loader, `/roll-in/zuordnung${query}`, { caller: await signIn(COORDINATOR) })).json();
const assign = async (userIdValue: number | string, kommunen: number[], as = COORDINATOR) =>
  callAction(action, "/roll-in/zuordnung", { caller: await signIn(as), form: { intent: "assign", userId: String(userIdValue), municipalityIds: kommunen.map(String) } });

/** A person of a provider with a provider role, inserted the way the seeds do. */
function providerPerson(email: string, name: string, serviceProviderId: number, role: "coordinator" | "manager") {
  const id = getDb().insert(users).values({ email, name, passwordHash: "x", serviceProviderId }).returning({ id: users.id }).get().id;
  getDb().insert(providerStaff).values({ userId: id, serviceProviderId, role }).run();
  return id;
}

describe("Roll-in: the coordinator assigns Kommunen to managers (/roll-in/zuordnung)", () => {
  it("the coordinator sees all of the provider's Kommunen with group and managers; the Kommune without one is a gap", async () => {
    const data = await page();
    expect(names(data.rows)).toEqual(["Eichenbrück", "Kleinhausen", "Wiesengrund"]);
    expect(data.total).toBe(3);
    expect(data.rows.find((r: Row) => r.name === "Kleinhausen")).toMatchObject({ group: "Amt Seenland", managers: [{ name: "Bea Betreuung" }] });
    expect(data.rows.find((r: Row) => r.name === "Wiesengrund")).toMatchObject({ group: "Landkreis Oderheide", managers: [] });
    expect(data.withoutManager).toBe(1);
    expect(data.managers).toEqual([{ userId: userId(MANAGER), name: "Bea Betreuung", email: MANAGER, count: 2 }]);
    // the coordinator is no manager: not offered in the select
    expect(data.managers.map((m: { email: string }) => m.email)).not.toContain(COORDINATOR);
    expect(names((await page("?betreuung=ohne")).rows)).toEqual(["Wiesengrund"]);
    expect(names((await page(`?betreuung=${userId(MANAGER)}`)).rows)).toEqual(["Eichenbrück", "Kleinhausen"]);
    expect(names((await page("?gruppe=Amt%20Seenland&suche=KLEIN")).rows)).toEqual(["Kleinhausen"]);
    // unknown filter values fall back to "alle"
    const lenient = await page("?gruppe=Nirgendwo&betreuung=99999");
    expect(lenient.query).toMatchObject({ group: null, manager: null });
    expect(lenient.shown).toBe(3);
    // the tab shows for the coordinator only
    expect((await (await callLoader(cockpitLoader, "/roll-in", { caller: await signIn(COORDINATOR) })).json()).canAssign).toBe(true);
    expect((await (await callLoader(cockpitLoader, "/roll-in", { caller: await signIn(MANAGER) })).json()).canAssign).toBe(false);
  });

  it("a manager gets 403 on the page and on both actions; nothing changes", async () => {
    const bea = await signIn(MANAGER);
    const before = assignmentRows().length;
    const audits = auditCount();
    expect((await callLoader(loader, "/roll-in/zuordnung", { caller: bea })).status).toBe(403);
    expect((await assign(userId(MANAGER), [municipalityId("Kleinhausen")], MANAGER)).status).toBe(403);
    const unassign = await callAction(action, "/roll-in/zuordnung", { caller: bea, form: { intent: "unassign", assignment: `${userId(MANAGER)}:${municipalityId("Kleinhausen")}` } });
    expect(unassign.status).toBe(403);
    // a Kommune's own user as well
    expect((await callLoader(loader, "/roll-in/zuordnung", { caller: await signIn("cdo@kleinhausen.example") })).status).toBe(403);
    expect(assignmentRows()).toHaveLength(before);
    expect(auditCount()).toBe(audits);
  });

  it("refuses a foreign Kommune, a foreign provider's manager and a person who is no manager, with German messages at the field; nothing is saved", async () => {
    const before = assignmentRows().length;
    const audits = auditCount();
    const foreignKommune = await assign(userId(MANAGER), [municipalityId("Wiesengrund"), municipalityId("Musterstadt")]);
    expect(foreignKommune.status).toBe(400);
    expect((await foreignKommune.json()).result.error.municipalityIds).toEqual(["Mindestens eine der gewählten Kommunen betreut Ihr Roll-in-Service nicht. Es wurde nichts gespeichert."]);

    const otherProvider = getDb().insert(serviceProviders).values({ name: "Anderer Landesdienst" }).returning({ id: serviceProviders.id }).get().id;
    const stranger = providerPerson("fremd@anderer-dienst.example", "Fritz Fremd", otherProvider, "manager");
    const foreignManager = await assign(stranger, [municipalityId("Wiesengrund")]);
    expect(foreignManager.status).toBe(400);
    expect((await foreignManager.json()).result.error.userId).toEqual(["Bitte wählen Sie eine Betreuerin oder einen Betreuer Ihres Roll-in-Service."]);
    // the coordinator (no manager) and a Kommune's CDO are no choice either
    for (const person of [COORDINATOR, "cdo@kleinhausen.example"]) {
      const res = await assign(userId(person), [municipalityId("Wiesengrund")]);
      expect(res.status).toBe(400);
      expect((await res.json()).result.error.userId[0]).toContain("Betreuerin oder einen Betreuer Ihres Roll-in-Service");
    }

    const nothingChosen = await callAction(action, "/roll-in/zuordnung", { caller: await signIn(COORDINATOR), form: { intent: "assign", userId: String(userId(MANAGER)) } });
    expect(nothingChosen.status).toBe(400);
    expect((await nothingChosen.json()).result.error.municipalityIds).toEqual(["Bitte wählen Sie mindestens eine Kommune."]);
    const noPerson = await assign("", [municipalityId("Wiesengrund")]);
    expect(noPerson.status).toBe(400);
    expect((await noPerson.json()).result.error.userId).toEqual(["Bitte wählen Sie eine Betreuerin oder einen Betreuer."]);
    const allKnown = await assign(userId(MANAGER), [municipalityId("Kleinhausen"), municipalityId("Eichenbrück")]);
    expect(allKnown.status).toBe(400);
    expect((await allKnown.json()).result.error.municipalityIds).toEqual(["Die gewählten Kommunen sind der Person bereits alle zugeordnet."]);

    expect(assignmentRows()).toHaveLength(before);
    expect(auditCount()).toBe(audits);
  });

  it("a failure in the middle of a bulk assignment rolls back the rows written before it", () => {
    const before = assignmentRows();
    const audits = auditCount();
    const coordinator = providerCallerFor(getDb(), userId(COORDINATOR))!;
    // A forged caller whose list holds a Kommune that does not exist: the first insert succeeds, the second fails.
    const forged = { ...coordinator, municipalityIds: [...coordinator.municipalityIds, 999_999] };
    expect(() => assignManagerBulk(forged, { userId: userId(MANAGER), municipalityIds: [municipalityId("Wiesengrund"), 999_999] })).toThrow(/FOREIGN KEY/);
    expect(assignmentRows()).toEqual(before);
    expect(auditCount()).toBe(audits);
  });

  it("assigns several Kommunen to a manager at once, audits each in its Kommune; the manager's cockpit then lists them", async () => {
    const provider = providerCallerFor(getDb(), userId(COORDINATOR))!.serviceProviderId;
    const carla = providerPerson("carla@landesdienst.example", "Carla Zweitbetreuung", provider, "manager");
    const lastAudit = getDb().select({ id: auditLog.id }).from(auditLog).all().at(-1)!.id;
    const all = ["Eichenbrück", "Kleinhausen", "Wiesengrund"].map(municipalityId);
    const res = await assign(carla, all);
    expect(res.status).toBe(200);
    expect((await res.json()).message).toBe("3 Kommunen sind jetzt Carla Zweitbetreuung zugeordnet: Eichenbrück, Kleinhausen, Wiesengrund.");
    const entries = getDb().select().from(auditLog).where(and(gt(auditLog.id, lastAudit), eq(auditLog.entity, "managerAssignment"))).all();
    expect(entries.map((e) => [e.municipalityId, e.action, e.actorLabel])).toEqual(all.map((id) => [id, "assign", COORDINATOR]));
    expect(entries.every((e) => e.changes.includes("carla@landesdienst.example"))).toBe(true);
    expect([...providerCallerFor(getDb(), carla)!.municipalityIds].sort()).toEqual([...all].sort());

    // Bea gets Wiesengrund; Kleinhausen she already has is reported, not doubled
    const bea = await assign(userId(MANAGER), [municipalityId("Wiesengrund"), municipalityId("Kleinhausen")]);
    expect(bea.status).toBe(200);
    expect((await bea.json()).message).toBe("Wiesengrund ist jetzt Bea Betreuung zugeordnet. Schon vorher zugeordnet: Kleinhausen.");
    expect(getDb().select().from(managerAssignments).where(eq(managerAssignments.userId, userId(MANAGER))).all()).toHaveLength(3);
    expect(providerCallerFor(getDb(), userId(MANAGER))!.municipalityIds).toContain(municipalityId("Wiesengrund"));
    const cockpit = await (await callLoader(cockpitLoader, "/roll-in", { caller: await signIn(MANAGER) })).json();
    expect(names(cockpit.rows)).toEqual(["Eichenbrück", "Kleinhausen", "Wiesengrund"]);

    const data = await page();
    expect(data.withoutManager).toBe(0);
    expect(data.managers.map((m: { name: string; count: number }) => [m.name, m.count])).toEqual([
      ["Bea Betreuung", 3],
      ["Carla Zweitbetreuung", 3],
    ]);
    expect(data.rows.find((r: Row) => r.name === "Wiesengrund").managers.map((m: { name: string }) => m.name)).toEqual(["Bea Betreuung", "Carla Zweitbetreuung"]);
  });

  it("removes one assignment (audited); the manager no longer acts for the Kommune; a second removal is a German error", async () => {
    const robin = await signIn(COORDINATOR);
    const assignment = `${userId(MANAGER)}:${municipalityId("Wiesengrund")}`;
    const audits = auditCount();
    const res = await callAction(action, "/roll-in/zuordnung", { caller: robin, form: { intent: "unassign", assignment } });
    expect(res.status).toBe(200);
    expect((await res.json()).message).toBe("Wiesengrund ist Bea Betreuung nicht mehr zugeordnet.");
    expect(auditCount()).toBe(audits + 1);
    const entry = getDb().select().from(auditLog).all().at(-1)!;
    expect([entry.entity, entry.action, entry.municipalityId]).toEqual(["managerAssignment", "unassign", municipalityId("Wiesengrund")]);
    expect(providerCallerFor(getDb(), userId(MANAGER))!.municipalityIds).not.toContain(municipalityId("Wiesengrund"));
    const cockpit = await (await callLoader(cockpitLoader, "/roll-in", { caller: await signIn(MANAGER) })).json();
    expect(names(cockpit.rows)).toEqual(["Eichenbrück", "Kleinhausen"]);

    const again = await callAction(action, "/roll-in/zuordnung", { caller: robin, form: { intent: "unassign", assignment } });
    expect(again.status).toBe(400);
    expect((await again.json()).formErrors).toEqual(["Diese Zuordnung gibt es nicht (mehr)."]);
    const garbage = await callAction(action, "/roll-in/zuordnung", { caller: robin, form: { intent: "unassign", assignment: "x" } });
    expect(garbage.status).toBe(400);
    expect(auditCount()).toBe(audits + 1);
  });
});
