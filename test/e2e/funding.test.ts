import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, expectAccessible, launchBrowser, login, waitForHydration } from "../support/browser";

let browser: Browser;

/** Waits for the page to settle; generous because the suite shares two cores with other work. */
function eventually<T>(fn: () => Promise<T> | T) {
  return expect.poll(fn, { timeout: 20_000, interval: 200 });
}

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function signedIn(email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, email);
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  return page;
}

async function open(page: Page, path: string) {
  await page.goto(`${baseUrl()}${path}`);
  await waitForHydration(page);
}

async function fireStep(page: Page, label: string) {
  const panel = page.getByTestId("workflow-panel");
  const before = await panel.getByTestId("workflow-state").textContent();
  await panel.getByRole("button", { name: label }).click();
  await eventually(() => panel.getByTestId("workflow-state").textContent()).not.toBe(before);
}

describe("funding: from the finder to the plan/actual comparison", () => {
  it("CDO finds a programme, the Kämmerei confirms and approves, the decision, drawdown and receipts follow", async () => {
    const cdo = await signedIn("cdo@musterstadt.example");
    await open(cdo, "/foerderung");
    await expectAccessible(cdo);
    expect(await cdo.getByRole("link", { name: "Förderprogramm finden" }).getAttribute("href")).toBe("/foerderung/finder");
    await open(cdo, "/foerderung/finder");
    await cdo.getByLabel("Projekt", { exact: true }).selectOption({ label: "Online-Terminvergabe Bürgeramt" });
    await cdo.getByLabel("Verfügbare Eigenmittel in €", { exact: true }).fill("100.000");
    await cdo.getByRole("button", { name: "Programme suchen" }).click();
    const federal = cdo.getByRole("article").filter({ hasText: "Digitale Kommune – Verwaltungsleistungen online" });
    await eventually(() => federal.count()).toBe(1);
    expect(await federal.textContent()).toContain("passt: Handlungsfeld");
    await expectAccessible(cdo);
    await federal.getByRole("button", { name: /Antrag starten/ }).click();
    await cdo.waitForURL(/\/foerderung\/antraege\/\d+$/);
    await waitForHydration(cdo);
    const applicationUrl = new URL(cdo.url()).pathname;
    await expectAccessible(cdo);

    // Finance plan line, then internal review.
    await cdo.getByLabel("Kostenart", { exact: true }).selectOption("investments");
    await cdo.getByLabel("Position", { exact: true }).fill("Terminterminals");
    await cdo.getByLabel("Haushaltsjahr", { exact: true }).fill("2026");
    await cdo.getByLabel("Betrag in €", { exact: true }).fill("12.000,00");
    await cdo.getByRole("button", { name: "Position hinzufügen" }).click();
    await eventually(() => cdo.getByRole("cell", { name: "Terminterminals", exact: true }).count()).toBe(1);
    await fireStep(cdo, "Zur internen Prüfung geben");
    expect(await cdo.getByTestId("workflow-state").textContent()).toBe("Interne Prüfung");
    // The CDO may neither confirm the own contribution nor approve her own request.
    expect(await cdo.getByRole("button", { name: "Eigenanteil bestätigen" }).count()).toBe(0);
    expect(await cdo.getByRole("button", { name: "Freigeben und beim Fördergeber einreichen" }).isDisabled()).toBe(true);

    // A project lead cannot confirm the own contribution either.
    const lead = await signedIn("projektleitung@musterstadt.example");
    await open(lead, applicationUrl);
    expect(await lead.getByRole("button", { name: "Eigenanteil bestätigen" }).count()).toBe(0);
    await lead.close();

    // The Kämmerei confirms and, as the second person, approves and submits.
    const finance = await signedIn("kaemmerei@musterstadt.example");
    await open(finance, applicationUrl);
    await finance.getByLabel("Haushaltsstelle des Eigenanteils", { exact: true }).fill("HH 11.1.01 / 7831000");
    await finance.getByRole("button", { name: "Eigenanteil bestätigen" }).click();
    await eventually(() => finance.getByText("Der Eigenanteil ist bestätigt.").count()).toBe(1);
    await fireStep(finance, "Freigeben und beim Fördergeber einreichen");
    expect(await finance.getByTestId("workflow-state").textContent()).toBe("Eingereicht");
    await expectAccessible(finance);

    // The decision, recorded by the CDO.
    await open(cdo, applicationUrl);
    await cdo.getByLabel("Datum des Bescheids", { exact: true }).fill("15.01.2026");
    await cdo.getByLabel("Aktenzeichen", { exact: true }).fill("DK-2-0815");
    await cdo.getByLabel("Bewilligte Zuwendung in €", { exact: true }).fill("7.800,00");
    await cdo.getByLabel("Beginn des Bewilligungszeitraums", { exact: true }).fill("01.02.2026");
    await cdo.getByLabel("Ende des Bewilligungszeitraums", { exact: true }).fill("31.12.2027");
    await cdo.getByRole("button", { name: "Entscheidung speichern" }).click();
    await eventually(() => cdo.getByTestId("workflow-state").textContent()).toBe("Bewilligt");
    await fireStep(cdo, "Durchführung beginnen");

    // Drawdown: more than the spending window justifies is warned about first.
    await cdo.getByLabel("Abgerufen am", { exact: true }).fill("02.03.2026");
    await cdo.getByLabel("Abrufbetrag in €", { exact: true }).fill("7.800,00");
    await cdo.getByLabel(/Fällige Zahlungen in den nächsten 2 Monaten/).fill("1.000,00");
    await cdo.getByRole("button", { name: "Mittel abrufen" }).click();
    await eventually(() => cdo.getByText(/übersteigt den Bedarf/).count()).toBe(1);
    await cdo.getByLabel("Abrufbetrag in €", { exact: true }).fill("650,00");
    await cdo.getByLabel(/Fällige Zahlungen in den nächsten 2 Monaten/).fill("100.000,00");
    await cdo.getByRole("button", { name: "Mittel abrufen" }).click();
    await eventually(() => cdo.getByText("Der Mittelabruf wurde erfasst.").count()).toBe(1);
    // Funds received: the row's own form carries its date and amount.
    await eventually(() => cdo.getByText("Bitte ein Datum eingeben").count()).toBe(0);
    await cdo.getByLabel("Eingegangen am", { exact: true }).fill("10.03.2026");
    await cdo.getByLabel("Betrag in €", { exact: true }).fill("650,00");
    await cdo.getByRole("button", { name: "Eingang erfassen" }).click();
    await eventually(() => cdo.getByText("Der Zahlungseingang wurde erfasst.").count()).toBe(1);
    await eventually(() => cdo.getByRole("cell", { name: /650,00\s€ am 10\.03\.2026/ }).count()).toBe(1);

    // Receipts.
    expect(await cdo.getByRole("link", { name: /Zur Belegliste/ }).getAttribute("href")).toBe(`${applicationUrl}/belege`);
    await open(cdo, `${applicationUrl}/belege`);
    const receiptForm = cdo.getByRole("region", { name: "Ausgabe erfassen" });
    await receiptForm.getByLabel("Belegnummer", { exact: true }).fill("RE-1");
    await receiptForm.getByLabel("Belegdatum", { exact: true }).fill("05.03.2026");
    await receiptForm.getByLabel("Zahlungsempfänger", { exact: true }).fill("Kiosk-Systeme GmbH");
    await receiptForm.getByLabel("Kostenart", { exact: true }).selectOption("investments");
    await receiptForm.getByLabel("Zweck", { exact: true }).fill("Terminterminal");
    await receiptForm.getByLabel("Betrag brutto in €", { exact: true }).fill("15.000,00");
    await cdo.getByRole("button", { name: "Ausgabe speichern" }).click();
    await eventually(() => cdo.getByRole("cell", { name: "Kiosk-Systeme GmbH", exact: true }).count()).toBe(1);
    await expectAccessible(cdo);

    // Plan/actual with the overrun in words, and the next deadlines.
    await open(cdo, `${applicationUrl}/soll-ist`);
    expect(await cdo.getByRole("row", { name: /Investitionen/ }).textContent()).toContain("mehr als die zulässigen 20 %");
    await expectAccessible(cdo);
    await open(cdo, applicationUrl);
    const deadlines = cdo.getByRole("region", { name: "Fristen" });
    expect(await deadlines.textContent()).toContain("Verwendungsnachweis");
    expect(await deadlines.textContent()).toContain("31.12.2027");
    await expectAccessible(cdo);
    await open(cdo, "/foerderung/kalender");
    expect(await cdo.getByRole("main").textContent()).toContain("Zwischennachweis für das Haushaltsjahr 2026");
    await expectAccessible(cdo);
    await finance.close();
    await cdo.close();
  }, 240_000);

  it("Kämmerei corrects and deletes a receipt; an amendment is requested and its Änderungsbescheid recorded", async () => {
    const finance = await signedIn("kaemmerei@musterstadt.example");
    await open(finance, "/foerderung");
    const applicationUrl = await finance.getByRole("link", { name: "Digitaler Bauantrag – Digitale Kommune" }).first().getAttribute("href");
    await open(finance, `${applicationUrl}/belege`);
    const firstRow = finance.getByRole("table").getByRole("row").nth(1);
    const receiptNumber = (await firstRow.getByRole("cell").first().textContent())!.trim();
    await firstRow.getByRole("link", { name: /Bearbeiten/ }).click();
    const editor = finance.getByRole("region", { name: `Beleg ${receiptNumber} korrigieren` });
    await editor.waitFor();
    expect(await editor.getByLabel("Belegnummer", { exact: true }).inputValue()).toBe(receiptNumber);
    await expectAccessible(finance);
    const originalDate = await editor.getByLabel("Belegdatum", { exact: true }).inputValue();
    await editor.getByLabel("Zweck", { exact: true }).fill("Korrigierter Zweck (E2E)");
    await editor.getByLabel("Belegdatum", { exact: true }).fill("31.02.2026");
    await editor.getByRole("button", { name: "Korrektur speichern" }).click();
    await eventually(() => editor.getByText(/kein gültiges Datum/).count()).toBe(1);
    await editor.getByLabel("Belegdatum", { exact: true }).fill("01.03.2020");
    await editor.getByRole("button", { name: "Korrektur speichern" }).click();
    await eventually(() => editor.getByText(/Das Belegdatum liegt außerhalb des Bewilligungszeitraums/).count()).toBe(1);
    await editor.getByLabel("Belegdatum", { exact: true }).fill(originalDate);
    await editor.getByRole("button", { name: "Korrektur speichern" }).click();
    await eventually(() => finance.getByRole("status").filter({ hasText: "Die Korrektur des Belegs wurde gespeichert." }).count()).toBe(1);
    expect(await finance.getByRole("cell", { name: "Korrigierter Zweck (E2E)", exact: true }).count()).toBe(1);
    await finance.screenshot({ path: "/tmp/fahrplan-funding-receipt-corrected.png", fullPage: true });

    // Delete the receipt just added for this purpose.
    const form = finance.getByRole("region", { name: "Ausgabe erfassen" });
    await form.getByLabel("Belegnummer", { exact: true }).fill("E2E-FALSCH");
    await form.getByLabel("Belegdatum", { exact: true }).fill(originalDate);
    await form.getByLabel("Zahlungsempfänger", { exact: true }).fill("Irrtum GmbH");
    await form.getByLabel("Kostenart", { exact: true }).selectOption("materials");
    await form.getByLabel("Zweck", { exact: true }).fill("Doppelt erfasst");
    await form.getByLabel("Betrag brutto in €", { exact: true }).fill("10,00");
    await finance.getByRole("button", { name: "Ausgabe speichern" }).click();
    await eventually(() => finance.getByRole("cell", { name: "Irrtum GmbH", exact: true }).count()).toBe(1);
    await finance.getByRole("link", { name: "Bearbeiten (Beleg E2E-FALSCH)" }).click();
    await finance.getByRole("button", { name: "Beleg E2E-FALSCH löschen" }).click();
    await eventually(() => finance.getByRole("status").filter({ hasText: "Der Beleg wurde gelöscht." }).count()).toBe(1);
    expect(await finance.getByRole("cell", { name: "Irrtum GmbH", exact: true }).count()).toBe(0);
    await expectAccessible(finance);

    // Änderungsantrag through the panel, then the Änderungsbescheid with the (prefilled) amended values.
    await open(finance, applicationUrl!);
    const panel = finance.getByTestId("workflow-panel");
    await panel.getByLabel(/Kommentar/).fill("Verlängerung wegen Lieferverzug");
    await fireStep(finance, "Änderungsantrag stellen");
    expect(await panel.getByTestId("workflow-state").textContent()).toBe("Änderungsantrag");
    const amendment = finance.getByRole("region", { name: "Änderungsantrag" });
    await amendment.waitFor();
    await expectAccessible(finance);
    await amendment.getByLabel("Datum des Änderungsbescheids", { exact: true }).fill("01.04.2026");
    await amendment.getByRole("button", { name: "Änderungsbescheid speichern" }).click();
    await eventually(() => panel.getByTestId("workflow-state").textContent()).toBe("In Durchführung");
    await eventually(() => finance.getByText("Die bewilligte Änderung wurde übernommen; die Fristen sind neu berechnet.").count()).toBe(1);
    await finance.screenshot({ path: "/tmp/fahrplan-funding-amendment.png", fullPage: true });
    await expectAccessible(finance);

    // Prüfung vor Einreichung: the demo has no Sachbericht yet and a receipt without payment date.
    const check = finance.getByRole("region", { name: "Prüfung vor Einreichung" });
    expect(await check.getByTestId("pruefung-offen").textContent()).toContain("Der Sachbericht fehlt");
    // Cancel the pending drawdown: it stays listed, struck through, with its reason.
    const pending = finance.getByRole("region", { name: "Mittelabrufe" }).getByRole("row").filter({ has: finance.getByRole("button", { name: "Eingang erfassen" }) });
    await pending.getByText("Korrigieren oder stornieren").click();
    await pending.getByLabel("Grund der Stornierung", { exact: true }).fill("Bedarf entfällt (E2E)");
    await pending.getByRole("button", { name: "Mittelabruf stornieren" }).click();
    await eventually(() => finance.getByText(/Der Mittelabruf wurde storniert/).count()).toBe(1);
    await eventually(() => finance.getByText(/Bedarf entfällt \(E2E\) \(zählt nicht\)/).count()).toBe(1);
    await finance.screenshot({ path: "/tmp/fahrplan-funding-corrections.png", fullPage: true });
    await expectAccessible(finance);
    await finance.close();
  }, 180_000);

  it("deletes an unused own programme (the refusal for a used one is covered by the integration test)", async () => {
    const cdo = await signedIn("cdo@musterstadt.example");
    await open(cdo, "/foerderung/programme/neu");
    await cdo.getByLabel("Name des Programms", { exact: true }).fill("E2E Wegwerfprogramm");
    await cdo.getByLabel("Fördergeber", { exact: true }).fill("Land (E2E)");
    await cdo.getByLabel("Förderquote in %", { exact: true }).fill("50");
    await cdo.getByRole("button", { name: "Programm anlegen" }).click();
    await cdo.waitForURL(/\/foerderung\/programme\/\d+$/);
    await waitForHydration(cdo);
    await expectAccessible(cdo);
    await cdo.getByRole("button", { name: "Förderprogramm „E2E Wegwerfprogramm“ löschen" }).click();
    await cdo.waitForURL(/\/foerderung\/programme\?geloescht=1$/);
    await eventually(() => cdo.getByRole("status").filter({ hasText: "Das Förderprogramm wurde gelöscht." }).count()).toBe(1);
    expect(await cdo.getByRole("link", { name: "E2E Wegwerfprogramm" }).count()).toBe(0);
    await expectAccessible(cdo);
    await cdo.close();
  }, 120_000);

  it("shows the catalogue, a programme and the programme form accessibly", async () => {
    const cdo = await signedIn("cdo@musterstadt.example");
    await open(cdo, "/foerderung/programme");
    await expectAccessible(cdo);
    await cdo.getByRole("link", { name: "Kommunale Digitalisierung Brandenburg – zweistufig (Beispiel)" }).click();
    await cdo.waitForURL(/\/foerderung\/programme\/\d+$/);
    // The URL changes before the new page has rendered: wait for its content, not the URL.
    await cdo.getByRole("main").getByText("zweistufig: zuerst Projektskizze").first().waitFor();
    await expectAccessible(cdo);
    await open(cdo, "/foerderung/programme");
    const own = await cdo.getByRole("link", { name: "Bürgerstiftung: Digitale Teilhabe (eigenes Programm, Beispiel)" }).getAttribute("href");
    await open(cdo, `${own}/bearbeiten`);
    expect(await cdo.getByLabel("Förderquote in %", { exact: true }).inputValue()).toBe("50");
    await expectAccessible(cdo);
    await open(cdo, "/foerderung/programme/neu");
    await cdo.getByLabel("Name des Programms", { exact: true }).fill("Kreisprogramm Digital");
    await cdo.getByRole("button", { name: "Programm anlegen" }).click();
    await eventually(() => cdo.getByText("Bitte den Fördergeber angeben.").count()).toBe(1);
    await expectAccessible(cdo);
    await cdo.close();
  }, 120_000);
});
