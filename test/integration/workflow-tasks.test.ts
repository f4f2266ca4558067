import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { drawdowns, employees, memberships, projects, users, workflowInstances, workflowTasks } from "../../db/schema";
import { listCriteria, saveAssessment } from "~/areas/assessment/assessment.server";
import * as tasksRoute from "~/routes/_app.aufgaben";
import * as deputyRoute from "~/routes/_app.aufgaben_.vertretung";
import { getDb, transaction } from "~/utils/db.server";
import { createTask, fireTransition, scanDeadlines, scheduleDeadline } from "~/workflow/index.server";
import type { TaskListItem } from "~/workflow/task-list.server";
import { callAction, callLoader, signIn } from "../support/requests";
import { callerFor, municipalityId } from "../support/workflow-fixtures";

const db = () => getDb();

async function tasksOf(email: string, kommune?: string): Promise<TaskListItem[]> {
  const res = await callLoader(tasksRoute.loader, "/aufgaben", { caller: await signIn(email, kommune) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { tasks: TaskListItem[] }).tasks;
}

function userId(email: string): number {
  return db().select().from(users).where(eq(users.email, email)).get()!.id;
}

function employeeOf(email: string): number {
  return db().select().from(memberships).where(eq(memberships.userId, userId(email))).get()!.employeeId!;
}

/** An employee of Musterstadt without a login. */
function employeeWithoutLogin(skip = 0): { id: number; name: string } {
  const withLogin = new Set(db().select().from(memberships).all().map((m) => m.employeeId));
  const e = db()
    .select()
    .from(employees)
    .where(eq(employees.municipalityId, municipalityId("Musterstadt")))
    .all()
    .filter((x) => !withLogin.has(x.id))[skip];
  return { id: e.id, name: `${e.firstName} ${e.lastName}` };
}

function instanceOf(projectId: number) {
  return db()
    .select()
    .from(workflowInstances)
    .where(and(eq(workflowInstances.subjectType, "project"), eq(workflowInstances.subjectId, projectId)))
    .get()!;
}

function project(title: string) {
  return db().select().from(projects).where(eq(projects.title, title)).get()!;
}

/** Moves a project from "idea" to "planned" (as the CDO). */
function plan(projectId: number) {
  const cdo = callerFor("cdo@musterstadt.example");
  for (const transition of ["submitForAssessment", "approvePlan"]) {
    const instance = instanceOf(projectId);
    transaction((tx) => fireTransition(tx, cdo, { instanceId: instance.id, transition, expectedVersion: instance.version }));
  }
}

const titles = (list: TaskListItem[]) => list.map((t) => t.title);

describe("tasks go to the subject's person", () => {
  it("gives 'Umsetzung vorbereiten' to the project's lead, to the CDO when the lead has no login, never to every project lead", async () => {
    const led = project("Radverkehrszählung mit Sensoren");
    const orphan = project("Open-Data-Portal");
    db().update(projects).set({ projectLeadEmployeeId: employeeOf("projektleitung@musterstadt.example") }).where(eq(projects.id, led.id)).run();
    db().update(projects).set({ projectLeadEmployeeId: employeeWithoutLogin().id }).where(eq(projects.id, orphan.id)).run();
    plan(led.id);
    plan(orphan.id);

    const lead = await tasksOf("projektleitung@musterstadt.example");
    expect(titles(lead)).toContain("Umsetzung vorbereiten: Radverkehrszählung mit Sensoren");
    // Every project task the project-lead account sees is one of a project it leads.
    const projectTasks = db().select().from(workflowTasks).where(eq(workflowTasks.subjectType, "project")).all();
    const leadTaskIds = new Set(lead.flatMap((t) => t.tasks.map((x) => x.id)));
    const seen = projectTasks.filter((t) => leadTaskIds.has(t.id));
    expect(seen.length).toBeGreaterThan(0);
    for (const t of seen) expect(project(t.title.split(": ")[1]).projectLeadEmployeeId).toBe(employeeOf("projektleitung@musterstadt.example"));
    expect(titles(lead)).not.toContain("Umsetzung vorbereiten: Open-Data-Portal");
    expect(lead.find((t) => t.title.endsWith("Radverkehrszählung mit Sensoren"))?.personal).toBe(true);

    expect(titles(await tasksOf("cdo@musterstadt.example"))).toContain("Umsetzung vorbereiten: Open-Data-Portal");
  });

  it("moves the open task to the new lead when the project's lead changes", async () => {
    const p = project("Chatbot für Bürgeranfragen");
    plan(p.id);
    expect(titles(await tasksOf("projektleitung@musterstadt.example"))).not.toContain("Umsetzung vorbereiten: Chatbot für Bürgeranfragen");
    db().update(projects).set({ projectLeadEmployeeId: employeeOf("projektleitung@musterstadt.example") }).where(eq(projects.id, p.id)).run();
    const { refreshSubjectWorkflow } = await import("~/workflow/index.server");
    transaction((tx) => refreshSubjectWorkflow(tx, callerFor("cdo@musterstadt.example"), "project", p.id));
    expect(titles(await tasksOf("projektleitung@musterstadt.example"))).toContain("Umsetzung vorbereiten: Chatbot für Bürgeranfragen");
    expect(titles(await tasksOf("cdo@musterstadt.example"))).not.toContain("Umsetzung vorbereiten: Chatbot für Bürgeranfragen");
  });
});

describe("a task closes itself when its work is done", () => {
  it("'Projekt bewerten' disappears once the project was rated", async () => {
    const p = project("Tablet-Ausleihe Stadtbibliothek");
    expect(titles(await tasksOf("cdo@musterstadt.example"))).toContain("Projekt bewerten: Tablet-Ausleihe Stadtbibliothek");
    const cdo = callerFor("cdo@musterstadt.example");
    const scores = listCriteria(db(), cdo, { activeOnly: true }).map((c) => ({ criterionId: c.id, score: 3, comment: "" }));
    expect(scores.length).toBeGreaterThan(0);
    transaction((tx) => saveAssessment(tx, cdo, p.id, 0, scores));
    expect(titles(await tasksOf("cdo@musterstadt.example"))).not.toContain("Projekt bewerten: Tablet-Ausleihe Stadtbibliothek");
    expect(instanceOf(p.id).state).toBe("assessment");
  });

  it("projects rated in the demo data have no open 'Projekt bewerten'", async () => {
    const cdoTitles = titles(await tasksOf("cdo@musterstadt.example"));
    expect(cdoTitles).not.toContain("Projekt bewerten: Digitale Rechnungsbearbeitung");
    expect(cdoTitles).toContain("Projekt bewerten: Rechenzentrumskooperation mit dem Landkreis");
  });
});

describe("Kämmerei", () => {
  it("gets the drawdown whose payment is not recorded, until it is recorded", async () => {
    const open = db().select().from(drawdowns).all().filter((d) => d.receivedOn === null && d.cancelledOn === null);
    expect(open.length).toBeGreaterThan(0);
    const finance = await tasksOf("kaemmerei@musterstadt.example");
    const drawdownTasks = finance.filter((t) => t.title.startsWith("Zahlungseingang zum Mittelabruf"));
    expect(drawdownTasks).toHaveLength(open.length);
    expect(drawdownTasks[0].link).toMatch(/^\/foerderung\/antraege\/\d+$/);
    expect(titles(await tasksOf("cdo@musterstadt.example")).some((t) => t.startsWith("Zahlungseingang zum Mittelabruf"))).toBe(false);

    db().update(drawdowns).set({ receivedOn: "2026-11-20", receivedCents: open[0].requestedCents }).where(eq(drawdowns.id, open[0].id)).run();
    expect((await tasksOf("kaemmerei@musterstadt.example")).filter((t) => t.title.startsWith("Zahlungseingang zum Mittelabruf"))).toHaveLength(open.length - 1);
  });

  it("gets tasks addressed to its role, e.g. 'Eigenanteil bestätigen'", async () => {
    const t = transaction((tx) =>
      createTask(tx, { municipalityId: municipalityId("Musterstadt") }, { title: "Haushaltsmittel bestätigen", assigneeRole: "finance", link: "/foerderung" }),
    );
    const finance = await tasksOf("kaemmerei@musterstadt.example");
    expect(finance.some((x) => x.tasks.some((y) => y.id === t))).toBe(true);
    expect((await tasksOf("projektleitung@musterstadt.example")).some((x) => x.tasks.some((y) => y.id === t))).toBe(false);
  });
});

describe("Vertretung", () => {
  it("shows the absent person's own tasks to the deputy while the Vertretung lasts, marked, and lets the deputy complete them", async () => {
    const m = { municipalityId: municipalityId("Musterstadt") };
    const taskId = transaction((tx) => createTask(tx, m, { title: "Stellungnahme an den Rat schreiben", assigneeUserId: userId("cdo@musterstadt.example") }));
    const finance = () => tasksOf("kaemmerei@musterstadt.example");
    expect((await finance()).some((t) => t.tasks.some((x) => x.id === taskId))).toBe(false);

    const cdo = await signIn("cdo@musterstadt.example");
    const future = await callAction(deputyRoute.action, "/aufgaben/vertretung", {
      caller: cdo,
      form: { intent: "add", deputyUserId: String(userId("kaemmerei@musterstadt.example")), fromDate: "2099-01-01" },
    });
    expect(future.status).toBe(302);
    expect((await finance()).some((t) => t.tasks.some((x) => x.id === taskId))).toBe(false);

    const bad = await callAction(deputyRoute.action, "/aufgaben/vertretung", {
      caller: cdo,
      form: { intent: "add", deputyUserId: String(userId("kaemmerei@musterstadt.example")), fromDate: "2026-01-10", untilDate: "2026-01-01" },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("Das Ende darf nicht vor dem Beginn liegen.");

    const now = await callAction(deputyRoute.action, "/aufgaben/vertretung", {
      caller: cdo,
      form: { intent: "add", deputyUserId: String(userId("kaemmerei@musterstadt.example")), fromDate: "2020-01-01" },
    });
    expect(now.status).toBe(302);
    const row = (await finance()).find((t) => t.tasks.some((x) => x.id === taskId));
    expect(row?.deputyFor).toBe(db().select().from(users).where(eq(users.email, "cdo@musterstadt.example")).get()!.name);

    const done = await callAction(tasksRoute.action, "/aufgaben", {
      caller: await signIn("kaemmerei@musterstadt.example"),
      form: { intent: "complete", tasks: `${taskId}:${row!.tasks[0].version}` },
    });
    expect(done.status).toBe(200);
    expect(db().select().from(workflowTasks).where(eq(workflowTasks.id, taskId)).get()!.status).toBe("done");
  });
});

describe("Roll-in-Service", () => {
  it("sees the tasks of its assigned Kommunen (with the Kommune) and none of other Kommunen", async () => {
    const klein = { municipalityId: municipalityId("Kleinhausen") };
    const muster = { municipalityId: municipalityId("Musterstadt") };
    transaction((tx) => createTask(tx, klein, { title: "Förderaufruf sichten", assigneeRole: "cdo", link: "/foerderung" }));
    transaction((tx) => createTask(tx, muster, { title: "Ratsvorlage Musterstadt", assigneeRole: "cdo", link: "/projekte" }));
    const rollin = await tasksOf("rollin@landesdienst.example");
    const row = rollin.find((t) => t.title === "Förderaufruf sichten");
    expect(row?.municipalityName).toBe("Kleinhausen");
    expect(titles(rollin)).not.toContain("Ratsvorlage Musterstadt");
    const assigned = new Set(["Kleinhausen", "Eichenbrück", "Wiesengrund"]);
    expect(rollin.length).toBeGreaterThan(0);
    for (const t of rollin) expect(assigned.has(t.municipalityName)).toBe(true);
  });
});

describe("reminders", () => {
  it("group the reminders of one rule into one task that lists and links the people", async () => {
    const m = { municipalityId: municipalityId("Musterstadt") };
    const people = [employeeWithoutLogin(1), employeeWithoutLogin(2), employeeWithoutLogin(3)];
    const due = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    transaction((tx) => {
      for (const p of people) {
        scheduleDeadline(tx, m, {
          subjectType: "employee",
          subjectId: p.id,
          key: "mandatory:test-rule",
          label: "Pflichtschulung „Brandschutz“ absolvieren",
          dueDate: due,
          remindDaysBefore: 30,
          assigneeRole: "cdo",
        });
      }
    });
    scanDeadlines(db());
    const rows = (await tasksOf("cdo@musterstadt.example")).filter((t) => t.title === "Frist bald fällig: Pflichtschulung „Brandschutz“ absolvieren");
    expect(rows).toHaveLength(1);
    expect(rows[0].tasks).toHaveLength(3);
    expect(rows[0].subjects.map((s) => s.title).sort()).toEqual(people.map((p) => p.name).sort());
    expect(rows[0].subjects.map((s) => s.url).sort()).toEqual(people.map((p) => `/beschaeftigte/${p.id}`).sort());

    const done = await callAction(tasksRoute.action, "/aufgaben", {
      caller: await signIn("cdo@musterstadt.example"),
      form: { intent: "complete", tasks: rows[0].tasks.map((t) => `${t.id}:${t.version}`).join(",") },
    });
    expect(done.status).toBe(200);
    expect((await tasksOf("cdo@musterstadt.example")).some((t) => t.title.includes("Brandschutz"))).toBe(false);
  });
});

describe("migration 0007", () => {
  it("closes stale 'Projekt bewerten' rows of rated projects and moves lead-less 'Umsetzung vorbereiten' to the CDO", async () => {
    const { getSqlite } = await import("~/utils/db.server");
    const fs = await import("node:fs");
    const m = { municipalityId: municipalityId("Musterstadt") };
    const rated = project("Digitale Rechnungsbearbeitung");
    const stale = transaction((tx) =>
      createTask(tx, m, { kind: "state", title: "Projekt bewerten: Digitale Rechnungsbearbeitung", assigneeRole: "cdo", subjectType: "project", subjectId: rated.id }),
    );
    const roleTask = transaction((tx) =>
      createTask(tx, m, { kind: "state", title: "Umsetzung vorbereiten: Gewerbeanmeldung digital", assigneeRole: "projectLead", subjectType: "project", subjectId: project("Gewerbeanmeldung digital").id }),
    );
    const sqlText = fs.readFileSync("db/migrations/0007_deputies.sql", "utf8").split("--> statement-breakpoint").filter((s) => /^\s*(--[^\n]*\n\s*)*UPDATE/.test(s));
    expect(sqlText).toHaveLength(2);
    for (const statement of sqlText) getSqlite().exec(statement);
    const row = (id: number) => db().select().from(workflowTasks).where(eq(workflowTasks.id, id)).get()!;
    expect(row(stale).status).toBe("done");
    expect(row(roleTask)).toMatchObject({ status: "open", assigneeRole: "cdo" });
  });
});
