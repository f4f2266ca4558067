import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { dashboardSnapshots, milestones, municipalities, projects, workflowInstances } from "../../db/schema";
import { getDb } from "~/utils/db.server";
import * as overviewRoute from "~/routes/_app._index";
import * as chartRoute from "~/routes/diagramme.$name.$file";
import * as listRoute from "~/routes/_app.projekte._index";
import * as cooperationRoute from "~/routes/_app.teams.zusammenarbeit";
import { type Caller, callLoader, signIn } from "../support/requests";

describe("CDO dashboard (Übersicht)", () => {
  it("composes projects, budget, laggards, overdue items, goals and the silo indicator with charts", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const res = await callLoader(overviewRoute.loader, "/", { caller: cdo });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.municipality.name).toBe("Musterstadt");
    expect(body.projects.totals.projects).toBeGreaterThan(20);
    expect(body.projects.byState.reduce((n: number, s: { count: number }) => n + s.count, 0)).toBe(body.projects.totals.projects);
    expect(body.projects.totals.spentCents).toBeLessThanOrEqual(body.projects.totals.plannedCents);
    for (const chart of [body.projects.statusChart, body.projects.budgetChart, body.assessment.chart, body.goals.chart]) {
      expect(chart).toMatchObject({ src: expect.stringMatching(/^\/diagramme\/[a-z-]+\/[\w-]{22}\.svg$/), alt: expect.any(String) });
      expect(chart.width).toBeGreaterThan(100);
    }
    // the SVG travels as an image, not again in the page data
    expect(JSON.stringify(body)).not.toContain("<svg");
    expect(body.assessment.counts.laggard).toBe(body.assessment.laggards.length);
    expect(body.assessment.laggards[0].reason).toMatch(/^Nachzügler: /);
    expect(body.overdue.total).toBeGreaterThan(0);
    expect(body.overdue.list.every((m: { dueDate: string }) => m.dueDate < body.today)).toBe(true);
    expect(body.goals.list.length).toBeGreaterThan(5);
    expect(body.goals.list.every((g: { share: number | null }) => g.share === null || (g.share >= 0 && g.share <= 1))).toBe(true);
    expect(body.silo.share).toBeGreaterThan(0);
    expect(JSON.stringify(body)).not.toContain("Kleinhausen:");
  });

  it("stays useful for staff and the council (read-only links), and shows Kleinhausen its own figures", async () => {
    const staff = await signIn("mitarbeiter@musterstadt.example");
    const staffBody = await (await callLoader(overviewRoute.loader, "/", { caller: staff })).json();
    expect(staffBody.projects.totals.projects).toBeGreaterThan(20);
    expect(staffBody.links.organisation).toBe(false);
    const kleinhausen = await signIn("cdo@kleinhausen.example");
    const body = await (await callLoader(overviewRoute.loader, "/", { caller: kleinhausen })).json();
    expect(body.municipality.name).toBe("Kleinhausen");
    expect(body.projects.totals.projects).toBeLessThan(5);
    expect(JSON.stringify(body)).not.toContain("Smart Parking");
  });

  it("shows a change at once although sections are remembered between requests", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const before = await (await callLoader(overviewRoute.loader, "/", { caller: cdo })).json();
    const again = await (await callLoader(overviewRoute.loader, "/", { caller: cdo })).json();
    expect(again.overdue).toEqual(before.overdue);
    const project = getDb().select().from(projects).where(eq(projects.title, "Open-Data-Portal")).get()!;
    getDb()
      .insert(milestones)
      .values({ municipalityId: project.municipalityId, projectId: project.id, title: "Datenkatalog", dueDate: "2021-01-01" })
      .run();
    const after = await (await callLoader(overviewRoute.loader, "/", { caller: cdo })).json();
    expect(after.overdue.total).toBe(before.overdue.total + 1);
    expect(after.overdue.list[0]).toMatchObject({ title: "Datenkatalog", projectTitle: "Open-Data-Portal" });
  });

  it("serves each chart as a cacheable SVG image, only to its own Kommune", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const body = await (await callLoader(overviewRoute.loader, "/", { caller: cdo })).json();
    for (const chart of [body.projects.statusChart, body.projects.budgetChart, body.assessment.chart, body.goals.chart]) {
      const res = await getChart(chart.src, cdo);
      expect(res.status).toBe(200);
      expect(res.headers.get("Content-Type")).toBe("image/svg+xml; charset=utf-8");
      expect(res.headers.get("Cache-Control")).toMatch(/^private, max-age=\d+$/);
      const etag = res.headers.get("ETag")!;
      expect(etag).toBe(`"${chart.src.split("/")[3].replace(".svg", "")}"`);
      const svg = await res.text();
      expect(svg.startsWith(`<svg role="img" aria-label="${chart.alt}"`)).toBe(true);
      expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
      const again = await getChart(chart.src, cdo, { "If-None-Match": etag });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe("");
    }
    // a Kleinhausen user asking for Musterstadt's charts gets 404, as for unknown charts
    const kleinhausen = await signIn("cdo@kleinhausen.example");
    await callLoader(overviewRoute.loader, "/", { caller: kleinhausen });
    for (const chart of [body.projects.budgetChart, body.assessment.chart, body.goals.chart]) {
      expect((await getChart(chart.src, kleinhausen)).status).toBe(404);
    }
    expect((await getChart("/diagramme/unbekannt/AAAAAAAAAAAAAAAAAAAAAA.svg", cdo)).status).toBe(404);
    expect((await getChart("/diagramme/budget/kurz.svg", cdo)).status).toBe(404);
    expect((await getChart("/diagramme/budget/AAAAAAAAAAAAAAAAAAAAAA.svg", cdo)).status).toBe(404);
    expect((await getChart(body.projects.budgetChart.src)).status).toBe(302);
  });

  it("draws a new chart under a new URL when the data changes", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const before = await (await callLoader(overviewRoute.loader, "/", { caller: cdo })).json();
    const project = getDb().select().from(projects).where(eq(projects.title, "Open-Data-Portal")).get()!;
    getDb()
      .update(projects)
      .set({ budgetPlannedCents: project.budgetPlannedCents + 5_000_000_00 })
      .where(eq(projects.id, project.id))
      .run();
    const after = await (await callLoader(overviewRoute.loader, "/", { caller: cdo })).json();
    expect(after.projects.totals.plannedCents).toBe(before.projects.totals.plannedCents + 5_000_000_00);
    expect(after.projects.budgetChart.src).not.toBe(before.projects.budgetChart.src);
    expect(after.projects.statusChart.src).toBe(before.projects.statusChart.src);
    const oldSvg = await (await getChart(before.projects.budgetChart.src, cdo)).text();
    const newSvg = await (await getChart(after.projects.budgetChart.src, cdo)).text();
    expect(newSvg).not.toBe(oldSvg);
  });

  it("counts running projects by the state kinds, and every tile links to a list showing exactly what it counts", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const db = getDb();
    const musterstadt = db.select().from(municipalities).where(eq(municipalities.name, "Musterstadt")).get()!;
    const instances = db.select().from(workflowInstances).where(eq(workflowInstances.subjectType, "project")).all();
    const stateOf = new Map(instances.map((i) => [i.subjectId, i.state]));
    const current = db.select().from(projects).where(eq(projects.municipalityId, musterstadt.id)).all().filter((p) => p.archivedAt === null);
    // the built-in project workflow: "completed" and "cancelled" are its states of kind "final"
    const closed = current.filter((p) => ["completed", "cancelled"].includes(stateOf.get(p.id) ?? ""));
    expect(closed.length).toBeGreaterThan(0);
    // a milestone of a cancelled project is not overdue any more
    const cancelled = current.find((p) => stateOf.get(p.id) === "cancelled")!;
    const before = await (await callLoader(overviewRoute.loader, "/", { caller: cdo })).json();
    db.insert(milestones).values({ municipalityId: musterstadt.id, projectId: cancelled.id, title: "Nie erreicht", dueDate: "2021-01-01" }).run();
    const body = await (await callLoader(overviewRoute.loader, "/", { caller: cdo })).json();
    expect(body.overdue.total).toBe(before.overdue.total);

    expect(body.projects.totals.projects).toBe(current.length);
    expect(body.projects.totals.running).toBe(current.length - closed.length);

    const listTotal = async (query: string) => (await (await callLoader(listRoute.loader, `/projekte${query}`, { caller: cdo })).json()).result.total as number;
    expect(await listTotal("?phase=running")).toBe(body.projects.totals.running);
    expect(await listTotal("?phase=closed")).toBe(closed.length);
    expect(await listTotal("?classification=laggard")).toBe(body.assessment.counts.laggard);
    expect(body.overdue.projectCount).toBeGreaterThan(0);
    expect(await listTotal("?phase=running&overdueMilestones=1")).toBe(body.overdue.projectCount);
    // the silo figure counts running projects only, and the list filter selects the same ones
    expect(body.silo.projectCount).toBe(body.projects.totals.running);
    expect(body.silo.crossUnitCount).toBeGreaterThan(0);
    expect(body.silo.crossUnitCount).toBeLessThan(body.silo.projectCount);
    expect(await listTotal("?phase=running&cooperation=cross")).toBe(body.silo.crossUnitCount);
    expect(await listTotal("?phase=running&cooperation=single")).toBe(body.silo.projectCount - body.silo.crossUnitCount);
    // the cooperation page shows the same figure
    const cooperation = await (await callLoader(cooperationRoute.loader, "/teams/zusammenarbeit", { caller: cdo })).json();
    expect(cooperation.silo).toEqual(body.silo);
  });

  it("redirects anonymous visitors to the login", async () => {
    const res = await callLoader(overviewRoute.loader, "/");
    expect(res.status).toBe(302);
  });
});

async function getChart(src: string, caller?: Caller, headers: Record<string, string> = {}): Promise<Response> {
  const [, , name, file] = src.split("/");
  const cookie: Record<string, string> = caller ? { Cookie: caller.cookie } : {};
  const request = new Request(`http://localhost${src}`, { headers: { ...cookie, ...headers } });
  try {
    return (await chartRoute.loader({ request, params: { name, file }, context: {} })) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

describe("monthly snapshot of the dashboard figures", () => {
  it("keeps one snapshot per month at the first load and shows the trend against last month", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const musterstadt = getDb().select().from(municipalities).where(eq(municipalities.name, "Musterstadt")).get()!.id;
    const mine = () => getDb().select().from(dashboardSnapshots).where(eq(dashboardSnapshots.municipalityId, musterstadt)).all();
    const first = await (await callLoader(overviewRoute.loader, "/", { caller: cdo })).json();
    const month = first.today.slice(0, 7);
    expect(mine()).toHaveLength(1);
    expect(mine()[0].month).toBe(month);
    expect(JSON.parse(mine()[0].figures)).toMatchObject({ running: first.projects.totals.running, laggards: first.assessment.counts.laggard });
    expect(first.lastMonth).toBeNull();
    // a second load in the same month does not write again
    await callLoader(overviewRoute.loader, "/", { caller: cdo });
    expect(mine()).toHaveLength(1);
    // last month's snapshot drives the trend
    const [y, m] = month.split("-").map(Number);
    const previous = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
    getDb().insert(dashboardSnapshots).values({ municipalityId: musterstadt, month: previous, takenOn: `${previous}-01`, figures: JSON.stringify({ running: 3, laggards: 1 }) }).run();
    const next = await (await callLoader(overviewRoute.loader, "/", { caller: cdo })).json();
    expect(next.lastMonth).toEqual({ month: previous, figures: { running: 3, laggards: 1 } });
  });
});
