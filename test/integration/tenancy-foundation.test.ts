import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { memberships, units } from "../../db/schema";
import * as overviewRoute from "~/routes/_app._index";
import * as adminIndexRoute from "~/routes/_app.verwaltung._index";
import * as usersRoute from "~/routes/_app.verwaltung.benutzer._index";
import * as newUserRoute from "~/routes/_app.verwaltung.benutzer.neu";
import * as memberRoute from "~/routes/_app.verwaltung.benutzer.$membershipId";
import * as orgRoute from "~/routes/_app.verwaltung.organisation._index";
import * as unitRoute from "~/routes/_app.verwaltung.organisation.$unitId";
import * as auditRoute from "~/routes/_app.verwaltung.protokoll";
import * as accountRoute from "~/routes/_app.konto";
import * as switchRoute from "~/routes/kommune-wechseln";
import * as notFoundRoute from "~/routes/$";
import { ADMIN_PAGES } from "~/areas/org/admin-pages";
import { getDb } from "~/utils/db.server";
import { can } from "~/utils/permissions";
import type { Role } from "../../db/schema/org";
import { membershipOf, municipalityId, unitByName } from "../support/foundation";
import { callAction, callLoader, signIn } from "../support/requests";

/** The admin is also admin of Kleinhausen, but acts in Musterstadt: the session decides the Kommune. */
function unitsOf(kommune: string): number {
  return getDb().select().from(units).where(eq(units.municipalityId, municipalityId(kommune))).all().length;
}

const musterstadtAdmin = () => signIn("admin@fahrplan.example", "Musterstadt");

const ROLE_LOGINS = {
  cdo: ["cdo@musterstadt.example", "Musterstadt"],
  finance: ["kaemmerei@musterstadt.example", "Musterstadt"],
  staff: ["mitarbeiter@musterstadt.example", "Musterstadt"],
  projectLead: ["projektleitung@musterstadt.example", "Musterstadt"],
  viewer: ["rat@musterstadt.example", "Musterstadt"],
  rollInManager: ["rollin@landesdienst.example", "Kleinhausen"],
} as const;

describe("a user of Kommune A never reaches Kommune B's data", () => {
  it("Übersicht shows only the current Kommune's figures", async () => {
    const body = await (await callLoader(overviewRoute.loader, "/", { caller: await signIn("cdo@musterstadt.example") })).json();
    expect(body.municipality.name).toBe("Musterstadt");
    expect(body.organisation.unitCount).toBe(unitsOf("Musterstadt"));
    expect(JSON.stringify(body)).not.toMatch(/Kleinhausen|Bauhof|Eichenbrück|Wiesengrund/);
    const k = await (await callLoader(overviewRoute.loader, "/", { caller: await signIn("cdo@kleinhausen.example") })).json();
    expect(k.municipality.name).toBe("Kleinhausen");
    expect(k.organisation.unitCount).toBe(unitsOf("Kleinhausen"));
    // The one deliberate exception: the joint project Kleinhausen is a partner of names its lead Kommune
    // (docs/areas/joint-projects.md; its isolation is tested in joint-projects.test.ts).
    const { joint, ...rest } = k;
    expect(JSON.stringify(rest)).not.toMatch(/Musterstadt|Stadtwerke|Kämmerei/);
    expect(joint.asPartner.list.map((p: { leadName: string }) => p.leadName)).toEqual(["Musterstadt"]);
  });

  it("a membership of another Kommune is 404 for the edit page, saving and removing", async () => {
    const caller = await musterstadtAdmin();
    const foreign = membershipOf("cdo@kleinhausen.example", "Kleinhausen")!;
    const params = { membershipId: String(foreign.id) };
    const path = `/verwaltung/benutzer/${foreign.id}`;
    expect((await callLoader(memberRoute.loader, path, { caller, params })).status).toBe(404);
    const save = await callAction(memberRoute.action, path, {
      caller,
      params,
      form: { intent: "speichern", role: "viewer", version: String(foreign.version) },
    });
    expect(save.status).toBe(404);
    const remove = await callAction(memberRoute.action, path, {
      caller,
      params,
      form: { intent: "entfernen", version: String(foreign.version) },
    });
    expect(remove.status).toBe(404);
    expect(getDb().select().from(memberships).where(eq(memberships.id, foreign.id)).get()).toMatchObject({ role: "cdo", version: foreign.version });
  });

  it("a unit of another Kommune is 404 for the edit page and for saving", async () => {
    const caller = await musterstadtAdmin();
    const foreign = unitByName("Kleinhausen", "Bauhof");
    const params = { unitId: String(foreign.id) };
    const path = `/verwaltung/organisation/${foreign.id}`;
    expect((await callLoader(unitRoute.loader, path, { caller, params })).status).toBe(404);
    const save = await callAction(unitRoute.action, path, {
      caller,
      params,
      form: { name: "Übernommen", kind: "department", version: String(foreign.version) },
    });
    expect(save.status).toBe(404);
    expect(getDb().select().from(units).where(eq(units.id, foreign.id)).get()!.name).toBe("Bauhof");
  });

  it("malformed and unknown ids are 404, as is any unknown URL", async () => {
    const caller = await musterstadtAdmin();
    for (const id of ["abc", "0", "-1", "999999"]) {
      expect((await callLoader(memberRoute.loader, `/verwaltung/benutzer/${id}`, { caller, params: { membershipId: id } })).status).toBe(404);
      expect((await callLoader(unitRoute.loader, `/verwaltung/organisation/${id}`, { caller, params: { unitId: id } })).status).toBe(404);
    }
    expect((await callLoader(notFoundRoute.loader, "/gibt-es-nicht", { caller })).status).toBe(404);
  });

  it("lists, the organisation tree and the audit log contain nothing of another Kommune", async () => {
    const caller = await musterstadtAdmin();
    const users = await (await callLoader(usersRoute.loader, "/verwaltung/benutzer", { caller })).json();
    expect(JSON.stringify(users)).not.toContain("kleinhausen.example");
    const org = await (await callLoader(orgRoute.loader, "/verwaltung/organisation", { caller })).json();
    expect(org.units.map((u: { name: string }) => u.name)).not.toContain("Bauhof");
    expect(org.parents.map((p: { label: string }) => p.label)).not.toContain("Bauhof");
    const newUser = await (await callLoader(newUserRoute.loader, "/verwaltung/benutzer/neu", { caller })).json();
    expect(newUser.employees.length).toBeGreaterThan(0);
    expect(newUser.employees.some((e: { label: string }) => /Bauhof|Hauptverwaltung|Finanzverwaltung/.test(e.label))).toBe(false);
    const foreignUser = membershipOf("cdo@kleinhausen.example", "Kleinhausen")!.userId;
    const audit = await (await callLoader(auditRoute.loader, `/verwaltung/protokoll?userId=${foreignUser}`, { caller })).json();
    expect(audit.total).toBe(0);
  });

  it("Mein Konto lists only the caller's own Kommunen", async () => {
    const body = await (await callLoader(accountRoute.loader, "/konto", { caller: await signIn("cdo@musterstadt.example") })).json();
    expect(body.municipalities.map((m: { name: string }) => m.name)).toEqual(["Musterstadt"]);
  });

  it("switching into a Kommune the user does not belong to is 404 and changes nothing", async () => {
    const caller = await signIn("cdo@musterstadt.example");
    const res = await callAction(switchRoute.action, "/kommune-wechseln", {
      caller,
      form: { municipalityId: String(municipalityId("Kleinhausen")), returnTo: "/" },
    });
    expect(res.status).toBe(404);
    const after = await (await callLoader(overviewRoute.loader, "/", { caller })).json();
    expect(after.municipality.name).toBe("Musterstadt");
  });
});

describe("permission refusals are enforced on the server (403)", () => {
  const adminOnly: [string, (c: Awaited<ReturnType<typeof signIn>>) => Promise<Response>][] = [
    ["Benutzer list", (caller) => callLoader(usersRoute.loader, "/verwaltung/benutzer", { caller })],
    ["Person hinzufügen page", (caller) => callLoader(newUserRoute.loader, "/verwaltung/benutzer/neu", { caller })],
    [
      "Person hinzufügen action",
      (caller) =>
        callAction(newUserRoute.action, "/verwaltung/benutzer/neu", {
          caller,
          form: { email: "x@musterstadt.example", name: "Xaver", role: "admin", password: "ein-langes-Startpasswort" },
        }),
    ],
    [
      "Mitgliedschaft page",
      (caller) => {
        const m = membershipOf("rat@musterstadt.example", "Musterstadt")!;
        return callLoader(memberRoute.loader, `/verwaltung/benutzer/${m.id}`, { caller, params: { membershipId: String(m.id) } });
      },
    ],
    [
      "Mitgliedschaft action",
      (caller) => {
        const m = membershipOf("rat@musterstadt.example", "Musterstadt")!;
        return callAction(memberRoute.action, `/verwaltung/benutzer/${m.id}`, {
          caller,
          params: { membershipId: String(m.id) },
          form: { intent: "speichern", role: "admin", version: String(m.version) },
        });
      },
    ],
    ["Organisation page", (caller) => callLoader(orgRoute.loader, "/verwaltung/organisation", { caller })],
    [
      "Organisation action",
      (caller) => callAction(orgRoute.action, "/verwaltung/organisation", { caller, form: { name: "Neues Amt", kind: "department" } }),
    ],
    [
      "Einheit page",
      (caller) => {
        const u = unitByName("Musterstadt", "Hauptamt");
        return callLoader(unitRoute.loader, `/verwaltung/organisation/${u.id}`, { caller, params: { unitId: String(u.id) } });
      },
    ],
    [
      "Einheit action",
      (caller) => {
        const u = unitByName("Musterstadt", "Hauptamt");
        return callAction(unitRoute.action, `/verwaltung/organisation/${u.id}`, {
          caller,
          params: { unitId: String(u.id) },
          form: { name: "Umbenannt", kind: "department", version: String(u.version) },
        });
      },
    ],
  ];

  for (const [role, [email, kommune]] of Object.entries(ROLE_LOGINS)) {
    it(`${role} may not manage users or units`, async () => {
      const caller = await signIn(email, kommune);
      for (const [name, call] of adminOnly) {
        expect((await call(caller)).status, name).toBe(403);
      }
    });
  }

  it("the Verwaltung index lists only pages the role may use, and is 403 when there is none", async () => {
    for (const [role, [email, kommune]] of Object.entries(ROLE_LOGINS)) {
      const expected = ADMIN_PAGES.filter((p) => can(role as Role, p.permission)).map((p) => p.to);
      const res = await callLoader(adminIndexRoute.loader, "/verwaltung", { caller: await signIn(email, kommune) });
      if (expected.length === 0) {
        expect(res.status, role).toBe(403);
      } else {
        expect((await res.json()).pages.map((p: { to: string }) => p.to), role).toEqual(expected);
      }
    }
    for (const role of ["staff", "finance", "projectLead", "viewer"] as const) {
      const [email, kommune] = ROLE_LOGINS[role];
      expect((await callLoader(adminIndexRoute.loader, "/verwaltung", { caller: await signIn(email, kommune) })).status, role).toBe(403);
    }
    const cdo = await (await callLoader(adminIndexRoute.loader, "/verwaltung", { caller: await signIn("cdo@musterstadt.example") })).json();
    const cdoPages = cdo.pages.map((p: { to: string }) => p.to);
    expect(cdoPages).toContain("/verwaltung/protokoll");
    expect(cdoPages).not.toContain("/verwaltung/benutzer");
    expect(cdoPages).not.toContain("/verwaltung/organisation");
    const admin = await (await callLoader(adminIndexRoute.loader, "/verwaltung", { caller: await musterstadtAdmin() })).json();
    expect(admin.pages.map((p: { to: string }) => p.to)).toEqual(
      expect.arrayContaining(["/verwaltung/benutzer", "/verwaltung/organisation", "/verwaltung/protokoll"]),
    );
  });

  it("every action refuses a form without the CSRF token (403)", async () => {
    const caller = await musterstadtAdmin();
    const m = membershipOf("rat@musterstadt.example", "Musterstadt")!;
    const u = unitByName("Musterstadt", "Hauptamt");
    const calls = [
      callAction(newUserRoute.action, "/verwaltung/benutzer/neu", { caller, withoutCsrf: true, form: { email: "a@b.example", name: "Anna", role: "staff" } }),
      callAction(memberRoute.action, `/verwaltung/benutzer/${m.id}`, { caller, withoutCsrf: true, params: { membershipId: String(m.id) }, form: { intent: "entfernen", version: String(m.version) } }),
      callAction(orgRoute.action, "/verwaltung/organisation", { caller, withoutCsrf: true, form: { name: "Neu", kind: "department" } }),
      callAction(unitRoute.action, `/verwaltung/organisation/${u.id}`, { caller, withoutCsrf: true, params: { unitId: String(u.id) }, form: { name: "X", kind: "department", version: "1" } }),
      callAction(accountRoute.action, "/konto", { caller, withoutCsrf: true, form: { currentPassword: "a", newPassword: "b", repeatPassword: "b" } }),
    ];
    for (const res of await Promise.all(calls)) expect(res.status).toBe(403);
    expect(membershipOf("rat@musterstadt.example", "Musterstadt")).toBeDefined();
  });

  it("anonymous visitors are sent to the login page from every foundation page", async () => {
    for (const [loader, path] of [
      [adminIndexRoute.loader, "/verwaltung"],
      [usersRoute.loader, "/verwaltung/benutzer"],
      [orgRoute.loader, "/verwaltung/organisation"],
      [auditRoute.loader, "/verwaltung/protokoll"],
      [accountRoute.loader, "/konto"],
    ] as const) {
      const res = await callLoader(loader, path);
      expect(res.status).toBe(302);
      expect(res.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
    }
  });
});
