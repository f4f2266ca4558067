import { and, count, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, milestones, municipalities, projectDependencies, projectUnits, projects, risks, units, workflowInstances } from "../../db/schema";
import { getDb } from "~/utils/db.server";
import * as listRoute from "~/routes/_app.projekte._index";
import * as newRoute from "~/routes/_app.projekte.neu";
import * as pageRoute from "~/routes/_app.projekte.$projectId._index";
import * as editRoute from "~/routes/_app.projekte.$projectId.bearbeiten";
import * as exportRoute from "~/routes/_app.projekte.export[.csv]";
import * as importRoute from "~/routes/_app.projekte.import";
import * as risksRoute from "~/routes/_app.projekte.risiken";
import * as dashboardRoute from "~/routes/_app._index";
import * as roadmapRoute from "~/routes/_app.fahrplan";
import * as portfolioRoute from "~/routes/_app.projekte.portfolio";
import { type Caller, callAction, callLoader, signIn } from "../support/requests";

const CDO = "cdo@musterstadt.example";
const STAFF = "mitarbeiter@musterstadt.example";

function municipalityId(name: string): number {
  return getDb().select({ id: municipalities.id }).from(municipalities).where(eq(municipalities.name, name)).get()!.id;
}
function projectId(title: string): number {
  return getDb().select({ id: projects.id }).from(projects).where(eq(projects.title, title)).get()!.id;
}
function unitId(name: string): number {
  return getDb().select({ id: units.id }).from(units).where(eq(units.name, name)).get()!.id;
}
function projectCount(): number {
  return getDb().select({ n: count() }).from(projects).get()!.n;
}
function auditCount(): number {
  return getDb().select({ n: count() }).from(auditLog).get()!.n;
}
function fieldId(name: string): number {
  const db = getDb();
  return db.query.fieldsOfAction.findFirst({ where: (f, { eq: e }) => e(f.name, name) })!.sync()!.id;
}

async function list(caller: Caller, query = "") {
  const res = await callLoader(listRoute.loader, `/projekte${query}`, { caller });
  expect(res.status).toBe(200);
  return (await res.json()) as { result: { total: number; rows: { id: number; title: string; state: string; overdue: boolean }[] } };
}

function projectForm(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    title: "Digitale Bürgerbeteiligung",
    description: "Beteiligungsplattform für Bauleitplanung",
    fieldOfActionId: String(fieldId("Bürgerservice und Verwaltungsleistungen")),
    leadUnitId: String(unitId("Hauptamt")),
    involvedUnitIds: [String(unitId("Bauamt")), String(unitId("Stadtwerke Musterstadt GmbH"))],
    startDate: "01.03.2027",
    endDate: "30.09.2027",
    budgetPlanned: "150.000,00",
    budgetSpent: "0",
    ozgRelevant: "on",
    ...overrides,
  };
}

describe("project list", () => {
  it("shows the Kommune's projects with status, filters and sorting, never another Kommune's", async () => {
    const caller = await signIn(CDO);
    const all = await list(caller, "?page=1");
    expect(all.result.total).toBe(26);
    const titles = (await list(caller, "?page=2")).result.rows.map((r) => r.title).concat(all.result.rows.map((r) => r.title));
    expect(titles).toHaveLength(26);
    expect(titles.some((t) => t.startsWith("Kleinhausen"))).toBe(false);

    const inProgress = await list(caller, "?status=inProgress");
    expect(inProgress.result.total).toBe(10);
    expect(inProgress.result.rows.every((r) => r.state === "inProgress")).toBe(true);

    const search = await list(caller, "?q=akte");
    expect(search.result.rows.map((r) => r.title)).toContain("E-Akte Einführung");

    const byUnit = await list(caller, `?unit=${unitId("Stadtwerke Musterstadt GmbH")}`);
    expect(byUnit.result.rows.map((r) => r.title)).toEqual(
      expect.arrayContaining(["Smart Parking Innenstadt", "Echtzeitdaten ÖPNV", "Intelligente Straßenbeleuchtung"]),
    );

    const overdue = await list(caller, "?overdue=1");
    expect(overdue.result.total).toBeGreaterThan(3);
    expect(overdue.result.rows.every((r) => r.overdue)).toBe(true);
    expect(overdue.result.rows.map((r) => r.title)).toContain("Digitaler Bauantrag");

    const byBudget = await list(caller, "?sort=budget&dir=desc");
    expect(byBudget.result.rows[0].title).toBe("Glasfaseranbindung Verwaltungsstandorte");
  });

  it("filters by the assessment's classification", async () => {
    const caller = await signIn(CDO);
    const laggards = await list(caller, "?classification=laggard");
    const db = getDb();
    const { projectAssessments } = await import("../../db/schema");
    const expected = db.select({ n: count() }).from(projectAssessments)
      .innerJoin(projects, eq(projects.id, projectAssessments.projectId))
      .where(and(eq(projectAssessments.classification, "laggard"), eq(projects.municipalityId, municipalityId("Musterstadt")))).get()!.n;
    expect(laggards.result.total).toBe(expected);
  });

  it("is readable by staff, but staff gets 403 on every change", async () => {
    const staff = await signIn(STAFF);
    expect((await list(staff)).result.total).toBe(26);
    const id = projectId("E-Akte Einführung");
    expect((await callLoader(pageRoute.loader, `/projekte/${id}`, { caller: staff, params: { projectId: String(id) } })).status).toBe(200);
    expect((await callLoader(newRoute.loader, "/projekte/neu", { caller: staff })).status).toBe(403);
    expect((await callAction(newRoute.action, "/projekte/neu", { caller: staff, form: projectForm() })).status).toBe(403);
    expect((await callLoader(editRoute.loader, `/projekte/${id}/bearbeiten`, { caller: staff, params: { projectId: String(id) } })).status).toBe(403);
    expect(
      (await callAction(pageRoute.action, `/projekte/${id}`, { caller: staff, params: { projectId: String(id) }, form: { intent: "addMilestone", title: "X-Meilenstein", dueDate: "01.01.2027" } })).status,
    ).toBe(403);
    expect((await callLoader(importRoute.loader, "/projekte/import", { caller: staff })).status).toBe(403);
  });
});

describe("create, edit, archive", () => {
  it("creates a project with its units, starts its workflow in 'Idee' and audits it", async () => {
    const caller = await signIn(CDO);
    const res = await callAction(newRoute.action, "/projekte/neu", { caller, form: projectForm() });
    expect(res.status).toBe(302);
    const id = Number(res.headers.get("Location")!.split("/").pop());
    const db = getDb();
    const row = db.select().from(projects).where(eq(projects.id, id)).get()!;
    expect(row).toMatchObject({ title: "Digitale Bürgerbeteiligung", budgetPlannedCents: 15_000_000, startDate: "2027-03-01", ozgRelevant: true, municipalityId: municipalityId("Musterstadt") });
    const instance = db.select().from(workflowInstances).where(and(eq(workflowInstances.subjectType, "project"), eq(workflowInstances.subjectId, id))).get()!;
    expect(instance.state).toBe("idea");
    const audit = db.select().from(auditLog).where(and(eq(auditLog.entity, "project"), eq(auditLog.entityId, String(id)))).all();
    expect(audit.map((a) => a.action)).toEqual(["create"]);
    const page = await (await callLoader(pageRoute.loader, `/projekte/${id}`, { caller, params: { projectId: String(id) } })).json();
    expect(page.detail.involvedUnits.map((u: { name: string }) => u.name).sort()).toEqual(["Bauamt", "Stadtwerke Musterstadt GmbH"]);
    expect(page.workflow.workflow.stateLabel).toBe("Idee");
  });

  it("saves nothing on invalid input and answers with German field errors", async () => {
    const caller = await signIn(CDO);
    const before = [projectCount(), auditCount()];
    const res = await callAction(newRoute.action, "/projekte/neu", { caller, form: projectForm({ title: "", budgetPlanned: "zehn" }) });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.title).toEqual(["Bitte geben Sie einen Projekttitel ein."]);
    expect(body.error.budgetPlanned).toEqual(["Das geplante Budget ist kein gültiger Betrag (z. B. 12.500,00)."]);
    const dates = await callAction(newRoute.action, "/projekte/neu", { caller, form: projectForm({ endDate: "01.01.2027" }) });
    expect((await dates.json()).error.endDate).toEqual(["Das Projektende darf nicht vor dem Projektbeginn liegen."]);
    expect([projectCount(), auditCount()]).toEqual(before);
  });

  it("refuses units of another Kommune and saves nothing", async () => {
    const caller = await signIn(CDO);
    const before = projectCount();
    const foreignUnit = getDb().select({ id: units.id }).from(units).where(eq(units.municipalityId, municipalityId("Kleinhausen"))).get()!.id;
    const res = await callAction(newRoute.action, "/projekte/neu", { caller, form: projectForm({ leadUnitId: String(foreignUnit) }) });
    expect(res.status).toBe(400);
    expect((await res.json()).error.leadUnitId).toEqual(["Bitte wählen Sie eine Einheit dieser Kommune."]);
    expect(projectCount()).toBe(before);
  });

  it("edits with the version the user saw and reports a conflict on a stale version", async () => {
    const caller = await signIn(CDO);
    const id = projectId("Open-Data-Portal");
    const params = { projectId: String(id) };
    const loaded = await (await callLoader(editRoute.loader, `/projekte/${id}/bearbeiten`, { caller, params })).json();
    const form = { ...loaded.defaults, involvedUnitIds: loaded.defaults.involvedUnitIds.map(String), goalIds: loaded.defaults.goalIds.map(String), efaReuse: "on" };
    delete form.ozgRelevant;
    const ok = await callAction(editRoute.action, `/projekte/${id}/bearbeiten`, { caller, params, form: { ...form, title: "Open-Data-Portal Musterstadt" } });
    expect(ok.status).toBe(302);
    const stale = await callAction(editRoute.action, `/projekte/${id}/bearbeiten`, { caller, params, form: { ...form, title: "Überschrieben" } });
    expect(stale.status).toBe(409);
    expect((await stale.json()).error[""][0]).toMatch(/inzwischen von jemand anderem geändert/);
    const row = getDb().select().from(projects).where(eq(projects.id, id)).get()!;
    expect(row.title).toBe("Open-Data-Portal Musterstadt");
    expect(row.version).toBe(Number(loaded.defaults.version) + 1);
    const audit = getDb().select().from(auditLog).where(and(eq(auditLog.entity, "project"), eq(auditLog.entityId, String(id)), eq(auditLog.action, "update"))).all();
    expect(JSON.parse(audit.at(-1)!.changes).changes.title).toEqual({ from: "Open-Data-Portal", to: "Open-Data-Portal Musterstadt" });
  });

  it("archives a project: it leaves the list and appears among the archived", async () => {
    const caller = await signIn(CDO);
    const id = projectId("Digitale Ratsarbeit");
    const version = getDb().select().from(projects).where(eq(projects.id, id)).get()!.version;
    const res = await callAction(pageRoute.action, `/projekte/${id}`, { caller, params: { projectId: String(id) }, form: { intent: "archive", version: String(version) } });
    expect(res.status).toBe(200);
    expect((await list(caller, "?q=Ratsarbeit")).result.total).toBe(0);
    expect((await list(caller, "?q=Ratsarbeit&archived=1")).result.total).toBe(1);
    const again = await callAction(pageRoute.action, `/projekte/${id}`, { caller, params: { projectId: String(id) }, form: { intent: "restore", version: String(version) } });
    expect(again.status).toBe(409);
  });
});

describe("archived projects are read-only until restored", () => {
  it("refuses workflow steps of an archived project in the engine and offers none", async () => {
    const caller = await signIn(CDO);
    const id = projectId("Digitale Ratsarbeit");
    const tenant = { municipalityId: municipalityId("Musterstadt") };
    const { getWorkflow, availableTransitions } = await import("~/workflow/index.server");
    const { action } = await import("~/routes/ablauf.vorgaenge.$instanceId.uebergang");
    const archived = getDb().select().from(projects).where(eq(projects.id, id)).get()!;
    expect(archived.archivedAt).not.toBeNull();
    const view = getWorkflow(getDb(), tenant, "project", id)!;
    const offered = availableTransitions(getDb(), { ...tenant, actor: { userId: caller.userId, label: CDO }, role: "cdo" }, view.id);
    expect(offered.length).toBeGreaterThan(0);
    expect(offered.every((t) => !t.allowed && t.reasons[0].startsWith("Das Projekt ist archiviert"))).toBe(true);
    const res = await callAction(action, `/ablauf/vorgaenge/${view.id}/uebergang`, {
      caller,
      params: { instanceId: String(view.id) },
      form: { transition: offered[0].name, expectedVersion: String(view.version), comment: "x", redirectTo: `/projekte/${id}` },
    });
    expect(res.status).toBe(302);
    expect(new URL(res.headers.get("Location")!, "http://localhost").searchParams.get("ablaufFehler")).toMatch(/Das Projekt ist archiviert/);
    expect(getWorkflow(getDb(), tenant, "project", id)!.state).toBe(view.state);
  });

  it("refuses edits by URL and page actions with a German message, and restore makes them editable again", async () => {
    const caller = await signIn(CDO);
    const db = getDb();
    const target = db
      .select({ id: projects.id, title: projects.title })
      .from(projects)
      .where(
        and(
          eq(projects.municipalityId, municipalityId("Musterstadt")),
          sql`${projects.archivedAt} is null`,
          sql`exists (select 1 from ${milestones} where ${milestones.projectId} = ${projects.id})`,
          sql`exists (select 1 from ${risks} where ${risks.projectId} = ${projects.id})`,
        ),
      )
      .get()!;
    const id = target.id;
    const params = { projectId: String(id) };
    const page = `/projekte/${id}`;
    const version = () => db.select().from(projects).where(eq(projects.id, id)).get()!.version;
    const loaded = await (await callLoader(editRoute.loader, `${page}/bearbeiten`, { caller, params })).json();
    expect(loaded.archived).toBe(false);
    expect((await callAction(pageRoute.action, page, { caller, params, form: { intent: "archive", version: String(version()) } })).status).toBe(200);
    const archivedAgain = await callAction(pageRoute.action, page, { caller, params, form: { intent: "archive", version: String(version()) } });
    expect(archivedAgain.status).toBe(400);
    expect((await archivedAgain.json()).message).toBe("Das Projekt ist bereits archiviert.");

    const editLoader = await callLoader(editRoute.loader, `${page}/bearbeiten`, { caller, params });
    expect(editLoader.status).toBe(200);
    expect((await editLoader.json()).archived).toBe(true);

    const form = { ...loaded.defaults, title: "Im Archiv geändert", version: String(version()), involvedUnitIds: loaded.defaults.involvedUnitIds.map(String), goalIds: loaded.defaults.goalIds.map(String) };
    delete form.ozgRelevant;
    delete form.efaReuse;
    const milestone = db.select().from(milestones).where(eq(milestones.projectId, id)).get()!;
    const risk = db.select().from(risks).where(eq(risks.projectId, id)).get()!;
    const other = db
      .select({ id: projects.id })
      .from(projects)
      .where(and(eq(projects.municipalityId, municipalityId("Musterstadt")), sql`${projects.archivedAt} is null`, sql`${projects.id} <> ${id}`))
      .get()!.id;
    const before = [auditCount(), version(), db.select({ n: count() }).from(milestones).get()!.n, db.select({ n: count() }).from(risks).get()!.n];

    const edit = await callAction(editRoute.action, `${page}/bearbeiten`, { caller, params, form });
    expect(edit.status).toBe(400);
    expect((await edit.json()).error[""][0]).toMatch(/^Das Projekt ist archiviert und kann nicht bearbeitet werden\. Holen Sie es zuerst aus dem Archiv/);

    const formActions: Record<string, string>[] = [
      { intent: "addMilestone", title: "Neuer Meilenstein", dueDate: "01.06.2027" },
      { intent: "addRisk", title: "Neues Risiko", category: "staffShortage", likelihood: "3", impact: "3", mitigation: "" },
      { intent: "addDependency", dependsOnProjectId: String(other) },
    ];
    for (const f of formActions) {
      const res = await callAction(pageRoute.action, page, { caller, params, form: f });
      expect(res.status, f.intent).toBe(400);
      expect((await res.json()).result.error[""][0], f.intent).toMatch(/archiviert/);
    }
    const itemActions: Record<string, string>[] = [
      { intent: "milestoneDone", itemId: String(milestone.id) },
      { intent: "removeMilestone", itemId: String(milestone.id) },
      { intent: "removeRisk", itemId: String(risk.id) },
      { intent: "updateRisk", itemId: String(risk.id), version: String(risk.version), title: "Geändert", category: "staffShortage", likelihood: "5", impact: "5", mitigation: "" },
    ];
    for (const f of itemActions) {
      const res = await callAction(pageRoute.action, page, { caller, params, form: f });
      expect(res.status, f.intent).toBe(400);
      expect((await res.json()).message, f.intent).toMatch(/^Das Projekt ist archiviert/);
    }
    // Another project may not start to depend on the archived one either.
    const dependOn = await callAction(pageRoute.action, `/projekte/${other}`, { caller, params: { projectId: String(other) }, form: { intent: "addDependency", dependsOnProjectId: String(id) } });
    expect(dependOn.status).toBe(400);
    expect(JSON.stringify((await dependOn.json()).result.error)).toContain("ist archiviert; wählen Sie ein aktives Projekt.");
    expect([auditCount(), version(), db.select({ n: count() }).from(milestones).get()!.n, db.select({ n: count() }).from(risks).get()!.n]).toEqual(before);
    expect(db.select().from(projects).where(eq(projects.id, id)).get()!.title).toBe(target.title);

    expect((await callAction(pageRoute.action, page, { caller, params, form: { intent: "restore", version: String(version()) } })).status).toBe(200);
    const restored = await callAction(editRoute.action, `${page}/bearbeiten`, { caller, params, form: { ...form, version: String(version()) } });
    expect(restored.status).toBe(302);
    expect(db.select().from(projects).where(eq(projects.id, id)).get()!.title).toBe("Im Archiv geändert");
  });
});

describe("status labels from the workflow definitions in use", () => {
  it("shows a Kommune-deployed version's labels and states in list, filter and export, and leaves other Kommunen alone", async () => {
    const { deployDefinition } = await import("~/workflow/definitions.server");
    const { projectDefinition } = await import("~/workflow/definitions/project");
    const { transaction } = await import("~/utils/db.server");
    const caller = await signIn(CDO);
    const custom = {
      ...projectDefinition,
      states: [
        ...projectDefinition.states.map((s) => (s.name === "idea" ? { ...s, label: "Projektskizze" } : s)),
        { name: "pilot", label: "Pilotbetrieb", kind: "active" },
        // a second final state under the label the built-in "completed" has
        { name: "handedOver", label: "Abgeschlossen", kind: "final" },
      ],
      transitions: [
        ...projectDefinition.transitions,
        { name: "startPilot", label: "Pilot starten", from: ["planned"], to: "pilot", roles: ["cdo"] },
        { name: "endPilot", label: "Pilot beenden", from: ["pilot"], to: "inProgress", roles: ["cdo"] },
        { name: "handOver", label: "An den Betrieb übergeben", from: ["inProgress"], to: "handedOver", roles: ["cdo"] },
      ],
    };
    transaction((tx) =>
      deployDefinition(tx, { municipalityId: municipalityId("Musterstadt"), actor: { userId: caller.userId, label: "CDO" }, role: "cdo" }, JSON.stringify(custom)),
    );
    const res = await callAction(newRoute.action, "/projekte/neu", { caller, form: projectForm({ title: "Projekt auf eigener Version" }) });
    expect(res.status).toBe(302);
    const created = projectId("Projekt auf eigener Version");

    const loaded = (await (await callLoader(listRoute.loader, "/projekte?sort=status", { caller })).json()) as {
      states: { name: string; label: string }[];
      result: { rows: { id: number; state: string; stateLabel: string }[] };
    };
    expect(loaded.states.find((s) => s.name === "idea")!.label).toBe("Projektskizze");
    expect(loaded.states.find((s) => s.name === "pilot")!.label).toBe("Pilotbetrieb");
    const ideas = loaded.result.rows.filter((r) => r.state === "idea");
    expect(ideas.find((r) => r.id === created)!.stateLabel).toBe("Projektskizze");
    // Projects still on the built-in version keep its label.
    expect(ideas.some((r) => r.id !== created && r.stateLabel === "Idee")).toBe(true);
    const exported = await (await callLoader(exportRoute.loader, "/projekte/export.csv?q=eigener%20Version", { caller })).text();
    expect(exported.trim().split("\r\n")[1]).toMatch(/;Projektskizze$/);

    const kleinhausen = (await (await callLoader(listRoute.loader, "/projekte", { caller: await signIn("cdo@kleinhausen.example") })).json()) as { states: { name: string; label: string }[] };
    expect(kleinhausen.states.map((s) => s.label)).toEqual(["Idee", "Bewertung", "Geplant", "In Umsetzung", "Abgeschlossen", "Zurückgestellt", "Abgebrochen"]);

    // The other views of projects follow the deployed definition too: a project in the new state
    // "pilot" appears with its label on the Übersicht, the Roadmap, the Portfolio and in the report.
    getDb()
      .update(workflowInstances)
      .set({ state: "pilot" })
      .where(and(eq(workflowInstances.subjectType, "project"), eq(workflowInstances.subjectId, created)))
      .run();
    const completedBefore = getDb()
      .select({ n: count() })
      .from(workflowInstances)
      .innerJoin(projects, eq(projects.id, workflowInstances.subjectId))
      .where(and(eq(workflowInstances.subjectType, "project"), eq(workflowInstances.state, "completed"), eq(projects.municipalityId, municipalityId("Musterstadt")), sql`${projects.archivedAt} is null`))
      .get()!.n;
    const second = getDb()
      .select({ id: projects.id })
      .from(projects)
      .innerJoin(workflowInstances, and(eq(workflowInstances.subjectType, "project"), eq(workflowInstances.subjectId, projects.id)))
      .where(and(eq(projects.municipalityId, municipalityId("Musterstadt")), sql`${projects.archivedAt} is null`, eq(workflowInstances.state, "inProgress")))
      .get()!.id;
    getDb()
      .update(workflowInstances)
      .set({ state: "handedOver" })
      .where(and(eq(workflowInstances.subjectType, "project"), eq(workflowInstances.subjectId, second)))
      .run();
    const overview = (await (await callLoader(dashboardRoute.loader, "/", { caller })).json()) as {
      projects: { byState: { state: string | null; label: string; count: number }[]; statusLabels: string[]; byField: { byState: Record<string, number>; count: number }[] };
    };
    expect(overview.projects.byState.find((s) => s.state === "pilot")).toEqual({ state: "pilot", label: "Pilotbetrieb", count: 1 });
    expect(overview.projects.byState.find((s) => s.state === "idea")!.label).toBe("Projektskizze");
    // "completed" and "handedOver" share the label: one line, one column, with the sum
    expect(overview.projects.byState.filter((s) => s.label === "Abgeschlossen").map((s) => s.count)).toEqual([completedBefore + 1]);
    expect(new Set(overview.projects.statusLabels).size).toBe(overview.projects.statusLabels.length);
    expect(overview.projects.byField.reduce((n, f) => n + (f.byState["Abgeschlossen"] ?? 0), 0)).toBe(completedBefore + 1);
    for (const f of overview.projects.byField) expect(Object.values(f.byState).reduce((a, b) => a + b, 0)).toBe(f.count);
    const roadmap = (await (await callLoader(roadmapRoute.loader, "/fahrplan", { caller })).json()) as {
      options: { states: { name: string; label: string }[] };
      entries: { id: number; stateLabel: string }[];
    };
    expect(roadmap.options.states.map((s) => s.label)).toContain("Pilotbetrieb");
    expect(roadmap.entries.find((e) => e.id === created)?.stateLabel).toBe("Pilotbetrieb");
    // a single project keeps the label of the version it runs on: still "Idee" on the built-in one
    const builtInIdea = ideas.find((r) => r.id !== created && r.id !== second && r.stateLabel === "Idee")!.id;
    expect(roadmap.entries.find((e) => e.id === builtInIdea)?.stateLabel).toBe("Idee");
    const portfolio = (await (await callLoader(portfolioRoute.loader, "/projekte/portfolio", { caller })).json()) as {
      projects: { projectId: number; stateLabel: string }[];
    };
    const { loadStatusReportData } = await import("~/reports/data/agenda.server");
    const report = loadStatusReportData(getDb(), { municipalityId: municipalityId("Musterstadt") }, { generatedAt: "2026-11-25T10:00:00Z", generatedBy: "CDO", today: "2026-11-25" });
    expect(report.portfolio).toContainEqual({ status: "Pilotbetrieb", count: 1 });
    expect(new Set(report.portfolio.map((p) => p.status)).size).toBe(report.portfolio.length);
    expect(report.portfolio.reduce((n, p) => n + p.count, 0)).toBe(getDb().select({ n: count() }).from(projects).where(eq(projects.municipalityId, municipalityId("Musterstadt"))).get()!.n);
    expect(portfolio.projects.find((p) => p.projectId === created)?.stateLabel).toBe("Pilotbetrieb");
    expect(portfolio.projects.find((p) => p.projectId === builtInIdea)?.stateLabel).toBe("Idee");
  });
});

describe("milestones, dependencies, risks", () => {
  it("adds a milestone with validation and marks it done", async () => {
    const caller = await signIn(CDO);
    const id = projectId("Lernplattform für alle Schulen");
    const params = { projectId: String(id) };
    const bad = await callAction(pageRoute.action, `/projekte/${id}`, { caller, params, form: { intent: "addMilestone", title: "Go-live", dueDate: "30.02.2027" } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).result.error.dueDate).toEqual(["Das Fälligkeitsdatum ist kein gültiges Datum (TT.MM.JJJJ)."]);
    const ok = await callAction(pageRoute.action, `/projekte/${id}`, { caller, params, form: { intent: "addMilestone", title: "Go-live", dueDate: "01.03.2027" } });
    expect(ok.status).toBe(200);
    const m = getDb().select().from(milestones).where(and(eq(milestones.projectId, id), eq(milestones.title, "Go-live"))).get()!;
    expect(m.dueDate).toBe("2027-03-01");
    await callAction(pageRoute.action, `/projekte/${id}`, { caller, params, form: { intent: "milestoneDone", itemId: String(m.id) } });
    expect(getDb().select().from(milestones).where(eq(milestones.id, m.id)).get()!.doneAt).not.toBeNull();
  });

  it("refuses a dependency that would close a cycle", async () => {
    const caller = await signIn(CDO);
    const glasfaser = projectId("Glasfaseranbindung Verwaltungsstandorte");
    const bauantrag = projectId("Digitaler Bauantrag");
    const params = { projectId: String(glasfaser) };
    const before = getDb().select({ n: count() }).from(projectDependencies).get()!.n;
    const res = await callAction(pageRoute.action, `/projekte/${glasfaser}`, { caller, params, form: { intent: "addDependency", dependsOnProjectId: String(bauantrag) } });
    expect(res.status).toBe(400);
    expect((await res.json()).result.error.dependsOnProjectId[0]).toMatch(/würde einen Kreis bilden/);
    expect(getDb().select({ n: count() }).from(projectDependencies).get()!.n).toBe(before);
    const ok = await callAction(pageRoute.action, `/projekte/${bauantrag}`, { caller, params: { projectId: String(bauantrag) }, form: { intent: "addDependency", dependsOnProjectId: String(projectId("Radverkehrszählung mit Sensoren")) } });
    expect(ok.status).toBe(200);
  });

  it("records risks and shows them in the portfolio matrix", async () => {
    const caller = await signIn(CDO);
    const id = projectId("Radverkehrszählung mit Sensoren");
    const params = { projectId: String(id) };
    const bad = await callAction(pageRoute.action, `/projekte/${id}`, { caller, params, form: { intent: "addRisk", title: "Datenschutz", category: "technologySecurity", likelihood: "9", impact: "3" } });
    expect(bad.status).toBe(400);
    const ok = await callAction(pageRoute.action, `/projekte/${id}`, { caller, params, form: { intent: "addRisk", title: "Datenschutzbedenken", category: "acceptance", likelihood: "4", impact: "5", mitigation: "Anonyme Zählung" } });
    expect(ok.status).toBe(200);
    expect(getDb().select().from(risks).where(eq(risks.projectId, id)).all()).toHaveLength(1);
    const matrix = await (await callLoader(risksRoute.loader, "/projekte/risiken", { caller })).json();
    expect(matrix.risks[0]).toMatchObject({ title: "Datenschutzbedenken", score: 20 });
    expect(matrix.risks.some((r: { projectTitle: string }) => r.projectTitle.startsWith("Kleinhausen"))).toBe(false);

    const risk = getDb().select().from(risks).where(eq(risks.projectId, id)).get()!;
    const rerate = { intent: "updateRisk", itemId: String(risk.id), version: String(risk.version), title: risk.title, category: "acceptance", likelihood: "2", impact: "5", mitigation: "Anonyme Zählung, Info im Amtsblatt" };
    const invalid = await callAction(pageRoute.action, `/projekte/${id}`, { caller, params, form: { ...rerate, impact: "0" } });
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).message).toMatch(/Auswirkung \(1 bis 5\)/);
    expect((await callAction(pageRoute.action, `/projekte/${id}`, { caller, params, form: rerate })).status).toBe(200);
    expect(getDb().select().from(risks).where(eq(risks.id, risk.id)).get()).toMatchObject({ likelihood: 2, impact: 5, version: risk.version + 1 });
    const stale = await callAction(pageRoute.action, `/projekte/${id}`, { caller, params, form: { ...rerate, likelihood: "5" } });
    expect(stale.status).toBe(409);
    expect(getDb().select().from(risks).where(eq(risks.id, risk.id)).get()!.likelihood).toBe(2);
  });
});

describe("another Kommune's project", () => {
  it("answers 404 on every route, for reading and for changing", async () => {
    const caller = await signIn(CDO);
    const foreign = projectId("Kleinhausen: EfA-Leistungen übernehmen");
    const params = { projectId: String(foreign) };
    const before = auditCount();
    expect((await callLoader(pageRoute.loader, `/projekte/${foreign}`, { caller, params })).status).toBe(404);
    expect((await callLoader(editRoute.loader, `/projekte/${foreign}/bearbeiten`, { caller, params })).status).toBe(404);
    expect((await callAction(editRoute.action, `/projekte/${foreign}/bearbeiten`, { caller, params, form: projectForm({ version: "1" }) })).status).toBe(404);
    const forms: Record<string, string>[] = [
      { intent: "addMilestone", title: "Fremd", dueDate: "01.01.2027" },
      { intent: "archive", version: "1" },
      { intent: "addRisk", title: "Fremd", category: "acceptance", likelihood: "1", impact: "1" },
    ];
    for (const form of forms) {
      expect((await callAction(pageRoute.action, `/projekte/${foreign}`, { caller, params, form })).status).toBe(404);
    }
    const mine = projectId("E-Akte Einführung");
    const dep = await callAction(pageRoute.action, `/projekte/${mine}`, { caller, params: { projectId: String(mine) }, form: { intent: "addDependency", dependsOnProjectId: String(foreign) } });
    expect(dep.status).toBe(400);
    const foreignMilestone = getDb().select().from(milestones).where(eq(milestones.projectId, foreign)).get()!;
    const done = await callAction(pageRoute.action, `/projekte/${mine}`, { caller, params: { projectId: String(mine) }, form: { intent: "milestoneDone", itemId: String(foreignMilestone.id) } });
    expect(done.status).toBe(400);
    expect(getDb().select().from(milestones).where(eq(milestones.id, foreignMilestone.id)).get()!.doneAt).toBeNull();
    expect(auditCount()).toBe(before);
  });
});

function csvUpload(caller: Caller, content: string, name = "projekte.csv") {
  const form = new FormData();
  form.set("file", new File([content], name, { type: "text/csv" }));
  form.set("csrf", caller.csrf);
  return callAction(importRoute.action, "/projekte/import", { caller, form });
}

describe("CSV export and import", () => {
  it("exports Excel-compatible CSV with only this Kommune's projects", async () => {
    const caller = await signIn(CDO);
    const res = await callLoader(exportRoute.loader, "/projekte/export.csv", { caller });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toMatch(/attachment; filename="projekte-musterstadt-\d{4}-\d{2}-\d{2}\.csv"/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain("ID;Version;Titel;Beschreibung;Handlungsfeld;Federführende Einheit");
    expect(text).toContain("Glasfaseranbindung Verwaltungsstandorte");
    expect(text).toContain("1600000,00");
    expect(text).not.toContain("Kleinhausen");
    const kleinhausen = await signIn("cdo@kleinhausen.example");
    const other = await (await callLoader(exportRoute.loader, "/projekte/export.csv", { caller: kleinhausen })).text();
    expect(other).toContain("Kleinhausen: EfA-Leistungen übernehmen");
    expect(other).not.toContain("Glasfaser");
    const filtered = await (await callLoader(exportRoute.loader, "/projekte/export.csv?status=completed", { caller })).text();
    expect(filtered.trim().split("\r\n")).toHaveLength(1 + 2);
  });

  it("round trip: re-importing an export changes nothing; a new row creates a project with workflow", async () => {
    const caller = await signIn(CDO);
    const exported = await (await callLoader(exportRoute.loader, "/projekte/export.csv", { caller })).text();
    const snapshot = () => getDb().select().from(projects).where(eq(projects.municipalityId, municipalityId("Musterstadt"))).all().map(({ version, updatedAt, ...rest }) => rest);
    const versions = () => getDb().select({ id: projects.id, version: projects.version, updatedAt: projects.updatedAt }).from(projects).all();
    const updateAudits = () => getDb().select({ n: count() }).from(auditLog).where(and(eq(auditLog.entity, "project"), eq(auditLog.action, "update"))).get()!.n;
    const before = snapshot();
    const versionsBefore = versions();
    const auditsBefore = updateAudits();
    const res = await csvUpload(caller, exported);
    expect(res.status).toBe(200);
    const current = before.filter((p) => p.archivedAt === null).length;
    expect(current).toBeGreaterThan(20);
    // unchanged rows are no-ops: no version bump (open edit forms stay valid), no empty audit entries
    expect(await res.json()).toEqual({ ok: true, created: 0, updated: 0, unchanged: current });
    expect(snapshot()).toEqual(before);
    expect(versions()).toEqual(versionsBefore);
    expect(updateAudits()).toBe(auditsBefore);

    const newRow = ";;Neues Importprojekt;Aus CSV;Mobilität;Bauamt;Fachbereich IT | Ordnungsamt;;01.04.2027;31.03.2028;12.345,67;0,00;nein;ja;;Idee";
    const header = exported.split("\r\n")[0];
    const created = await csvUpload(caller, `${header}\r\n${newRow}\r\n`);
    expect(await created.json()).toEqual({ ok: true, created: 1, updated: 0, unchanged: 0 });
    const row = getDb().select().from(projects).where(eq(projects.title, "Neues Importprojekt")).get()!;
    expect(row).toMatchObject({ budgetPlannedCents: 1_234_567, startDate: "2027-04-01", efaReuse: true, municipalityId: municipalityId("Musterstadt") });
    expect(getDb().select().from(workflowInstances).where(and(eq(workflowInstances.subjectType, "project"), eq(workflowInstances.subjectId, row.id))).get()!.state).toBe("idea");
    expect(getDb().select().from(auditLog).where(and(eq(auditLog.entity, "project"), eq(auditLog.action, "import"))).all().length).toBe(2);
  });

  it("reclassifies the projects a bulk import changed, like a form save does", async () => {
    const caller = await signIn(CDO);
    const db = getDb();
    const { projectAssessments } = await import("../../db/schema");
    const assessed = db
      .select({ id: projects.id, title: projects.title, planned: projects.budgetPlannedCents, classification: projectAssessments.classification })
      .from(projects)
      .innerJoin(projectAssessments, eq(projectAssessments.projectId, projects.id))
      .where(and(eq(projects.municipalityId, municipalityId("Musterstadt")), sql`${projectAssessments.classification} <> 'laggard'`, sql`${projects.budgetPlannedCents} > 0`))
      .get()!;
    const exported = await (await callLoader(exportRoute.loader, `/projekte/export.csv?q=${encodeURIComponent(assessed.title)}`, { caller })).text();
    const [header, line] = exported.split("\r\n");
    const cells = line.split(";");
    const spentColumn = header.split(";").indexOf("Budget verausgabt (EUR)");
    expect(spentColumn).toBeGreaterThan(0);
    // twice the planned budget spent: an overrun of 100 %
    cells[spentColumn] = (assessed.planned * 2 / 100).toFixed(2).replace(".", ",");
    const res = await csvUpload(caller, `${header}\r\n${cells.join(";")}\r\n`);
    expect(await res.json()).toMatchObject({ ok: true, updated: 1, unchanged: 0 });
    const after = db.select().from(projectAssessments).where(eq(projectAssessments.projectId, assessed.id)).get()!;
    expect(after.classification).toBe("laggard");
    expect(after.reason).toMatch(/Das Budget ist um 100\s%\s*überschritten/);
  });

  it("lists all row errors of an invalid file and saves nothing", async () => {
    const caller = await signIn(CDO);
    const exported = await (await callLoader(exportRoute.loader, "/projekte/export.csv", { caller })).text();
    const lines = exported.split("\r\n");
    const foreign = projectId("Kleinhausen: EfA-Leistungen übernehmen");
    const broken = [
      lines[0],
      ";;Gültiges neues Projekt;;Mobilität;Bauamt;;;;;0;0;nein;nein;;",
      ";;;;Mobilität;Bauamt;;;;;0;0;nein;nein;;",
      `${foreign};1;Übernahme;;Mobilität;Bauamt;;;;;0;0;nein;nein;;`,
      ";;Falsches Datum;;Raumfahrt;Bauamt;;;32.13.2026;;0;0;nein;nein;;",
    ].join("\r\n");
    const before = [projectCount(), auditCount()];
    const res = await csvUpload(caller, broken);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.ok).toBe(false);
    expect(body.errors).toEqual([
      "Zeile 3: Der Titel fehlt oder ist kürzer als 3 Zeichen.",
      `Zeile 4: Ein Projekt mit der ID ${foreign} gibt es in dieser Kommune nicht. Lassen Sie die ID für neue Projekte leer.`,
      "Zeile 5: Das Handlungsfeld „Raumfahrt“ gibt es in der Digitalagenda nicht.",
      "Zeile 5: Der Beginn „32.13.2026“ ist kein gültiges Datum (TT.MM.JJJJ).",
    ]);
    expect([projectCount(), auditCount()]).toEqual(before);
    expect(getDb().select().from(projects).where(eq(projects.title, "Gültiges neues Projekt")).get()).toBeUndefined();
  });

  it("refuses a row whose project changed since the export (version check), naming the row, and saves nothing", async () => {
    const caller = await signIn(CDO);
    const exported = await (await callLoader(exportRoute.loader, "/projekte/export.csv", { caller })).text();
    const lines = exported.split("\r\n");
    const id = projectId("Glasfaseranbindung Verwaltungsstandorte");
    const index = lines.findIndex((l) => l.startsWith(`${id};`));
    const version = Number(lines[index].split(";")[1]);
    expect(version).toBe(getDb().select().from(projects).where(eq(projects.id, id)).get()!.version);

    // Someone edits the project after the export …
    const params = { projectId: String(id) };
    const loaded = await (await callLoader(editRoute.loader, `/projekte/${id}/bearbeiten`, { caller, params })).json();
    const form = { ...loaded.defaults, involvedUnitIds: loaded.defaults.involvedUnitIds.map(String), goalIds: loaded.defaults.goalIds.map(String) };
    delete form.ozgRelevant;
    delete form.efaReuse;
    expect((await callAction(editRoute.action, `/projekte/${id}/bearbeiten`, { caller, params, form: { ...form, title: "Glasfaseranbindung (neu)" } })).status).toBe(302);

    // … and the old export with a change of that project is imported: refused, nothing saved.
    lines[index] = lines[index].replace("Glasfaseranbindung Verwaltungsstandorte", "Glasfaser (aus alter Datei)");
    const before = [projectCount(), auditCount()];
    const res = await csvUpload(caller, lines.join("\r\n"));
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual([
      `Zeile ${index + 1}: Das Projekt wurde seit dem Export geändert (Version ${version} in der Datei, aktuell ${version + 1}). Bitte exportieren Sie erneut und übertragen Sie Ihre Änderungen, damit keine Änderung verloren geht.`,
    ]);
    expect([projectCount(), auditCount()]).toEqual(before);
    expect(getDb().select().from(projects).where(eq(projects.id, id)).get()!.title).toBe("Glasfaseranbindung (neu)");

    // A fresh export round-trips again, and update rows without a version are refused.
    const fresh = await (await callLoader(exportRoute.loader, "/projekte/export.csv", { caller })).text();
    expect((await (await csvUpload(caller, fresh)).json()).ok).toBe(true);
    const freshLines = fresh.split("\r\n");
    const row = freshLines.findIndex((l) => l.startsWith(`${id};`));
    const cells = freshLines[row].split(";");
    cells[1] = "";
    const noVersion = await csvUpload(caller, [freshLines[0], cells.join(";")].join("\r\n"));
    expect((await noVersion.json()).errors).toEqual([
      `Zeile 2: Für die Aktualisierung von Projekt ${id} fehlt die Version. Bitte verwenden Sie einen aktuellen Export (Spalte „Version“).`,
    ]);
  });

  it("imports 1,000 new rows and updates them again from their export", async () => {
    const caller = await signIn(CDO);
    const header = (await (await callLoader(exportRoute.loader, "/projekte/export.csv", { caller })).text()).split("\r\n")[0];
    const rows = Array.from({ length: 1000 }, (_, i) => `;;Massenimport ${i + 1};;Mobilität;Bauamt;Fachbereich IT;;01.01.2027;31.12.2027;1.000,00;0;nein;nein;;`);
    const created = await csvUpload(caller, [header, ...rows].join("\r\n"));
    expect(await created.json()).toEqual({ ok: true, created: 1000, updated: 0, unchanged: 0 });
    const ids = getDb().select({ id: projects.id }).from(projects).all().map((r) => r.id);
    const instances = getDb().select({ n: count() }).from(workflowInstances).where(eq(workflowInstances.subjectType, "project")).get()!.n;
    expect(instances).toBe(ids.length);
    const exported = await (await callLoader(exportRoute.loader, "/projekte/export.csv?q=Massenimport", { caller })).text();
    const updated = await csvUpload(caller, exported.replaceAll(";1000,00;", ";2000,00;"));
    expect(await updated.json()).toEqual({ ok: true, created: 0, updated: 1000, unchanged: 0 });
    const budgets = getDb().select({ cents: projects.budgetPlannedCents, version: projects.version }).from(projects).where(sql`${projects.title} like 'Massenimport %'`).all();
    expect(budgets).toHaveLength(1000);
    expect(budgets.every((b) => b.cents === 200_000 && b.version === 2)).toBe(true);
    const units = getDb().select({ n: count() }).from(projectUnits).where(inArray(projectUnits.projectId, getDb().select({ id: projects.id }).from(projects).where(sql`${projects.title} like 'Massenimport %'`))).get()!.n;
    expect(units).toBe(1000);
    const audits = getDb().select({ n: count() }).from(auditLog).where(and(eq(auditLog.entity, "project"), eq(auditLog.action, "update"))).get()!.n;
    expect(audits).toBeGreaterThanOrEqual(1000);
    // The batched audit entries continue the hash chain like single ones.
    const { verifyAuditLog } = await import("~/utils/audit-verify.cli");
    expect(verifyAuditLog().problems).toEqual([]);
  });

  it("rejects files that are not UTF-8 or missing", async () => {
    const caller = await signIn(CDO);
    const latin1 = new Uint8Array([0x54, 0x69, 0x74, 0x65, 0x6c, 0x3b, 0xfc, 0x0d, 0x0a]);
    const form = new FormData();
    form.set("file", new File([latin1], "alt.csv"));
    form.set("csrf", caller.csrf);
    const res = await callAction(importRoute.action, "/projekte/import", { caller, form });
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0]).toMatch(/nicht UTF-8-kodiert/);
    const noCsrf = new FormData();
    noCsrf.set("file", new File(["x"], "a.csv"));
    expect((await callAction(importRoute.action, "/projekte/import", { caller, form: noCsrf, withoutCsrf: true })).status).toBe(403);
  });
});

describe("assessment on the project page and in the roadmap's planning link", () => {
  it("shows the classification with its reason and keeps it current when milestones change", async () => {
    const caller = await signIn(CDO);
    const { projectAssessments } = await import("../../db/schema");
    const assessed = getDb()
      .select({ projectId: projectAssessments.projectId })
      .from(projectAssessments)
      .innerJoin(projects, eq(projects.id, projectAssessments.projectId))
      .where(and(eq(projectAssessments.municipalityId, municipalityId("Musterstadt")), sql`${projects.archivedAt} is null`))
      .all()
      .map((r) => r.projectId);
    const id = assessed[0];
    const params = { projectId: String(id) };
    const page = await (await callLoader(pageRoute.loader, `/projekte/${id}`, { caller, params })).json();
    expect(page.assessment.reason.length).toBeGreaterThan(10);
    expect(["lighthouse", "onTrack", "laggard"]).toContain(page.assessment.classification);

    // Three overdue milestones make any assessed project a Nachzügler, named in the reason.
    for (const title of ["Abnahme A", "Abnahme B", "Abnahme C"]) {
      const res = await callAction(pageRoute.action, `/projekte/${id}`, {
        caller,
        params,
        form: { intent: "addMilestone", title, dueDate: "01.01.2025" },
      });
      expect(res.status).toBeLessThan(400);
    }
    const after = getDb().select().from(projectAssessments).where(eq(projectAssessments.projectId, id)).get()!;
    expect(after.reason).toMatch(/Meilensteine sind überfällig/);
    const shown = await (await callLoader(pageRoute.loader, `/projekte/${id}`, { caller, params })).json();
    expect(shown.assessment.reason).toBe(after.reason);
  });

  it("prefills the field of action from the roadmap link, only with one of the Kommune's own", async () => {
    const caller = await signIn(CDO);
    const { fieldsOfAction } = await import("../../db/schema");
    const own = getDb().select().from(fieldsOfAction).where(eq(fieldsOfAction.municipalityId, municipalityId("Musterstadt"))).get()!;
    const foreign = getDb().select().from(fieldsOfAction).where(eq(fieldsOfAction.municipalityId, municipalityId("Kleinhausen"))).get()!;
    const prefilled = await (await callLoader(newRoute.loader, `/projekte/neu?handlungsfeld=${own.id}`, { caller })).json();
    expect(prefilled.defaults.fieldOfActionId).toBe(String(own.id));
    const refused = await (await callLoader(newRoute.loader, `/projekte/neu?handlungsfeld=${foreign.id}`, { caller })).json();
    expect(refused.defaults.fieldOfActionId).toBeUndefined();
  });
});

describe("rescheduling a milestone", () => {
  it("keeps the original date, moves the forecast, shows both (project page, Fahrplan, Steckbrief) and audits it", async () => {
    const caller = await signIn(CDO);
    const id = projectId("Digitaler Bauantrag");
    const params = { projectId: String(id) };
    const milestone = getDb().select().from(milestones).where(and(eq(milestones.projectId, id), sql`${milestones.doneAt} is null`)).get()!;
    const version = () => getDb().select().from(projects).where(eq(projects.id, id)).get()!.version;
    const versionBefore = version();

    const res = await callAction(pageRoute.action, `/projekte/${id}`, { caller, params, form: { intent: "rescheduleMilestone", itemId: String(milestone.id), dueDate: "15.09.2027" } });
    expect(res.status).toBe(200);
    const moved = getDb().select().from(milestones).where(eq(milestones.id, milestone.id)).get()!;
    expect(moved).toMatchObject({ dueDate: "2027-09-15", originalDueDate: milestone.dueDate });
    expect(version()).toBe(versionBefore + 1);
    const audit = getDb().select().from(auditLog).where(and(eq(auditLog.entity, "milestone"), eq(auditLog.entityId, String(milestone.id)))).orderBy(sql`${auditLog.id} desc`).get()!;
    expect(audit.action).toBe("reschedule");
    expect(JSON.parse(audit.changes).changes).toMatchObject({ dueDate: { from: milestone.dueDate, to: "2027-09-15" } });

    // a second move keeps the first planned date
    await callAction(pageRoute.action, `/projekte/${id}`, { caller, params, form: { intent: "rescheduleMilestone", itemId: String(milestone.id), dueDate: "01.10.2027" } });
    expect(getDb().select().from(milestones).where(eq(milestones.id, milestone.id)).get()).toMatchObject({ dueDate: "2027-10-01", originalDueDate: milestone.dueDate });

    // a bad date is refused next to the field, nothing saved
    const bad = await callAction(pageRoute.action, `/projekte/${id}`, { caller, params, form: { intent: "rescheduleMilestone", itemId: String(milestone.id), dueDate: "31.02.2027" } });
    expect(bad.status).toBe(400);
    expect(getDb().select().from(milestones).where(eq(milestones.id, milestone.id)).get()!.dueDate).toBe("2027-10-01");

    const page = await (await callLoader(pageRoute.loader, `/projekte/${id}`, { caller, params })).json();
    expect(page.detail.milestones.find((m: { id: number }) => m.id === milestone.id)).toMatchObject({ dueDate: "2027-10-01", originalDueDate: milestone.dueDate });
    const roadmap = await (await callLoader(roadmapRoute.loader, "/fahrplan", { caller })).json();
    const entry = roadmap.entries.find((e: { id: number }) => e.id === id);
    expect(entry.milestones.find((m: { id: number }) => m.id === milestone.id)).toMatchObject({ dueDate: "2027-10-01", originalDueDate: milestone.dueDate });

    const { loadProjectProfileData } = await import("~/reports/data/agenda.server");
    const profile = loadProjectProfileData(getDb(), { municipalityId: municipalityId("Musterstadt") }, id, { generatedAt: "2026-12-02T10:00:00Z", generatedBy: "Test", today: "2026-12-02" });
    expect(profile.milestones.find((m) => m.title === milestone.title)).toMatchObject({ dueDate: "2027-10-01", originalDueDate: milestone.dueDate });
  });
});

describe("project leads change only their own projects", () => {
  const LEAD = "projektleitung@musterstadt.example";

  it("refuses edit, archive, milestones, risks, dependencies and import on a project the lead neither leads nor works on; nothing changes", async () => {
    const caller = await signIn(LEAD);
    const foreign = projectId("Wohngeld online");
    const params = { projectId: String(foreign) };
    const page = `/projekte/${foreign}`;
    const row = () => getDb().select().from(projects).where(eq(projects.id, foreign)).get()!;
    const before = [row(), auditCount(), getDb().select({ n: count() }).from(milestones).get()!.n];

    const view = await (await callLoader(pageRoute.loader, page, { caller, params })).json();
    expect(view.canEdit).toBe(false);
    expect((await callLoader(editRoute.loader, `${page}/bearbeiten`, { caller, params })).status).toBe(403);
    const edit = await callAction(editRoute.action, `${page}/bearbeiten`, { caller, params, form: projectForm({ title: "Übernommen", version: String(row().version) }) });
    expect(edit.status).toBe(403);
    const refused: Record<string, string>[] = [
      { intent: "archive", version: String(row().version) },
      { intent: "addMilestone", title: "Fremder Meilenstein", dueDate: "01.06.2027" },
      { intent: "addRisk", title: "Fremdes Risiko", category: "staffShortage", likelihood: "3", impact: "3" },
      { intent: "addDependency", dependsOnProjectId: String(projectId("Digitaler Bauantrag")) },
    ];
    for (const form of refused) {
      const res = await callAction(pageRoute.action, page, { caller, params, form });
      expect(res.status, form.intent).toBe(403);
    }
    const cdo = await signIn(CDO);
    const exported = await (await callLoader(exportRoute.loader, "/projekte/export.csv?q=Wohngeld%20online", { caller: cdo })).text();
    const { importProjectsCsv } = await import("~/areas/projects/csv.server");
    const leadEditor = { municipalityId: municipalityId("Musterstadt"), actor: { userId: null, label: LEAD }, role: "projectLead" as const, employeeId: null };
    // The import itself is not a project lead's right (matrix); were it granted, the per-project rule would still refuse.
    let refusal: unknown;
    try {
      importProjectsCsv(leadEditor, exported.replace(";Wohngeld online;", ";Übernommen per Import;"), "x.csv");
    } catch (e) {
      refusal = e;
    }
    expect(refusal).toBeInstanceOf(Response);
    expect((refusal as Response).status).toBe(403);
    expect([row(), auditCount(), getDb().select({ n: count() }).from(milestones).get()!.n]).toEqual(before);
  });

  it("lets the lead change a project it leads, and the CDO any project", async () => {
    const lead = await signIn(LEAD);
    const own = projectId("Digitaler Bauantrag");
    const view = await (await callLoader(pageRoute.loader, `/projekte/${own}`, { caller: lead, params: { projectId: String(own) } })).json();
    expect(view.canEdit).toBe(true);
    const added = await callAction(pageRoute.action, `/projekte/${own}`, { caller: lead, params: { projectId: String(own) }, form: { intent: "addMilestone", title: "Eigener Meilenstein", dueDate: "01.06.2027" } });
    expect(added.status).toBe(200);
    const cdo = await signIn(CDO);
    const foreign = projectId("Wohngeld online");
    const byCdo = await callAction(pageRoute.action, `/projekte/${foreign}`, { caller: cdo, params: { projectId: String(foreign) }, form: { intent: "addMilestone", title: "Meilenstein der CDO", dueDate: "01.06.2027" } });
    expect(byCdo.status).toBe(200);
  });
});

describe("names in the demo", () => {
  it("keeps an academic title in front of the first name: lists read „Digital, Dr. Carla“, never „Carla Digital, Dr.“", async () => {
    const cdo = await signIn(CDO);
    const form = await (await callLoader(newRoute.loader, "/projekte/neu", { caller: cdo })).json();
    const names: string[] = form.options.employees.map((e: { name: string }) => e.name);
    expect(names).toContain("Digital, Dr. Carla (Stabsstelle Digitalisierung)");
    // a title alone after the comma means it was taken for the first name
    expect(names.filter((n) => /, (Dr|Prof)\. \(/.test(n))).toEqual([]);
  });
});
