import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { baseUrl, expectAccessible, launchBrowser, login, waitForHydration } from "../support/browser";

let browser: Browser;
let grant: { applicationId: number; receipts: { amountCents: number }[] };

beforeAll(async () => {
  // The served app's database: the test seeds a granted application into it (WAL allows both).
  process.env.DATABASE_PATH = inject("e2eDatabasePath" as never) as string;
  const { seedGrant } = await import("../support/report-db");
  grant = seedGrant("Musterstadt", { receiptCount: 60, title: "E2E Bürgerportal – Online-Dienste" });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  const { closeDb } = await import("../../app/utils/db.server");
  closeDb();
});

async function signedIn(email: string): Promise<Page> {
  const context = await browser.newContext({ locale: "de-DE", acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await login(page, email);
  await page.waitForURL(`${baseUrl()}/`);
  return page;
}

async function visit(page: Page, path: string) {
  await page.goto(`${baseUrl()}${path}`);
  await waitForHydration(page);
}

describe("reports in the browser", () => {
  it("CDO writes the Sachbericht, issues the Verwendungsnachweis and downloads the archived PDF", async () => {
    const page = await signedIn("cdo@musterstadt.example");
    await visit(page, "/berichte");
    await expectAccessible(page);
    await expect(page.getByRole("link", { name: "E2E Bürgerportal – Online-Dienste" }).getAttribute("href")).resolves.toBe(
      `/berichte/foerderung/${grant.applicationId}`,
    );
    await visit(page, `/berichte/foerderung/${grant.applicationId}`);
    await expectAccessible(page);
    const total = grant.receipts.reduce((s, r) => s + r.amountCents, 0);
    await expect(page.getByTestId("actual-total").textContent()).resolves.toBe(
      new Intl.NumberFormat("de-DE", { style: "currency", currency: "EUR" }).format(total / 100),
    );

    await page.getByRole("textbox", { name: "Sachbericht" }).fill("kurz");
    await page.getByRole("button", { name: "Entwurf speichern" }).click();
    await page.getByText("Der Sachbericht ist zu kurz").waitFor();
    await page.getByRole("textbox", { name: "Sachbericht" }).fill("Das Bürgerportal ist online.\n\nAlle 40 geplanten Online-Dienste sind verfügbar.");
    await page.getByRole("button", { name: "Entwurf speichern" }).click();
    await page.getByRole("status").filter({ hasText: "Entwurf gespeichert." }).waitFor();

    await page.getByRole("button", { name: "Verwendungsnachweis erstellen und archivieren" }).click();
    const archived = page.locator(".alert-success").filter({ hasText: "Archiviert:" });
    await archived.waitFor({ timeout: 30_000 });
    await page.screenshot({ path: "/tmp/fahrplan-report-grant-page.png", fullPage: true });
    const [download] = await Promise.all([page.waitForEvent("download"), archived.getByRole("link", { name: "herunterladen" }).click()]);
    const file = await download.path();
    const fs = await import("node:fs");
    const bytes = fs.readFileSync(file!);
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const { pdfTools } = await import("../support/pdf-tools");
    const tools = pdfTools(bytes);
    try {
      expect(tools.text()).toContain("Alle 40 geplanten Online-Dienste sind verfügbar.");
    } finally {
      tools.cleanup();
    }

    await visit(page, "/berichte");
    await expect(page.getByRole("table").getByRole("link", { name: "Verwendungsnachweis – E2E Bürgerportal – Online-Dienste", exact: true }).count()).resolves.toBe(1);
    await page.screenshot({ path: "/tmp/fahrplan-report-archive.png", fullPage: true });
    await expectAccessible(page);
  });

  it("without JavaScript, „erstellen und archivieren“ opens the archived PDF instead of raw JSON", async () => {
    const context = await browser.newContext({ locale: "de-DE", javaScriptEnabled: false, acceptDownloads: true });
    const page = await context.newPage();
    // Plain login form (no hydration without JavaScript).
    await page.goto(`${baseUrl()}/login`);
    await page.getByLabel("E-Mail").fill("cdo@musterstadt.example");
    await page.getByLabel("Passwort").fill("Fahrplan-Demo-2026");
    await page.getByRole("button", { name: "Anmelden" }).click();
    await page.waitForURL(`${baseUrl()}/`);
    await page.goto(`${baseUrl()}/berichte/foerderung/${grant.applicationId}`);
    const archived = page.waitForResponse((r) => /\/berichte\/archiv\/\d+$/.test(new URL(r.url()).pathname), { timeout: 60_000 });
    const issued = page.waitForResponse((r) => new URL(r.url()).pathname === "/berichte/erzeugen", { timeout: 60_000 });
    // A PDF navigation may end as a download in headless Chromium; only the responses matter here.
    page.getByRole("button", { name: "Verwendungsnachweis erstellen und archivieren" }).click().catch(() => undefined);
    const post = await issued;
    expect(post.status()).toBe(302);
    expect(post.headers()["content-type"] ?? "").not.toContain("json");
    const pdf = await archived;
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    await context.close();
    // An error comes back to the page as a German message (server-rendered), and the page stays accessible.
    const js = await signedIn("cdo@musterstadt.example");
    await visit(js, `/berichte/foerderung/${grant.applicationId}?berichtFehler=${encodeURIComponent("Testfehler: nicht bewilligt")}&berichtFehlerTyp=verwendungsnachweis`);
    await expect(js.getByRole("alert").filter({ hasText: "Testfehler: nicht bewilligt" }).count()).resolves.toBe(1);
    await expectAccessible(js);
    await js.close();
  });

  it("a council member sees the archive and previews, without issue buttons or logo upload", async () => {
    const page = await signedIn("rat@musterstadt.example");
    await visit(page, `/berichte/foerderung/${grant.applicationId}`);
    await expect(page.getByRole("button", { name: /erstellen und archivieren/ }).count()).resolves.toBe(0);
    await expect(page.getByRole("link", { name: "Verwendungsnachweis: Vorschau (PDF)" }).count()).resolves.toBe(1);
    await expectAccessible(page);
    await visit(page, "/berichte");
    await expect(page.getByRole("heading", { name: "Logo für Berichte" }).count()).resolves.toBe(0);
  });
});
