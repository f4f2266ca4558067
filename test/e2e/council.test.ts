import crypto from "node:crypto";
import fs from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pdfTools } from "../support/pdf-tools";
import { arrive, baseUrl, expectAccessible, launchBrowser, login } from "../support/browser";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Letters and digits only: pdftotext breaks long words at hyphens and lines anywhere. */
const squash = (text: string) => text.replace(/[^\p{L}\p{N}]/gu, "");

/**
 * A new self-assessment through the page, in Kleinhausen (Musterstadt's demo draft belongs to the
 * maturity test): it starts from the last finalised one, the CDO re-rates two items of
 * „Verwaltung“ with a larger gap, rates whatever is still open and finalises, still sharing the
 * figures for the benchmark (the benchmark test counts the sharing Kommunen).
 */
async function completeAssessment(page: Page) {
  await page.getByLabel("Werte anonym für den Vergleich freigeben").check();
  await page.getByRole("button", { name: "Selbstbewertung beginnen" }).click();
  await arrive(page, /^\/reifegrad\?hinweis=begonnen$/, "Reifegrad der Kommune");
  await page.getByRole("link", { name: "Verwaltung bewerten" }).click();
  await arrive(page, /^\/reifegrad\/bewerten\/administration$/, "Selbstbewertung: Verwaltung");
  await expectAccessible(page);
  for (const select of (await page.locator("select[name^='current-']").all()).slice(0, 2)) {
    const id = (await select.getAttribute("name"))!.slice("current-".length);
    await select.selectOption("0");
    await page.selectOption(`select[name='target-${id}']`, "4");
  }
  await page.getByRole("button", { name: "Bewertungen speichern" }).click();
  await arrive(page, /^\/reifegrad\?hinweis=gespeichert$/, "Reifegrad der Kommune");
  const rows = page.getByRole("table", { name: "Reifegrad je Handlungsfeld" }).locator("tbody tr");
  const open: string[] = [];
  for (const row of await rows.all()) {
    const [rated, items] = (/(\d+) von (\d+)/.exec(await row.innerText()) ?? []).slice(1).map(Number);
    if (rated! < items!) open.push((await row.getByRole("link").getAttribute("href"))!);
  }
  for (const href of open) {
    await page.goto(`${baseUrl()}${href}`);
    await arrive(page, new RegExp(`^${href}$`), /^Selbstbewertung: /);
    await expectAccessible(page);
    for (const select of await page.locator("select[name^='current-']").all()) {
      if ((await select.inputValue()) !== "") continue;
      const id = (await select.getAttribute("name"))!.slice("current-".length);
      await select.selectOption("1");
      await page.selectOption(`select[name='target-${id}']`, "3");
    }
    await page.getByRole("button", { name: "Bewertungen speichern" }).click();
    await arrive(page, /^\/reifegrad\?hinweis=gespeichert$/, "Reifegrad der Kommune");
  }
  expect(await page.getByLabel("Werte anonym für den Vergleich mit anderen Kommunen freigeben").isChecked()).toBe(true);
  await page.getByRole("button", { name: "Selbstbewertung abschließen" }).click();
  await arrive(page, /^\/reifegrad\?hinweis=abgeschlossen$/, "Reifegrad der Kommune");
  expect(await page.getByRole("status").innerText()).toContain("abgeschlossen");
}

describe("Ratsbericht: from the self-assessment to the council", () => {
  it("the CDO completes the assessment, turns two gaps into projects and issues the Digitalbericht; the archive lists it and it downloads", async () => {
    const context = await browser.newContext({ locale: "de-DE", acceptDownloads: true });
    const page = await context.newPage();
    await login(page, "cdo@kleinhausen.example");
    await arrive(page, /^\/$/, /^Übersicht/);
    await page.goto(`${baseUrl()}/reifegrad`);
    await arrive(page, /^\/reifegrad$/, "Reifegrad der Kommune");
    await expectAccessible(page);
    await completeAssessment(page);
    await expectAccessible(page);

    // Two gaps become projects of the Digitalagenda.
    const titles: string[] = [];
    for (let i = 0; i < 2; i++) {
      await page.getByRole("button", { name: "Als Projekt anlegen" }).nth(i).click();
      // The project page (its h1 is the new project's title, not the Reifegrad page's).
      await arrive(page, /^\/projekte\/\d+\?hinweis=angelegt$/, /^(?!Reifegrad der Kommune$)/);
      titles.push((await page.getByRole("heading", { level: 1 }).innerText()).trim());
      await expectAccessible(page);
      await page.goto(`${baseUrl()}/reifegrad`);
      await arrive(page, /^\/reifegrad$/, "Reifegrad der Kommune");
    }
    expect(new Set(titles).size).toBe(2);
    // A third gap becomes a goal of the Digitalagenda; the item lists it.
    await page.getByRole("button", { name: "Als Ziel anlegen" }).nth(2).click();
    await arrive(page, /^\/reifegrad\?hinweis=ziel$/, "Reifegrad der Kommune");
    expect(await page.getByRole("status").innerText()).toContain("Ziel ist in der Digitalagenda angelegt");
    expect(await page.getByText(/^Ziel der Agenda:/).count()).toBe(1);
    await expectAccessible(page);

    // Issue the Digitalbericht on the reports page.
    await page.goto(`${baseUrl()}/berichte`);
    await arrive(page, /^\/berichte$/, "Berichte");
    await expectAccessible(page);
    expect(await page.getByText("noch keiner ausgestellt: der erste Bericht vergleicht nicht").count()).toBe(1);
    await page.getByRole("button", { name: "Digitalbericht erstellen und archivieren" }).click();
    const archived = page.locator(".alert-success").filter({ hasText: "Archiviert: Digitalbericht für den Rat" });
    await archived.waitFor({ timeout: 90_000 });
    await expectAccessible(page);

    // The archive lists it (after a reload) with its hash; the download is the archived file.
    await page.goto(`${baseUrl()}/berichte`);
    await arrive(page, /^\/berichte$/, "Berichte");
    const row = page.locator("table tbody tr").filter({ hasText: "Digitalbericht für den Rat" }).first();
    await row.waitFor();
    const sha = await row.locator("td.font-mono").getAttribute("title");
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    expect(await page.getByText(/zuletzt ausgestellt am \d\d\.\d\d\.\d{4}/).count()).toBe(1);
    await expectAccessible(page);
    const [download] = await Promise.all([page.waitForEvent("download"), row.getByRole("link", { name: /^Herunterladen/ }).click()]);
    const bytes = fs.readFileSync((await download.path())!);
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect(crypto.createHash("sha256").update(bytes).digest("hex")).toBe(sha);
    const pdf = pdfTools(bytes);
    try {
      const text = pdf.text(false);
      const flat = squash(text);
      expect(text).toContain("Digitalbericht für den Rat");
      expect(text).toContain("Erster Bericht – kein Vergleich");
      // The two new projects stand in the report as measures of their items.
      for (const title of titles) expect(flat).toContain(squash(title));
      expect(text).toMatch(/Selbstbewertung abgeschlossen am \d\d\.\d\d\.\d{4}/);
    } finally {
      pdf.cleanup();
    }
    await context.close();
  }, 300_000);

  it("the Roll-in-Service coordination edits its catalogue: German errors next to the text, then saves and publishes a version", async () => {
    const context = await browser.newContext({ locale: "de-DE" });
    const page = await context.newPage();
    await login(page, "rollin@landesdienst.example");
    await page.waitForURL((url) => !url.pathname.startsWith("/login"), { timeout: 45_000 });
    await page.goto(`${baseUrl()}/reifegrad/katalog`);
    await arrive(page, /^\/reifegrad\/katalog$/, "Reifegradkatalog pflegen");
    expect(await page.getByRole("heading", { level: 2, name: /Katalog des Roll-in-Service/ }).count()).toBe(1);
    await expectAccessible(page);
    const text = page.getByLabel("Katalog (JSON)");
    const original = await text.inputValue();
    const catalogue = JSON.parse(original) as { title: string; items: { levels: string[] }[] };
    catalogue.items[0]!.levels = ["nur eine"];
    await text.fill(JSON.stringify(catalogue, null, 2));
    await page.getByRole("button", { name: "Entwurf speichern" }).click();
    await page.locator("#source-errors").waitFor({ timeout: 45_000 });
    expect(await page.locator("#source-errors").innerText()).toContain("Jedes Kriterium braucht genau fünf Stufen (0–4).");
    await expectAccessible(page);
    const fixed = JSON.parse(original) as { title: string };
    fixed.title = "Landesdienst-Reifegradmodell";
    await text.fill(JSON.stringify(fixed, null, 2));
    await page.getByRole("button", { name: "Speichern und veröffentlichen" }).click();
    await arrive(page, /^\/reifegrad\/katalog\?bereich=anbieter&hinweis=veroeffentlicht&version=\d+$/, "Reifegradkatalog pflegen");
    expect(await page.getByText(/In Gebrauch: Version \d+ „Landesdienst-Reifegradmodell“/).count()).toBe(1);
    await expectAccessible(page);
    await context.close();
  }, 180_000);
});
