import { type Browser, request as playwrightRequest } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { arrive, baseUrl, expectAccessible, launchBrowser, login } from "../support/browser";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe("API-Token", () => {
  it("the Kämmerei creates a token (shown once), reads the API with it, revokes it, and the API refuses it", async () => {
    const context = await browser.newContext({ locale: "de-DE" });
    const page = await context.newPage();
    await login(page, "kaemmerei@musterstadt.example");
    // The login posts and redirects; only then may the next navigation start, or it cancels the login.
    await arrive(page, /^\/$/, /^Übersicht/);
    await page.goto(`${baseUrl()}/konto`);
    await arrive(page, /^\/konto$/, "Mein Konto");
    await expectAccessible(page);
    await page.getByRole("link", { name: "API-Token verwalten" }).click();
    await arrive(page, /^\/konto\/api-token$/, "API-Token");
    await expectAccessible(page);

    await page.getByLabel("Name").fill("x");
    await page.getByRole("button", { name: "Token anlegen" }).click();
    await page.getByText("Der Name muss mindestens 3 Zeichen lang sein.").waitFor({ timeout: 45_000 });
    await expectAccessible(page);

    await page.getByLabel("Name").fill("Auswertung Controlling");
    await page.getByLabel("Gültig für").selectOption("90");
    await page.getByRole("button", { name: "Token anlegen" }).click();
    const shown = page.getByTestId("new-token");
    await shown.waitFor({ timeout: 45_000 });
    const token = (await shown.innerText()).trim();
    expect(token).toMatch(/^fp_/);
    await expectAccessible(page);

    const bearer = { Authorization: `Bearer ${token}` };
    // A fresh request context: no session cookie, so only the token can open the API.
    const client = await playwrightRequest.newContext();
    const projects = await client.get(`${baseUrl()}/api/v1/projects`, { headers: bearer });
    expect(projects.status()).toBe(200);
    const projectList = await projects.json();
    expect(projectList.data.length).toBeGreaterThan(0);
    expect(projectList.data[0]).toHaveProperty("title");
    const api = await client.get(`${baseUrl()}/api/v1/funding-applications`, { headers: bearer });
    expect(api.status()).toBe(200);
    expect((await api.json()).data[0]).toHaveProperty("grantedCents");
    expect((await client.get(`${baseUrl()}/api/v1/projects`)).status()).toBe(401);

    // Shown once: after a reload the page lists the token by its prefix only.
    await page.reload();
    await arrive(page, /^\/konto\/api-token/, "API-Token");
    expect(await page.getByTestId("new-token").count()).toBe(0);
    expect(await page.content()).not.toContain(token);

    await page.getByRole("button", { name: "Token „Auswertung Controlling“ widerrufen" }).click();
    await page.getByText("Das Token ist widerrufen und funktioniert nicht mehr.").waitFor({ timeout: 45_000 });
    expect(await page.getByText(/^widerrufen am/).count()).toBe(1);
    await expectAccessible(page);
    for (const path of ["/api/v1/projects", "/api/v1/funding-applications"]) {
      const refused = await client.get(`${baseUrl()}${path}`, { headers: bearer });
      expect(refused.status()).toBe(401);
      expect((await refused.json()).error.code).toBe("unauthorized");
    }
    await client.dispose();
    await context.close();
  });
});
