import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, employees, municipalities, projects, teamMembers, teamProjects, teams, units } from "../../db/schema";
import * as teamRoute from "~/routes/_app.teams.$teamId._index";
import * as editRoute from "~/routes/_app.teams.$teamId.bearbeiten";
import * as listRoute from "~/routes/_app.teams._index";
import * as newRoute from "~/routes/_app.teams.neu";
import * as cooperationRoute from "~/routes/_app.teams.zusammenarbeit";
import { getDb } from "~/utils/db.server";
import { callAction, callLoader, signIn } from "../support/requests";

const db = () => getDb();
const mid = (name: string) => db().select().from(municipalities).where(eq(municipalities.name, name)).get()!.id;
const projectId = (title: string) => db().select().from(projects).where(eq(projects.title, title)).get()!.id;
const teamByName = (name: string) => db().select().from(teams).where(eq(teams.name, name)).get();

function employeesOf(unitName: string, municipality = "Musterstadt") {
  const unit = db().select().from(units).where(and(eq(units.name, unitName), eq(units.municipalityId, mid(municipality)))).get()!;
  return db().select().from(employees).where(eq(employees.unitId, unit.id)).all();
}

function lastAudit() {
  return db().select().from(auditLog).orderBy(desc(auditLog.id)).limit(1).get()!;
}

describe("teams", () => {
  it("creates a cross-department team with lead, members and projects, audited", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const [lead] = employeesOf("Bürgeramt");
    const [it1] = employeesOf("Fachbereich IT");
    const [sw] = employeesOf("Stadtwerke Musterstadt GmbH");
    const project = projectId("Chatbot für Bürgeranfragen");
    const res = await callAction(newRoute.action, "/teams/neu", {
      caller: cdo,
      form: {
        name: "Projektteam Chatbot",
        kind: "projectTeam",
        description: "Bringt den Chatbot in den Regelbetrieb.",
        projectIds: [String(project)],
        leadEmployeeId: String(lead.id),
        memberEmployeeIds: [String(it1.id), String(sw.id), String(lead.id)],
      },
    });
    expect(res.status).toBe(302);
    const team = teamByName("Projektteam Chatbot")!;
    expect(res.headers.get("Location")).toBe(`/teams/${team.id}?hinweis=angelegt`);
    const members = db().select().from(teamMembers).where(eq(teamMembers.teamId, team.id)).all();
    expect(members.map((m) => [m.employeeId, m.teamRole]).sort()).toEqual(
      [
        [lead.id, "lead"],
        [it1.id, "member"],
        [sw.id, "member"],
      ].sort(),
    );
    expect(db().select().from(teamProjects).where(eq(teamProjects.teamId, team.id)).all().map((p) => p.projectId)).toEqual([project]);
    expect(lastAudit()).toMatchObject({ entity: "team", entityId: String(team.id), action: "create" });

    const page = await (await callLoader(teamRoute.loader, `/teams/${team.id}`, { caller: cdo, params: { teamId: String(team.id) } })).json();
    expect(page.team.unitCount).toBe(3);
    expect(page.team.members[0].roleLabel).toBe("Leitung");
  });

  it("validates input in German and saves nothing", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const count = db().select().from(teams).all().length;
    const missing = await callAction(newRoute.action, "/teams/neu", { caller: cdo, form: { name: "X", kind: "gibtsnicht" } });
    expect(missing.status).toBe(400);
    const body = await missing.json();
    expect(body.error.name).toEqual(["Der Name muss mindestens 3 Zeichen lang sein."]);
    expect(body.error.kind).toEqual(["Bitte wählen Sie die Art des Teams."]);
    const duplicate = await callAction(newRoute.action, "/teams/neu", { caller: cdo, form: { name: "projektteam e-akte", kind: "taskForce" } });
    expect(duplicate.status).toBe(400);
    expect((await duplicate.json()).error.name).toEqual(["Es gibt bereits ein Team mit diesem Namen."]);
    // a Kleinhausen employee and project cannot be put into a Musterstadt team
    const foreignEmployee = employeesOf("Hauptverwaltung", "Kleinhausen")[0];
    const foreignProject = projectId("Kleinhausen: EfA-Leistungen übernehmen");
    const foreign = await callAction(newRoute.action, "/teams/neu", {
      caller: cdo,
      form: { name: "Gemischtes Team", kind: "workingGroup", memberEmployeeIds: [String(foreignEmployee.id)], projectIds: [String(foreignProject)] },
    });
    expect(foreign.status).toBe(400);
    const errors = (await foreign.json()).error;
    expect(errors.memberEmployeeIds).toEqual(["Mindestens eine gewählte Person gibt es in dieser Kommune nicht."]);
    expect(errors.projectIds).toEqual(["Mindestens ein gewähltes Projekt gibt es nicht."]);
    expect(db().select().from(teams).all()).toHaveLength(count);
  });

  it("edits a team with optimistic locking", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const team = teamByName("Task Force Informationssicherheit")!;
    const params = { teamId: String(team.id) };
    const extra = projectId("Digitale Rechnungsbearbeitung");
    const keep = projectId("Informationssicherheit nach BSI-Grundschutz");
    const ok = await callAction(editRoute.action, `/teams/${team.id}/bearbeiten`, {
      caller: cdo,
      params,
      form: { name: "Task Force IT-Sicherheit", kind: "taskForce", description: "Neu", projectIds: [String(keep), String(extra)], version: String(team.version) },
    });
    expect(ok.status).toBe(302);
    const updated = teamByName("Task Force IT-Sicherheit")!;
    expect(updated.version).toBe(team.version + 1);
    expect(db().select().from(teamProjects).where(eq(teamProjects.teamId, team.id)).all().map((p) => p.projectId).sort()).toEqual([keep, extra].sort());
    expect(JSON.parse(lastAudit().changes).changes).toMatchObject({ name: { from: "Task Force Informationssicherheit", to: "Task Force IT-Sicherheit" } });

    const stale = await callAction(editRoute.action, `/teams/${team.id}/bearbeiten`, {
      caller: cdo,
      params,
      form: { name: "Überschrieben", kind: "taskForce", version: String(team.version) },
    });
    expect(stale.status).toBe(409);
    expect((await stale.json()).error[""][0]).toMatch(/inzwischen von jemand anderem geändert/);
    expect(teamByName("Task Force IT-Sicherheit")).toEqual(updated);
  });

  it("adds and removes members, refusing duplicates and stale versions", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const team = teamByName("Arbeitsgruppe Smart City")!;
    const params = { teamId: String(team.id) };
    const pilot = employeesOf("Sozialamt").at(-1)!;
    const add = await callAction(teamRoute.action, `/teams/${team.id}`, {
      caller: cdo,
      params,
      form: { intent: "addMember", employeeId: String(pilot.id), teamRole: "digitalPilot", version: String(team.version) },
    });
    expect(add.status).toBe(302);
    const member = db().select().from(teamMembers).where(and(eq(teamMembers.teamId, team.id), eq(teamMembers.employeeId, pilot.id))).get()!;
    expect(member.teamRole).toBe("digitalPilot");
    expect(lastAudit()).toMatchObject({ entity: "team", action: "add_member" });

    const again = await callAction(teamRoute.action, `/teams/${team.id}`, {
      caller: cdo,
      params,
      form: { intent: "addMember", employeeId: String(pilot.id), teamRole: "member", version: String(team.version + 1) },
    });
    expect(again.status).toBe(400);
    expect((await again.json()).error.employeeId).toEqual(["Diese Person ist bereits Mitglied des Teams."]);

    const stale = await callAction(teamRoute.action, `/teams/${team.id}`, {
      caller: cdo,
      params,
      form: { intent: "removeMember", memberId: String(member.id), version: String(team.version) },
    });
    expect(stale.status).toBe(409);
    const removed = await callAction(teamRoute.action, `/teams/${team.id}`, {
      caller: cdo,
      params,
      form: { intent: "removeMember", memberId: String(member.id), version: String(team.version + 1) },
    });
    expect(removed.status).toBe(302);
    expect(db().select().from(teamMembers).where(eq(teamMembers.id, member.id)).get()).toBeUndefined();
    expect(lastAudit()).toMatchObject({ entity: "team", action: "remove_member" });
  });

  it("deletes a team with its memberships but keeps the projects", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const team = teamByName("Projektteam E-Akte")!;
    const res = await callAction(teamRoute.action, `/teams/${team.id}`, {
      caller: cdo,
      params: { teamId: String(team.id) },
      form: { intent: "deleteTeam", version: String(team.version) },
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/teams?hinweis=geloescht");
    expect(teamByName("Projektteam E-Akte")).toBeUndefined();
    expect(db().select().from(teamMembers).where(eq(teamMembers.teamId, team.id)).all()).toEqual([]);
    expect(projectId("E-Akte Einführung")).toBeGreaterThan(0);
    expect(lastAudit()).toMatchObject({ entity: "team", action: "delete" });
  });

  it("lets staff and the council see teams but not change them", async () => {
    const team = teamByName("Digitallotsen-Netzwerk Musterstadt")!;
    for (const email of ["mitarbeiter@musterstadt.example", "rat@musterstadt.example"]) {
      const caller = await signIn(email);
      const list = await (await callLoader(listRoute.loader, "/teams", { caller })).json();
      expect(list.canEdit).toBe(false);
      expect(list.teams.some((t: { name: string }) => t.name === team.name)).toBe(true);
      const page = await callLoader(teamRoute.loader, `/teams/${team.id}`, { caller, params: { teamId: String(team.id) } });
      expect(page.status).toBe(200);
      expect((await page.json()).team.members.every((m: { teamRole: string }) => ["lead", "digitalPilot"].includes(m.teamRole))).toBe(true);
      expect((await callLoader(newRoute.loader, "/teams/neu", { caller })).status).toBe(403);
      expect((await callLoader(editRoute.loader, `/teams/${team.id}/bearbeiten`, { caller, params: { teamId: String(team.id) } })).status).toBe(403);
      const denied = await callAction(teamRoute.action, `/teams/${team.id}`, {
        caller,
        params: { teamId: String(team.id) },
        form: { intent: "deleteTeam", version: String(team.version) },
      });
      expect(denied.status).toBe(403);
    }
    expect(teamByName(team.name)).toBeDefined();
  });

  it("answers 404 for another Kommune's team on every route", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const foreign = teamByName("Arbeitsgruppe Online-Dienste Kleinhausen")!;
    const params = { teamId: String(foreign.id) };
    expect((await callLoader(teamRoute.loader, `/teams/${foreign.id}`, { caller: cdo, params })).status).toBe(404);
    expect((await callLoader(editRoute.loader, `/teams/${foreign.id}/bearbeiten`, { caller: cdo, params })).status).toBe(404);
    const edit = await callAction(editRoute.action, `/teams/${foreign.id}/bearbeiten`, {
      caller: cdo,
      params,
      form: { name: "Gekapert", kind: "taskForce", version: String(foreign.version) },
    });
    expect(edit.status).toBe(404);
    const forms: Record<string, string>[] = [
      { intent: "addMember", employeeId: String(employeesOf("Bürgeramt")[0].id), teamRole: "member", version: String(foreign.version) },
      { intent: "removeMember", memberId: String(db().select().from(teamMembers).where(eq(teamMembers.teamId, foreign.id)).get()!.id), version: String(foreign.version) },
      { intent: "deleteTeam", version: String(foreign.version) },
    ];
    for (const form of forms) {
      expect((await callAction(teamRoute.action, `/teams/${foreign.id}`, { caller: cdo, params, form })).status).toBe(404);
    }
    expect(teamByName(foreign.name)).toEqual(foreign);
    expect(db().select().from(teamMembers).where(eq(teamMembers.teamId, foreign.id)).all()).toHaveLength(3);
    const list = await (await callLoader(listRoute.loader, "/teams", { caller: cdo })).json();
    expect(list.teams.some((t: { name: string }) => t.name === foreign.name)).toBe(false);
  });
});

describe("cooperation view", () => {
  it("shows the silo indicator, the unit matrix and the pairs of the caller's Kommune only", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const body = await (await callLoader(cooperationRoute.loader, "/teams/zusammenarbeit", { caller: cdo })).json();
    expect(body.silo.projectCount).toBeGreaterThan(10);
    expect(body.silo.share).toBeCloseTo(body.silo.crossUnitCount / body.silo.projectCount, 10);
    expect(body.matrix).toHaveLength(body.units.length);
    for (let i = 0; i < body.units.length; i++) {
      for (let j = 0; j < body.units.length; j++) expect(body.matrix[i][j]).toBe(body.matrix[j][i]);
    }
    const pair = body.pairs.find((p: { unitA: string; unitB: string }) => [p.unitA, p.unitB].includes("Stadtwerke Musterstadt GmbH") && [p.unitA, p.unitB].includes("Bauamt"));
    expect(pair.projects.map((p: { title: string }) => p.title)).toContain("Smart Parking Innenstadt");
    expect(JSON.stringify(body)).not.toContain("Kleinhausen");
  });
});
