import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { municipalities, projects, teams } from "../../db/schema";
import { getDb } from "~/utils/db.server";
import * as projectRoute from "~/routes/_app.projekte.$projectId._index";
import * as teamRoute from "~/routes/_app.teams.$teamId._index";
import * as switchRoute from "~/routes/kommune-wechseln";
import * as overviewRoute from "~/routes/_app._index";
import { callAction, callLoader, signIn } from "../support/requests";

const idOf = (name: string) => getDb().select().from(municipalities).where(eq(municipalities.name, name)).get()!.id;
const projectIn = (name: string) => getDb().select().from(projects).where(eq(projects.municipalityId, idOf(name))).get()!;

async function errorOf(response: Promise<Response>) {
  const res = await response.catch((e: unknown) => e as Response);
  return { status: res.status, body: await res.json() };
}

describe("a link into another Kommune", () => {
  it("offers the Roll-in-Service manager the switch into the Kommune that owns the record, then opens it", async () => {
    const caller = await signIn("rollin@landesdienst.example");
    await callAction(switchRoute.action, "/kommune-wechseln", { caller, form: { municipalityId: String(idOf("Eichenbrück")), returnTo: "/" } });
    const project = projectIn("Kleinhausen");
    const path = `/projekte/${project.id}`;
    const refused = await errorOf(callLoader(projectRoute.loader, path, { caller, params: { projectId: String(project.id) } }));
    expect(refused.status).toBe(404);
    expect(refused.body.switchTo).toEqual({ municipalityId: idOf("Kleinhausen"), name: "Kleinhausen", returnTo: path });
    expect(refused.body.message).toContain("Kleinhausen");

    const switched = await callAction(switchRoute.action, "/kommune-wechseln", {
      caller,
      form: { municipalityId: String(idOf("Kleinhausen")), returnTo: path, open: "record" },
    });
    expect(switched.status).toBe(302);
    expect(switched.headers.get("Location")).toBe(path);
    const opened = await callLoader(projectRoute.loader, path, { caller, params: { projectId: String(project.id) } });
    expect(opened.status).toBe(200);
    expect((await (await callLoader(overviewRoute.loader, "/", { caller })).json()).municipality.name).toBe("Kleinhausen");
  });

  it("keeps a plain 404 for everyone else: no hint that the record exists elsewhere", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const project = projectIn("Kleinhausen");
    const refused = await errorOf(callLoader(projectRoute.loader, "/", { caller: cdo, params: { projectId: String(project.id) } }));
    expect(refused.status).toBe(404);
    expect(refused.body.switchTo).toBeUndefined();
    expect(refused.body.message).not.toContain("Kleinhausen");
    const team = getDb().select().from(teams).where(eq(teams.municipalityId, idOf("Kleinhausen"))).get();
    if (team) {
      const t = await errorOf(callLoader(teamRoute.loader, "/", { caller: cdo, params: { teamId: String(team.id) } }));
      expect([t.status, t.body.switchTo]).toEqual([404, undefined]);
    }
    const missing = await errorOf(callLoader(projectRoute.loader, "/", { caller: cdo, params: { projectId: "999999" } }));
    expect([missing.status, missing.body.switchTo]).toEqual([404, undefined]);
  });

  it("a switch with open=record still only goes to same-origin paths", async () => {
    const caller = await signIn("rollin@landesdienst.example");
    const res = await callAction(switchRoute.action, "/kommune-wechseln", {
      caller,
      form: { municipalityId: String(idOf("Kleinhausen")), returnTo: "/%5C127.0.0.2:8081/phish", open: "record" },
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toMatch(/^\/(?![\\/])/);
  });
});
