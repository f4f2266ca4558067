import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { memberships, users } from "../../db/schema";
import { attemptLogin } from "~/areas/auth/login.server";
import * as listRoute from "~/routes/_app.verwaltung.benutzer._index";
import * as newRoute from "~/routes/_app.verwaltung.benutzer.neu";
import * as editRoute from "~/routes/_app.verwaltung.benutzer.$membershipId";
import { getDb } from "~/utils/db.server";
import { auditCount, lastAudit, membershipOf, unlinkedEmployee, userId } from "../support/foundation";
import { callAction, callLoader, signIn } from "../support/requests";

const admin = () => signIn("admin@fahrplan.example", "Musterstadt");

function userCount() {
  return getDb().select().from(users).all().length;
}

describe("Benutzer und Rollen", () => {
  it("lists the members of the current Kommune only, plus the Roll-in-Service managers with access", async () => {
    const res = await callLoader(listRoute.loader, "/verwaltung/benutzer", { caller: await admin() });
    expect(res.status).toBe(200);
    const body = await res.json();
    const emails = body.members.map((m: { email: string }) => m.email);
    expect(emails).toContain("cdo@musterstadt.example");
    expect(emails).not.toContain("cdo@kleinhausen.example");
    expect(body.managers).toEqual([]);

    const inKleinhausen = await signIn("admin@fahrplan.example", "Kleinhausen");
    const k = await (await callLoader(listRoute.loader, "/verwaltung/benutzer", { caller: inKleinhausen })).json();
    expect(k.members.map((m: { email: string }) => m.email).sort()).toEqual(["admin@fahrplan.example", "cdo@kleinhausen.example", "digital@amt-seenland.example"]);
    // The manager appears only where assigned (Kleinhausen yes, Wiesengrund no: see rollin.test.ts).
    expect(k.managers.map((m: { email: string }) => m.email)).toEqual(["betreuung@landesdienst.example", "rollin@landesdienst.example"]);
  });

  it("adds a new person with a login, a linked employee and audit entries; the person can sign in", async () => {
    const employee = unlinkedEmployee("Musterstadt");
    const res = await callAction(newRoute.action, "/verwaltung/benutzer/neu", {
      caller: await admin(),
      form: {
        email: "Neu.Person@Musterstadt.example",
        name: "Nina Neu",
        role: "projectLead",
        password: "ein-langes-Startpasswort",
        employeeId: String(employee.id),
      },
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/verwaltung/benutzer?hinweis=angelegt");
    const membership = membershipOf("neu.person@musterstadt.example", "Musterstadt")!;
    expect(membership).toMatchObject({ role: "projectLead", employeeId: employee.id });
    expect(lastAudit()).toMatchObject({ entity: "membership", action: "create", actorLabel: "admin@fahrplan.example" });
    const login = await attemptLogin("neu.person@musterstadt.example", "ein-langes-Startpasswort", "10.5.0.1");
    expect(login.ok).toBe(true);
  });

  it("adds an existing login of another Kommune as member without touching its password", async () => {
    const before = getDb().select().from(users).where(eq(users.email, "cdo@kleinhausen.example")).get()!;
    const res = await callAction(newRoute.action, "/verwaltung/benutzer/neu", {
      caller: await admin(),
      form: { email: "cdo@kleinhausen.example", name: "Anderer Name", role: "viewer" },
    });
    expect(res.status).toBe(302);
    const after = getDb().select().from(users).where(eq(users.email, "cdo@kleinhausen.example")).get()!;
    expect(after.passwordHash).toBe(before.passwordHash);
    expect(after.name).toBe(before.name);
    expect(membershipOf("cdo@kleinhausen.example", "Musterstadt")?.role).toBe("viewer");
    expect(membershipOf("cdo@kleinhausen.example", "Kleinhausen")?.role).toBe("cdo");
  });

  it("refuses invalid input with German messages at the fields and saves nothing", async () => {
    const users0 = userCount();
    const audits0 = auditCount();
    const res = await callAction(newRoute.action, "/verwaltung/benutzer/neu", {
      caller: await admin(),
      form: { email: "keine-adresse", name: "X", role: "rollInManager", password: "kurz" },
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.email).toEqual(["Bitte geben Sie eine gültige E-Mail-Adresse ein."]);
    expect(body.error.name).toEqual(["Der Name muss mindestens 2 Zeichen lang sein."]);
    expect(body.error.role).toEqual(["Bitte wählen Sie eine Rolle."]);

    const weak = await callAction(newRoute.action, "/verwaltung/benutzer/neu", {
      caller: await admin(),
      form: { email: "schwach@musterstadt.example", name: "Svenja Schwach", role: "staff", password: "kurz" },
    });
    expect(weak.status).toBe(400);
    expect((await weak.json()).error.password).toEqual(["Das Passwort muss mindestens 12 Zeichen lang sein."]);

    const duplicate = await callAction(newRoute.action, "/verwaltung/benutzer/neu", {
      caller: await admin(),
      form: { email: "cdo@musterstadt.example", name: "Doppelt", role: "staff" },
    });
    expect(duplicate.status).toBe(400);
    expect((await duplicate.json()).error.email).toEqual(["Diese Person ist bereits Mitglied Ihrer Kommune."]);
    expect(userCount()).toBe(users0);
    expect(auditCount()).toBe(audits0);
  });

  it("refuses linking an employee of another Kommune or one already linked to another login", async () => {
    const foreign = unlinkedEmployee("Kleinhausen");
    const res = await callAction(newRoute.action, "/verwaltung/benutzer/neu", {
      caller: await admin(),
      form: { email: "fremd@musterstadt.example", name: "Frida Fremd", role: "staff", password: "ein-langes-Startpasswort", employeeId: String(foreign.id) },
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.employeeId).toEqual(["Diese Person gibt es in Ihrer Kommune nicht."]);
    expect(getDb().select().from(users).where(eq(users.email, "fremd@musterstadt.example")).get()).toBeUndefined();

    const taken = membershipOf("cdo@musterstadt.example", "Musterstadt")!.employeeId!;
    const rat = membershipOf("rat@musterstadt.example", "Musterstadt")!;
    const edit = await callAction(editRoute.action, `/verwaltung/benutzer/${rat.id}`, {
      caller: await admin(),
      params: { membershipId: String(rat.id) },
      form: { intent: "speichern", role: "viewer", employeeId: String(taken), version: String(rat.version) },
    });
    expect(edit.status).toBe(400);
    expect((await edit.json()).result.error.employeeId).toEqual(["Diese Person ist bereits mit einem anderen Konto verknüpft."]);
  });

  it("changes a role with the version, audits before → after and detects a stale version", async () => {
    const caller = await admin();
    const m = membershipOf("mitarbeiter@musterstadt.example", "Musterstadt")!;
    const path = `/verwaltung/benutzer/${m.id}`;
    const page = await (await callLoader(editRoute.loader, path, { caller, params: { membershipId: String(m.id) } })).json();
    expect(page.member).toMatchObject({ email: "mitarbeiter@musterstadt.example", role: "staff", version: m.version });

    const ok = await callAction(editRoute.action, path, {
      caller,
      params: { membershipId: String(m.id) },
      form: { intent: "speichern", role: "projectLead", employeeId: String(m.employeeId), version: String(m.version) },
    });
    expect(ok.status).toBe(302);
    expect(membershipOf("mitarbeiter@musterstadt.example", "Musterstadt")).toMatchObject({ role: "projectLead", version: m.version + 1 });
    const audit = lastAudit();
    expect(audit).toMatchObject({ entity: "membership", entityId: String(m.id), action: "update" });
    expect(JSON.parse(audit.changes).changes).toEqual({ role: { from: "staff", to: "projectLead" } });

    const stale = await callAction(editRoute.action, path, {
      caller,
      params: { membershipId: String(m.id) },
      form: { intent: "speichern", role: "viewer", version: String(m.version) },
    });
    expect(stale.status).toBe(409);
    expect((await stale.json()).result.error[""][0]).toMatch(/inzwischen von jemand anderem geändert/);
    expect(membershipOf("mitarbeiter@musterstadt.example", "Musterstadt")?.role).toBe("projectLead");
  });

  it("does not let admins demote or remove themselves", async () => {
    const caller = await admin();
    const own = membershipOf("admin@fahrplan.example", "Musterstadt")!;
    const demote = await callAction(editRoute.action, `/verwaltung/benutzer/${own.id}`, {
      caller,
      params: { membershipId: String(own.id) },
      form: { intent: "speichern", role: "staff", version: String(own.version) },
    });
    expect(demote.status).toBe(400);
    expect((await demote.json()).result.error.role).toEqual(["Sie können sich die Administrationsrolle nicht selbst entziehen."]);
    const remove = await callAction(editRoute.action, `/verwaltung/benutzer/${own.id}`, {
      caller,
      params: { membershipId: String(own.id) },
      form: { intent: "entfernen", version: String(own.version) },
    });
    expect(remove.status).toBe(400);
    expect((await remove.json()).result.error[""]).toEqual(["Sie können Ihre eigene Mitgliedschaft nicht entfernen."]);
    expect(membershipOf("admin@fahrplan.example", "Musterstadt")?.role).toBe("admin");
  });

  it("removes a membership with the current version only, and audits it", async () => {
    const caller = await admin();
    const m = membershipOf("rat@musterstadt.example", "Musterstadt")!;
    const path = `/verwaltung/benutzer/${m.id}`;
    const stale = await callAction(editRoute.action, path, {
      caller,
      params: { membershipId: String(m.id) },
      form: { intent: "entfernen", version: String(m.version + 5) },
    });
    expect(stale.status).toBe(409);
    expect(membershipOf("rat@musterstadt.example", "Musterstadt")).toBeDefined();

    const ok = await callAction(editRoute.action, path, {
      caller,
      params: { membershipId: String(m.id) },
      form: { intent: "entfernen", version: String(m.version) },
    });
    expect(ok.status).toBe(302);
    expect(getDb().select().from(memberships).where(eq(memberships.id, m.id)).get()).toBeUndefined();
    expect(lastAudit()).toMatchObject({ entity: "membership", entityId: String(m.id), action: "delete" });
    expect(userId("rat@musterstadt.example")).toBeGreaterThan(0);
  });
});
