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

/** A definition of its own key and subject type, so the versions saved here touch no other test. */
const DEFINITION = {
  key: "editorDemo",
  name: "Bürgeranliegen",
  subjectType: "editorDemo",
  states: [
    { name: "received", label: "Eingegangen", kind: "initial" },
    { name: "inReview", label: "In Prüfung", kind: "active" },
    { name: "answered", label: "Beantwortet", kind: "final" },
  ],
  transitions: [
    { name: "review", label: "Prüfen", from: ["received"], to: "inReview", roles: ["cdo"] },
    { name: "answer", label: "Beantworten", from: ["inReview"], to: "answered", roles: ["cdo"] },
  ],
};

async function openEditor(): Promise<Page> {
  const context = await browser.newContext({ locale: "de-DE" });
  const page = await context.newPage();
  await login(page, "cdo@musterstadt.example");
  await page.waitForURL(`${baseUrl()}/`);
  await page.goto(`${baseUrl()}/verwaltung/ablaeufe`);
  await waitForHydration(page);
  await page.getByLabel("Ablaufdefinition (JSON)").fill(JSON.stringify(DEFINITION));
  await page.getByRole("button", { name: "Prüfen und bereitstellen" }).click();
  await page.waitForURL(/\/verwaltung\/ablaeufe\/editorDemo\?version=1/);
  await page.getByRole("link", { name: /Im Formular bearbeiten/ }).click();
  await page.getByRole("heading", { level: 1, name: "Bürgeranliegen bearbeiten" }).waitFor();
  await waitForHydration(page);
  return page;
}

const previewButton = (page: Page) => page.getByRole("button", { name: "Prüfen und Vorschau aktualisieren" }).first();

describe("form-based workflow editor", () => {
  it("edits states, steps, roles and a guard with its parameters, previews the diagram, shows errors at the field and saves a new version", async () => {
    const page = await openEditor();
    await expectAccessible(page);
    expect(await page.getByRole("img", { name: /Ablaufdiagramm „Bürgeranliegen“ mit 3 Status/ }).isVisible()).toBe(true);

    // Rename a state and preview: the diagram comes from the form on the server.
    await page.locator('[name="states[1].label"]').fill("Fachliche Prüfung");
    await previewButton(page).click();
    await page.getByRole("status").filter({ hasText: "Die Prüfung hat keine Fehler gefunden" }).waitFor();
    expect(await page.getByTestId("workflow-diagram").textContent()).toContain("Fachliche Prüfung");

    // A guard chosen from the registered ones; its parameters appear as inputs after the preview.
    await page.getByRole("button", { name: "Bedingung hinzufügen" }).nth(1).click();
    await page.getByRole("group", { name: "Bedingung 1" }).waitFor();
    await page.locator('[name="transitions[1].guards[0].name"]').selectOption("hasRole");
    await previewButton(page).click();
    const roles = page.getByRole("group", { name: "Rollen" });
    await roles.waitFor();
    // No role ticked: the validator's message stands next to the parameter.
    expect(await page.locator("#f-transitions-1-guards-0-params-roles-fehler").innerText()).toMatch(/Ungültige Parameter/);
    await expectAccessible(page);
    await roles.getByLabel("Kämmerei").check();

    // A step without roles is refused next to its role list; nothing is saved.
    await page.getByRole("group", { name: /Schritt 1: Prüfen/ }).getByRole("group", { name: "Wer darf den Schritt auslösen" }).getByLabel("CDO / Digitalverantwortliche").uncheck();
    await page.getByRole("button", { name: "Als Version 2 speichern" }).first().click();
    await page.getByRole("alert").filter({ hasText: "Version 2 wurde nicht gespeichert" }).waitFor();
    expect(await page.locator("#f-transitions-0-roles-fehler").innerText()).toContain("mindestens eine Rolle");
    expect(await page.locator('[name="states[1].label"]').inputValue()).toBe("Fachliche Prüfung");
    await expectAccessible(page);

    await page.getByRole("group", { name: /Schritt 1: Prüfen/ }).getByRole("group", { name: "Wer darf den Schritt auslösen" }).getByLabel("CDO / Digitalverantwortliche").check();
    await page.getByRole("button", { name: "Als Version 2 speichern" }).first().click();
    await page.waitForURL(/\/verwaltung\/ablaeufe\/editorDemo\?version=2&bereitgestellt=1/);
    await page.getByRole("status").filter({ hasText: "Version 2 wurde geprüft und bereitgestellt." }).waitFor();
    expect(await page.getByTestId("workflow-state-list").innerText()).toContain("Fachliche Prüfung");
    expect(await page.getByRole("cell", { name: /Bedingung: nur für: Kämmerei/ }).count()).toBe(1);
    await page.context().close();
  });
});
