import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { milestones, projects } from "../../db/schema";
import { getDb } from "~/utils/db.server";
import * as overviewRoute from "~/routes/_app._index";
import { callLoader, signIn } from "../support/requests";

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
      expect(chart).toMatch(/^<svg role="img" aria-label="[^"]+"/);
    }
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

  it("redirects anonymous visitors to the login", async () => {
    const res = await callLoader(overviewRoute.loader, "/");
    expect(res.status).toBe(302);
  });
});
