import { and, desc, eq, ne } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, employees, municipalities, projectPartners, projects, risks } from "../../db/schema";
import { DEMO_JOINT_PROJECT, DEMO_JOINT_SHARE_CENTS } from "../../db/seed/joint-projects";
import { JOINT_READ_ONLY_MESSAGE } from "~/areas/joint/joint";
import { updateProject } from "~/areas/projects/write.server";
import { exportProjectsCsv, importProjectsCsv } from "~/areas/projects/csv.server";
import { parseProjectListQuery } from "~/areas/projects/projects";
import * as dashboardRoute from "~/routes/_app._index";
import * as roadmapRoute from "~/routes/_app.fahrplan";
import * as fundingRoute from "~/routes/_app.foerderung._index";
import * as tasksRoute from "~/routes/_app.aufgaben";
import * as employeesRoute from "~/routes/_app.beschaeftigte._index";
import * as teamsRoute from "~/routes/_app.teams._index";
import * as auditRoute from "~/routes/_app.verwaltung.protokoll";
import * as projectPage from "~/routes/_app.projekte.$projectId._index";
import * as editPage from "~/routes/_app.projekte.$projectId.bearbeiten";
import * as jointPage from "~/routes/_app.projekte.gemeinsam.$projectId";
import * as partnerRoute from "~/routes/_app.projekte.$projectId.partner";
import * as listRoute from "~/routes/_app.projekte._index";
import * as portfolioRoute from "~/routes/_app.projekte.portfolio";
import * as risksRoute from "~/routes/_app.projekte.risiken";
import * as exportRoute from "~/routes/_app.projekte.export[.csv]";
import * as tokenRoute from "~/routes/_app.konto_.api-token";
import * as projectsApi from "~/routes/api.v1.projects";
import { getDb } from "~/utils/db.server";
import { ValidationError } from "~/utils/errors";
import { municipalityId, userId } from "../support/foundation";
import { type Caller, callAction, callLoader, signIn } from "../support/requests";

const M = () => municipalityId("Musterstadt");
const K = () => municipalityId("Kleinhausen");
const project = (title: string) => getDb().select().from(projects).where(and(eq(projects.municipalityId, M()), eq(projects.title, title))).get()!;
const joint = () => project(DEMO_JOINT_PROJECT);
const text = async (r: Response) => (r.headers.get("Content-Type")?.includes("json") ? JSON.stringify(await r.json()) : await r.text());

/** Strings only the lead Kommune has: its other projects' titles, its risks, its people's e-mail domain. */
function leadSecrets(): string[] {
  const titles = getDb().select({ t: projects.title }).from(projects).where(and(eq(projects.municipalityId, M()), ne(projects.id, joint().id))).all().map((r) => r.t);
  const riskTitles = getDb().select({ t: risks.title }).from(risks).where(eq(risks.municipalityId, M())).all().map((r) => r.t);
  // The lead's staff by e-mail address (a last name alone may also be part of another word).
  const emails = getDb().select({ e: employees.email }).from(employees).where(eq(employees.municipalityId, M())).all().flatMap((r) => (r.e ? [r.e] : []));
  expect(titles.length).toBeGreaterThan(20);
  expect(riskTitles.length).toBeGreaterThan(10);
  expect(emails.length).toBeGreaterThan(10);
  return [...titles, ...riskTitles, ...emails, "@musterstadt.example"];
}

function expectNoLeadData(body: string, where: string, secrets: string[]) {
  const leaked = secrets.filter((s) => body.includes(s));
  expect(leaked, `${where} shows the lead Kommune's data`).toEqual([]);
}

async function partnerToken(caller: Caller): Promise<string> {
  const response = await callAction(tokenRoute.action as never, "/konto/api-token", { caller, form: { name: "Partner-Test", lifetimeDays: "30" } });
  return (await response.json()).token as string;
}

describe("joint projects: the partner's read path", () => {
  it("shows the joint project read-only and marked in the partner's list, portfolio, Fahrplan and Übersicht, with its share", async () => {
    const partner = await signIn("cdo@kleinhausen.example");
    const p = joint();
    const list = await (await callLoader(listRoute.loader as never, "/projekte", { caller: partner })).json();
    expect(list.joint.map((j: { id: number }) => j.id)).toEqual([p.id]);
    expect(list.joint[0]).toMatchObject({ title: DEMO_JOINT_PROJECT, leadName: "Musterstadt", shareCents: DEMO_JOINT_SHARE_CENTS });
    // The own list stays the partner's own projects only.
    const own = new Set(getDb().select({ id: projects.id }).from(projects).where(eq(projects.municipalityId, K())).all().map((r) => r.id));
    expect(list.result.rows.length).toBeGreaterThan(0);
    expect(list.result.rows.every((r: { id: number }) => own.has(r.id))).toBe(true);

    const portfolio = await (await callLoader(portfolioRoute.loader as never, "/projekte/portfolio", { caller: partner })).json();
    expect(portfolio.joint.map((j: { id: number }) => j.id)).toEqual([p.id]);
    expect(portfolio.jointTotals).toEqual({ projects: 1, running: 1, shareCents: DEMO_JOINT_SHARE_CENTS });
    expect(portfolio.projects.some((r: { projectId: number }) => r.projectId === p.id)).toBe(false);

    const roadmap = await (await callLoader(roadmapRoute.loader as never, "/fahrplan", { caller: partner })).json();
    const entry = roadmap.entries.find((e: { id: number }) => e.id === p.id);
    expect(entry).toMatchObject({ fieldOfActionName: "Gemeinsame Projekte (interkommunal)", leadUnitName: "Gemeinsames Projekt – federführend: Musterstadt", dependsOn: [], classification: null });
    expect(entry.milestones.map((m: { title: string }) => m.title)).toEqual(["Förderantrag eingereicht"]);
    // A filter by the partner's own field of action leaves the joint project out.
    const field = roadmap.options.fieldsOfAction[0].id;
    const filtered = await (await callLoader(roadmapRoute.loader as never, `/fahrplan?handlungsfeld=${field}`, { caller: partner })).json();
    expect(filtered.entries.some((e: { id: number }) => e.id === p.id)).toBe(false);

    const page = await (await callLoader(jointPage.loader as never, `/projekte/gemeinsam/${p.id}`, { caller: partner, params: { projectId: String(p.id) } })).json();
    expect(Object.keys(page.project).sort()).toEqual(
      ["agreedOn", "description", "endDate", "id", "leadMunicipalityId", "leadName", "milestones", "note", "shareCents", "startDate", "state", "stateKind", "stateLabel", "title"].sort(),
    );
    expect(page.project).toMatchObject({ leadName: "Musterstadt", shareCents: DEMO_JOINT_SHARE_CENTS, stateLabel: "Geplant" });
    // The lead's project page sends a partner to the read-only view.
    const redirect = await callLoader(projectPage.loader as never, `/projekte/${p.id}`, { caller: partner, params: { projectId: String(p.id) } });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get("Location")).toBe(`/projekte/gemeinsam/${p.id}`);

    const dashboard = await (await callLoader(dashboardRoute.loader as never, "/", { caller: partner })).json();
    expect(dashboard.joint.asPartner).toMatchObject({ projects: 1, running: 1, shareCents: DEMO_JOINT_SHARE_CENTS });
    // "Laufende Projekte" counts the partner's own projects only.
    expect(dashboard.projects.totals.projects).toBe(own.size - getDb().select().from(projects).where(eq(projects.municipalityId, K())).all().filter((r) => r.archivedAt !== null).length);
  });

  it("leaves the lead's figures as they are and shows the partners' part of its budget for information", async () => {
    const lead = await signIn("cdo@musterstadt.example");
    const dashboard = await (await callLoader(dashboardRoute.loader as never, "/", { caller: lead })).json();
    const planned = getDb().select().from(projects).where(eq(projects.municipalityId, M())).all().filter((r) => r.archivedAt === null).reduce((n, r) => n + r.budgetPlannedCents, 0);
    expect(dashboard.projects.totals.plannedCents).toBe(planned);
    expect(dashboard.joint.asLead).toEqual({ projects: 1, partners: 1, shareCents: DEMO_JOINT_SHARE_CENTS });
    expect(dashboard.joint.asPartner.projects).toBe(0);
    const list = await (await callLoader(listRoute.loader as never, "/projekte", { caller: lead })).json();
    expect(list.withPartners).toEqual([joint().id]);
    expect(list.joint).toEqual([]);
  });

  it("shows a partner nothing else of the lead Kommune: other projects, risks, funding, audit log, people, tasks, teams, exports, API, search", async () => {
    const partner = await signIn("cdo@kleinhausen.example");
    const secrets = leadSecrets();
    const pages: [string, unknown][] = [
      ["/projekte", listRoute.loader],
      ["/projekte?q=Wohngeld", listRoute.loader],
      ["/projekte?q=Echtzeit&status=planned", listRoute.loader],
      ["/projekte/portfolio", portfolioRoute.loader],
      ["/projekte/risiken", risksRoute.loader],
      ["/fahrplan", roadmapRoute.loader],
      ["/", dashboardRoute.loader],
      ["/foerderung", fundingRoute.loader],
      ["/aufgaben", tasksRoute.loader],
      ["/beschaeftigte", employeesRoute.loader],
      ["/teams", teamsRoute.loader],
      ["/verwaltung/protokoll", auditRoute.loader],
      ["/projekte/export.csv", exportRoute.loader],
      [`/projekte/gemeinsam/${joint().id}`, jointPage.loader],
    ];
    for (const [path, loader] of pages) {
      const response = await callLoader(loader as never, path, { caller: partner, params: { projectId: String(joint().id) } });
      expect(response.status, path).toBe(200);
      expectNoLeadData(await text(response), path, secrets);
    }
    const search = await (await callLoader(listRoute.loader as never, "/projekte?q=Wohngeld", { caller: partner })).json();
    expect(search.joint).toEqual([]);
    const found = await (await callLoader(listRoute.loader as never, "/projekte?q=Fahrgastinformation", { caller: partner })).json();
    expect(found.joint.map((j: { id: number }) => j.id)).toEqual([joint().id]);
    // The audit log: nothing of the lead Kommune, not even the entry that made Kleinhausen a partner.
    const audit = await (await callLoader(auditRoute.loader as never, "/verwaltung/protokoll?entity=projectPartner", { caller: partner })).json();
    expect(JSON.stringify(audit)).not.toContain(DEMO_JOINT_PROJECT);

    // The lead's other project and its joint project's full page: 404, and no partner view for the other project.
    const other = project("Wohngeld online");
    expect((await callLoader(projectPage.loader as never, `/projekte/${other.id}`, { caller: partner, params: { projectId: String(other.id) } })).status).toBe(404);
    expect((await callLoader(jointPage.loader as never, `/projekte/gemeinsam/${other.id}`, { caller: partner, params: { projectId: String(other.id) } })).status).toBe(404);

    // API v1 with a partner's token lists the partner's own projects only.
    const token = await partnerToken(partner);
    const api = await (projectsApi.loader as unknown as (a: unknown) => Promise<Response>)({
      request: new Request("http://localhost/api/v1/projects?limit=100", { headers: { Authorization: `Bearer ${token}` } }),
      params: {},
      context: { clientAddress: "10.0.9.1" },
    });
    expect(api.status).toBe(200);
    const apiBody = await api.json();
    const own = new Set(getDb().select({ id: projects.id }).from(projects).where(eq(projects.municipalityId, K())).all().map((r) => r.id));
    expect(apiBody.data.length).toBeGreaterThan(0);
    expect(apiBody.data.every((r: { id: number }) => own.has(r.id))).toBe(true);
    expectNoLeadData(JSON.stringify(apiBody), "/api/v1/projects", secrets);
  });

  it("lets the partner change nothing: project page, edit page and partner page answer 403", async () => {
    const partner = await signIn("cdo@kleinhausen.example");
    const id = String(joint().id);
    const before = getDb().select().from(auditLog).orderBy(desc(auditLog.id)).get()!.id;
    const archive = await callAction(projectPage.action as never, `/projekte/${id}`, { caller: partner, params: { projectId: id }, form: { intent: "archive", version: "1" } });
    expect(archive.status).toBe(403);
    expect((await archive.json()).message).toBe(JOINT_READ_ONLY_MESSAGE);
    expect((await callLoader(editPage.loader as never, `/projekte/${id}/bearbeiten`, { caller: partner, params: { projectId: id } })).status).toBe(403);
    expect((await callLoader(partnerRoute.loader as never, `/projekte/${id}/partner`, { caller: partner, params: { projectId: id } })).status).toBe(403);
    const add = await callAction(partnerRoute.action as never, `/projekte/${id}/partner`, {
      caller: partner,
      params: { projectId: id },
      form: { intent: "add", partnerMunicipalityId: String(municipalityId("Wiesengrund")), share: "1,00", agreedOn: "01.12.2026" },
    });
    expect(add.status).toBe(403);
    expect(getDb().select().from(auditLog).orderBy(desc(auditLog.id)).get()!.id).toBe(before);
  });

  it("shows a Kommune that is no partner nothing of the joint project", async () => {
    const stranger = await signIn("rollin@landesdienst.example", "Eichenbrück");
    const id = String(joint().id);
    expect((await callLoader(jointPage.loader as never, `/projekte/gemeinsam/${id}`, { caller: stranger, params: { projectId: id } })).status).toBe(404);
    const list = await (await callLoader(listRoute.loader as never, "/projekte", { caller: stranger })).json();
    expect(list.joint).toEqual([]);
    const roadmap = await (await callLoader(roadmapRoute.loader as never, "/fahrplan", { caller: stranger })).json();
    expect(JSON.stringify(roadmap)).not.toContain(DEMO_JOINT_PROJECT);
    const page = await callLoader(projectPage.loader as never, `/projekte/${id}`, { caller: stranger, params: { projectId: id } });
    expect(page.status).toBe(404);
  });
});

describe("joint projects: the lead's partner page", () => {
  const partnerPath = () => `/projekte/${joint().id}/partner`;
  const post = (caller: Caller, form: Record<string, string>) => callAction(partnerRoute.action as never, partnerPath(), { caller, params: { projectId: String(joint().id) }, form });

  it("adds, changes and removes a partner (audited, version-checked); the shares may not exceed the budget; removal ends the visibility", async () => {
    const lead = await signIn("cdo@musterstadt.example");
    const page = await (await callLoader(partnerRoute.loader as never, partnerPath(), { caller: lead, params: { projectId: String(joint().id) } })).json();
    const names = page.candidates.map((c: { name: string }) => c.name);
    expect(names).not.toContain("Musterstadt");
    expect(names).not.toContain("Kleinhausen");
    expect(names).toContain("Eichenbrück");
    expect(Object.keys(page.candidates[0]).sort()).toEqual(["id", "name"]);
    const eichenbrueck = municipalityId("Eichenbrück");

    // Over the budget: 310.000 € − 46.500 € leaves 263.500 €.
    const tooMuch = await post(lead, { intent: "add", partnerMunicipalityId: String(eichenbrueck), share: "263.500,01", agreedOn: "01.12.2026" });
    expect(tooMuch.status).toBe(400);
    const tooMuchBody = await tooMuch.json();
    expect(tooMuchBody.result.error.share[0]).toContain("höchstens 263.500,00");
    expect(getDb().select().from(projectPartners).where(eq(projectPartners.partnerMunicipalityId, eichenbrueck)).all()).toEqual([]);
    // Malformed input: German errors at the fields, no 500.
    const malformed = await post(lead, { intent: "add", partnerMunicipalityId: "", share: "viel", agreedOn: "gestern" });
    expect(malformed.status).toBe(400);
    const malformedBody = await malformed.json();
    expect(Object.keys(malformedBody.result.error).sort()).toEqual(["agreedOn", "partnerMunicipalityId", "share"]);

    const added = await post(lead, { intent: "add", partnerMunicipalityId: String(eichenbrueck), share: "20.000,00", agreedOn: "01.12.2026", note: "Kreisumlage" });
    expect(added.status).toBe(200);
    const row = getDb().select().from(projectPartners).where(eq(projectPartners.partnerMunicipalityId, eichenbrueck)).get()!;
    expect(row).toMatchObject({ municipalityId: M(), shareCents: 2_000_000, agreedOn: "2026-12-01", note: "Kreisumlage", version: 1 });
    const audit = getDb().select().from(auditLog).orderBy(desc(auditLog.id)).get()!;
    expect(audit).toMatchObject({ entity: "projectPartner", action: "create", municipalityId: M() });
    const twice = await post(lead, { intent: "add", partnerMunicipalityId: String(eichenbrueck), share: "1,00", agreedOn: "01.12.2026" });
    expect((await twice.json()).result.error.partnerMunicipalityId[0]).toContain("bereits Partnerin");

    const stranger = await signIn("rollin@landesdienst.example", "Eichenbrück");
    const seen = await (await callLoader(listRoute.loader as never, "/projekte", { caller: stranger })).json();
    expect(seen.joint.map((j: { id: number; shareCents: number }) => [j.id, j.shareCents])).toEqual([[joint().id, 2_000_000]]);

    const changed = await post(lead, { intent: "update", partnerId: String(row.id), version: "1", share: "25.000,00", agreedOn: "02.12.2026", note: "" });
    expect(changed.status).toBe(200);
    expect(getDb().select().from(projectPartners).where(eq(projectPartners.id, row.id)).get()).toMatchObject({ shareCents: 2_500_000, version: 2, note: "" });
    const stale = await post(lead, { intent: "update", partnerId: String(row.id), version: "1", share: "1,00", agreedOn: "02.12.2026" });
    expect(stale.status).toBe(409);
    const staleRemove = await post(lead, { intent: "remove", partnerId: String(row.id), version: "1" });
    expect(staleRemove.status).toBe(400);

    // The budget may not drop below the partners' shares (46.500 € + 25.000 €).
    const p = joint();
    const lowerBudget = () =>
      updateProject({ municipalityId: M(), actor: { userId: userId("cdo@musterstadt.example"), label: "cdo" }, role: "cdo" }, p.id, p.version, {
        title: p.title, description: p.description, fieldOfActionId: p.fieldOfActionId, leadUnitId: p.leadUnitId, involvedUnitIds: [], goalIds: [],
        projectLeadEmployeeId: p.projectLeadEmployeeId, startDate: p.startDate, endDate: p.endDate, budgetPlannedCents: 7_000_000, budgetSpentCents: 0, ozgRelevant: p.ozgRelevant, efaReuse: p.efaReuse,
      });
    expect(lowerBudget).toThrow(ValidationError);
    try {
      lowerBudget();
    } catch (error) {
      expect((error as ValidationError).fieldErrors.budgetPlanned[0]).toContain("71.500,00");
    }

    // The CSV import keeps the same rule: the row is refused, nothing is saved.
    const cdo = { municipalityId: M(), actor: { userId: userId("cdo@musterstadt.example"), label: "cdo" }, role: "cdo" as const };
    const exported = exportProjectsCsv(getDb(), cdo, parseProjectListQuery(new URLSearchParams({ q: DEMO_JOINT_PROJECT })), "2026-12-03");
    expect(exported.count).toBe(1);
    expect(exported.csv).toContain(";310000,00;");
    const imported = importProjectsCsv(cdo, exported.csv.replace(";310000,00;", ";1000,00;"), "p.csv");
    expect(imported).toEqual({ ok: false, errors: [expect.stringMatching(/^Zeile 2: Das geplante Budget darf nicht unter der Summe .*71\.500,00/)] });
    expect(joint().budgetPlannedCents).toBe(31_000_000);

    const removed = await post(lead, { intent: "remove", partnerId: String(row.id), version: "2" });
    expect(removed.status).toBe(200);
    expect(getDb().select().from(auditLog).orderBy(desc(auditLog.id)).get()).toMatchObject({ entity: "projectPartner", action: "delete" });
    const after = await (await callLoader(listRoute.loader as never, "/projekte", { caller: stranger })).json();
    expect(after.joint).toEqual([]);
    const id = String(joint().id);
    expect((await callLoader(jointPage.loader as never, `/projekte/gemeinsam/${id}`, { caller: stranger, params: { projectId: id } })).status).toBe(404);
    expect(getDb().select().from(municipalities).where(eq(municipalities.id, eichenbrueck)).get()!.name).toBe("Eichenbrück");
  });
});
