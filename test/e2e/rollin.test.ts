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

/** Screenshots for looking at the pages by hand, only when asked for. */
async function shot(page: Page, name: string) {
  if (process.env.ROLLIN_SCREENSHOTS) await page.screenshot({ path: `${process.env.ROLLIN_SCREENSHOTS}/${name}.png`, fullPage: true });
}

const signedIn = (email: string, url: RegExp, heading: RegExp) => signInAndArrive(browser, email, { url, heading }, { viewport: { width: 1400, height: 900 } });

describe("Roll-in-Service in the browser", () => {
  it("a manager runs a programme from the cockpit into two Kommunen, edits cells in bulk; the Kommune's CDO confirms; the matrix shows it", async () => {
    const page = await signedIn("betreuung@landesdienst.example", /^\/roll-in$/, /^Cockpit: /);
    const rows = page.getByTestId("cockpit-row");
    expect(await rows.count()).toBe(2);
    expect(await page.getByTestId("cockpit").innerText()).not.toContain("Wiesengrund");
    expect(await page.getByTestId("cockpit").innerText()).not.toContain("Musterstadt");
    await expectAccessible(page);
    await shot(page, "cockpit");

    // filters are GET parameters with German names
    await page.getByLabel("Name enthält").fill("klein");
    await page.getByRole("button", { name: "Anzeigen" }).click();
    await arrive(page, /^\/roll-in\?.*suche=klein/, /^Cockpit: /);
    expect(await rows.count()).toBe(1);
    expect(await rows.first().innerText()).toContain("Kleinhausen");

    await page.getByRole("navigation", { name: "Roll-in-Service" }).getByRole("link", { name: "Aufgaben aller Kommunen" }).click();
    await arrive(page, /^\/roll-in\/aufgaben$/, "Aufgaben aller Kommunen");
    await expectAccessible(page);
    await shot(page, "inbox");

    await page.getByRole("navigation", { name: "Roll-in-Service" }).getByRole("link", { name: "Programmvorlagen" }).click();
    await arrive(page, /^\/roll-in\/vorlagen$/, "Programmvorlagen");
    expect(await page.getByTestId("templates").getByText("Beispiel", { exact: true }).count()).toBe(2);
    await expectAccessible(page);
    await shot(page, "templates");

    await page.getByRole("link", { name: "Beispiel: Einstieg in den Roll-in-Service", exact: true }).click();
    await arrive(page, /^\/roll-in\/vorlagen\/\d+$/, /Einstieg in den Roll-in-Service/);
    await expectAccessible(page);
    await shot(page, "template");

    await page.getByRole("link", { name: "In Kommunen ausrollen" }).click();
    await arrive(page, /\/ausrollen$/, /^Ausrollen: /);
    await page.getByRole("button", { name: "Vorschau anzeigen" }).click();
    await page.getByText("Bitte wählen Sie mindestens eine Kommune.").first().waitFor();
    await page.getByRole("checkbox", { name: "Kleinhausen" }).check();
    await page.getByRole("checkbox", { name: "Eichenbrück" }).check();
    await page.getByRole("button", { name: "Vorschau anzeigen" }).click();
    await page.getByTestId("rollout-preview").waitFor();
    expect(await page.getByTestId("rollout-preview").locator("tbody tr").count()).toBe(2);
    await expectAccessible(page);
    await shot(page, "rollout");
    await page.getByRole("button", { name: "In 2 Kommunen ausrollen" }).click();
    await arrive(page, /\/matrix\?ausgerollt=2$/, /^Matrix: /);
    await page.getByText("In 2 Kommunen ausgerollt.").waitFor();
    expect(await page.getByTestId("matrix-row").count()).toBe(2);

    await page.getByRole("checkbox", { name: /Eichenbrück, Auftaktgespräch/ }).check();
    await page.getByRole("checkbox", { name: /Kleinhausen, Auftaktgespräch/ }).check();
    await page.getByLabel("Status").selectOption({ label: "erledigt" });
    await page.getByLabel("Zuständig", { exact: true }).fill("Bea Betreuung");
    await page.getByRole("button", { name: "Gewählte Zellen ändern" }).click();
    await page.getByText("2 Schritte geändert.").waitFor();
    const kleinhausen = page.getByTestId("matrix-row").filter({ hasText: "Kleinhausen" });
    // the message comes with the action's answer, the cells with the revalidated matrix
    await kleinhausen.getByTestId("matrix-cell").first().getByText("Bea Betreuung").waitFor();
    expect(await kleinhausen.getByTestId("matrix-cell").first().innerText()).toMatch(/erledigt[\s\S]*Bea Betreuung/);
    // a wrong date is answered next to its field, nothing changes
    await page.getByRole("checkbox", { name: /Kleinhausen, Bestandsaufnahme/ }).check();
    await page.getByLabel("Fällig am (TT.MM.JJJJ)").fill("31.02.2027");
    await page.getByRole("button", { name: "Gewählte Zellen ändern" }).click();
    await page.locator("#dueDate-error").waitFor();
    expect(await page.getByLabel("Fällig am (TT.MM.JJJJ)").getAttribute("aria-describedby")).toBe("dueDate-error");
    await expectAccessible(page);
    await shot(page, "matrix");

    const csv = await page.request.get(`${page.url().split("?")[0]}.csv`);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const text = await csv.text();
    expect(text).toContain("Kleinhausen");
    expect(text).not.toContain("Wiesengrund");
    const pdf = await page.request.get(`${page.url().split("?")[0]}.pdf`);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");

    // the Kommune's CDO confirms the step reported done
    const cdo = await signedIn("cdo@kleinhausen.example", /^\/$/, /^Übersicht/);
    await cdo.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Programmschritte" }).click();
    await arrive(cdo, /^\/programmschritte$/, /^Programmschritte: Kleinhausen/);
    await expectAccessible(cdo);
    await cdo.getByRole("button", { name: /^Bestätigen\s*: Auftaktgespräch/ }).click();
    await cdo.getByText("Schritt bestätigt.").waitFor();
    // the message comes with the action's answer, the row with the revalidated list
    await cdo.getByTestId("programme-step").filter({ hasText: "Auftaktgespräch" }).getByText("von der Kommune bestätigt").waitFor();
    expect(await cdo.getByTestId("programme-step").filter({ hasText: "Auftaktgespräch" }).innerText()).toContain("von der Kommune bestätigt");
    await shot(cdo, "kommune-steps");
    await cdo.context().close();

    await page.reload();
    await waitForHydration(page);
    expect(await page.getByTestId("matrix-row").filter({ hasText: "Kleinhausen" }).getByTestId("matrix-cell").first().innerText()).toContain("bestätigt");
    expect(await page.getByTestId("matrix-row").filter({ hasText: "Eichenbrück" }).getByTestId("matrix-cell").first().innerText()).not.toContain("bestätigt");

    // a figure in the cockpit switches into the Kommune and opens its page
    await page.goto(`${baseUrl()}/roll-in`);
    await waitForHydration(page);
    await page.getByRole("button", { name: /^Programmschritte in Kleinhausen/ }).click();
    await arrive(page, /^\/programmschritte$/, /^Programmschritte: Kleinhausen/);
    expect(await page.getByTestId("current-municipality").innerText()).toBe("Kleinhausen");
    await page.context().close();
  }, 240_000);

  it("the coordinator creates a template (errors next to the field), publishes a new version and moves Kommunen onto it", async () => {
    const page = await signedIn("rollin@landesdienst.example", /^\/roll-in$/, /^Cockpit: /);
    expect(await page.getByTestId("cockpit-row").count()).toBe(3);
    await page.goto(`${baseUrl()}/roll-in/vorlagen/neu`);
    await arrive(page, /\/neu$/, "Programmvorlage anlegen");
    await page.getByRole("button", { name: "Vorlage anlegen (Version 1)" }).click();
    await page.getByText("Name der Vorlage fehlt.").waitFor();
    const nameError = await page.getByText("Name der Vorlage fehlt.").getAttribute("id");
    expect(await page.getByLabel("Name der Vorlage").getAttribute("aria-describedby")).toContain(nameError!);
    expect(await page.getByText("Titel des Schritts fehlt.").count()).toBe(1);
    await expectAccessible(page);
    await page.getByLabel("Name der Vorlage").fill("Anbindung Wohngeld digital");
    await page.getByLabel("Name der Phase 1").fill("Vorbereitung");
    await page.getByLabel("Titel (Schritt 1.1)").fill("Ansprechperson benennen");
    await page.getByLabel("Fällig nach Tagen ab Start (Schritt 1.1)").fill("14");
    await page.getByLabel("Checkliste, ein Punkt je Zeile (Schritt 1.1)").fill("Name\nE-Mail");
    await page.getByRole("button", { name: "Schritt zu Phase 1 hinzufügen" }).click();
    await page.getByLabel("Titel (Schritt 1.2)").fill("Fragebogen");
    await page.getByLabel("Fällig nach Tagen ab Start (Schritt 1.2)").fill("viel");
    await page.getByRole("button", { name: "Vorlage anlegen (Version 1)" }).click();
    await page.getByText("Fälligkeit (Tage ab Start) fehlt.").waitFor();
    await page.getByLabel("Fällig nach Tagen ab Start (Schritt 1.2)").fill("30");
    await page.getByRole("button", { name: "Vorlage anlegen (Version 1)" }).click();
    await arrive(page, /^\/roll-in\/vorlagen\/\d+$/, /^Anbindung Wohngeld digital/);
    expect(await page.getByText("Schlüssel: ansprechperson-benennen").count()).toBe(1);
    await shot(page, "template-new");

    await page.goto(`${baseUrl()}/roll-in/vorlagen`);
    await waitForHydration(page);
    await page.getByRole("link", { name: "Beispiel: Anbindung einer EfA-Online-Leistung", exact: true }).click();
    await arrive(page, /^\/roll-in\/vorlagen\/\d+$/, /EfA-Online-Leistung/);
    await page.getByRole("link", { name: "Neue Version bearbeiten" }).click();
    await arrive(page, /\/bearbeiten$/, /^Neue Version: /);
    await expectAccessible(page);
    await shot(page, "template-edit");
    await page.getByLabel("Fällig nach Tagen ab Start (Schritt 2.2)").fill("60");
    await page.getByRole("button", { name: "Als Version 2 veröffentlichen" }).click();
    await arrive(page, /\?version=2$/, /EfA-Online-Leistung/);
    await page.getByRole("link", { name: "Matrix der Kommunen" }).click();
    await arrive(page, /\/matrix$/, /^Matrix: /);
    // Two Kommunen run the example since the first test; another file's "Anbindung starten" (OZG)
    // may have rolled it into a third on the shared e2e server.
    const older = await page.getByText("Version 1 (älter)").count();
    expect(older).toBeGreaterThanOrEqual(2);
    expect(await page.getByRole("checkbox", { name: /\(Version 1\)$/ }).count()).toBe(older);
    await page.getByRole("button", { name: "Gewählte Kommunen umstellen" }).click();
    await page.getByText(new RegExp(`${older} Kommunen auf die aktuelle Version umgestellt`)).waitFor();
    await expect.poll(() => page.getByText("Version 1 (älter)").count(), { timeout: 20_000 }).toBe(0);
    await page.context().close();
  }, 180_000);
  it("the coordinator assigns a Kommune without Betreuung to a manager (all or nothing, errors at the field); the manager's cockpit then lists it; the assignment is removed again", async () => {
    const page = await signedIn("rollin@landesdienst.example", /^\/roll-in$/, /^Cockpit: /);
    await page.getByRole("navigation", { name: "Roll-in-Service" }).getByRole("link", { name: "Zuordnung" }).click();
    await arrive(page, /^\/roll-in\/zuordnung$/, "Zuordnung der Kommunen");
    const wiesengrund = page.getByTestId("assignment-row").filter({ hasText: "Wiesengrund" });
    expect(await wiesengrund.innerText()).toContain("ohne Betreuung");
    expect(await page.getByTestId("gap-summary").innerText()).toContain("1 von 3 Kommunen ohne Betreuung");
    await expectAccessible(page);

    // nothing chosen: German errors next to the fields, tied to them
    await page.getByRole("button", { name: "Zuordnen", exact: true }).click();
    await page.getByText("Bitte wählen Sie mindestens eine Kommune.").waitFor();
    expect(await page.getByText("Bitte wählen Sie eine Betreuerin oder einen Betreuer.").count()).toBe(1);
    const selectError = await page.getByText("Bitte wählen Sie eine Betreuerin oder einen Betreuer.").getAttribute("id");
    expect(await page.getByLabel("Betreuerin oder Betreuer").getAttribute("aria-describedby")).toContain(selectError!);
    await expectAccessible(page);

    await page.getByRole("checkbox", { name: "Wiesengrund" }).check();
    await page.getByLabel("Betreuerin oder Betreuer").selectOption({ label: "Bea Betreuung (betreuung@landesdienst.example)" });
    await page.getByRole("button", { name: "Zuordnen", exact: true }).click();
    await page.getByText("Wiesengrund ist jetzt Bea Betreuung zugeordnet.").waitFor();
    await page.getByText("Jede Kommune hat eine Betreuung.").waitFor();
    expect(await wiesengrund.innerText()).toContain("Bea Betreuung");
    expect(await page.getByTestId("manager-summary").innerText()).toContain("Bea Betreuung: 3 Kommunen");
    await expectAccessible(page);
    await shot(page, "assignments");

    const bea = await signedIn("betreuung@landesdienst.example", /^\/roll-in$/, /^Cockpit: /);
    expect(await bea.getByTestId("cockpit").innerText()).toContain("Wiesengrund");
    // a manager has no Zuordnung tab and no page
    expect(await bea.getByRole("navigation", { name: "Roll-in-Service" }).getByRole("link", { name: "Zuordnung" }).count()).toBe(0);
    expect((await bea.request.get(`${baseUrl()}/roll-in/zuordnung`)).status()).toBe(403);
    await bea.context().close();

    await page.getByRole("button", { name: /^entfernen\s*: Bea Betreuung aus Wiesengrund$/ }).click();
    await page.getByText("Wiesengrund ist Bea Betreuung nicht mehr zugeordnet.").waitFor();
    await wiesengrund.getByText("ohne Betreuung").waitFor();
    await page.context().close();
  }, 180_000);
});
