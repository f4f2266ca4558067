import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { arrive, baseUrl, expectAccessible, launchBrowser, login } from "../support/browser";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe("Statusberichte eines Projekts", () => {
  it("the CDO opens the status page from the project, is told what is missing, reports and sees it in the history", async () => {
    const context = await browser.newContext({ locale: "de-DE" });
    const page = await context.newPage();
    await login(page, "cdo@musterstadt.example");
    await arrive(page, /^\/$/, /^Übersicht/);
    await page.goto(`${baseUrl()}/projekte`);
    await arrive(page, /^\/projekte/, /Projekte/);
    await page.getByRole("link", { name: "Digitaler Bauantrag", exact: true }).first().click();
    await arrive(page, /^\/projekte\/\d+$/, "Digitaler Bauantrag");
    await page.getByRole("link", { name: /^Statusbericht/ }).click();
    await arrive(page, /^\/projekte\/\d+\/status$/, /^Statusberichte: Digitaler Bauantrag/);
    await expectAccessible(page);
    await page.getByRole("button", { name: "Statusbericht speichern" }).click();
    await page.getByText("Bitte beschreiben Sie den Fortschritt.").waitFor({ timeout: 45_000 });
    await expectAccessible(page);
    await page.getByLabel("Ampel").selectOption("yellow");
    await page.getByLabel("Fortschritt seit dem letzten Bericht").fill("Schnittstelle getestet.");
    await page.getByLabel("Unterstützungsbedarf").fill("Freigabe der Haushaltsmittel");
    await page.getByRole("button", { name: "Statusbericht speichern" }).click();
    await page.locator("li", { hasText: "Freigabe der Haushaltsmittel" }).waitFor({ timeout: 45_000 });
    expect(await page.locator("li", { hasText: "Freigabe der Haushaltsmittel" }).innerText()).toContain("Gelb: gefährdet");
    await expectAccessible(page);
    await context.close();
  });
});
