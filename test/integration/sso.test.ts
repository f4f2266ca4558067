import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, memberships, oidcIdentities, oidcSessions, users } from "../../db/schema";
import { saveOidcConfig } from "~/areas/auth/sso-config.server";
import * as callbackRoute from "~/routes/sso.callback";
import * as startRoute from "~/routes/sso.$municipalityId.start";
import * as loginRoute from "~/routes/login";
import * as logoutRoute from "~/routes/logout";
import { csrfToken } from "~/utils/csrf.server";
import { getDb } from "~/utils/db.server";
import { readSession } from "~/utils/session.server";
import { municipalityId, userId } from "../support/foundation";
import { startTestProvider, type TestProvider } from "../support/oidc-provider";
import { type Caller, callAction, callLoader, signIn } from "../support/requests";

// SSO end to end against a real OpenID Connect provider (oidc-provider on a random port): the
// provider's authorization, token, userinfo and logout endpoints are the real ones; Fahrplan's
// routes are called as the browser would, carrying the cookies each side set.

const ORIGIN = "http://localhost";
let idp: TestProvider;
let musterstadt: number;

const GROUPS = { "fahrplan-cdo": "cdo", "fahrplan-mitarbeit": "staff", "fahrplan-lesen": "viewer" } as const;

function configure(options: { createUsers: boolean; enabled?: boolean }) {
  const admin = userId("admin@fahrplan.example");
  saveOidcConfig(
    { municipalityId: musterstadt, actor: { userId: admin, label: "admin@fahrplan.example" }, role: "admin" },
    {
      enabled: options.enabled ?? true,
      displayName: "Stadt-Login Musterstadt",
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      groupClaim: "groups",
      groupRoles: GROUPS,
      createUsers: options.createUsers,
    },
    null,
  );
}

const pair = (setCookie: string) => setCookie.split(";")[0];
function setCookies(response: Response): string[] {
  return response.headers.getSetCookie();
}

interface SsoOutcome {
  response: Response;
  location: string;
  sessionCookie: string | null;
}

/** The whole browser round trip: "Anmelden mit …", the provider, back to the callback. */
async function ssoLogin(accountId: string, redirectTo = "/projekte"): Promise<SsoOutcome> {
  idp.signInAs(accountId);
  const start = await callLoader(startRoute.loader, `/sso/${musterstadt}/start?redirectTo=${encodeURIComponent(redirectTo)}`, { params: { municipalityId: String(musterstadt) } });
  expect(start.status).toBe(302);
  const authUrl = new URL(start.headers.get("Location")!);
  expect(authUrl.origin).toBe(idp.issuer);
  expect(authUrl.searchParams.get("code_challenge_method")).toBe("S256");
  expect(authUrl.searchParams.get("state")).toBeTruthy();
  expect(authUrl.searchParams.get("nonce")).toBeTruthy();
  const stateCookie = pair(setCookies(start).find((c) => c.startsWith("fahrplan_sso_state="))!);
  const back = await idp.follow(authUrl.href);
  expect(back.location, back.body).toMatch(/^http:\/\/localhost\/sso\/callback\?/);
  const response = await callbackRoute.loader({
    request: new Request(back.location!, { headers: { Cookie: stateCookie } }),
    params: {},
    context: { clientAddress: "127.0.0.1" },
  });
  const session = setCookies(response).find((c) => c.startsWith("fahrplan_session=") && !c.includes("Max-Age=0"));
  return { response, location: response.headers.get("Location")!, sessionCookie: session ? pair(session) : null };
}

async function sessionOf(cookie: string) {
  return readSession(new Request(ORIGIN, { headers: { Cookie: cookie } }));
}

function roleIn(email: string): string | undefined {
  return getDb()
    .select({ role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(users.email, email), eq(memberships.municipalityId, musterstadt)))
    .get()?.role;
}

function lastAudit(action: string) {
  return getDb().select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.municipalityId, musterstadt))).orderBy(desc(auditLog.id)).get();
}

beforeAll(async () => {
  idp = await startTestProvider(ORIGIN);
  musterstadt = municipalityId("Musterstadt");
});

afterAll(async () => {
  await idp?.close();
});

describe("SSO with OpenID Connect against a real provider", () => {
  it("shows „Anmelden mit …“ on /login only once the Kommune enabled it; local login stays", async () => {
    const before = await (await callLoader(loginRoute.loader, "/login")).json();
    expect(before.providers).toEqual([]);
    configure({ createUsers: true });
    const after = await (await callLoader(loginRoute.loader, "/login")).json();
    expect(after.providers).toEqual([{ href: `/sso/${musterstadt}/start`, label: "Anmelden mit Stadt-Login Musterstadt" }]);
    const { token, setCookie } = await csrfToken(new Request(ORIGIN));
    const browser: Caller = { userId: 0, cookie: pair(setCookie!), csrf: token };
    const local = await callAction(loginRoute.action, "/login", { caller: browser, form: { email: "cdo@musterstadt.example", password: "Fahrplan-Demo-2026" } });
    expect(local.status).toBe(302);
    expect(local.headers.get("Set-Cookie")).toMatch(/^fahrplan_session=/);
  });

  it("first login creates the account with the role of the group; the next login maps the role again", async () => {
    configure({ createUsers: true });
    idp.accounts.set("anna", { email: "Anna.Neu@musterstadt.example", email_verified: true, name: "Anna Neu", groups: ["fahrplan-cdo", "andere-gruppe"] });
    const first = await ssoLogin("anna");
    expect(first.location).toBe("/projekte");
    expect(first.sessionCookie).toBeTruthy();
    const session = await sessionOf(first.sessionCookie!);
    const anna = getDb().select().from(users).where(eq(users.email, "anna.neu@musterstadt.example")).get()!;
    expect(session).toMatchObject({ userId: anna.id, municipalityId: musterstadt });
    expect(anna.name).toBe("Anna Neu");
    expect(roleIn("anna.neu@musterstadt.example")).toBe("cdo");
    expect(JSON.parse(lastAudit("login")!.changes).details).toMatchObject({ method: "sso", linkedBy: "created", role: "cdo" });
    expect(getDb().select().from(oidcSessions).where(eq(oidcSessions.sessionId, session!.id)).get()?.idToken).toMatch(/^ey/);

    // At the provider Anna moves to the reading group; at the next login her role follows.
    idp.accounts.set("anna", { email: "anna.neu@musterstadt.example", email_verified: true, name: "Anna Neu", groups: ["fahrplan-lesen"] });
    const second = await ssoLogin("anna");
    expect((await sessionOf(second.sessionCookie!))?.userId).toBe(anna.id);
    expect(roleIn("anna.neu@musterstadt.example")).toBe("viewer");
    expect(JSON.parse(lastAudit("login")!.changes).details).toMatchObject({ linkedBy: "subject", role: "viewer" });
    expect(getDb().select().from(oidcIdentities).where(eq(oidcIdentities.userId, anna.id)).all()).toHaveLength(1);
  });

  it("links an existing account by verified e-mail and keeps its password", async () => {
    configure({ createUsers: false });
    const existing = getDb().select().from(users).where(eq(users.email, "mitarbeiter@musterstadt.example")).get()!;
    idp.accounts.set("m.mitarbeiter", { email: "mitarbeiter@musterstadt.example", email_verified: true, groups: ["fahrplan-mitarbeit"] });
    const result = await ssoLogin("m.mitarbeiter", "/");
    expect((await sessionOf(result.sessionCookie!))?.userId).toBe(existing.id);
    expect(getDb().select().from(oidcIdentities).where(eq(oidcIdentities.subject, "m.mitarbeiter")).get()?.userId).toBe(existing.id);
    expect(getDb().select().from(users).where(eq(users.id, existing.id)).get()!.passwordHash).toBe(existing.passwordHash);
    expect(JSON.parse(lastAudit("login")!.changes).details).toMatchObject({ linkedBy: "email", role: "staff" });
  });

  it("refuses to link by an e-mail the provider did not verify, with a German message, audited", async () => {
    configure({ createUsers: true });
    idp.accounts.set("fremd", { email: "kaemmerei@musterstadt.example", email_verified: false, groups: ["fahrplan-cdo"] });
    const roleBefore = roleIn("kaemmerei@musterstadt.example");
    const result = await ssoLogin("fremd");
    expect(result.location).toBe("/login?sso=nicht-bestaetigt");
    expect(result.sessionCookie).toBeNull();
    expect(getDb().select().from(oidcIdentities).where(eq(oidcIdentities.subject, "fremd")).get()).toBeUndefined();
    expect(roleIn("kaemmerei@musterstadt.example")).toBe(roleBefore);
    expect(JSON.parse(lastAudit("login_refused")!.changes).details).toMatchObject({ method: "sso", reason: "nicht-bestaetigt", subject: "fremd" });
    const page = await (await callLoader(loginRoute.loader, result.location)).json();
    expect(page.ssoMessage).toBe("Der Identitätsanbieter hat Ihre E-Mail-Adresse nicht als bestätigt übermittelt. Ohne bestätigte Adresse ist keine Anmeldung möglich.");
  });

  it("refuses a person whose groups map to no role, with a German message", async () => {
    configure({ createUsers: true });
    idp.accounts.set("gast", { email: "gast@musterstadt.example", email_verified: true, groups: ["unbekannte-gruppe"] });
    const result = await ssoLogin("gast");
    expect(result.location).toBe("/login?sso=keine-gruppe");
    expect(result.sessionCookie).toBeNull();
    expect(getDb().select().from(users).where(eq(users.email, "gast@musterstadt.example")).get()).toBeUndefined();
    expect(JSON.parse(lastAudit("login_refused")!.changes).details).toMatchObject({ reason: "keine-gruppe", groups: ["unbekannte-gruppe"] });
    const page = await (await callLoader(loginRoute.loader, result.location)).json();
    expect(page.ssoMessage).toMatch(/keiner Gruppe an, die für diese Kommune freigegeben ist/);
  });

  it("does not create accounts when the Kommune does not allow it", async () => {
    configure({ createUsers: false });
    idp.accounts.set("neu", { email: "ganz.neu@musterstadt.example", email_verified: true, groups: ["fahrplan-lesen"] });
    const result = await ssoLogin("neu");
    expect(result.location).toBe("/login?sso=kein-konto");
    expect(getDb().select().from(users).where(eq(users.email, "ganz.neu@musterstadt.example")).get()).toBeUndefined();
  });

  it("accepts a callback only once and only in the browser that started the login", async () => {
    configure({ createUsers: true });
    idp.accounts.set("bert", { email: "bert@musterstadt.example", email_verified: true, groups: ["fahrplan-lesen"] });
    idp.signInAs("bert");
    const start = await callLoader(startRoute.loader, `/sso/${musterstadt}/start`, { params: { municipalityId: String(musterstadt) } });
    const stateCookie = pair(setCookies(start).find((c) => c.startsWith("fahrplan_sso_state="))!);
    const back = await idp.follow(start.headers.get("Location")!);
    const call = (cookie: string | null) =>
      callbackRoute.loader({ request: new Request(back.location!, { headers: cookie ? { Cookie: cookie } : {} }), params: {}, context: {} });
    // Another browser (without the state cookie) cannot use the code, and the attempt uses it up.
    expect((await call(null)).headers.get("Location")).toBe("/login?sso=fehlgeschlagen");
    expect((await call(stateCookie)).headers.get("Location")).toBe("/login?sso=fehlgeschlagen");
    expect(getDb().select().from(users).where(eq(users.email, "bert@musterstadt.example")).get()).toBeUndefined();
    // A forged state is refused as well.
    const forged = new URL(back.location!);
    forged.searchParams.set("state", "erfunden");
    const res = await callbackRoute.loader({ request: new Request(forged, { headers: { Cookie: "fahrplan_sso_state=erfunden" } }), params: {}, context: {} });
    expect(res.headers.get("Location")).toBe("/login?sso=fehlgeschlagen");
  });

  it("logout ends the local session and the provider's (RP-initiated logout)", async () => {
    configure({ createUsers: true });
    idp.accounts.set("anna", { email: "anna.neu@musterstadt.example", email_verified: true, name: "Anna Neu", groups: ["fahrplan-cdo"] });
    const login = await ssoLogin("anna");
    const { token, setCookie } = await csrfToken(new Request(ORIGIN));
    const caller: Caller = { userId: 0, cookie: `${login.sessionCookie}; ${pair(setCookie!)}`, csrf: token };
    const sessionId = (await sessionOf(login.sessionCookie!))!.id;

    const out = await callAction(logoutRoute.action, "/logout", { caller });
    expect(out.status).toBe(302);
    const endSession = new URL(out.headers.get("Location")!);
    expect(endSession.origin).toBe(idp.issuer);
    expect(endSession.searchParams.get("post_logout_redirect_uri")).toBe(`${ORIGIN}/login`);
    expect(endSession.searchParams.get("id_token_hint")).toMatch(/^ey/);
    expect(await sessionOf(login.sessionCookie!)).toBeNull();
    expect(getDb().select().from(oidcSessions).where(eq(oidcSessions.sessionId, sessionId)).get()).toBeUndefined();
    expect(JSON.parse(lastAudit("logout")!.changes).details).toEqual({ method: "sso" });

    // At the provider: the logout confirmation, then back to Fahrplan's login page.
    expect([...idp.jar.keys()].some((k) => k.startsWith("_session"))).toBe(true);
    const confirm = await idp.follow(endSession.href);
    expect(confirm.status).toBe(200);
    const action = /<form[^>]*action="([^"]+)"/.exec(confirm.body)![1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(confirm.body)![1];
    const done = await idp.follow(new URL(action, idp.issuer).href, { method: "POST", body: new URLSearchParams({ xsrf, logout: "yes" }) });
    expect(done.location).toBe(`${ORIGIN}/login`);
    // The provider dropped its session cookie: the next authorization would ask for a login again.
    expect([...idp.jar.keys()].filter((k) => k.startsWith("_session"))).toEqual([]);
  });

  it("a local login still logs out locally only", async () => {
    const caller = await signIn("cdo@musterstadt.example");
    const out = await callAction(logoutRoute.action, "/logout", { caller });
    expect(out.headers.get("Location")).toBe("/login");
  });

  it("a disabled configuration offers no button and starts no login", async () => {
    configure({ createUsers: true, enabled: false });
    expect((await (await callLoader(loginRoute.loader, "/login")).json()).providers).toEqual([]);
    const start = await callLoader(startRoute.loader, `/sso/${musterstadt}/start`, { params: { municipalityId: String(musterstadt) } });
    expect(start.headers.get("Location")).toBe("/login?sso=fehlgeschlagen");
  });
});
