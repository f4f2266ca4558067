import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, baseUrl, expectAccessible, launchBrowser, login, waitForHydration } from "../support/browser";
import { freePort, waitForHealth } from "../support/server-process";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function signedIn(email: string): Promise<Page> {
  const context = await browser.newContext({ locale: "de-DE" });
  const page = await context.newPage();
  await login(page, email);
  await page.waitForURL(`${baseUrl()}/`);
  return page;
}

async function visit(page: Page, path: string) {
  await page.goto(`${baseUrl()}${path}`);
  await waitForHydration(page);
}

const ownDefinition = (name: string) => ({
  key: "councilMotion",
  name,
  subjectType: "councilMotion",
  states: [
    { name: "draft", label: "Entwurf", kind: "initial" },
    { name: "councilDecision", label: "Ratsbeschluss", kind: "waiting", tasks: [{ title: "Beschlussvorlage einbringen", assigneeRole: "cdo", dueInDays: 14 }] },
    { name: "decided", label: "Beschlossen", kind: "final" },
  ],
  transitions: [
    { name: "submitToCouncil", label: "Dem Rat vorlegen", from: ["draft"], to: "councilDecision", roles: ["cdo"], guards: [{ name: "amountAbove", params: { field: "budgetPlannedCents", minCents: 10000000 } }] },
    { name: "recordDecision", label: "Beschluss erfassen", from: ["councilDecision"], to: "decided", roles: ["cdo"] },
  ],
});

describe("workflow engine in the browser", () => {
  it("shows reminder and overdue tasks that the boot-time scan created, and completes a task", async () => {
    const page = await signedIn("cdo@musterstadt.example");
    await visit(page, "/aufgaben");
    await expectAccessible(page);
    const table = page.getByTestId("task-table");
    // Seeded with a due date three days ago: the scan at server start marked it overdue.
    const overdue = table.getByRole("row", { name: /Frist überschritten: Jahresbericht zur Digitalagenda an den Rat/ });
    expect(await overdue.getByText("überfällig").isVisible()).toBe(true);
    expect(await table.getByRole("row", { name: /Frist bald fällig: Reifegrad-Selbstbewertung aktualisieren/ }).count()).toBe(1);

    const title = "Eigene Ablaufversion prüfen: Ratsbeschluss für Projekte über 100.000 €";
    await page.getByRole("button", { name: /^Erledigt.*Eigene Ablaufversion prüfen/ }).click();
    await page.getByRole("status").filter({ hasText: "Aufgabe als erledigt markiert." }).waitFor();
    await page.getByRole("link", { name: title }).waitFor({ state: "detached" });
    await expectAccessible(page);

    const staff = await signedIn("mitarbeiter@musterstadt.example");
    await visit(staff, "/aufgaben");
    expect(await staff.getByText("Jahresbericht zur Digitalagenda").count()).toBe(0);
    await staff.context().close();
    await page.context().close();
  });

  it("names a deputy on the Vertretung page, which is accessible", async () => {
    const page = await signedIn("cdo@musterstadt.example");
    await visit(page, "/aufgaben");
    await page.getByRole("link", { name: "Vertretung regeln" }).click();
    await page.getByRole("heading", { name: "Vertretung in Musterstadt" }).waitFor();
    await expectAccessible(page);
    await page.getByLabel("Vertretung", { exact: true }).selectOption({ label: "Klaus Kämmerer" });
    await page.getByRole("button", { name: "Vertretung eintragen" }).click();
    await page.getByRole("button", { name: /^Beenden.*Klaus Kämmerer/ }).waitFor();
    await page.context().close();
  });

  it("lists definitions, refuses an invalid one with German messages, deploys versions and shows the diagram", async () => {
    const page = await signedIn("cdo@musterstadt.example");
    await visit(page, "/verwaltung/ablaeufe");
    await expectAccessible(page);
    const table = page.getByTestId("definition-table");
    for (const name of ["Projekt-Lebenszyklus", "Schulungstermin", "Förderantrag"]) {
      expect(await table.getByRole("link", { name }).isVisible()).toBe(true);
    }

    const broken = ownDefinition("Ratsvorlage");
    broken.transitions[1].to = "nirgendwo";
    await page.getByLabel("Ablaufdefinition (JSON)").fill(JSON.stringify(broken));
    await page.getByRole("button", { name: "Prüfen und bereitstellen" }).click();
    const alert = page.getByRole("alert").filter({ hasText: "Der Ablauf wurde nicht bereitgestellt" });
    await alert.waitFor();
    expect(await alert.innerText()).toContain("Der Übergang „recordDecision“ führt zum unbekannten Status „nirgendwo“.");
    expect(await alert.innerText()).toContain("Der Status „decided“ („Beschlossen“) ist vom Startstatus aus nicht erreichbar.");
    await expectAccessible(page);

    await page.getByLabel("Ablaufdefinition (JSON)").fill(JSON.stringify(ownDefinition("Ratsvorlage")));
    await page.getByRole("button", { name: "Prüfen und bereitstellen" }).click();
    await page.waitForURL(/\/verwaltung\/ablaeufe\/councilMotion\?version=1/);
    await page.getByRole("status").filter({ hasText: "Version 1 wurde geprüft und bereitgestellt." }).waitFor();
    const diagram = page.getByRole("img", { name: /Ablaufdiagramm „Ratsvorlage“ mit 3 Status/ });
    expect(await diagram.isVisible()).toBe(true);
    expect(await page.getByTestId("workflow-state-list").innerText()).toContain("Ratsbeschluss");
    expect(await page.getByRole("cell", { name: /Bedingung: budgetPlannedCents über 100\.000,00/ }).count()).toBe(1);
    await expectAccessible(page);

    await visit(page, "/verwaltung/ablaeufe");
    await page.getByLabel("Ablaufdefinition (JSON)").fill(JSON.stringify(ownDefinition("Ratsvorlage (überarbeitet)")));
    await page.getByRole("button", { name: "Prüfen und bereitstellen" }).click();
    await page.waitForURL(/councilMotion\?version=2/);
    await page.getByRole("link", { name: "Laufende Vorgänge migrieren" }).click();
    await page.getByRole("heading", { name: /Laufende Vorgänge migrieren/ }).waitFor();
    expect(await page.getByText("Auf Version 1 laufen keine Vorgänge.").isVisible()).toBe(true);
    await expectAccessible(page);
    await page.context().close();
  });

  it("fires transitions from the panel, shows history and diagram, and reports a conflict and missing rights", async () => {
    const first = await signedIn("cdo@musterstadt.example");
    await visit(first, "/projekte");
    await first.getByRole("link", { name: "Open-Data-Portal" }).click();
    await first.getByTestId("workflow-panel").waitFor();
    await waitForHydration(first);
    const projectPath = new URL(first.url()).pathname;
    expect(await first.getByTestId("workflow-state").innerText()).toBe("Idee");

    // A second session of the same user opens the same project before the first one acts.
    const second = await signedIn("cdo@musterstadt.example");
    await visit(second, projectPath);

    await first.getByLabel("Kommentar (wird im Verlauf gespeichert)").fill("Offene Daten sind Ratsauftrag");
    await first.getByRole("button", { name: "Zur Bewertung geben", exact: true }).click();
    await first.getByTestId("workflow-state").filter({ hasText: "Bewertung" }).waitFor();
    const history = await first.getByTestId("workflow-history").innerText();
    expect(history).toContain("Zur Bewertung geben: Idee → Bewertung");
    expect(history).toContain("„Offene Daten sind Ratsauftrag“");
    expect(await first.locator('[data-testid="workflow-diagram"] [data-current="true"]').getAttribute("data-state")).toBe("assessment");
    expect(await first.getByRole("img", { name: /aktueller Status: Bewertung/ }).count()).toBe(1);
    await expectAccessible(first);

    await second.getByRole("button", { name: "Zur Bewertung geben", exact: true }).click();
    const conflict = second.getByTestId("workflow-error");
    await conflict.waitFor();
    expect(await conflict.innerText()).toMatch(/von jemand anderem weitergeführt \(aktueller Status: „Bewertung“\)/);
    // Nothing was fired twice; the page now shows the state the other session reached.
    await second.getByTestId("workflow-state").filter({ hasText: "Bewertung" }).waitFor();
    expect((await second.getByTestId("workflow-history").innerText()).match(/Zur Bewertung geben/g)).toHaveLength(1);

    const staff = await signedIn("mitarbeiter@musterstadt.example");
    await visit(staff, projectPath);
    expect(await staff.getByTestId("workflow-panel").getByText("Für Ihre Rolle gibt es in diesem Status keinen Schritt.").isVisible()).toBe(true);
    expect(await staff.getByTestId("workflow-panel").getByRole("button").count()).toBe(0);
    for (const p of [first, second, staff]) await p.context().close();
  });

  it("after a restart, the first scan creates the task for a deadline that passed while the server was down", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fahrplan-wf-restart-"));
    const file = path.join(dir, "fahrplan.db");
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    let server = await startServer(file, port);
    try {
      await stopServer(server);
      // While the server is down, a deadline (e.g. one an import wrote) passes its due date.
      const db = new Database(file);
      const m = db.prepare("SELECT id FROM municipalities WHERE name = 'Musterstadt'").get() as { id: number };
      db.prepare(
        `INSERT INTO workflow_deadlines (municipality_id, subject_type, subject_id, key, label, due_date, remind_date, assignee_role)
         VALUES (?, 'municipality', ?, 'downtimeCheck', 'Nachweis während der Ausfallzeit', date('now', '-2 days'), date('now', '-9 days'), 'cdo')`,
      ).run(m.id, m.id);
      db.close();
      server = await startServer(file, port);

      const page = await (await browser.newContext({ locale: "de-DE" })).newPage();
      await page.goto(`${url}/login`);
      await waitForHydration(page);
      await page.getByLabel("E-Mail").fill("cdo@musterstadt.example");
      await page.getByLabel("Passwort").fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Anmelden" }).click();
      await page.waitForURL(`${url}/`);
      await page.goto(`${url}/aufgaben`);
      const row = page.getByTestId("task-table").getByRole("row", { name: /Frist überschritten: Nachweis während der Ausfallzeit/ });
      expect(await row.count()).toBe(1);
      expect(await row.getByText("überfällig").isVisible()).toBe(true);

      // Another restart scans again, but the task exists exactly once.
      await stopServer(server);
      server = await startServer(file, port);
      await page.goto(`${url}/aufgaben`);
      expect(await row.count()).toBe(1);
      await page.context().close();
    } finally {
      await stopServer(server);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});

/** A second server of the built app on its own database, so this test can stop and restart it. */
async function startServer(databasePath: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["server.js"], {
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), DATABASE_PATH: databasePath, SESSION_SECRET: "e2e-restart" },
    stdio: "ignore",
  });
  try {
    await waitForHealth(`http://127.0.0.1:${port}`, child);
  } catch (error) {
    child.kill("SIGTERM");
    throw error;
  }
  return child;
}

function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}
