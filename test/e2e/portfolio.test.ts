import fs from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { arrive, baseUrl, expectAccessible, launchBrowser, signInAndArrive, waitForHydration } from "../support/browser";
import { pdfTools } from "../support/pdf-tools";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const signedIn = (email: string) => signInAndArrive(browser, email);

async function visit(page: Page, path: string) {
  await page.goto(`${baseUrl()}${path}`);
  await waitForHydration(page);
}

describe("portfolio, roadmap and teams in the browser", () => {
  it("CDO sees the portfolio on the Übersicht and reads why a Nachzügler needs support", async () => {
    const page = await signedIn("cdo@musterstadt.example");
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Übersicht: Musterstadt");
    await page.getByRole("heading", { name: "Portfolio auf einen Blick" }).waitFor();
    expect(await page.getByRole("img", { name: /^Portfolio: Projekte nach Bewertung/ }).count()).toBe(1);
    // every chart is an image from /diagramme/… that the browser actually loaded and drew
    const charts = page.locator("figure img");
    expect(await charts.count()).toBe(4);
    for (const chart of await charts.all()) {
      expect(await chart.getAttribute("src")).toMatch(/^\/diagramme\/[a-z-]+\/[\w-]{22}\.svg$/);
      await page.waitForFunction((img) => (img as HTMLImageElement).complete, await chart.elementHandle());
      expect(await chart.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(100);
    }
    expect(Number(await page.getByTestId("laggard-count").innerText())).toBeGreaterThan(0);
    await expectAccessible(page);

    const laggards = page.getByTestId("laggards");
    const first = laggards.getByRole("listitem").first();
    const title = await first.getByRole("link").first().innerText();
    await first.getByRole("link", { name: /Bewertung und Begründung/ }).click();
    await arrive(page, /^\/bewertung\/\d+$/, /^Bewertung: /);
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe(`Bewertung: ${title}`);
    const result = page.getByTestId("assessment-result");
    expect(await result.innerText()).toContain("Nachzügler");
    expect(await result.innerText()).toContain("Beratungsbedarf");
    expect(await result.innerText()).toMatch(/schwächste Kriterien: .+\(\d\)/);
    await expectAccessible(page);
    // the project page is one click away
    expect(await page.getByRole("navigation", { name: "Brotkrumen" }).getByRole("link", { name: title }).getAttribute("href")).toMatch(/^\/projekte\/\d+$/);
  });

  it("CDO re-scores a project in the browser and sees the new classification", async () => {
    const page = await signedIn("cdo@musterstadt.example");
    await visit(page, "/projekte/portfolio");
    await expectAccessible(page);
    await page.getByRole("link", { name: /^bewerten\W+Digitale Ratsarbeit$/ }).click();
    await arrive(page, /^\/bewertung\/\d+$/, "Bewertung: Digitale Ratsarbeit");
    await page.getByRole("button", { name: "Bewertung speichern" }).click();
    await page.getByText("Bitte korrigieren Sie die markierten Felder.").waitFor();
    expect(await page.getByText("Bitte bewerten Sie „Personalausstattung“ mit 0 bis 4.").isVisible()).toBe(true);
    await expectAccessible(page);
    for (const group of await page.getByRole("group").all()) {
      const radio = group.getByRole("radio", { name: /^4 / });
      if (await radio.count()) await radio.check();
    }
    await page.getByRole("button", { name: "Bewertung speichern" }).click();
    await page.getByText("Die Bewertung wurde gespeichert").waitFor();
    expect(await page.getByTestId("assessment-result").innerText()).toContain("Leuchtturm");

    await visit(page, "/bewertung/kriterien");
    await expectAccessible(page);
  });

  it("CDO plans a new project from the roadmap and puts it in a cross-department team", async () => {
    const page = await signedIn("cdo@musterstadt.example");
    await visit(page, "/fahrplan");
    expect(await page.getByRole("img", { name: "Fahrplan: Projekte nach Handlungsfeld und Quartal" }).count()).toBe(1);
    await expectAccessible(page);
    await page.getByLabel("Handlungsfeld", { exact: true }).selectOption({ label: "Mobilität" });
    await page.getByRole("button", { name: "Anzeigen" }).click();
    await arrive(page, /^\/fahrplan\?(.*&)?handlungsfeld=\d+/, "Fahrplan der Digitalagenda");
    expect(await page.getByRole("table").count()).toBe(1);

    await page.getByRole("link", { name: "Neues Projekt planen" }).click();
    await arrive(page, /^\/projekte\/neu/, "Neues Projekt");
    await page.getByLabel("Titel", { exact: true }).fill("Mobilitätsplattform Pendler");
    const field = page.getByLabel("Handlungsfeld", { exact: true });
    if ((await field.inputValue()) === "") await field.selectOption({ label: "Mobilität (Digitale Themen)" });
    await page.getByLabel("Federführende Einheit", { exact: true }).selectOption({ label: "Ordnungsamt" });
    await page.getByLabel("Beginn", { exact: true }).fill("01.04.2027");
    await page.getByLabel("Ende", { exact: true }).fill("31.03.2028");
    await page.getByRole("button", { name: "Projekt anlegen" }).click();
    await arrive(page, /^\/projekte\/\d+$/, "Mobilitätsplattform Pendler");

    await visit(page, "/fahrplan");
    await page.getByRole("link", { name: "Team bilden für Mobilitätsplattform Pendler" }).click();
    await arrive(page, /^\/teams\/neu\?projekt=\d+/, "Neues Team zusammenstellen");
    expect(await page.getByRole("checkbox", { name: "Mobilitätsplattform Pendler" }).isChecked()).toBe(true);
    await expectAccessible(page);

    await page.getByRole("button", { name: "Team anlegen" }).click();
    await page.getByText("Bitte geben Sie einen Namen für das Team ein.").waitFor();
    await page.getByLabel("Name", { exact: true }).fill("Projektteam Pendlerplattform");
    const lead = page.getByLabel("Leitung (optional)");
    const ordnungsamt = lead.locator("optgroup[label='Ordnungsamt'] option").first();
    await lead.selectOption({ value: (await ordnungsamt.getAttribute("value"))! });
    const members = page.getByRole("group", { name: "Mitglieder" });
    await members.getByRole("checkbox", { name: /\(Stadtwerke Musterstadt GmbH\)$/ }).first().check();
    await members.getByRole("checkbox", { name: /\(Fachbereich IT\)$/ }).first().check();
    await page.getByRole("button", { name: "Team anlegen" }).click();
    await arrive(page, /^\/teams\/\d+\?hinweis=angelegt$/, "Projektteam Pendlerplattform");
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Projektteam Pendlerplattform");
    await page.getByText("3 Mitglieder aus 3 Einheiten").waitFor();
    expect(await page.getByRole("link", { name: "Mobilitätsplattform Pendler" }).isVisible()).toBe(true);
    await expectAccessible(page);

    // add a Digitallotse from a fourth unit
    const add = page.getByLabel("Person hinzufügen");
    await add.selectOption({ value: (await add.locator("optgroup[label='Bürgeramt'] option").first().getAttribute("value"))! });
    await page.getByLabel("Teamrolle").selectOption({ label: "Digitallotse/Digitallotsin" });
    await page.getByRole("button", { name: "Hinzufügen" }).click();
    await page.getByText("Das Mitglied wurde hinzugefügt.").waitFor();
    await page.getByText("4 Mitglieder aus 4 Einheiten").waitFor();

    await page.getByRole("link", { name: "Team bearbeiten" }).click();
    await arrive(page, /^\/teams\/\d+\/bearbeiten$/, "Team bearbeiten");
    await expectAccessible(page);

    await visit(page, "/teams");
    await expectAccessible(page);
    await visit(page, "/teams/zusammenarbeit");
    expect(await page.getByTestId("silo-share").innerText()).toMatch(/^\d+ %$/);
    await expectAccessible(page);
  });

  it("prints the Fahrplan on A4 landscape at full width with Kommune, date and states, and offers the same as PDF", async () => {
    const page = await signedIn("cdo@musterstadt.example");
    await visit(page, "/fahrplan");
    await expectAccessible(page);
    expect(await page.getByTestId("fahrplan-stand").innerText()).toMatch(/^Musterstadt · Stand \d{2}\.\d{2}\.\d{4}$/);
    // no title is cut: every project's full title is in the drawing
    const drawn = (await page.getByRole("img", { name: "Fahrplan: Projekte nach Handlungsfeld und Quartal" }).textContent())!.replace(/\s+/g, "");
    for (const title of await page.locator(".roadmap-table tbody td:first-child a").allInnerTexts()) expect(drawn).toContain(title.replace(/\s+/g, ""));
    expect(drawn).not.toContain("…");

    await page.emulateMedia({ media: "print" });
    const widths = await page.evaluate(() => ({
      page: document.querySelector("main")!.getBoundingClientRect().width,
      bands: [...document.querySelectorAll(".roadmap-band svg")].map((s) => s.getBoundingClientRect().width),
      screenDrawingShown: getComputedStyle(document.querySelector(".roadmap-screen")!).display !== "none",
    }));
    expect(widths.screenDrawingShown).toBe(false);
    expect(widths.bands.length).toBeGreaterThan(1);
    for (const w of widths.bands) expect(w).toBeGreaterThan(widths.page * 0.98);
    const printed = pdfTools(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    const text = printed.text(false);
    expect(printed.info()).toMatch(/Page size:\s+841\.\d+ x 59[45]\.\d+ pts/);
    expect(printed.pages()).toBeLessThanOrEqual(6);
    expect(text).toContain("Musterstadt · Stand");
    for (const state of ["Abgeschlossen", "Abgebrochen", "Zurückgestellt"]) expect(text).toContain(state);
    printed.cleanup();
    await page.emulateMedia({ media: "screen" });

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Als PDF (A4 quer)" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^fahrplan-\d{4}-\d{2}-\d{2}\.pdf$/);
    const pdf = pdfTools(new Uint8Array(fs.readFileSync((await download.path())!)));
    expect(pdf.text(false)).toContain("Fahrplan der Digitalagenda – Musterstadt");
    pdf.cleanup();
  });

  it("staff can see the portfolio, roadmap and teams but not change them", async () => {
    const page = await signedIn("mitarbeiter@musterstadt.example");
    await visit(page, "/projekte/portfolio");
    await page.getByRole("link", { name: /^ansehen\W/ }).first().click();
    await arrive(page, /^\/bewertung\/\d+$/, /^Bewertung: /);
    await page.getByText("Sie können die Bewertung ansehen, aber nicht ändern.").waitFor();
    expect(await page.getByRole("button", { name: "Bewertung speichern" }).count()).toBe(0);
    await visit(page, "/fahrplan");
    expect(await page.getByRole("link", { name: "Neues Projekt planen" }).count()).toBe(0);
    await visit(page, "/teams");
    expect(await page.getByRole("link", { name: "Neues Team" }).count()).toBe(0);
    await page.getByRole("link", { name: "Digitallotsen-Netzwerk Musterstadt" }).click();
    await arrive(page, /^\/teams\/\d+$/, "Digitallotsen-Netzwerk Musterstadt");
    expect(await page.getByRole("button", { name: /Entfernen/ }).count()).toBe(0);
  });
});
