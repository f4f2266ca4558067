import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { programmeSteps, workflowTasks } from "../../db/schema";
import type { Role } from "../../db/schema";
import { MULTI_MEMBER_EMAIL } from "../../db/seed/members";
import { assessmentCounts, deadlineSection, overdueSection, projectStatusFigures } from "~/areas/dashboard/dashboard.server";
import { upcomingFundingDeadlines } from "~/areas/funding/overview.server";
import { trainingDashboardSection } from "~/areas/trainings/coverage.server";
import { listTemplates, rollOutProgramme } from "~/areas/rollin/programmes.server";
import { providerCallerFor } from "~/areas/rollin/provider.server";
import { getDb } from "~/utils/db.server";
import { todayIso } from "~/utils/format";
import { PERMISSIONS } from "~/utils/permissions";
import { csrfToken } from "~/utils/csrf.server";
import { readSession } from "~/utils/session.server";
import { listTasksFor } from "~/workflow/task-list.server";
import { loader as cockpitLoader } from "~/routes/_app.roll-in._index";
import { loader as inboxLoader } from "~/routes/_app.roll-in.aufgaben";
import { loader as layoutLoader } from "~/routes/_app";
import { loader as templatesLoader } from "~/routes/_app.roll-in.vorlagen._index";
import { action as switchAction } from "~/routes/kommune-wechseln";
import * as loginRoute from "~/routes/login";
import { municipalityId, userId } from "../support/foundation";
import { callAction, callLoader, signIn } from "../support/requests";
import "~/areas/registrations.server";

const MINE = ["Eichenbrück", "Kleinhausen", "Wiesengrund"];
const ROLE_IN: Record<string, Role> = { Eichenbrück: "cdo", Wiesengrund: "admin", Kleinhausen: "viewer" };

type Row = {
  municipalityId: number;
  name: string;
  group: string | null;
  roleLabel: string | null;
  projects: { projects: number; running: number; byState: { label: string; count: number }[] };
  laggards: number;
  overdueMilestones: number;
  overdueDeadlines: number;
  nextFundingDeadline: { dueDate: string; label: string } | null;
  coverageBp: number | null;
  openTasks: number;
  programme: { steps: number; finished: number; overdue: number };
};
type Task = { title: string; municipalityName: string; municipalityId: number };

function addTask(kommune: string, title: string, to: { role?: Role; userId?: number }) {
  getDb()
    .insert(workflowTasks)
    .values({ municipalityId: municipalityId(kommune), kind: "manual", title, assigneeRole: to.role ?? null, assigneeUserId: to.userId ?? null, dueDate: todayIso() })
    .run();
}

// Tasks for each role in each Kommune, and one addressed to the member by name in Musterstadt,
// where they are no member: what the member must and must not see follows from these.
const member = () => userId(MULTI_MEMBER_EMAIL);
beforeAll(() => {
  addTask("Eichenbrück", "Test: Eichenbrück an die CDO", { role: "cdo" });
  addTask("Wiesengrund", "Test: Wiesengrund an die Administration", { role: "admin" });
  addTask("Wiesengrund", "Test: Wiesengrund an die CDO", { role: "cdo" });
  addTask("Kleinhausen", "Test: Kleinhausen an die CDO", { role: "cdo" });
  addTask("Kleinhausen", "Test: Kleinhausen an den Lesezugriff", { role: "viewer" });
  addTask("Musterstadt", "Test: Musterstadt an die CDO", { role: "cdo" });
  addTask("Musterstadt", "Test: Musterstadt persönlich", { userId: member() });
});

async function cockpit(path = "/roll-in") {
  const res = await callLoader(cockpitLoader, path, { caller: await signIn(MULTI_MEMBER_EMAIL) });
  expect(res.status).toBe(200);
  return res.json() as Promise<{ member: boolean; provider: string; total: number; openTasks: number; groups: string[]; rows: Row[] }>;
}

async function inbox(path = "/roll-in/aufgaben") {
  const res = await callLoader(inboxLoader, path, { caller: await signIn(MULTI_MEMBER_EMAIL) });
  expect(res.status).toBe(200);
  return res.json() as Promise<{ member: boolean; total: number; kommunen: { id: number; name: string }[]; groups: string[]; tasks: Task[] }>;
}

describe("Cockpit for a member of several Kommunen (no Roll-in-Service)", () => {
  it("shows one row per membership with the figures of each Kommune's own Übersicht", async () => {
    const data = await cockpit();
    expect(data.member).toBe(true);
    expect(data.provider).toBe("Meine Kommunen");
    expect(data.rows.map((r) => r.name)).toEqual(MINE);
    expect(data.total).toBe(3);
    // Groups belong to a provider: the member sees none, not the provider's "Amt Seenland".
    expect(data.groups).toEqual([]);
    expect(data.rows.map((r) => r.group)).toEqual([null, null, null]);
    expect(data.rows.map((r) => r.roleLabel)).toEqual(["CDO / Digitalverantwortliche", "Lesezugriff (z. B. Rat)", "Administration"]);
    const today = todayIso();
    for (const row of data.rows) {
      const tenant = { municipalityId: municipalityId(row.name) };
      expect(row.municipalityId).toBe(tenant.municipalityId);
      const figures = projectStatusFigures(getDb(), tenant);
      expect(row.projects.projects, row.name).toBe(figures.projects);
      expect(row.projects.running, row.name).toBe(figures.running);
      expect(row.laggards, row.name).toBe(assessmentCounts(getDb(), tenant).laggard);
      expect(row.overdueMilestones, row.name).toBe(overdueSection(getDb(), tenant, today).total);
      expect(row.overdueDeadlines, row.name).toBe(deadlineSection(getDb(), tenant, today).overdueCount);
      expect(row.nextFundingDeadline?.dueDate ?? null, row.name).toBe(upcomingFundingDeadlines(tenant, getDb(), today, 12)[0]?.dueDate ?? null);
      expect(row.coverageBp, row.name).toBe(trainingDashboardSection(tenant, today).coverageBp);
      const scope = { municipalityId: tenant.municipalityId, municipalityName: row.name, role: ROLE_IN[row.name] };
      expect(row.openTasks, row.name).toBe(listTasksFor(getDb(), member(), [scope], today).length);
      const steps = getDb().select().from(programmeSteps).where(eq(programmeSteps.municipalityId, tenant.municipalityId)).all().filter((s) => s.stepKey !== "");
      expect(row.programme.steps, row.name).toBe(steps.length);
    }
    // Not a table of zeros: Kleinhausen has projects, the demo rolled the EfA programme into Eichenbrück.
    expect(data.rows.find((r) => r.name === "Kleinhausen")!.projects.projects).toBeGreaterThan(0);
    expect(data.rows.find((r) => r.name === "Eichenbrück")!.programme.steps).toBeGreaterThan(0);
    expect(data.openTasks).toBe(data.rows.reduce((sum, r) => sum + r.openTasks, 0));
  });

  it("the inbox holds the tasks of the member's role in each Kommune, and nothing of Musterstadt", async () => {
    const data = await inbox();
    expect(data.member).toBe(true);
    expect(data.kommunen.map((k) => k.name)).toEqual(MINE);
    const titles = data.tasks.map((t) => t.title);
    expect(titles).toContain("Test: Eichenbrück an die CDO");
    expect(titles).toContain("Test: Wiesengrund an die Administration");
    expect(titles).toContain("Test: Kleinhausen an den Lesezugriff");
    // Each Kommune's own role: admin in Wiesengrund and viewer in Kleinhausen do not get the CDO's
    // tasks there (the Roll-in role would).
    expect(titles).not.toContain("Test: Wiesengrund an die CDO");
    expect(titles).not.toContain("Test: Kleinhausen an die CDO");
    expect(titles.filter((t) => t.includes("Musterstadt"))).toEqual([]);
    expect(data.tasks.length).toBeGreaterThan(0);
    expect(new Set(data.tasks.map((t) => t.municipalityName))).toEqual(new Set(MINE));
    // The figures agree: the cockpit's open tasks are this inbox, Kommune by Kommune.
    const rows = (await cockpit()).rows;
    for (const r of rows) expect(r.openTasks, r.name).toBe(data.tasks.filter((t) => t.municipalityId === r.municipalityId).length);
    // The Kommune filter cannot reach Musterstadt.
    const foreign = await inbox(`/roll-in/aufgaben?kommune=${municipalityId("Musterstadt")}`);
    expect(foreign.tasks).toEqual([]);
  });

  it("the Roll-in coordinator still sees the CDO's tasks of the provider's Kommunen (the Roll-in role)", async () => {
    const res = await callLoader(inboxLoader, "/roll-in/aufgaben", { caller: await signIn("rollin@landesdienst.example") });
    const titles = ((await res.json()).tasks as Task[]).map((t) => t.title);
    expect(titles).toContain("Test: Kleinhausen an die CDO");
    expect(titles).toContain("Test: Wiesengrund an die CDO");
    expect(titles.filter((t) => t.includes("Musterstadt"))).toEqual([]);
  });

  it("a Kommune the member does not belong to never appears: not in rows, switch forms, filters or search", async () => {
    const data = await cockpit("/roll-in?suche=stadt");
    expect(data.rows).toEqual([]);
    expect(data.total).toBe(3);
    const all = await cockpit();
    const foreign = municipalityId("Musterstadt");
    // The row's switch form posts its municipalityId: none is Musterstadt's.
    expect(all.rows.map((r) => r.municipalityId)).not.toContain(foreign);
    expect(JSON.stringify(all)).not.toContain("Musterstadt");
    // A group of the provider in the query does not widen anything.
    const grouped = await cockpit("/roll-in?gruppe=Amt%20Seenland");
    expect(grouped.rows.map((r) => r.name)).toEqual(MINE);
  });

  it("switching from a row opens the page in that Kommune; a foreign Kommune is a 404", async () => {
    const caller = await signIn(MULTI_MEMBER_EMAIL, "Kleinhausen");
    const target = municipalityId("Wiesengrund");
    const res = await callAction(switchAction, "/kommune-wechseln", { caller, form: { municipalityId: String(target), returnTo: "/projekte", open: "record" } });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/projekte");
    const session = await readSession(new Request("http://localhost/", { headers: { Cookie: caller.cookie } }));
    expect(session?.municipalityId).toBe(target);
    const refused = await callAction(switchAction, "/kommune-wechseln", { caller, form: { municipalityId: String(municipalityId("Musterstadt")), returnTo: "/", open: "record" } });
    expect(refused.status).toBe(404);
    expect((await readSession(new Request("http://localhost/", { headers: { Cookie: caller.cookie } })))?.municipalityId).toBe(target);
  });

  it("the navigation offers „Meine Kommunen“ to members of several Kommunen only; the login still lands on the Übersicht", async () => {
    const navOf = async (email: string) => ((await (await callLoader(layoutLoader, "/", { caller: await signIn(email) })).json()).nav as { to: string; label: string }[]);
    expect(await navOf(MULTI_MEMBER_EMAIL)).toContainEqual({ to: "/roll-in", label: "Meine Kommunen" });
    expect((await navOf("cdo@kleinhausen.example")).filter((n) => n.to === "/roll-in")).toEqual([]);
    expect((await navOf("rollin@landesdienst.example")).filter((n) => n.to === "/roll-in")).toEqual([{ to: "/roll-in", label: "Roll-in-Cockpit" }]);

    const { token, setCookie } = await csrfToken(new Request("http://localhost/login"));
    const body = new FormData();
    body.set("email", MULTI_MEMBER_EMAIL);
    body.set("password", "Fahrplan-Demo-2026");
    body.set("csrf", token);
    const request = new Request("http://localhost/login", { method: "POST", body, headers: { Cookie: setCookie!.split(";")[0] } });
    const res = (await loginRoute.action({ request, params: {}, context: { clientAddress: "127.0.0.1" } }).catch((e) => e)) as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/");
  });

  it("a user of a single Kommune gets a German 403 on the cockpit and its inbox", async () => {
    for (const email of ["cdo@kleinhausen.example", "mitarbeiter@musterstadt.example"]) {
      const caller = await signIn(email);
      for (const [loader, path] of [
        [cockpitLoader, "/roll-in"],
        [inboxLoader, "/roll-in/aufgaben"],
      ] as const) {
        const res = await callLoader(loader, path, { caller });
        expect(res.status, `${email} ${path}`).toBe(403);
        expect((await res.json()).message).toMatch(/Konten mit mehreren Kommunen/);
      }
    }
  });

  it("the provider's own pages stay closed to a member (Programmvorlagen)", async () => {
    expect((await callLoader(templatesLoader, "/roll-in/vorlagen", { caller: await signIn(MULTI_MEMBER_EMAIL) })).status).toBe(403);
  });
});

describe("Cockpit: each Kommune by the member's role there", () => {
  const viewers = PERMISSIONS["dashboard.view"] as unknown as Role[];
  const original = [...viewers];
  afterEach(() => viewers.splice(0, viewers.length, ...original));

  it("a Kommune whose role lacks „Übersicht ansehen“ leaves the cockpit; with one left, the cockpit is refused", async () => {
    // The matrix grants the Übersicht to every role today; the cockpit must follow the matrix, so
    // this test takes it from the viewer role for a moment.
    viewers.splice(viewers.indexOf("viewer"), 1);
    expect((await cockpit()).rows.map((r) => r.name)).toEqual(["Eichenbrück", "Wiesengrund"]);
    viewers.splice(viewers.indexOf("admin"), 1);
    const caller = await signIn(MULTI_MEMBER_EMAIL);
    expect((await callLoader(cockpitLoader, "/roll-in", { caller })).status).toBe(403);
    const nav = (await (await callLoader(layoutLoader, "/", { caller })).json()).nav as { to: string }[];
    expect(nav.filter((n) => n.to === "/roll-in")).toEqual([]);
  });

  it("programme steps the provider rolls into a member's Kommune show in the member's row", async () => {
    const coordinator = providerCallerFor(getDb(), userId("rollin@landesdienst.example"))!;
    const template = listTemplates(getDb(), coordinator).find((t) => t.name.includes("Einstieg"))!;
    const before = (await cockpit()).rows.find((r) => r.name === "Wiesengrund")!.programme.steps;
    rollOutProgramme(coordinator, { templateId: template.id, municipalityIds: [municipalityId("Wiesengrund")], startDate: todayIso() });
    const after = (await cockpit()).rows.find((r) => r.name === "Wiesengrund")!.programme.steps;
    expect(after).toBeGreaterThan(before);
  });
});
