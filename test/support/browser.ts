import AxeBuilder from "@axe-core/playwright";
import { type Browser, type Page, chromium } from "playwright-core";
import { expect, inject } from "vitest";

export const DEMO_PASSWORD = "Fahrplan-Demo-2026";

export function baseUrl(): string {
  return inject("baseUrl");
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/**
 * Waits until React has hydrated the page (the root layout marks `<html data-hydrated>` in an effect)
 * and the client router is idle, so that <Form> submissions go through the client router.
 */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const router = (window as unknown as { __remixRouter?: { state: { initialized: boolean; navigation: { state: string } } } }).__remixRouter;
    return document.documentElement.dataset.hydrated !== undefined && router?.state.initialized === true && router.state.navigation.state === "idle";
  });
}

export async function login(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl()}/login`);
  await waitForHydration(page);
  await page.getByLabel("E-Mail").fill(email);
  await page.getByLabel("Passwort").fill(password);
  await page.getByRole("button", { name: "Anmelden" }).click();
}

/** Fails the test with the list of WCAG 2.1 A/AA violations on the current page. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} – ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`,
  );
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

/** Waits until the client router has settled on a URL matching `url` and the page shows its h1 `heading`, hydrated. */
export async function arrive(page: Page, url: RegExp, heading: RegExp | string) {
  await page.waitForFunction(
    (source) => {
      const router = (window as unknown as { __remixRouter?: { state: { navigation: { state: string } } } }).__remixRouter;
      return new RegExp(source).test(location.pathname + location.search) && router?.state.navigation.state === "idle";
    },
    url.source,
    { timeout: 45_000 },
  );
  await page.getByRole("heading", { level: 1, name: heading }).waitFor({ timeout: 45_000 });
  await waitForHydration(page);
}

/**
 * A new browser context (German locale; more options as Playwright takes them), signed in as
 * `email`, after arriving on the landing page (`url`, its main heading, hydrated).
 */
export async function signInAndArrive(
  browser: Browser,
  email: string,
  landing: { url: RegExp; heading: RegExp | string } = { url: /^\/$/, heading: /^Übersicht/ },
  options: Parameters<Browser["newContext"]>[0] = {},
): Promise<Page> {
  const context = await browser.newContext({ locale: "de-DE", ...options });
  const page = await context.newPage();
  await login(page, email);
  await arrive(page, landing.url, landing.heading);
  return page;
}
