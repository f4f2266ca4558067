import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { arrive, baseUrl, expectAccessible, launchBrowser, login, waitForHydration } from "../support/browser";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe("Reifegrad: from self-assessment to projects", () => {
  it("the CDO rates the open items, finalises, turns two gaps into projects and sees the benchmark", async () => {
    const context = await browser.newContext({ locale: "de-DE" });
    const page = await context.newPage();
    await login(page, "cdo@musterstadt.example");
    await arrive(page, /^\/$/, /^Übersicht/);
    await page.goto(`${baseUrl()}/reifegrad`);
    await arrive(page, /^\/reifegrad$/, "Reifegrad der Kommune");
    await expectAccessible(page);
    // Finalising with open items is refused with a German message.
    await page.getByRole("button", { name: "Selbstbewertung abschließen" }).click();
    await page.getByRole("alert").filter({ hasText: "37 von 40" }).waitFor({ timeout: 45_000 });
    // The open items are in „Digitale Organisation“ (the last field).
    await page.getByRole("link", { name: "Digitale Organisation bewerten" }).click();
    await arrive(page, /^\/reifegrad\/bewerten\/organisation$/, "Selbstbewertung: Digitale Organisation");
    await expectAccessible(page);
    const open = page.locator("select[name^='current-']").filter({ has: page.locator("option[value='']:checked") });
    const count = await open.count();
    expect(count).toBe(3);
    // A target below today's level is refused, nothing saved.
    const first = (await open.first().getAttribute("name"))!.slice("current-".length);
    await page.selectOption(`select[name='current-${first}']`, "3");
    await page.selectOption(`select[name='target-${first}']`, "1");
    await page.getByRole("button", { name: "Bewertungen speichern" }).click();
    await page.locator(`#target-${first}-error`).waitFor({ timeout: 45_000 });
    expect(await page.locator(`#target-${first}-error`).innerText()).toBe("Das Ziel darf nicht unter dem heutigen Stand liegen.");
    await expectAccessible(page);
    for (const select of await page.locator("select[name^='current-']").all()) {
      const id = (await select.getAttribute("name"))!.slice("current-".length);
      if ((await select.inputValue()) === "" || id === first) {
        await select.selectOption("1");
        await page.selectOption(`select[name='target-${id}']`, "3");
      }
    }
    await page.getByRole("button", { name: "Bewertungen speichern" }).click();
    await arrive(page, /^\/reifegrad\?hinweis=gespeichert$/, "Reifegrad der Kommune");
    await page.getByRole("button", { name: "Selbstbewertung abschließen" }).click();
    await arrive(page, /^\/reifegrad\?hinweis=abgeschlossen$/, "Reifegrad der Kommune");
    expect(await page.getByRole("status").innerText()).toContain("abgeschlossen");
    // Two gaps become projects.
    for (let i = 0; i < 2; i++) {
      await page.getByRole("button", { name: "Als Projekt anlegen" }).nth(i).click();
      await page.waitForURL(/\/projekte\/\d+\?hinweis=angelegt/, { timeout: 45_000 });
      await waitForHydration(page);
      await page.goto(`${baseUrl()}/reifegrad`);
      await arrive(page, /^\/reifegrad$/, "Reifegrad der Kommune");
    }
    expect(await page.getByText(/^Maßnahme:/).count()).toBe(2);
    await expectAccessible(page);
    await page.getByRole("link", { name: "Vergleich mit anderen Kommunen" }).click();
    await arrive(page, /^\/reifegrad\/vergleich$/, "Reifegrad im Vergleich");
    expect(await page.getByText(/zu wenige Angaben \(4 von mindestens 5 Kommunen\)/).count()).toBeGreaterThan(0);
    await expectAccessible(page);
    await page.screenshot({ path: `${process.env.TMPDIR ?? "/tmp"}/fahrplan-reifegrad-vergleich.png`, fullPage: true });
    await context.close();
  }, 240_000);
});
