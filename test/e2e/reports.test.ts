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
