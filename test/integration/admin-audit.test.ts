import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { userSessions, users } from "../../db/schema";
import { attemptLogin } from "~/areas/auth/login.server";
import * as accountRoute from "~/routes/_app.konto";
import * as auditRoute from "~/routes/_app.verwaltung.protokoll";
import * as unitRoute from "~/routes/_app.verwaltung.organisation.$unitId";
import { writeAudit } from "~/utils/audit.server";
import { getDb, transaction } from "~/utils/db.server";
import { lastAudit, municipalityId, unitByName, userId } from "../support/foundation";
import { callAction, callLoader, signIn } from "../support/requests";

type Entry = { entity: string; action: string; actorLabel: string; changes: { type: string; label: string; before?: string; after?: string }[] };

async function auditPage(query: string, email = "cdo@musterstadt.example", kommune = "Musterstadt") {
  const caller = await signIn(email, kommune);
  const res = await callLoader(auditRoute.loader, `/verwaltung/protokoll${query}`, { caller });
  return { status: res.status, body: res.status === 200 ? await res.json() : null };
}

describe("Änderungsprotokoll", () => {
  it("shows the Kommune's own entries with German labels and before → after values", async () => {
    const admin = await signIn("admin@fahrplan.example", "Musterstadt");
    const bauamt = unitByName("Musterstadt", "Bauamt");
    await callAction(unitRoute.action, `/verwaltung/organisation/${bauamt.id}`, {
      caller: admin,
      params: { unitId: String(bauamt.id) },
      form: { name: "Bauverwaltung", shortName: "60", kind: "department", parentId: String(bauamt.parentId), version: String(bauamt.version) },
    });
    const { status, body } = await auditPage("?entity=unit");
    expect(status).toBe(200);
    const entry = body.entries[0] as Entry;
    expect(entry).toMatchObject({ entity: "unit", actorLabel: "admin@fahrplan.example" });
    expect(body.entries[0].entityLabel).toBe("Organisationseinheit");
    expect(body.entries[0].actionLabel).toBe("geändert");
    expect(entry.changes).toEqual([{ type: "change", field: "name", label: "Name", before: "Bauamt", after: "Bauverwaltung" }]);
    expect(body.options.entities.map((e: { value: string }) => e.value)).toContain("unit");
    // People by name (the e-mail address stays on the entry, shown under the name).
    const adminName = getDb().select({ name: users.name }).from(users).where(eq(users.email, "admin@fahrplan.example")).get()!.name;
    expect(body.entries[0].actorName).toBe(adminName);
    expect(body.options.people.map((p: { label: string }) => p.label)).toContain(adminName);
  });

  it("filters by action, person, record number and date range and never shows another Kommune's entries", async () => {
    const kleinhausen = municipalityId("Kleinhausen");
    transaction((tx) => {
      for (let i = 0; i < 3; i++) {
        writeAudit(tx, {
          actor: { userId: userId("cdo@kleinhausen.example"), label: "cdo@kleinhausen.example" },
          municipalityId: kleinhausen,
          entity: "unit",
          entityId: 999,
          action: "update",
          changes: { name: { from: "Geheim alt", to: `Geheim ${i}` } },
        });
      }
    });
    const kleinhausenUser = userId("cdo@kleinhausen.example");
    const byForeignPerson = await auditPage(`?userId=${kleinhausenUser}`);
    expect(byForeignPerson.body.total).toBe(0);
    const byForeignRecord = await auditPage("?entity=unit&entityId=999");
    expect(byForeignRecord.body.total).toBe(0);
    const all = await auditPage("");
    expect(JSON.stringify(all.body)).not.toContain("Geheim");
    expect(all.body.options.people.map((p: { userId: number }) => p.userId)).not.toContain(kleinhausenUser);

    const inKleinhausen = await auditPage("?entityId=999", "cdo@kleinhausen.example", "Kleinhausen");
    expect(inKleinhausen.body.total).toBe(3);

    const logins = await auditPage(`?action=login&userId=${userId("admin@fahrplan.example")}`);
    expect(logins.body.entries.every((e: Entry) => e.action === "login" && e.actorLabel === "admin@fahrplan.example")).toBe(true);

    const future = await auditPage("?from=01.01.2099");
    expect(future.body.total).toBe(0);
    const today = new Intl.DateTimeFormat("de-DE", { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "Europe/Berlin" }).format(new Date());
    const range = await auditPage(`?from=${today}&to=${today}`);
    expect(range.body.total).toBe(all.body.total);
  });

  it("explains malformed filters next to the field instead of failing", async () => {
    const { status, body } = await auditPage("?from=gestern&to=01.01.2020&userId=abc");
    expect(status).toBe(200);
    expect(body.errors.from).toBe("Bitte geben Sie ein Datum wie 23.11.2026 ein.");
    expect(body.errors.userId).toBeDefined();
    const reversed = await auditPage("?from=02.01.2026&to=01.01.2026");
    expect(reversed.body.errors.to).toBe("Das Ende darf nicht vor dem Beginn liegen.");
  });

  it("pages through long logs, 50 entries a page", async () => {
    const musterstadt = municipalityId("Musterstadt");
    transaction((tx) => {
      for (let i = 0; i < 120; i++) {
        writeAudit(tx, { actor: { userId: null, label: "System" }, municipalityId: musterstadt, entity: "workflowTask", entityId: i, action: "create" });
      }
    });
    const first = await auditPage("?entity=workflowTask");
    expect(first.body).toMatchObject({ total: 120, page: 1, pageCount: 3 });
    expect(first.body.entries).toHaveLength(50);
    const last = await auditPage("?entity=workflowTask&page=3");
    expect(last.body.entries).toHaveLength(20);
    expect(last.body.entries.at(-1).entityId).toBe("0");
    const beyond = await auditPage("?entity=workflowTask&page=99");
    expect(beyond.body.page).toBe(3);
  });

  it("is refused (403) for roles without audit.view", async () => {
    for (const email of ["kaemmerei@musterstadt.example", "mitarbeiter@musterstadt.example", "projektleitung@musterstadt.example", "rat@musterstadt.example"]) {
      expect((await auditPage("", email)).status).toBe(403);
    }
    expect((await auditPage("", "rollin@landesdienst.example", "Kleinhausen")).status).toBe(403);
  });
});

describe("Mein Konto", () => {
  it("shows name, e-mail and every Kommune with the role there", async () => {
    const caller = await signIn("admin@fahrplan.example", "Musterstadt");
    const body = await (await callLoader(accountRoute.loader, "/konto", { caller })).json();
    expect(body.user).toEqual({ name: "Alex Admin", email: "admin@fahrplan.example" });
    expect(body.municipalities.map((m: { name: string; roleLabel: string }) => `${m.name}:${m.roleLabel}`)).toEqual([
      "Kleinhausen:Administration",
      "Musterstadt:Administration",
    ]);
    const rollIn = await signIn("rollin@landesdienst.example");
    const r = await (await callLoader(accountRoute.loader, "/konto", { caller: rollIn })).json();
    expect(r.municipalities.map((m: { name: string }) => m.name)).toEqual(["Eichenbrück", "Kleinhausen", "Wiesengrund"]);
  });

  it("changes the own password: checks current, policy and repetition, audits and ends other sessions", async () => {
    const caller = await signIn("projektleitung@musterstadt.example");
    const other = await signIn("projektleitung@musterstadt.example");
    const post = (form: Record<string, string>) => callAction(accountRoute.action, "/konto", { caller, form });

    const wrongCurrent = await post({ currentPassword: "falsch-falsch", newPassword: "neues-langes-Passwort", repeatPassword: "neues-langes-Passwort" });
    expect(wrongCurrent.status).toBe(400);
    expect((await wrongCurrent.json()).error.currentPassword).toEqual(["Das aktuelle Passwort ist nicht korrekt."]);

    const short = await post({ currentPassword: "Fahrplan-Demo-2026", newPassword: "kurz", repeatPassword: "kurz" });
    expect((await short.json()).error.newPassword).toEqual(["Das Passwort muss mindestens 12 Zeichen lang sein."]);

    const mismatch = await post({ currentPassword: "Fahrplan-Demo-2026", newPassword: "neues-langes-Passwort", repeatPassword: "anderes-langes-Passwort" });
    expect(mismatch.status).toBe(400);
    expect((await mismatch.json()).error.repeatPassword).toEqual(["Die beiden neuen Passwörter stimmen nicht überein."]);
    expect((await attemptLogin("projektleitung@musterstadt.example", "Fahrplan-Demo-2026", "10.7.0.1")).ok).toBe(true);

    const ok = await post({ currentPassword: "Fahrplan-Demo-2026", newPassword: "neues-langes-Passwort", repeatPassword: "neues-langes-Passwort" });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe("/konto?hinweis=passwort");
    const audit = lastAudit();
    expect(audit).toMatchObject({ entity: "user", action: "change_password", actorLabel: "projektleitung@musterstadt.example" });
    expect(audit.changes).not.toContain("neues-langes-Passwort");
    expect((await attemptLogin("projektleitung@musterstadt.example", "neues-langes-Passwort", "10.7.0.2")).ok).toBe(true);
    expect((await attemptLogin("projektleitung@musterstadt.example", "Fahrplan-Demo-2026", "10.7.0.3")).ok).toBe(false);

    const sessions = getDb().select().from(userSessions).where(eq(userSessions.userId, caller.userId)).all();
    expect(sessions).toHaveLength(1);
    expect((await callLoader(accountRoute.loader, "/konto", { caller: other })).status).toBe(302);
    expect((await callLoader(accountRoute.loader, "/konto", { caller })).status).toBe(200);
  });
});
