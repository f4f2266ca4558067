import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, expectAccessible, launchBrowser, login, waitForHydration } from "../support/browser";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function signedIn(email: string): Promise<Page> {
  const context = await browser.newContext({ locale: "de-DE", acceptDownloads: true });
  const page = await context.newPage();
  await login(page, email);
  await page.waitForURL(`${baseUrl()}/`);
  return page;
}

async function visit(page: Page, path: string) {
  await page.goto(`${baseUrl()}${path}`);
  await waitForHydration(page);
}

async function fire(page: Page, transition: string, expectedState: string) {
  await page.getByRole("button", { name: transition, exact: true }).click();
  await page.getByTestId("workflow-state").filter({ hasText: expectedState }).waitFor();
  await waitForHydration(page);
}

describe("projects in the browser", () => {
  it("CDO creates a project, moves it to 'In Umsetzung', adds a milestone and exports CSV", async () => {
    const page = await signedIn("cdo@musterstadt.example");
    await visit(page, "/projekte/neu");
    await expectAccessible(page);

    await page.getByRole("button", { name: "Projekt anlegen" }).click();
    await page.getByText("Bitte geben Sie einen Projekttitel ein.").waitFor();
    expect(await page.getByText("Bitte wählen Sie ein Handlungsfeld.").isVisible()).toBe(true);
    await expectAccessible(page);

    await page.getByLabel("Titel", { exact: true }).fill("Digitale Spielplatzsuche");
    await page.getByLabel("Beschreibung", { exact: true }).fill("Spielplätze mit Ausstattung und Zustand in der Stadt-App.");
    await page.getByLabel("Handlungsfeld", { exact: true }).selectOption({ label: "Mobilität (Digitale Themen)" });
    await page.getByLabel("Federführende Einheit", { exact: true }).selectOption({ label: "Bauamt" });
    await page.getByLabel("Beginn", { exact: true }).fill("01.03.2027");
    await page.getByLabel("Ende", { exact: true }).fill("15.02.2027");
    await page.getByLabel("Budget geplant (Euro)", { exact: true }).fill("48.500,00");
    await page.getByRole("checkbox", { name: "Stadtwerke Musterstadt GmbH (Unternehmen)" }).check();
    await page.getByRole("button", { name: "Projekt anlegen" }).click();
    await page.getByText("Das Projektende darf nicht vor dem Projektbeginn liegen.").waitFor();
    await page.getByLabel("Ende", { exact: true }).fill("30.11.2027");
    await page.getByRole("button", { name: "Projekt anlegen" }).click();

    await page.waitForURL(/\/projekte\/\d+$/);
    // Remix changes the URL before it renders the new page: wait for the project page's own heading.
    await page.getByRole("heading", { level: 1, name: "Digitale Spielplatzsuche" }).waitFor();
    await waitForHydration(page);
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Digitale Spielplatzsuche");
    expect(await page.getByTestId("workflow-state").innerText()).toBe("Idee");

    await fire(page, "Zur Bewertung geben", "Bewertung");
    await fire(page, "Planung freigeben", "Geplant");
    await fire(page, "Umsetzung starten", "In Umsetzung");
    const history = await page.getByTestId("workflow-history").innerText();
    expect(history).toContain("Umsetzung starten: Geplant → In Umsetzung");
    expect(history).toContain("Gestartet in „Idee“");
    expect(await page.getByTestId("workflow-panel").locator("svg").first().isVisible()).toBe(true);

    await page.getByLabel("Neuer Meilenstein", { exact: true }).fill("Datenerhebung abgeschlossen");
    await page.getByLabel("Fällig am", { exact: true }).fill("01.01.2020");
    await page.getByRole("button", { name: "Meilenstein hinzufügen" }).click();
    await page.getByRole("cell", { name: "Datenerhebung abgeschlossen" }).waitFor();
    expect(await page.getByRole("row", { name: /Datenerhebung abgeschlossen/ }).getByText("überfällig").isVisible()).toBe(true);
    const projectPath = new URL(page.url()).pathname;

    await visit(page, "/projekte?q=Spielplatz");
    expect(await page.getByTestId("project-table").innerText()).toContain("In Umsetzung");
    await expectAccessible(page);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "CSV exportieren" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^projekte-musterstadt-\d{4}-\d{2}-\d{2}\.csv$/);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8");
    expect(text).toContain("Digitale Spielplatzsuche");
    expect(text).toContain(";48500,00;");
    expect(text).toContain(";01.03.2027;30.11.2027;");
    expect(text.trim().split("\r\n")).toHaveLength(2);
    expect(text).toMatch(/^\uFEFFID;Version;Titel;/);
    await visit(page, projectPath);
    await expectAccessible(page);

    // Archived projects are read-only until restored, on the page and by URL.
    await page.getByRole("button", { name: "Archivieren" }).click();
    await page.getByText("Das Projekt ist archiviert und schreibgeschützt.").waitFor();
    expect(await page.getByRole("link", { name: "Bearbeiten" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Meilenstein hinzufügen" }).count()).toBe(0);
    await expectAccessible(page);
    await visit(page, `${projectPath}/bearbeiten`);
    expect(await page.getByRole("alert").innerText()).toMatch(/^Das Projekt ist archiviert und kann nicht bearbeitet werden/);
    expect(await page.getByRole("button", { name: "Änderungen speichern" }).count()).toBe(0);
    await expectAccessible(page);
    await visit(page, projectPath);
    await page.getByRole("button", { name: "Aus dem Archiv holen" }).click();
    await page.getByRole("link", { name: "Bearbeiten" }).waitFor();
    await page.context().close();
  });

  it("the agenda, the portfolio risk matrix and the editing pages are accessible", async () => {
    const page = await signedIn("cdo@musterstadt.example");
    for (const path of ["/agenda", "/agenda/handlungsfelder", "/agenda/bearbeiten", "/agenda/ziele/neu", "/projekte/risiken", "/projekte/import"]) {
      await visit(page, path);
      await expectAccessible(page);
    }
    await visit(page, "/agenda");
    expect(await page.locator("figure svg[role=img]").count()).toBeGreaterThan(5);
    await page.getByRole("link", { name: "Istwert erfassen oder Ziel bearbeiten" }).first().click();
    await page.waitForURL(/\/agenda\/ziele\/\d+$/);
    await waitForHydration(page);
    await expectAccessible(page);
    await visit(page, "/projekte?overdue=1");
    expect(await page.getByTestId("project-table").getByText("überfällig").count()).toBeGreaterThan(2);
    await page.getByRole("link", { name: "Digitaler Bauantrag" }).click();
    await page.waitForURL(/\/projekte\/\d+$/);
    await waitForHydration(page);
    await visit(page, new URL(page.url()).pathname + "/bearbeiten");
    await expectAccessible(page);
    await page.context().close();
  });

  it("CDO closes a high risk (it leaves the risk matrix and stops counting) and reopens it", async () => {
    const page = await signedIn("cdo@musterstadt.example");
    await visit(page, "/projekte?q=Digitaler%20Bauantrag");
    await page.getByRole("link", { name: "Digitaler Bauantrag" }).click();
    await page.waitForURL(/\/projekte\/\d+$/);
    await page.getByRole("heading", { level: 1, name: "Digitaler Bauantrag" }).waitFor({ timeout: 45_000 });
    await waitForHydration(page);
    const risk = "Sachbearbeitung noch nicht mit dem Fachverfahren vertraut";
    const matrix = page.getByTestId("risk-matrix");
    expect(await matrix.getByText(risk).count()).toBe(1);
    await page.getByRole("button", { name: `Schließen: ${risk}` }).click();
    await page.getByRole("button", { name: `Wieder öffnen: ${risk}` }).waitFor();
    await page.getByText(/^geschlossen am \d{2}\.\d{2}\.\d{4}, zählt nicht mehr$/).waitFor();
    expect(await matrix.getByText(risk).count()).toBe(0);
    await expectAccessible(page);
    await page.getByRole("button", { name: `Wieder öffnen: ${risk}` }).click();
    await page.getByRole("button", { name: `Schließen: ${risk}` }).waitFor();
    expect(await matrix.getByText(risk).count()).toBe(1);
    await page.context().close();
  });

  it("staff can see projects but cannot change them", async () => {
    const page = await signedIn("mitarbeiter@musterstadt.example");
    await visit(page, "/projekte");
    expect(await page.getByRole("link", { name: "Neues Projekt" }).count()).toBe(0);
    expect(await page.getByRole("link", { name: "CSV importieren" }).count()).toBe(0);
    await page.getByRole("link", { name: "E-Akte Einführung" }).click();
    await page.waitForURL(/\/projekte\/\d+$/);
    await page.getByRole("heading", { level: 1, name: "E-Akte Einführung" }).waitFor();
    await waitForHydration(page);
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("E-Akte Einführung");
    expect(await page.getByRole("link", { name: "Bearbeiten" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Archivieren" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Meilenstein hinzufügen" }).count()).toBe(0);
    expect(await page.getByTestId("workflow-panel").getByRole("button").count()).toBe(0);
    await expectAccessible(page);
    const response = await page.goto(`${baseUrl()}/projekte/neu`);
    expect(response?.status()).toBe(403);
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Keine Berechtigung");
    await page.context().close();
  });
});
