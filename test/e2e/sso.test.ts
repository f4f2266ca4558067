import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestProvider, type TestProvider } from "../support/oidc-provider";
import { arrive, baseUrl, expectAccessible, launchBrowser, login, waitForHydration } from "../support/browser";

// SSO in the browser against the built server and a real OpenID Connect provider (oidc-provider,
// started here on a random port): the admin connects the provider, a person signs in with
// "Anmelden mit …", a person of an unknown group is refused, logout ends both sessions (issue 16).

let browser: Browser;
let idp: TestProvider;
let page: Page;
const SHOTS = process.env.SCREENSHOT_DIR;

beforeAll(async () => {
  browser = await launchBrowser();
  idp = await startTestProvider(baseUrl());
  idp.accounts.set("sabine", { email: "sabine.sso@musterstadt.example", email_verified: true, name: "Sabine Single", groups: ["fahrplan-projektleitung"] });
  idp.accounts.set("gast", { email: "gast.sso@musterstadt.example", email_verified: true, name: "Gast", groups: ["besucher"] });
  page = await (await browser.newContext({ locale: "de-DE" })).newPage();
});

afterAll(async () => {
  await browser?.close();
  await idp?.close();
});

describe("Single Sign-on with OpenID Connect", () => {
  it("the admin connects the Kommune's identity provider and maps groups to roles", async () => {
    await login(page, "admin@fahrplan.example");
    await arrive(page, /^\/$/, /^Übersicht/);
    await page.goto(`${baseUrl()}/verwaltung`);
    await arrive(page, /^\/verwaltung$/, "Verwaltung");
    await page.getByRole("link", { name: "Anmeldung über Single Sign-on" }).click();
    await arrive(page, /^\/verwaltung\/anmeldung$/, "Anmeldung über Single Sign-on");
    expect(await page.getByText(`${baseUrl()}/sso/callback`).count()).toBe(1);
    await expectAccessible(page);

    await page.getByLabel("Anmeldung über den Identitätsanbieter anbieten").check();
    await page.getByLabel("Issuer-URL des Identitätsanbieters").fill("ftp://idp.example");
    await page.getByRole("button", { name: "Speichern" }).click();
    await page.getByText("Die Adresse muss mit https:// beginnen (http nur für localhost).").waitFor();
    await expectAccessible(page);

    await page.getByLabel("Name auf der Schaltfläche").fill("Stadt-Login");
    await page.getByLabel("Issuer-URL des Identitätsanbieters").fill(idp.issuer);
    await page.getByLabel("Client-ID").fill(idp.clientId);
    await page.getByLabel("Client-Secret").fill(idp.clientSecret);
    await page.getByLabel("Gruppen für „Projektleitung“").fill("fahrplan-projektleitung");
    await page.getByLabel("Gruppen für „Lesezugriff (z. B. Rat)“").fill("fahrplan-lesen, fahrplan-gaeste");
    await page.getByLabel(/Bei der ersten Anmeldung ein Konto anlegen/).check();
    await page.getByRole("button", { name: "Speichern" }).click();
    await page.getByText("Die Einstellungen sind gespeichert.").waitFor();
    await expect(page.getByLabel("Gruppen für „Lesezugriff (z. B. Rat)“").inputValue()).resolves.toBe("fahrplan-lesen, fahrplan-gaeste");
    expect(await page.getByLabel("Client-Secret").inputValue()).toBe("");
    await expectAccessible(page);
    await page.getByRole("button", { name: "Abmelden" }).click();
    await page.waitForURL(/\/login$/);
  });

  it("„Anmelden mit …“ signs a person in through the provider with the mapped role", async () => {
    await page.goto(`${baseUrl()}/login`);
    await waitForHydration(page);
    const button = page.getByRole("link", { name: "Anmelden mit Stadt-Login" });
    expect(await button.count()).toBe(1);
    expect(await page.getByLabel("E-Mail").count()).toBe(1);
    await expectAccessible(page);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/login-sso.png`, fullPage: true });
    idp.signInAs("sabine");
    await button.click();
    await arrive(page, /^\/$/, /^Übersicht/);
    expect(await page.getByText("Sabine Single").count()).toBeGreaterThan(0);
    await page.goto(`${baseUrl()}/konto`);
    await arrive(page, /^\/konto$/, "Mein Konto");
    expect(await page.getByText("Projektleitung").count()).toBeGreaterThan(0);
  });

  it("logout ends the Fahrplan session and the provider's, then shows the login page", async () => {
    await page.getByRole("button", { name: "Abmelden" }).click();
    await page.waitForURL((u) => u.href.startsWith(idp.issuer));
    await page.getByRole("button", { name: /sign me out/i }).click();
    await page.waitForURL(`${baseUrl()}/login`);
    await page.goto(`${baseUrl()}/konto`);
    await page.waitForURL(/\/login/);
  });

  it("refuses a person of an unknown group with a German message", async () => {
    idp.signInAs("gast");
    await page.goto(`${baseUrl()}/login`);
    await waitForHydration(page);
    await page.getByRole("link", { name: "Anmelden mit Stadt-Login" }).click();
    await page.waitForURL(/\/login\?sso=keine-gruppe$/);
    await page.getByRole("alert").getByText(/keiner Gruppe an, die für diese Kommune freigegeben ist/).waitFor();
    await expectAccessible(page);
  });
});
