import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, expectAccessible, launchBrowser, login, waitForHydration } from "../support/browser";

// Passwort vergessen, the mail preference on /konto and the admin's Postausgang (issue 16, "E-Mail").

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await (await browser.newContext({ locale: "de-DE" })).newPage();
});
afterAll(async () => {
  await browser?.close();
});

describe("E-Mail pages", () => {
  it("leads from the login page to 'Passwort vergessen', with errors at the field and the same answer for every address", async () => {
    await page.goto(`${baseUrl()}/login`);
    await page.getByRole("link", { name: "Passwort vergessen?" }).click();
    await page.waitForURL(/\/passwort-vergessen$/);
    await waitForHydration(page);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Passwort vergessen");
    await expectAccessible(page);
    await page.getByLabel("E-Mail").fill("keine-adresse");
    await page.getByRole("button", { name: "Link anfordern" }).click();
    await page.getByText("Bitte geben Sie eine gültige E-Mail-Adresse ein.").first().waitFor();
    await expectAccessible(page);
    await page.getByLabel("E-Mail").fill("rat@musterstadt.example");
    await page.getByRole("button", { name: "Link anfordern" }).click();
    const answer = await page.getByTestId("reset-requested").textContent();
    expect(answer).toMatch(/Wenn zu dieser E-Mail-Adresse ein Konto besteht/);
    await expectAccessible(page);
    await page.goto(`${baseUrl()}/passwort-vergessen`);
    await waitForHydration(page);
    await page.getByLabel("E-Mail").fill("niemand@musterstadt.example");
    await page.getByRole("button", { name: "Link anfordern" }).click();
    expect(await page.getByTestId("reset-requested").textContent()).toBe(answer);
  });

  it("explains an invalid or used link, accessible", async () => {
    await page.goto(`${baseUrl()}/passwort-neu/ungueltig`);
    await page.getByTestId("reset-invalid").waitFor();
    expect(await page.getByRole("link", { name: "Neuen Link anfordern" }).count()).toBe(1);
    await expectAccessible(page);
  });

  it("lets a person choose the daily digest on /konto", async () => {
    await login(page, "mitarbeiter@musterstadt.example");
    await page.getByTestId("current-municipality").waitFor();
    await page.goto(`${baseUrl()}/konto`);
    await waitForHydration(page);
    await page.getByLabel(/Einmal täglich gesammelt/).check();
    await page.getByRole("button", { name: "Einstellung speichern" }).click();
    await page.getByText("Ihre E-Mail-Einstellung ist gespeichert.").waitFor();
    expect(await page.getByLabel(/Einmal täglich gesammelt/).isChecked()).toBe(true);
    await expectAccessible(page);
    await page.getByLabel(/Sofort/).check();
    await page.getByRole("button", { name: "Einstellung speichern" }).click();
    await page.getByText("Ihre E-Mail-Einstellung ist gespeichert.").waitFor();
  });

  it("shows admins the outbox with state and attempts while no mail server is set up", async () => {
    await page.context().clearCookies();
    await login(page, "admin@fahrplan.example");
    await page.getByTestId("current-municipality").waitFor();
    await waitForHydration(page);
    if ((await page.getByTestId("current-municipality").textContent())?.trim() !== "Musterstadt") {
      await page.getByRole("combobox", { name: "Kommune" }).selectOption({ label: "Musterstadt" });
      await page.getByRole("button", { name: "Wechseln" }).click();
      await page.getByTestId("current-municipality").filter({ hasText: "Musterstadt" }).waitFor();
    }
    await page.goto(`${baseUrl()}/verwaltung`);
    await page.getByRole("link", { name: "Postausgang" }).click();
    await page.waitForURL(/\/verwaltung\/postausgang$/);
    await waitForHydration(page);
    await page.getByTestId("smtp-missing").waitFor();
    const table = page.getByTestId("outbox");
    await table.waitFor();
    expect(await table.getByRole("columnheader").allTextContents()).toEqual(expect.arrayContaining(["Stand", "Versuche", "Letzter Fehler"]));
    expect(await table.textContent()).toMatch(/wartet auf Versand/);
    await expectAccessible(page);
  });
});
