import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { fieldsOfAction, municipalities, units } from "../../db/schema";
import * as roadmapRoute from "~/routes/_app.fahrplan";
import { getDb } from "~/utils/db.server";
import { callLoader, signIn } from "../support/requests";

const musterstadtId = () => getDb().select().from(municipalities).where(eq(municipalities.name, "Musterstadt")).get()!.id;

describe("roadmap (Fahrplan)", () => {
  it("lays out the Kommune's projects by field of action with milestones, dependencies and today's line", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const body = await (await callLoader(roadmapRoute.loader, "/fahrplan", { caller: cdo })).json();
    expect(body.layout.rows.length).toBeGreaterThan(20);
    expect(body.layout.groups.length).toBe(6);
    expect(body.layout.todayX).not.toBeNull();
    expect(body.layout.arrows.length).toBeGreaterThan(0);
    expect(body.entries.some((e: { title: string }) => e.title.startsWith("Kleinhausen"))).toBe(false);
    expect(body.canPlan).toBe(true);
    expect(body.canBuildTeam).toBe(true);
  });

  it("filters by field of action, unit and status", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const field = getDb().select().from(fieldsOfAction).where(eq(fieldsOfAction.name, "Mobilität")).get()!;
    const byField = await (await callLoader(roadmapRoute.loader, `/fahrplan?handlungsfeld=${field.id}`, { caller: cdo })).json();
    expect(byField.entries.length).toBeGreaterThan(0);
    expect(byField.entries.every((e: { fieldOfActionName: string }) => e.fieldOfActionName === "Mobilität")).toBe(true);
    const byState = await (await callLoader(roadmapRoute.loader, "/fahrplan?status=inProgress", { caller: cdo })).json();
    expect(byState.entries.length).toBeGreaterThan(0);
    expect(byState.entries.every((e: { state: string }) => e.state === "inProgress")).toBe(true);
    const it = getDb().select().from(units).where(eq(units.name, "Fachbereich IT")).all().find((u) => u.municipalityId === musterstadtId())!;
    const byUnit = await (await callLoader(roadmapRoute.loader, `/fahrplan?einheit=${it.id}`, { caller: cdo })).json();
    const all = await (await callLoader(roadmapRoute.loader, "/fahrplan", { caller: cdo })).json();
    expect(byUnit.entries.length).toBeGreaterThan(0);
    expect(byUnit.entries.length).toBeLessThan(all.entries.length);
    // nonsense filters are ignored rather than failing
    const junk = await callLoader(roadmapRoute.loader, "/fahrplan?status=gibtsnicht&handlungsfeld=abc", { caller: cdo });
    expect(junk.status).toBe(200);
    expect((await junk.json()).entries.length).toBe(all.entries.length);
  });

  it("shows another Kommune's field of action as an empty roadmap, never its projects", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const foreign = getDb().select().from(fieldsOfAction).all().find((f) => f.municipalityId !== musterstadtId())!;
    const body = await (await callLoader(roadmapRoute.loader, `/fahrplan?handlungsfeld=${foreign.id}`, { caller: cdo })).json();
    expect(body.entries).toEqual([]);
  });

  it("lets the council read the roadmap without planning links", async () => {
    const rat = await signIn("rat@musterstadt.example");
    const body = await (await callLoader(roadmapRoute.loader, "/fahrplan", { caller: rat })).json();
    expect(body.entries.length).toBeGreaterThan(20);
    expect(body.canPlan).toBe(false);
    expect(body.canBuildTeam).toBe(false);
  });
});
