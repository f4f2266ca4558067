import type { Browser, Page } from "playwright-core";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, expectAccessible, launchBrowser, login, waitForHydration } from "../support/browser";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function signedIn(email: string, viewport?: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ locale: "de-DE", acceptDownloads: true, ...(viewport ? { viewport } : {}) });
  const page = await context.newPage();
  await login(page, email);
  await page.waitForURL(`${baseUrl()}/`);
  await page.getByTestId("current-municipality").waitFor();
  await waitForHydration(page);
  return page;
}

async function visit(page: Page, path: string) {
  await page.goto(`${baseUrl()}${path}`);
  await waitForHydration(page);
}

describe("trainings in the browser", () => {
  let sessionPath = "";

  it("staff registers for a full workshop and lands on the waitlist", async () => {
    const mia = await signedIn("mitarbeiter@musterstadt.example");
    await mia.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Schulungen" }).click();
    await mia.waitForURL(`${baseUrl()}/schulungen`);
    await waitForHydration(mia);
    await expectAccessible(mia);
    await mia.getByRole("link", { name: "E-Akte kompakt" }).first().click();
    await mia.waitForURL(/\/schulungen\/termine\/\d+$/);
    sessionPath = new URL(mia.url()).pathname;
    await waitForHydration(mia);
    expect(await mia.getByTestId("seats").textContent()).toContain("2 von 2 belegt");
    await mia.getByRole("button", { name: "Auf die Warteliste setzen" }).click();
    await mia.getByRole("status").filter({ hasText: "Warteliste" }).waitFor();
    expect(await mia.getByTestId("own-status").textContent()).toBe("Sie stehen auf der Warteliste (Platz 1).");
    await expectAccessible(mia);
    await mia.screenshot({ path: "/tmp/trainings-session-waitlist.png", fullPage: true });
    await mia.context().close();
  });

  it("moves up when someone cancels, and the person is notified", async () => {
    const cdo = await signedIn("cdo@musterstadt.example");
    await visit(cdo, sessionPath);
    const participants = cdo.getByRole("region", { name: "Teilnehmende und Warteliste" });
    await participants.getByRole("button", { name: /abmelden$/ }).first().click();
    await cdo.getByRole("status").filter({ hasText: "nachgerückt" }).waitFor();
    await expectAccessible(cdo);
    await cdo.context().close();

    const mia = await signedIn("mitarbeiter@musterstadt.example");
    await visit(mia, sessionPath);
    expect(await mia.getByTestId("own-status").textContent()).toBe("Sie sind angemeldet.");
    await mia.context().close();
  });

  it("the trainer records attendance on a tablet-sized screen", async () => {
    const peter = await signedIn("projektleitung@musterstadt.example", { width: 768, height: 1024 });
    await visit(peter, `${sessionPath}/anwesenheit`);
    await expectAccessible(peter);
    const present = peter.getByText("Anwesend", { exact: true });
    expect(await present.count()).toBe(2);
    for (let i = 0; i < 2; i++) {
      const box = await present.nth(i).boundingBox();
      expect(box!.height).toBeGreaterThanOrEqual(44);
      await present.nth(i).click();
    }
    await peter.screenshot({ path: "/tmp/trainings-attendance-tablet.png", fullPage: true });
    await peter.getByRole("button", { name: "Anwesenheit speichern" }).click();
    await peter.getByRole("status").filter({ hasText: "Anwesenheit gespeichert" }).waitFor();
    await peter.context().close();
  });

  it("the participant downloads the certificate, checks it publicly and fetches the .ics", async () => {
    const mia = await signedIn("mitarbeiter@musterstadt.example");
    await visit(mia, sessionPath);
    const [download] = await Promise.all([mia.waitForEvent("download"), mia.getByRole("link", { name: /Teilnahmebescheinigung herunterladen/ }).click()]);
    const name = download.suggestedFilename();
    expect(name).toMatch(/^teilnahmebescheinigung-[0-9A-Z-]{14}\.pdf$/);
    const code = name.replace("teilnahmebescheinigung-", "").replace(".pdf", "");
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).subarray(0, 5).toString()).toBe("%PDF-");

    const ics = await mia.request.get(`${baseUrl()}${sessionPath}/kalender.ics`);
    expect(ics.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(await ics.text())).getFirstSubcomponent("vevent")!);
    expect(event.summary).toBe("E-Akte kompakt");

    // feedback after the session
    await mia.getByRole("radio", { name: "5" }).check();
    await mia.getByRole("button", { name: "Feedback senden" }).click();
    await mia.getByRole("status").filter({ hasText: "Vielen Dank" }).waitFor();

    const anonymous = await browser.newContext({ locale: "de-DE" });
    const check = await anonymous.newPage();
    await check.goto(`${baseUrl()}/bescheinigung/${code}`);
    expect(await check.getByTestId("certificate-result").textContent()).toMatch(/^Gültig/);
    await expectAccessible(check);
    await check.goto(`${baseUrl()}/bescheinigung/ZZZZ-ZZZZ-ZZZZ`);
    expect(await check.getByTestId("certificate-result").textContent()).toMatch(/^Nicht bestätigt/);
    await anonymous.close();
    await mia.context().close();
  });

  it("the CDO sees coverage per unit, and every training page passes the accessibility check", async () => {
    const cdo = await signedIn("cdo@musterstadt.example");
    await visit(cdo, "/schulungen");
    expect(await cdo.getByRole("img", { name: "Schulungsquote je Organisationseinheit" }).count()).toBe(1);
    expect(await cdo.getByTestId("coverage-total").textContent()).toMatch(/%$/);
    await cdo.screenshot({ path: "/tmp/trainings-overview.png", fullPage: true });
    const pages = [
      "/schulungen/formate",
      "/schulungen/formate/neu",
      "/schulungen/termine/neu",
      `${sessionPath}/bearbeiten`,
      "/schulungen/pflichtschulungen",
      "/schulungen/extern",
      "/schulungen/einstellungen",
      "/beschaeftigte",
      "/beschaeftigte/import",
    ];
    for (const path of pages) {
      await visit(cdo, path);
      await expectAccessible(cdo);
    }
    await visit(cdo, "/schulungen/formate");
    await cdo.getByRole("link", { name: "E-Akte kompakt" }).click();
    await cdo.waitForURL(/\/schulungen\/formate\/\d+$/);
    await waitForHydration(cdo);
    expect(await cdo.getByTestId("feedback-average").textContent()).toBe("5,0 von 5");
    await expectAccessible(cdo);
    await visit(cdo, "/beschaeftigte");
    await cdo.screenshot({ path: "/tmp/trainings-employees.png" });
    await cdo.getByRole("link", { name: /Mitarbeiterin, Mia/ }).click();
    await cdo.waitForURL(/\/beschaeftigte\/\d+$/);
    await waitForHydration(cdo);
    await expectAccessible(cdo);
    await visit(cdo, "/");
    expect(await cdo.getByTestId("dashboard-training-coverage").textContent()).toMatch(/%$/);
    await cdo.context().close();
  });

  it("a supervisor confirms an external training", async () => {
    const peter = await signedIn("projektleitung@musterstadt.example");
    await visit(peter, "/schulungen/extern");
    await expectAccessible(peter);
    await peter.screenshot({ path: "/tmp/trainings-external.png", fullPage: true });
    await peter.getByRole("button", { name: "Bestätigen" }).first().click();
    await peter.getByRole("status").filter({ hasText: "Entscheidung gespeichert" }).waitFor();
    await peter.context().close();
  });
});
