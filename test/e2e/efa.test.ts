import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { arrive, baseUrl, expectAccessible, launchBrowser, signInAndArrive } from "../support/browser";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Kommune users land on the Übersicht, Roll-in-Service staff on their cockpit. */
const signIn = (email: string) =>
  signInAndArrive(browser, email, email.endsWith("@landesdienst.example") ? { url: /^\/roll-in$/, heading: /^Cockpit/ } : undefined);

describe("EfA/OZG adoption in the browser", () => {
  it("the CDO sets a service live at level 3 and the KPI follows; the maturity gaps link to EfA services", async () => {
    const page = await signIn("cdo@musterstadt.example");
    await page.goto(`${baseUrl()}/ozg`);
    await arrive(page, /^\/ozg$/, "OZG-Leistungen und EfA-Nachnutzung");
    await expectAccessible(page);
    expect(await page.getByRole("note").innerText()).toContain("Beispieldaten");
    const before = await page.getByTestId("ozg-kpi").innerText();
    // Musterstadt: 12 relevant services, 3 at level ≥ 3 (Bauantrag, Wohnsitz, Bewohnerparken).
    expect(before).toBe("25 %");
    await page.getByRole("link", { name: "Gewerbe anmelden bearbeiten" }).click();
    await arrive(page, /^\/ozg\/\d+$/, "Gewerbe anmelden");
    await expectAccessible(page);
    await page.getByLabel("Status").selectOption("live");
    await page.getByLabel("Reifegrad (OZG-Reifegradmodell)").selectOption("1");
    await page.getByRole("button", { name: "Speichern" }).click();
    await page.getByText("Eine produktive Online-Leistung hat mindestens Stufe 2").waitFor({ timeout: 45_000 });
    await expectAccessible(page);
    await page.reload();
    await arrive(page, /^\/ozg\/\d+$/, "Gewerbe anmelden");
    await page.getByLabel("Status").selectOption("live");
    await page.getByLabel("Reifegrad (OZG-Reifegradmodell)").selectOption("3");
    await page.getByRole("button", { name: "Speichern" }).click();
    await arrive(page, /^\/ozg\?hinweis=gespeichert/, "OZG-Leistungen und EfA-Nachnutzung");
    expect(await page.getByTestId("ozg-kpi").innerText()).toBe("33,33 %");
    await page.getByRole("link", { name: "Leistungskatalog" }).click();
    await arrive(page, /^\/ozg\/katalog$/, "OZG-Leistungskatalog");
    await expectAccessible(page);
    expect(await page.getByRole("heading", { name: "Katalog importieren" }).count()).toBe(0);
    await page.goto(`${baseUrl()}/reifegrad`);
    await arrive(page, /^\/reifegrad$/, "Reifegrad der Kommune");
    expect(await page.getByText("EfA-Dienst:").count()).toBeGreaterThan(0);
    await page.context().close();
  });

  it("the coordinator imports a faulty catalogue (nothing saved), sees the matrix and starts a connection", async () => {
    const page = await signIn("rollin@landesdienst.example");
    await page.goto(`${baseUrl()}/ozg/katalog`);
    await arrive(page, /^\/ozg\/katalog$/, "OZG-Leistungskatalog");
    await page.setInputFiles("#file", {
      name: "katalog.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("OZG-ID;Name;Themenfeld;LeiKa-Schlüssel;EfA-Land;EfA-Status\r\nX-1;Neue Leistung;Weltraum;;;\r\n", "utf8"),
    });
    await page.getByRole("button", { name: "Importieren" }).click();
    await page.getByRole("alert").filter({ hasText: "Zeile 2" }).waitFor({ timeout: 45_000 });
    await expectAccessible(page);
    expect(await page.getByRole("row").filter({ hasText: "Neue Leistung" }).count()).toBe(0);

    await page.goto(`${baseUrl()}/ozg/kommunen`);
    await arrive(page, /^\/ozg\/kommunen$/, "OZG-Leistungen der betreuten Kommunen");
    await expectAccessible(page);
    expect(await page.getByRole("rowheader").allInnerTexts()).toEqual(["Eichenbrück\nAmt Seenland", "Kleinhausen\nAmt Seenland", "Wiesengrund\nLandkreis Oderheide"]);
    await page.getByRole("link", { name: "Anbindung starten: Wohngeld in Wiesengrund" }).click();
    await arrive(page, /^\/ozg\/kommunen\/anbinden\?/, "Anbindung starten: Wohngeld");
    await expectAccessible(page);
    expect(await page.getByTestId("connection-preview").innerText()).toMatch(/Schritte, fällig vom/);
    await page.getByRole("button", { name: "Programm ausrollen und Anbindung starten" }).click();
    await arrive(page, /^\/ozg\/kommunen\?hinweis=gestartet$/, "OZG-Leistungen der betreuten Kommunen");
    const wiesengrund = page.getByRole("row").filter({ hasText: "Wiesengrund" });
    expect(await wiesengrund.getByText("in Anbindung").count()).toBe(1);
    expect(await page.getByRole("link", { name: "Anbindung starten: Wohngeld in Wiesengrund" }).count()).toBe(0);
    await page.context().close();
  });
});
