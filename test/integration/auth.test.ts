import { desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, loginThrottles } from "../../db/schema";
import { getDb } from "~/utils/db.server";
import * as loginRoute from "~/routes/login";
import * as logoutRoute from "~/routes/logout";
import * as overviewRoute from "~/routes/_app._index";
import * as switchRoute from "~/routes/kommune-wechseln";
import * as healthRoute from "~/routes/healthz";
import { callAction, callLoader, signIn } from "../support/requests";
import { csrfToken } from "~/utils/csrf.server";

const DEMO_PASSWORD = "Fahrplan-Demo-2026";

async function loginForm(email: string, password: string, address = "10.0.0.1") {
  const { token, setCookie } = await csrfToken(new Request("http://localhost/login"));
  const body = new FormData();
  body.set("email", email);
  body.set("password", password);
  body.set("csrf", token);
  const request = new Request("http://localhost/login", {
    method: "POST",
    body,
    headers: { Cookie: setCookie!.split(";")[0] },
  });
  return loginRoute.action({ request, params: {}, context: { clientAddress: address } }).catch((e) => e as Response);
}

function lastAudit() {
  return getDb().select().from(auditLog).orderBy(desc(auditLog.id)).limit(1).get()!;
}

describe("login", () => {
  it("signs in with the right password, sets an httpOnly SameSite=Lax cookie and audits it", async () => {
    const res = (await loginForm("cdo@musterstadt.example", DEMO_PASSWORD)) as Response;
    expect(res.status).toBe(302);
    const cookie = res.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/fahrplan_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    expect(lastAudit()).toMatchObject({ entity: "session", action: "login", actorLabel: "cdo@musterstadt.example" });
  });

  it("refuses a wrong password with the same message as an unknown account", async () => {
    const wrong = (await loginForm("cdo@musterstadt.example", "falsch-falsch", "10.0.0.2")) as Response;
    const unknown = (await loginForm("niemand@musterstadt.example", "falsch-falsch", "10.0.0.3")) as Response;
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const a = await wrong.json();
    const b = await unknown.json();
    expect(a.error[""]).toEqual(["E-Mail-Adresse oder Passwort ist nicht korrekt."]);
    expect(b.error[""]).toEqual(a.error[""]);
    // the unknown account's failure belongs to no Kommune
    expect(lastAudit()).toMatchObject({ entity: "session", action: "login_failed", municipalityId: null });
    // a known account's failure shows up in its Kommune's log
    await loginForm("cdo@musterstadt.example", "falsch-falsch", "10.0.0.4");
    const { municipalities } = await import("../../db/schema");
    const musterstadt = getDb().select().from(municipalities).where(eq(municipalities.name, "Musterstadt")).get()!;
    expect(lastAudit()).toMatchObject({ action: "login_failed", municipalityId: musterstadt.id });
  });

  it("rate-limits failed logins per account, even for the right password afterwards", async () => {
    for (let i = 0; i < 5; i++) await loginForm("kaemmerei@musterstadt.example", "falsch", `10.1.0.${i}`);
    const blocked = (await loginForm("kaemmerei@musterstadt.example", DEMO_PASSWORD, "10.1.1.1")) as Response;
    expect(blocked.status).toBe(401);
    const body = await blocked.json();
    expect(body.error[""][0]).toMatch(/Zu viele fehlgeschlagene Anmeldeversuche/);
    // unknown accounts are throttled the same way, so throttling reveals nothing
    for (let i = 0; i < 5; i++) await loginForm("gibtsnicht@musterstadt.example", "falsch", `10.2.0.${i}`);
    const unknown = await ((await loginForm("gibtsnicht@musterstadt.example", "x", "10.2.1.1")) as Response).json();
    expect(unknown.error[""][0]).toMatch(/Zu viele/);
    expect(getDb().select().from(loginThrottles).where(eq(loginThrottles.key, "email:kaemmerei@musterstadt.example")).get()?.failures).toBe(5);
  });

  it("rate-limits failed logins per address", async () => {
    for (let i = 0; i < 20; i++) await loginForm(`user${i}@example.org`, "falsch", "10.9.9.9");
    const res = (await loginForm("mitarbeiter@musterstadt.example", DEMO_PASSWORD, "10.9.9.9")) as Response;
    expect(res.status).toBe(401);
  });

  it("counts parallel attempts one by one, so the right password among 30 parallel guesses stays locked out", async () => {
    const email = "projektleitung@musterstadt.example";
    // 30 guesses sent at once from different addresses; the right password is number 21.
    const attempts = Array.from({ length: 30 }, (_, i) => loginForm(email, i === 20 ? DEMO_PASSWORD : `falsch-${i}`, `10.3.0.${i}`));
    const statuses = await Promise.all(attempts.map(async (a) => ((await a) as Response).status));
    expect(statuses.filter((s) => s === 302)).toEqual([]);
    const throttle = getDb().select().from(loginThrottles).where(eq(loginThrottles.key, `email:${email}`)).get();
    // Five guesses were checked and failed; every later one was refused before checking.
    expect(throttle?.failures).toBe(5);
    const blocked = getDb()
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "login_blocked"))
      .all()
      .filter((e) => e.actorLabel === email);
    expect(blocked).toHaveLength(25);
  });

  it("counts parallel attempts per address too", async () => {
    const attempts = Array.from({ length: 30 }, (_, i) => loginForm(`parallel${i}@example.org`, "falsch", "10.4.4.4"));
    await Promise.all(attempts);
    const throttle = getDb().select().from(loginThrottles).where(eq(loginThrottles.key, "ip:10.4.4.4")).get();
    expect(throttle?.failures).toBe(20);
  });

  it("does not count a successful login against the address", async () => {
    for (let i = 0; i < 3; i++) await loginForm(`someone${i}@example.org`, "falsch", "10.5.5.5");
    const ok = (await loginForm("cdo@musterstadt.example", DEMO_PASSWORD, "10.5.5.5")) as Response;
    expect(ok.status).toBe(302);
    expect(getDb().select().from(loginThrottles).where(eq(loginThrottles.key, "ip:10.5.5.5")).get()?.failures).toBe(3);
    expect(getDb().select().from(loginThrottles).where(eq(loginThrottles.key, "email:cdo@musterstadt.example")).get()).toBeUndefined();
  });

  it("rejects a form without a valid CSRF token", async () => {
    const body = new FormData();
    body.set("email", "cdo@musterstadt.example");
    body.set("password", DEMO_PASSWORD);
    const request = new Request("http://localhost/login", { method: "POST", body });
    const res = await loginRoute.action({ request, params: {}, context: {} }).catch((e) => e as Response);
    expect((res as Response).status).toBe(403);
  });
});

describe("sessions and tenancy", () => {
  it("redirects anonymous visitors to the login page", async () => {
    const res = await callLoader(overviewRoute.loader, "/");
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/login");
  });

  it("shows the CDO their own Kommune", async () => {
    const caller = await signIn("cdo@musterstadt.example");
    const res = await callLoader(overviewRoute.loader, "/", { caller });
    expect(res.status).toBe(200);
    expect((await res.json()).municipality.name).toBe("Musterstadt");
  });

  it("lets a Roll-in-Service manager switch only into assigned Kommunen", async () => {
    const caller = await signIn("rollin@landesdienst.example");
    const first = await (await callLoader(overviewRoute.loader, "/", { caller })).json();
    expect(["Eichenbrück", "Kleinhausen", "Wiesengrund"]).toContain(first.municipality.name);
    const { getDb } = await import("~/utils/db.server");
    const { municipalities } = await import("../../db/schema");
    const all = getDb().select().from(municipalities).all();
    const kleinhausen = all.find((m) => m.name === "Kleinhausen")!;
    const musterstadt = all.find((m) => m.name === "Musterstadt")!;
    const ok = await callAction(switchRoute.action, "/kommune-wechseln", {
      caller,
      form: { municipalityId: String(kleinhausen.id), returnTo: "/" },
    });
    expect(ok.status).toBe(302);
    const now = await (await callLoader(overviewRoute.loader, "/", { caller })).json();
    expect(now.municipality.name).toBe("Kleinhausen");
    const refused = await callAction(switchRoute.action, "/kommune-wechseln", {
      caller,
      form: { municipalityId: String(musterstadt.id), returnTo: "/" },
    });
    expect(refused.status).toBe(404);
  });

  it("logs out, ends the session and audits it", async () => {
    const caller = await signIn("rat@musterstadt.example");
    const res = await callAction(logoutRoute.action, "/logout", { caller });
    expect(res.status).toBe(302);
    expect(lastAudit()).toMatchObject({ action: "logout", actorLabel: "rat@musterstadt.example" });
    const after = await callLoader(overviewRoute.loader, "/", { caller });
    expect(after.status).toBe(302);
  });

  it("expires sessions after inactivity", async () => {
    const caller = await signIn("rat@musterstadt.example");
    const { userSessions } = await import("../../db/schema");
    getDb().update(userSessions).set({ lastSeenAt: Date.now() - 31 * 60_000 }).where(eq(userSessions.userId, caller.userId)).run();
    const res = await callLoader(overviewRoute.loader, "/", { caller });
    expect(res.status).toBe(302);
  });

  it("answers the health check", async () => {
    const res = await callLoader(healthRoute.loader, "/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", database: "ok" });
  });
});
