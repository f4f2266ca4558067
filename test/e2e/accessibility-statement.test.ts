import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, expectAccessible, launchBrowser, login, waitForHydration } from "../support/browser";

// Erklärung zur Barrierefreiheit (BITV 2.0) with its feedback form, reached from the footer (issue 16).

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await (await browser.newContext({ locale: "de-DE" })).newPage();
});

afterAll(async () => {
  await browser?.close();
});

describe("Erklärung zur Barrierefreiheit", () => {
  it("is linked in the footer of the login page and has every BITV section, accessible", async () => {
    await page.goto(`${baseUrl()}/login`);
    await page.getByRole("contentinfo").getByRole("link", { name: "Erklärung zur Barrierefreiheit" }).click();
    await page.waitForURL(/\/barrierefreiheit$/);
    await waitForHydration(page);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Erklärung zur Barrierefreiheit");
    for (const name of ["Stand der Vereinbarkeit mit den Anforderungen", "Nicht barrierefreie Inhalte", "Erstellung dieser Erklärung", "Feedback und Kontakt", "Schlichtungsverfahren", "Barriere melden"]) {
      expect(await page.getByRole("heading", { level: 2, name }).count(), name).toBe(1);
    }
    await expectAccessible(page);
  });

  it("shows German errors at the fields, accessible, and then accepts a report without login", async () => {
    await page.getByRole("button", { name: "Rückmeldung senden" }).click();
    await expect(page.getByText("Bitte wählen Sie die Kommune").first().waitFor()).resolves.toBeUndefined();
    expect(await page.getByLabel("Ihre Nachricht").getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(page);
    await page.getByLabel("Kommune").selectOption({ label: "Musterstadt" });
    await page.getByLabel("Seite oder Inhalt (freiwillig)").fill("Projekte › Portfolio");
    await page.getByLabel("Ihre Nachricht").fill("Das Blasendiagramm im Portfolio ist mit der Tastatur nicht erreichbar.");
    await page.getByLabel("E-Mail für Rückfragen (freiwillig)").fill("leser@example.org");
    await page.getByRole("button", { name: "Rückmeldung senden" }).click();
    await page.getByTestId("feedback-sent").waitFor();
    expect(page.url()).toContain("gesendet=1");
    await expectAccessible(page);
  });

  it("reaches the CDO of the Kommune under Verwaltung, linked from every page's footer", async () => {
    await login(page, "cdo@musterstadt.example");
    await page.getByTestId("current-municipality").waitFor();
    expect(await page.getByRole("contentinfo").getByRole("link", { name: "Erklärung zur Barrierefreiheit" }).count()).toBe(1);
    await page.goto(`${baseUrl()}/verwaltung/barrierefreiheit`);
    await waitForHydration(page);
    const list = page.getByTestId("feedback-list");
    await list.waitFor();
    expect(await list.textContent()).toContain("Das Blasendiagramm im Portfolio ist mit der Tastatur nicht erreichbar.");
    expect(await list.getByRole("link", { name: /leser@example\.org/ }).count()).toBe(1);
    await expectAccessible(page);
  });
});
