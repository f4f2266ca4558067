import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { arrive, expectAccessible, launchBrowser, signInAndArrive } from "../support/browser";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe("Cockpit of a member of several Kommunen in the browser", () => {
  it("lands on the Übersicht, opens „Meine Kommunen“ with exactly their three Kommunen, and switches from a row", async () => {
    // The login landing for members stays the Kommune's Übersicht.
    const page = await signInAndArrive(browser, "digital@amt-seenland.example", { url: /^\/$/, heading: /^Übersicht/ }, { viewport: { width: 1400, height: 900 } });
    await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Meine Kommunen" }).click();
    await arrive(page, /^\/roll-in$/, "Cockpit: Meine Kommunen");
    const rows = page.getByTestId("cockpit-row");
    expect(await rows.count()).toBe(3);
    const table = await page.getByTestId("cockpit").innerText();
    for (const name of ["Eichenbrück", "Kleinhausen", "Wiesengrund"]) expect(table).toContain(name);
    expect(table).not.toContain("Musterstadt");
    expect(table).toContain("Ihre Rolle: CDO / Digitalverantwortliche");
    const tabs = page.getByRole("navigation", { name: "Meine Kommunen" });
    expect(await tabs.getByRole("link").allInnerTexts()).toEqual(["Cockpit", "Aufgaben aller Kommunen"]);
    expect(await page.getByLabel("Gruppe (Amt, Landkreis)").count()).toBe(0);
    await expectAccessible(page);

    await tabs.getByRole("link", { name: "Aufgaben aller Kommunen" }).click();
    await arrive(page, /^\/roll-in\/aufgaben$/, "Aufgaben aller Kommunen");
    expect(await page.locator("select#kommune option").allInnerTexts()).toEqual(["alle", "Eichenbrück", "Kleinhausen", "Wiesengrund"]);
    await expectAccessible(page);

    await tabs.getByRole("link", { name: "Cockpit" }).click();
    await arrive(page, /^\/roll-in$/, "Cockpit: Meine Kommunen");
    await rows.filter({ hasText: "Wiesengrund" }).getByRole("button", { name: /Projekte, \d+ laufend, in Wiesengrund öffnen/ }).click();
    await arrive(page, /^\/projekte$/, "Projekte");
    expect(await page.getByTestId("current-municipality").innerText()).toBe("Wiesengrund");
    await page.context().close();
  });
});
