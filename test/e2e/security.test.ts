import type { APIResponse, Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, launchBrowser, login, waitForHydration } from "../support/browser";

// Headers and Content-Security-Policy against the built server (issue 10, point 2).

let browser: Browser;
let cdo: Page;
const violations: string[] = [];

/** Collects CSP violations of every page the context opens; runs before any script of the page. */
async function watchedPage(): Promise<Page> {
  const context = await browser.newContext({ locale: "de-DE" });
  await context.exposeBinding("__reportCspViolation", (_source, text: string) => {
    violations.push(text);
  });
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __reportCspViolation: (text: string) => void }).__reportCspViolation;
      report(`${location.pathname}: ${event.violatedDirective} blocked ${event.blockedURI || "inline"} (${event.sample})`);
    });
  });
  const page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) violations.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => violations.push(`pageerror: ${error.message}`));
  return page;
}

async function visit(page: Page, path: string): Promise<void> {
  await page.goto(`${baseUrl()}${path}`);
  await waitForHydration(page);
}

async function firstLink(page: Page, path: string, pattern: RegExp): Promise<string> {
  await visit(page, path);
  const hrefs = await page.locator("a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  const href = hrefs.find((h) => pattern.test(h));
  expect(href, `a link matching ${pattern} on ${path}`).toBeDefined();
  return href!;
}

function expectBaseHeaders(response: APIResponse, label: string): Record<string, string> {
  const headers = response.headers();
  expect(response.status(), label).toBe(200);
  expect(headers["x-content-type-options"], label).toBe("nosniff");
  expect(headers["x-frame-options"], label).toBe("DENY");
  expect(headers["referrer-policy"], label).toBe("same-origin");
  return headers;
}

beforeAll(async () => {
  browser = await launchBrowser();
  cdo = await watchedPage();
  await login(cdo, "cdo@musterstadt.example");
  await cdo.getByTestId("current-municipality").waitFor();
  await waitForHydration(cdo);
});

afterAll(async () => {
  await browser?.close();
});

describe("security headers", () => {
  it("an HTML page has a fresh nonce policy that matches its scripts, and is not stored", async () => {
    const first = await cdo.request.get(`${baseUrl()}/`);
    const second = await cdo.request.get(`${baseUrl()}/`);
    const headers = expectBaseHeaders(first, "Übersicht");
    expect(headers["cache-control"]).toBe("no-store");
    const policy = headers["content-security-policy"];
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1];
    expect(nonce).toBeDefined();
    expect(policy).toContain("'strict-dynamic'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain("unsafe-eval");
    expect(second.headers()["content-security-policy"]).not.toBe(policy);
    const html = await first.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    expect(html).not.toMatch(/<style\b/);
    expect(html).not.toMatch(/\son[a-z]+="/);
  });

  it("CSV, PDF, ICS and JSON carry nosniff and no-store", async () => {
    const csv = await cdo.request.get(`${baseUrl()}/projekte/export.csv`);
    expect(expectBaseHeaders(csv, "CSV")["content-type"]).toMatch(/^text\/csv/);
    expect(csv.headers()["cache-control"]).toMatch(/no-store/);

    const pdf = await cdo.request.get(`${baseUrl()}/berichte/vorschau?typ=statusbericht`);
    expect(expectBaseHeaders(pdf, "PDF")["content-type"]).toBe("application/pdf");
    expect(pdf.headers()["cache-control"]).toMatch(/no-store/);

    const session = await firstLink(cdo, "/schulungen", /^\/schulungen\/termine\/\d+$/);
    const ics = await cdo.request.get(`${baseUrl()}${session}/kalender.ics`);
    expect(expectBaseHeaders(ics, "ICS")["content-type"]).toMatch(/^text\/calendar/);
    expect(ics.headers()["cache-control"]).toMatch(/no-store/);

    const data = await cdo.request.get(`${baseUrl()}/konto/meine-daten.json`);
    expect(expectBaseHeaders(data, "JSON")["content-type"]).toMatch(/^application\/json/);
    expect(data.headers()["cache-control"]).toMatch(/no-store/);

    const loaderData = await cdo.request.get(`${baseUrl()}/?_data=root`);
    expect(expectBaseHeaders(loaderData, "Remix data")["cache-control"]).toBe("no-store");
  });

  it("assets and refusals carry nosniff; only fingerprinted build files are cached", async () => {
    const html = await (await cdo.request.get(`${baseUrl()}/login`)).text();
    const asset = /href="(\/build\/[^"]+\.css)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const css = await cdo.request.get(`${baseUrl()}${asset}`);
    expect(expectBaseHeaders(css, "asset")["cache-control"]).toMatch(/max-age=31536000/);

    const missing = await cdo.request.get(`${baseUrl()}/gibt-es-nicht`);
    expect(missing.status()).toBe(404);
    expect(missing.headers()["x-content-type-options"]).toBe("nosniff");
    expect(missing.headers()["content-security-policy"]).toMatch(/'nonce-/);

    const tooLarge = await cdo.request.post(`${baseUrl()}/login`, {
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(5 * 1024 * 1024) },
      data: "x".repeat(5 * 1024 * 1024),
    });
    expect(tooLarge.status()).toBe(413);
    expect(tooLarge.headers()["x-content-type-options"]).toBe("nosniff");
    expect(tooLarge.headers()["x-frame-options"]).toBe("DENY");
  });
});

describe("Content-Security-Policy in the browser", () => {
  it("the sign-in page runs without violations and signs in through the hydrated form", async () => {
    const page = await watchedPage();
    await login(page, "kaemmerei@musterstadt.example");
    await page.getByTestId("current-municipality").waitFor();
    await waitForHydration(page);
    expect(violations).toEqual([]);
    await page.context().close();
  });

  it("representative pages hydrate and submit forms without a single violation", async () => {
    const project = await firstLink(cdo, "/projekte", /^\/projekte\/\d+$/);
    const application = await firstLink(cdo, "/foerderung", /^\/foerderung\/antraege\/\d+$/);
    for (const path of ["/", project, "/fahrplan", application, "/berichte", "/verwaltung", "/verwaltung/protokoll", "/agenda", "/teams/zusammenarbeit"]) {
      await visit(cdo, path);
      expect(await cdo.locator("h1").first().isVisible(), path).toBe(true);
    }
    // A client-side navigation loads further route modules ('strict-dynamic').
    await visit(cdo, "/");
    await cdo.getByRole("navigation").getByRole("link", { name: "Schulungen" }).first().click();
    await cdo.waitForURL(`${baseUrl()}/schulungen`);
    await cdo.locator("h1").first().waitFor();
    // A form submitted through the client router after hydration.
    await visit(cdo, "/fahrplan");
    await cdo.getByRole("form", { name: "Fahrplan filtern" }).getByRole("button", { name: "Anzeigen" }).click();
    await cdo.waitForURL(/\/fahrplan\?/);
    await cdo.waitForLoadState("networkidle");
    expect(await cdo.locator("h1").first().innerText()).toBe("Fahrplan der Digitalagenda");
    expect(violations).toEqual([]);
  });

  it("blocks inline event handlers and <style> elements, and the watcher reports them", async () => {
    const page = await watchedPage();
    await visit(page, "/login");
    const before = violations.length;
    const ran = await page.evaluate(async () => {
      document.body.insertAdjacentHTML("beforeend", '<img alt="" src="/gibt-es-nicht.png" onerror="window.__handlerRan = true"><style>body{color:red}</style>');
      await new Promise((resolve) => setTimeout(resolve, 500));
      return (window as unknown as { __handlerRan?: boolean }).__handlerRan === true;
    });
    expect(ran).toBe(false);
    const seen = violations.splice(before);
    expect(seen.some((v) => /script-src-attr|script-src/.test(v))).toBe(true);
    expect(seen.some((v) => /style-src-elem|style-src/.test(v))).toBe(true);
    await page.context().close();
  });
});
