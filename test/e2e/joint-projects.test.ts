import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { arrive, baseUrl, expectAccessible, launchBrowser, signInAndArrive, waitForHydration } from "../support/browser";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const signedIn = (email: string) => signInAndArrive(browser, email);

async function visit(page: Page, path: string, heading: RegExp | string) {
  await page.goto(`${baseUrl()}${path}`);
  await page.getByRole("heading", { level: 1, name: heading }).waitFor({ timeout: 45_000 });
  await waitForHydration(page);
}

const TITLE = "Digitale Ratsarbeit";
const MARK = "Gemeinsames Projekt – federführend: Musterstadt";

describe("joint projects in the browser", () => {
  it("lead adds a partner; the partner's CDO sees the marked project read-only in portfolio and Fahrplan", async () => {
    const lead = await signedIn("cdo@musterstadt.example");
    await visit(lead, "/projekte?q=Ratsarbeit", "Projekte");
    await lead.getByTestId("project-table").getByRole("link", { name: TITLE }).click();
    await arrive(lead, /^\/projekte\/\d+$/, TITLE);
    const projectPath = new URL(lead.url()).pathname;
    await lead.getByRole("link", { name: "Partnerkommune hinzufügen" }).click();
    await arrive(lead, /^\/projekte\/\d+\/partner$/, `Partnerkommunen: ${TITLE}`);
    await expectAccessible(lead);

    // Over the budget of 40.000 €: refused with the German message next to the field.
    await lead.getByLabel("Kommune", { exact: true }).selectOption({ label: "Kleinhausen" });
    await lead.getByLabel("Vereinbarter Kostenanteil (EUR)", { exact: true }).fill("50.000,00");
    await lead.getByLabel("Vereinbart am", { exact: true }).fill("01.12.2026");
    await lead.getByRole("button", { name: "Partnerkommune hinzufügen" }).click();
    const error = lead.locator("#partner-neu-share-error");
    await error.waitFor();
    expect(await error.innerText()).toContain("nicht übersteigen");
    await expectAccessible(lead);

    await lead.getByLabel("Vereinbarter Kostenanteil (EUR)", { exact: true }).fill("8.000,00");
    await lead.getByRole("button", { name: "Partnerkommune hinzufügen" }).click();
    await lead.getByRole("cell", { name: "Kleinhausen", exact: true }).waitFor();
    expect(await lead.getByTestId("partner-shares").innerText()).toMatch(/8\.000,00\s€/);
    await lead.screenshot({ path: "/tmp/joint-lead-partners.png", fullPage: true });
    await visit(lead, projectPath, TITLE);
    expect(await lead.getByTestId("project-partners").innerText()).toContain("Kleinhausen: Anteil 8.000,00");

    const partner = await signedIn("cdo@kleinhausen.example");
    expect(await partner.getByTestId("joint-figures").innerText()).toContain("Vereinbarte Anteile an gemeinsamen Projekten anderer Kommunen");
    await partner.screenshot({ path: "/tmp/joint-partner-dashboard.png", fullPage: true });

    await visit(partner, "/projekte/portfolio", "Portfolio und Bewertung");
    const table = partner.getByTestId("joint-projects");
    expect(await table.innerText()).toContain(TITLE);
    expect(await table.innerText()).toContain(MARK);
    expect(await table.innerText()).toMatch(/8\.000,00\s€/);
    await expectAccessible(partner);

    await visit(partner, "/fahrplan", "Fahrplan der Digitalagenda");
    const row = partner.getByRole("row").filter({ hasText: TITLE });
    expect(await row.innerText()).toContain(MARK);
    await expectAccessible(partner);
    await partner.screenshot({ path: "/tmp/joint-partner-fahrplan.png", fullPage: true });

    await row.getByRole("link", { name: TITLE }).click();
    await arrive(partner, /^\/projekte\/gemeinsam\/\d+$/, TITLE);
    expect(await partner.getByTestId("joint-mark").innerText()).toBe(MARK);
    expect(await partner.getByTestId("joint-share").innerText()).toMatch(/8\.000,00\s€/);
    // Read-only: no buttons to change anything, and nothing of the lead's assessment, risks or budget.
    expect(await partner.getByRole("button").filter({ hasNotText: /Abmelden|Menü|Kommune/ }).count()).toBe(0);
    expect(await partner.getByRole("link", { name: /Bearbeiten|Archivieren/ }).count()).toBe(0);
    const body = await partner.locator("main").innerText();
    expect(body).not.toContain("Risiken");
    expect(body).not.toContain("Budget geplant");
    await expectAccessible(partner);
    await partner.screenshot({ path: "/tmp/joint-partner-detail.png", fullPage: true });

    // The lead's full page is not for the partner: it lands on the read-only view.
    await partner.goto(`${baseUrl()}${projectPath}`);
    await arrive(partner, /^\/projekte\/gemeinsam\/\d+$/, TITLE);
  });
});
