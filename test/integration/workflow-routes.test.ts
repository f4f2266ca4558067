import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { workflowDefinitions, workflowTasks } from "../../db/schema";
import { getDb, transaction } from "~/utils/db.server";
import * as tasksRoute from "~/routes/_app.aufgaben";
import * as transitionRoute from "~/routes/ablauf.vorgaenge.$instanceId.uebergang";
import * as definitionsRoute from "~/routes/_app.verwaltung.ablaeufe._index";
import * as definitionRoute from "~/routes/_app.verwaltung.ablaeufe.$key._index";
import * as migrationRoute from "~/routes/_app.verwaltung.ablaeufe.$key.migration";
import { createTask, getWorkflow, startWorkflow } from "~/workflow/index.server";
import { type Caller, callAction, callLoader, signIn } from "../support/requests";
import { TEST_DEFINITION, TEST_SUBJECT, callerFor, deployTestDefinition, municipalityId, putItem } from "../support/workflow-fixtures";

let cdo: Caller;
let finance: Caller;
let staff: Caller;
let kleinCdo: Caller;
let instanceId: number;
const SUBJECT_ID = 9001;

beforeAll(async () => {
  cdo = await signIn("cdo@musterstadt.example");
  finance = await signIn("kaemmerei@musterstadt.example");
  staff = await signIn("mitarbeiter@musterstadt.example");
  kleinCdo = await signIn("cdo@kleinhausen.example");
  deployTestDefinition(callerFor("cdo@musterstadt.example"));
  putItem(municipalityId("Musterstadt"), SUBJECT_ID, { amountCents: 1_000 });
  instanceId = transaction((tx) =>
    startWorkflow(tx, callerFor("cdo@musterstadt.example"), { definitionKey: "testProcess", subjectType: TEST_SUBJECT, subjectId: SUBJECT_ID }),
  ).id;
});

const path = (id = instanceId) => `/ablauf/vorgaenge/${id}/uebergang`;

describe("transition route", () => {
  it("fires the transition and redirects back", async () => {
    const res = await callAction(transitionRoute.action, path(), {
      caller: cdo,
      params: { instanceId: String(instanceId) },
      form: { transition: "submit", expectedVersion: "1", comment: "Los", redirectTo: "/test/9001?ablaufFehler=alt" },
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/test/9001");
    expect(getWorkflow(getDb(), callerFor("cdo@musterstadt.example"), TEST_SUBJECT, SUBJECT_ID)?.state).toBe("review");
  });

  const errorOf = (res: Response) => {
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get("Location")!, "http://localhost");
    expect(location.pathname).toBe("/test/9001");
    return location.searchParams.get("ablaufFehler");
  };

  it("sends a stale version back to the page with the German conflict message, changing nothing", async () => {
    const res = await callAction(transitionRoute.action, path(), {
      caller: finance,
      params: { instanceId: String(instanceId) },
      form: { transition: "rework", expectedVersion: "1", redirectTo: "/test/9001" },
    });
    expect(errorOf(res)).toMatch(/von jemand anderem weitergeführt/);
    expect(getWorkflow(getDb(), callerFor("cdo@musterstadt.example"), TEST_SUBJECT, SUBJECT_ID)?.state).toBe("review");
  });

  it("sends a refused transition back to the page with the reasons", async () => {
    const fourEyes = await callAction(transitionRoute.action, path(), {
      caller: cdo,
      params: { instanceId: String(instanceId) },
      form: { transition: "approve", expectedVersion: "2", redirectTo: "/test/9001" },
    });
    expect(errorOf(fourEyes)).toMatch(/^Vier-Augen-Prinzip/);
    const plain = await callAction(transitionRoute.action, path(), {
      caller: staff,
      params: { instanceId: String(instanceId) },
      form: { transition: "rework", expectedVersion: "2", redirectTo: "/test/9001" },
    });
    expect(errorOf(plain)).toBe("Ihre Rolle „Mitarbeiter/in“ darf den Schritt „Zurück in den Entwurf“ nicht ausführen.");
  });

  it("answers 404 for another Kommune's instance, and refuses open redirects and missing CSRF tokens", async () => {
    const res = await callAction(transitionRoute.action, path(), {
      caller: kleinCdo,
      params: { instanceId: String(instanceId) },
      form: { transition: "rework", expectedVersion: "2", redirectTo: "/" },
    });
    expect(res.status).toBe(404);
    const open = await callAction(transitionRoute.action, path(), {
      caller: finance,
      params: { instanceId: String(instanceId) },
      form: { transition: "rework", expectedVersion: "2", redirectTo: "//evil.example" },
    });
    expect(open.status).toBe(400);
    const noCsrf = await callAction(transitionRoute.action, path(), {
      caller: finance,
      withoutCsrf: true,
      params: { instanceId: String(instanceId) },
      form: { transition: "rework", expectedVersion: "2", redirectTo: "/" },
    });
    expect(noCsrf.status).toBe(403);
    expect(getWorkflow(getDb(), callerFor("cdo@musterstadt.example"), TEST_SUBJECT, SUBJECT_ID)?.version).toBe(2);
  });
});

describe("Meine Aufgaben", () => {
  it("lists the caller's tasks by role and person, and completes them with version check", async () => {
    const tenant = callerFor("kaemmerei@musterstadt.example");
    const taskId = transaction((tx) => createTask(tx, tenant, { title: "Eigenanteil bestätigen: Test", assigneeRole: "finance", dueDate: "2026-01-15" }));
    const personal = transaction((tx) => createTask(tx, tenant, { title: "Persönliche Aufgabe", assigneeUserId: finance.userId }));
    const res = await callLoader(tasksRoute.loader, "/aufgaben", { caller: finance });
    const data = await res.json();
    const titles = data.tasks.map((t: { title: string }) => t.title);
    expect(titles).toContain("Eigenanteil bestätigen: Test");
    expect(titles).toContain("Persönliche Aufgabe");
    expect(titles).toContain(`Betrag prüfen: Testvorgang ${SUBJECT_ID}`);
    const other = await (await callLoader(tasksRoute.loader, "/aufgaben", { caller: cdo })).json();
    const otherIds = other.tasks.flatMap((t: { tasks: { id: number }[] }) => t.tasks.map((x) => x.id));
    expect(otherIds.length).toBeGreaterThan(0);
    expect(otherIds).not.toContain(taskId);
    expect(otherIds).not.toContain(personal);

    const stale = await callAction(tasksRoute.action, "/aufgaben", { caller: finance, form: { intent: "complete", tasks: `${taskId}:7` } });
    expect(stale.status).toBe(409);
    const ok = await callAction(tasksRoute.action, "/aufgaben", { caller: finance, form: { intent: "complete", tasks: `${taskId}:1` } });
    expect(ok.status).toBe(200);
    const row = getDb().select().from(workflowTasks).where(eq(workflowTasks.id, taskId)).get()!;
    expect(row).toMatchObject({ status: "done", completedBy: finance.userId });
  });

  it("answers 404 when completing a task of another Kommune or of someone else", async () => {
    const tenant = callerFor("kaemmerei@musterstadt.example");
    const taskId = transaction((tx) => createTask(tx, tenant, { title: "Nur Kämmerei", assigneeRole: "finance" }));
    const foreign = await callAction(tasksRoute.action, "/aufgaben", { caller: kleinCdo, form: { intent: "complete", tasks: `${taskId}:1` } });
    expect(foreign.status).toBe(404);
    const notMine = await callAction(tasksRoute.action, "/aufgaben", { caller: cdo, form: { intent: "complete", tasks: `${taskId}:1` } });
    expect(notMine.status).toBe(404);
    expect(getDb().select().from(workflowTasks).where(eq(workflowTasks.id, taskId)).get()!.status).toBe("open");
  });

  it("sends anonymous visitors to the login", async () => {
    const res = await callLoader(tasksRoute.loader, "/aufgaben");
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toMatch(/^\/login/);
  });
});

describe("definition admin pages", () => {
  it("lists definitions with versions and instance counts, only for permitted roles", async () => {
    const res = await callLoader(definitionsRoute.loader, "/verwaltung/ablaeufe", { caller: cdo });
    const data = await res.json();
    const keys = data.definitions.map((d: { key: string }) => d.key);
    expect(keys).toEqual(expect.arrayContaining(["project", "trainingSession", "fundingApplication", "testProcess"]));
    const test = data.definitions.find((d: { key: string }) => d.key === "testProcess");
    expect(test.versions[0]).toMatchObject({ version: 1, builtIn: false, instanceCount: 1, runningCount: 1 });
    expect(data.registry.guards).toEqual(expect.arrayContaining(["fourEyes", "fieldsPresent", "documentsAttached", "hasRole", "amountAtMost"]));
    expect((await callLoader(definitionsRoute.loader, "/verwaltung/ablaeufe", { caller: staff })).status).toBe(403);
  });

  it("rejects an invalid definition with German messages and saves nothing", async () => {
    const before = getDb().select().from(workflowDefinitions).all().length;
    const bad = structuredClone(TEST_DEFINITION);
    bad.transitions[0] = { ...bad.transitions[0], guards: [{ name: "zauberei", params: {} }] } as never;
    const res = await callAction(definitionsRoute.action, "/verwaltung/ablaeufe", { caller: cdo, form: { definition: JSON.stringify(bad) } });
    expect(res.status).toBe(422);
    expect((await res.json()).errors).toContain("Der Übergang „submit“ verwendet die unbekannte Bedingung „zauberei“.");
    const empty = await callAction(definitionsRoute.action, "/verwaltung/ablaeufe", { caller: cdo, form: { definition: " " } });
    expect(empty.status).toBe(400);
    const forbidden = await callAction(definitionsRoute.action, "/verwaltung/ablaeufe", { caller: finance, form: { definition: JSON.stringify(TEST_DEFINITION) } });
    expect(forbidden.status).toBe(403);
    expect(getDb().select().from(workflowDefinitions).all().length).toBe(before);
  });

  it("deploys a Kommune version from an uploaded file; other Kommunen get 404 for it", async () => {
    const own = { ...structuredClone(TEST_DEFINITION), key: "kleinProcess", subjectType: "kleinItem", name: "Kleinhausener Ablauf" };
    const form = new FormData();
    form.set("file", new File([JSON.stringify(own)], "ablauf.json", { type: "application/json" }));
    const res = await callAction(definitionsRoute.action, "/verwaltung/ablaeufe", { caller: kleinCdo, form });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/verwaltung/ablaeufe/kleinProcess?version=1&bereitgestellt=1");
    const row = getDb()
      .select()
      .from(workflowDefinitions)
      .where(and(eq(workflowDefinitions.definitionKey, "kleinProcess"), eq(workflowDefinitions.municipalityId, municipalityId("Kleinhausen"))))
      .get();
    expect(row?.definitionVersion).toBe(1);
    const mine = await callLoader(definitionRoute.loader, "/verwaltung/ablaeufe/kleinProcess", { caller: kleinCdo, params: { key: "kleinProcess" } });
    expect(mine.status).toBe(200);
    const foreign = await callLoader(definitionRoute.loader, "/verwaltung/ablaeufe/kleinProcess", { caller: cdo, params: { key: "kleinProcess" } });
    expect(foreign.status).toBe(404);
  });

  it("shows a built-in definition with its diagram and JSON", async () => {
    const res = await callLoader(definitionRoute.loader, "/verwaltung/ablaeufe/project", { caller: cdo, params: { key: "project" } });
    const data = await res.json();
    expect(data.definition.name).toBe("Projekt-Lebenszyklus");
    expect(data.diagram.nodes.map((n: { label: string }) => n.label)).toEqual(
      expect.arrayContaining(["Idee", "Bewertung", "Geplant", "In Umsetzung", "Abgeschlossen", "Zurückgestellt", "Abgebrochen"]),
    );
    expect(JSON.parse(data.json).key).toBe("project");
    const missing = await callLoader(definitionRoute.loader, "/verwaltung/ablaeufe/project?version=9", { caller: cdo, params: { key: "project" } });
    expect(missing.status).toBe(404);
  });

  it("migrates only after a preview with a mapping for every occupied state, confirmed with its fingerprint", async () => {
    expect((await callLoader(migrationRoute.loader, "/x", { caller: cdo, params: { key: "testProcess" } })).status).toBe(404);
    const v2 = structuredClone(TEST_DEFINITION);
    v2.states[1] = { ...v2.states[1], label: "Prüfung (neu)" };
    deployTestDefinition(callerFor("cdo@musterstadt.example"), v2);
    const page = await (await callLoader(migrationRoute.loader, "/x", { caller: cdo, params: { key: "testProcess" } })).json();
    expect(page).toMatchObject({ fromVersion: 1, toVersion: 2, running: [{ state: "review", count: 1, selected: "review" }], preview: null });
    expect((await callLoader(migrationRoute.loader, "/x", { caller: finance, params: { key: "testProcess" } })).status).toBe(403);

    const unmapped = await (
      await callLoader(migrationRoute.loader, "/x?von=1&nach=2&vorschau=1&mapping.review=", { caller: cdo, params: { key: "testProcess" } })
    ).json();
    expect(unmapped.preview.problems).toEqual(["Für den Status „Prüfung“ (1 laufende Vorgänge) ist keine Zuordnung angegeben."]);
    const refused = await callAction(migrationRoute.action, "/x", {
      caller: cdo,
      params: { key: "testProcess" },
      form: { fromVersion: "1", toVersion: "2", fingerprint: unmapped.preview.fingerprint },
    });
    expect(refused.status).toBe(422);
    expect((await refused.json()).errors).toContain("Für den Status „Prüfung“ (1 laufende Vorgänge) ist keine Zuordnung angegeben.");
    const blind = await callAction(migrationRoute.action, "/x", { caller: cdo, params: { key: "testProcess" }, form: { fromVersion: "1", toVersion: "2", "mapping.review": "review" } });
    expect(blind.status).toBe(400);
    expect(getWorkflow(getDb(), callerFor("cdo@musterstadt.example"), TEST_SUBJECT, SUBJECT_ID)?.definitionVersion).toBe(1);

    const preview = (
      await (await callLoader(migrationRoute.loader, "/x?von=1&nach=2&vorschau=1&mapping.review=review", { caller: cdo, params: { key: "testProcess" } })).json()
    ).preview;
    expect(preview.items).toMatchObject([{ subjectTitle: "Testvorgang 9001", fromLabel: "Prüfung", toLabel: "Prüfung (neu)" }]);
    const form = { fromVersion: "1", toVersion: "2", "mapping.review": "review", fingerprint: preview.fingerprint };
    const foreign = await callAction(migrationRoute.action, "/x", { caller: kleinCdo, params: { key: "testProcess" }, form });
    expect(foreign.status).toBe(404);
    const done = await callAction(migrationRoute.action, "/x", { caller: cdo, params: { key: "testProcess" }, form });
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe("/verwaltung/ablaeufe/testProcess?version=2&migriert=1");
    expect(getWorkflow(getDb(), callerFor("cdo@musterstadt.example"), TEST_SUBJECT, SUBJECT_ID)).toMatchObject({ definitionVersion: 2, stateLabel: "Prüfung (neu)" });
  });
});
