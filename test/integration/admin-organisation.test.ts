import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { units } from "../../db/schema";
import * as orgRoute from "~/routes/_app.verwaltung.organisation._index";
import * as unitRoute from "~/routes/_app.verwaltung.organisation.$unitId";
import { getDb } from "~/utils/db.server";
import { auditCount, lastAudit, municipalityId, unitByName } from "../support/foundation";
import { callAction, callLoader, signIn } from "../support/requests";

const admin = () => signIn("admin@fahrplan.example", "Musterstadt");

function unitCount() {
  return getDb().select().from(units).all().length;
}

describe("Organisation", () => {
  it("shows the Kommune's units as a tree with employee counts", async () => {
    const res = await callLoader(orgRoute.loader, "/verwaltung/organisation", { caller: await admin() });
    expect(res.status).toBe(200);
    const body = await res.json();
    const names = body.units.map((u: { name: string }) => u.name);
    expect(names.indexOf("Dezernat I – Allgemeine Verwaltung")).toBeLessThan(names.indexOf("Hauptamt"));
    expect(body.units.find((u: { name: string }) => u.name === "Hauptamt")).toMatchObject({ depth: 1, kind: "department" });
    expect(names).not.toContain("Bauhof");
    expect(body.parents.find((p: { label: string }) => p.label.endsWith("› Hauptamt"))).toBeDefined();
  });

  it("creates a nested department and audits it", async () => {
    const parent = unitByName("Musterstadt", "Hauptamt");
    const res = await callAction(orgRoute.action, "/verwaltung/organisation", {
      caller: await admin(),
      form: { name: "Poststelle", shortName: "10.3", kind: "department", parentId: String(parent.id) },
    });
    expect(res.status).toBe(302);
    const created = unitByName("Musterstadt", "Poststelle");
    expect(created).toMatchObject({ parentId: parent.id, shortName: "10.3", municipalityId: municipalityId("Musterstadt") });
    expect(lastAudit()).toMatchObject({ entity: "unit", entityId: String(created.id), action: "create" });
  });

  it("refuses invalid units with German field errors and saves nothing", async () => {
    const before = unitCount();
    const audits = auditCount();
    const empty = await callAction(orgRoute.action, "/verwaltung/organisation", { caller: await admin(), form: { name: "" } });
    expect(empty.status).toBe(400);
    const body = await empty.json();
    expect(body.error.name).toEqual(["Bitte geben Sie den Namen der Einheit ein."]);
    expect(body.error.kind).toEqual(["Bitte wählen Sie die Art der Einheit."]);

    const company = unitByName("Musterstadt", "Stadtwerke Musterstadt GmbH");
    const wrong = await callAction(orgRoute.action, "/verwaltung/organisation", {
      caller: await admin(),
      form: { name: "Amt in der GmbH", kind: "department", parentId: String(company.id) },
    });
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).error.parentId).toEqual(["Eine Verwaltungseinheit kann nur unter einer Verwaltungseinheit stehen."]);

    const foreignParent = unitByName("Kleinhausen", "Bauhof");
    const foreign = await callAction(orgRoute.action, "/verwaltung/organisation", {
      caller: await admin(),
      form: { name: "Untergeschoben", kind: "department", parentId: String(foreignParent.id) },
    });
    expect(foreign.status).toBe(400);
    expect((await foreign.json()).error.parentId).toEqual(["Diese übergeordnete Einheit gibt es in Ihrer Kommune nicht."]);
    expect(unitCount()).toBe(before);
    expect(auditCount()).toBe(audits);
  });

  it("renames and moves a unit with its version, audits before → after, and refuses cycles and stale versions", async () => {
    const caller = await admin();
    const bauamt = unitByName("Musterstadt", "Bauamt");
    const dez1 = unitByName("Musterstadt", "Dezernat I – Allgemeine Verwaltung");
    const path = `/verwaltung/organisation/${bauamt.id}`;
    const params = { unitId: String(bauamt.id) };
    const page = await (await callLoader(unitRoute.loader, path, { caller, params })).json();
    expect(page.unit).toMatchObject({ name: "Bauamt", version: bauamt.version });
    expect(page.parents.map((p: { id: number }) => p.id)).not.toContain(bauamt.id);

    const ok = await callAction(unitRoute.action, path, {
      caller,
      params,
      form: { name: "Bau- und Planungsamt", shortName: "60", kind: "department", parentId: String(dez1.id), version: String(bauamt.version) },
    });
    expect(ok.status).toBe(302);
    const moved = getDb().select().from(units).where(eq(units.id, bauamt.id)).get()!;
    expect(moved).toMatchObject({ name: "Bau- und Planungsamt", parentId: dez1.id, version: bauamt.version + 1 });
    expect(JSON.parse(lastAudit().changes).changes).toEqual({ name: { from: "Bauamt", to: "Bau- und Planungsamt" }, parentId: { from: bauamt.parentId, to: dez1.id } });

    const stale = await callAction(unitRoute.action, path, {
      caller,
      params,
      form: { name: "Bauamt alt", kind: "department", version: String(bauamt.version) },
    });
    expect(stale.status).toBe(409);
    expect((await stale.json()).error[""][0]).toMatch(/inzwischen von jemand anderem geändert/);

    const hauptamt = unitByName("Musterstadt", "Hauptamt");
    const cycle = await callAction(unitRoute.action, `/verwaltung/organisation/${dez1.id}`, {
      caller,
      params: { unitId: String(dez1.id) },
      form: { name: dez1.name, kind: "department", parentId: String(hauptamt.id), version: String(dez1.version) },
    });
    expect(cycle.status).toBe(400);
    expect((await cycle.json()).error.parentId[0]).toMatch(/unter sich selbst/);
    expect(getDb().select().from(units).where(eq(units.id, dez1.id)).get()!.parentId).toBeNull();
  });

  it("refuses changing the kind while children of the old kind sit below", async () => {
    const dez2 = unitByName("Musterstadt", "Dezernat II – Finanzen und Ordnung");
    const res = await callAction(unitRoute.action, `/verwaltung/organisation/${dez2.id}`, {
      caller: await admin(),
      params: { unitId: String(dez2.id) },
      form: { name: dez2.name, kind: "company", version: String(dez2.version) },
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.kind[0]).toMatch(/Untereinheiten der bisherigen Art/);
  });
});
