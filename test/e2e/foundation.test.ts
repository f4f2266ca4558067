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

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: "de-DE" });
  return context.newPage();
}

async function signedIn(email: string, landing = "/"): Promise<Page> {
  const page = await newPage();
  await login(page, email);
  await page.waitForURL(`${baseUrl()}${landing}`);
  // The URL changes before the app shell has rendered; wait for the header.
  await page.getByTestId("current-municipality").waitFor();
  await waitForHydration(page);
  return page;
}

async function visit(page: Page, path: string) {
  await page.goto(`${baseUrl()}${path}`);
  await waitForHydration(page);
}

describe("foundation in the browser", () => {
  it("serves a favicon (ICO and SVG) and names it in every page's head", async () => {
    const ico = await fetch(`${baseUrl()}/favicon.ico`);
    expect(ico.status).toBe(200);
    const bytes = new Uint8Array(await ico.arrayBuffer());
    // ICO header: reserved 0, type 1 (icon), at least one image
    expect([...bytes.slice(0, 4)]).toEqual([0, 0, 1, 0]);
    const svg = await fetch(`${baseUrl()}/favicon.svg`);
    expect(svg.status).toBe(200);
    expect(svg.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
    const page = await newPage();
    await page.goto(`${baseUrl()}/login`);
    expect(await page.locator("link[rel=icon]").evaluateAll((links) => links.map((l) => l.getAttribute("href")))).toEqual(["/favicon.svg", "/favicon.ico"]);
  });

  it("refuses a wrong password with a German message, then signs in with the right one", async () => {
    const page = await newPage();
    await page.goto(`${baseUrl()}/login`);
    await waitForHydration(page);
    await expectAccessible(page);
    await page.getByLabel("E-Mail").fill("cdo@musterstadt.example");
    await page.getByLabel("Passwort").fill("falsches-Passwort");
    await page.getByRole("button", { name: "Anmelden" }).click();
    const error = page.getByRole("alert").filter({ hasText: "E-Mail-Adresse oder Passwort ist nicht korrekt." });
    await error.waitFor();
    expect(await error.isVisible()).toBe(true);
    await expectAccessible(page);

    await page.getByLabel("Passwort").fill("Fahrplan-Demo-2026");
    await page.getByRole("button", { name: "Anmelden" }).click();
    await page.getByTestId("current-municipality").waitFor();
    expect(new URL(page.url()).pathname).toBe("/");
    expect(await page.getByTestId("current-municipality").innerText()).toBe("Musterstadt");
    expect(await page.getByRole("alert").count()).toBe(0);
    await page.context().close();
  });

  it("lets a Roll-in-Service manager switch Kommune; the header shows the new one", async () => {
    // Roll-in-Service staff land on their cockpit.
    const page = await signedIn("rollin@landesdienst.example", "/roll-in");
    const before = await page.getByTestId("current-municipality").innerText();
    expect(before).toBe("Eichenbrück");
    await waitForHydration(page);
    await page.getByRole("combobox", { name: "Kommune" }).selectOption({ label: "Wiesengrund" });
    await page.getByRole("button", { name: "Wechseln" }).click();
    await page.getByTestId("current-municipality").filter({ hasText: "Wiesengrund" }).waitFor();
    const selected = await page.getByRole("combobox", { name: "Kommune" }).evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.text);
    expect(selected).toBe("Wiesengrund");
    await visit(page, "/konto");
    expect(await page.getByRole("row", { name: /Wiesengrund \(aktuell\)/ }).count()).toBe(1);
    await page.context().close();
  });

  it("logs out and then needs a new login", async () => {
    const page = await signedIn("rat@musterstadt.example");
    await waitForHydration(page);
    await page.getByRole("button", { name: "Abmelden" }).click();
    await page.waitForURL(/\/login/);
    await page.goto(`${baseUrl()}/verwaltung`);
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.context().close();
  });

  it("starts with a skip link that moves the focus to the main content", async () => {
    const page = await signedIn("cdo@musterstadt.example");
    await waitForHydration(page);
    await page.keyboard.press("Tab");
    const first = await page.evaluate(() => ({
      text: document.activeElement?.textContent,
      href: document.activeElement?.getAttribute("href"),
    }));
    expect(first).toEqual({ text: "Zum Inhalt springen", href: "#inhalt" });
    expect(await page.getByRole("link", { name: "Zum Inhalt springen" }).isVisible()).toBe(true);
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("inhalt");
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("MAIN");
    await page.context().close();
  });

  it("creates a unit in the organisation and finds the change in the audit log", async () => {
    const page = await signedIn("admin@fahrplan.example");
    await visit(page, "/verwaltung/organisation");
    await page.getByRole("button", { name: "Einheit anlegen" }).click();
    await page.getByText("Bitte geben Sie den Namen der Einheit ein.").waitFor();
    expect(await page.getByLabel("Name").getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(page);
    await page.getByLabel("Name").fill("Digitallabor");
    await page.getByLabel("Art").selectOption("department");
    await page.getByRole("button", { name: "Einheit anlegen" }).click();
    await page.getByText("Die Einheit wurde angelegt.").waitFor();
    expect(await page.getByRole("cell", { name: "Digitallabor", exact: true }).count()).toBe(1);
    expect(await page.getByLabel("Name").inputValue()).toBe("");

    await visit(page, "/verwaltung/protokoll?entity=unit");
    const row = page.getByRole("row").filter({ hasText: "Organisationseinheit" }).first();
    expect(await row.innerText()).toContain("Digitallabor");
    expect(await row.innerText()).toContain("admin@fahrplan.example");
    await page.context().close();
  });

  it("shows German errors next to the password fields on Mein Konto", async () => {
    const page = await signedIn("mitarbeiter@musterstadt.example");
    await visit(page, "/konto");
    await page.getByLabel("Aktuelles Passwort").fill("Fahrplan-Demo-2026");
    await page.getByLabel("Neues Passwort", { exact: true }).fill("ein-neues-Passwort");
    await page.getByLabel("Neues Passwort wiederholen").fill("ein-anderes-Passwort");
    await page.getByRole("button", { name: "Passwort ändern" }).click();
    const repeat = page.getByLabel("Neues Passwort wiederholen");
    await page.getByText("Die beiden neuen Passwörter stimmen nicht überein.").waitFor();
    const describedBy = (await repeat.getAttribute("aria-describedby")) ?? "";
    const errorText = await page.locator(`[id="${describedBy.split(" ")[0]}"]`).innerText();
    expect(errorText).toBe("Die beiden neuen Passwörter stimmen nicht überein.");
    await expectAccessible(page);
    await page.context().close();
  });

  it("has no WCAG 2.1 A/AA violations on any foundation page", async () => {
    const page = await signedIn("admin@fahrplan.example");
    const paths = [
      "/",
      "/verwaltung",
      "/verwaltung/benutzer",
      "/verwaltung/benutzer/neu",
      "/verwaltung/organisation",
      "/verwaltung/protokoll",
      "/verwaltung/protokoll?from=gestern",
      "/konto",
      "/gibt-es-nicht",
    ];
    for (const path of paths) {
      await visit(page, path);
      await expectAccessible(page);
    }
    await visit(page, "/verwaltung/benutzer");
    await page.getByRole("link", { name: /bearbeiten$/ }).first().click();
    await page.waitForFunction(() => /^\/verwaltung\/benutzer\/\d+$/.test(location.pathname));
    await page.getByRole("heading", { name: "Rolle und Verknüpfung" }).waitFor();
    await expectAccessible(page);
    await visit(page, "/verwaltung/organisation");
    await page.getByRole("link", { name: /bearbeiten oder verschieben$/ }).first().click();
    await page.waitForFunction(() => /^\/verwaltung\/organisation\/\d+$/.test(location.pathname));
    await page.getByRole("heading", { name: /^Einheit bearbeiten/ }).waitFor();
    await expectAccessible(page);

    await visit(page, "/gibt-es-nicht");
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Seite nicht gefunden");
    await page.context().close();
  });
});
