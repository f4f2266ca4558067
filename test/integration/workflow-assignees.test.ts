import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { memberships, projects, users, workflowDeadlines, workflowInstances, workflowTasks } from "../../db/schema";
import * as tasksRoute from "~/routes/_app.aufgaben";
import { getDb, transaction } from "~/utils/db.server";
import { addDeputy } from "~/workflow/deputies.server";
import { fireTransition, refreshSubjectWorkflow, scanDeadlines } from "~/workflow/index.server";
import { registryLookup } from "~/workflow/definitions.server";
import type { TaskListItem } from "~/workflow/task-list.server";
import { validateDefinition } from "~/workflow/validate";
import { BUILT_IN_DEFINITIONS } from "~/workflow/definitions";
import { callAction, callLoader, signIn } from "../support/requests";
import { callerFor } from "../support/workflow-fixtures";

const db = () => getDb();
const LEAD = "projektleitung@musterstadt.example";
const CDO = "cdo@musterstadt.example";

async function tasksOf(email: string): Promise<TaskListItem[]> {
  const res = await callLoader(tasksRoute.loader, "/aufgaben", { caller: await signIn(email) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { tasks: TaskListItem[] }).tasks;
}

function userId(email: string): number {
  return db().select().from(users).where(eq(users.email, email)).get()!.id;
}

function employeeOf(email: string): number {
  return db().select().from(memberships).where(eq(memberships.userId, userId(email))).get()!.employeeId!;
}

function project(title: string) {
  return db().select().from(projects).where(eq(projects.title, title)).get()!;
}

function instanceOf(projectId: number) {
  return db()
    .select()
    .from(workflowInstances)
    .where(and(eq(workflowInstances.subjectType, "project"), eq(workflowInstances.subjectId, projectId)))
    .get()!;
}

function deadlineOf(projectId: number) {
  return db()
    .select()
    .from(workflowDeadlines)
    .where(and(eq(workflowDeadlines.subjectType, "project"), eq(workflowDeadlines.subjectId, projectId), eq(workflowDeadlines.key, "state:inProgress:plannedEnd")))
    .get();
}

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** Dates set, lead set, then the project goes idea → assessment → planned → inProgress (as the CDO). */
function startImplementation(title: string, leadEmployeeId: number | null) {
  const p = project(title);
  db().update(projects).set({ startDate: inDays(-60), endDate: inDays(5), projectLeadEmployeeId: leadEmployeeId }).where(eq(projects.id, p.id)).run();
  const cdo = callerFor(CDO);
  const path = { idea: "submitForAssessment", assessment: "approvePlan", planned: "startImplementation" } as Record<string, string>;
  for (let i = 0; i < 4 && instanceOf(p.id).state !== "inProgress"; i++) {
    const instance = instanceOf(p.id);
    const transition = path[instance.state];
    if (!transition) throw new Error(`project ${title} is in ${instance.state}`);
    transaction((tx) => fireTransition(tx, cdo, { instanceId: instance.id, transition, expectedVersion: instance.version }));
  }
  return p.id;
}

const reminderOf = (list: TaskListItem[], title: string) => list.find((t) => t.title === `Frist bald fällig: Geplantes Projektende: ${title}`);

describe("deadlines that name a subject role", () => {
  it("remind the project's lead of the planned end, not every CDO", async () => {
    const title = "Radverkehrszählung mit Sensoren";
    const id = startImplementation(title, employeeOf(LEAD));
    expect(deadlineOf(id)).toMatchObject({ assigneeUserId: userId(LEAD), assigneeRole: null, status: "open" });
    scanDeadlines(db());
    const row = reminderOf(await tasksOf(LEAD), title);
    expect(row).toMatchObject({ personal: true, deputyFor: null, link: `/projekte/${id}` });
    expect(reminderOf(await tasksOf(CDO), title)).toBeUndefined();
  });

  it("fall back to the CDO role only while the project has no lead with an account", async () => {
    const title = "Open-Data-Portal";
    const id = startImplementation(title, null);
    expect(deadlineOf(id)).toMatchObject({ assigneeUserId: null, assigneeRole: "cdo" });
    scanDeadlines(db());
    expect(reminderOf(await tasksOf(CDO), title)).toMatchObject({ personal: false, assigneeRole: "cdo" });
    expect(reminderOf(await tasksOf(LEAD), title)).toBeUndefined();

    // A lead is named: the deadline and the reminder already issued move to that person.
    db().update(projects).set({ projectLeadEmployeeId: employeeOf(LEAD) }).where(eq(projects.id, id)).run();
    transaction((tx) => refreshSubjectWorkflow(tx, callerFor(CDO), "project", id));
    expect(deadlineOf(id)).toMatchObject({ assigneeUserId: userId(LEAD), assigneeRole: null, status: "due" });
    expect(reminderOf(await tasksOf(LEAD), title)).toMatchObject({ personal: true });
    expect(reminderOf(await tasksOf(CDO), title)).toBeUndefined();
    // Moving is not reminding again: still one reminder task for this deadline.
    scanDeadlines(db());
    expect(db().select().from(workflowTasks).where(eq(workflowTasks.deadlineId, deadlineOf(id)!.id)).all()).toHaveLength(1);
  });

  it("reach the deputy of an absent lead, who can complete the reminder", async () => {
    const title = "Chatbot für Bürgeranfragen";
    const id = startImplementation(title, employeeOf(LEAD));
    scanDeadlines(db());
    const lead = callerFor(LEAD);
    transaction((tx) => addDeputy(tx, lead, { deputyUserId: userId(CDO), fromDate: inDays(-1), untilDate: inDays(10) }));
    const row = reminderOf(await tasksOf(CDO), title);
    expect(row?.deputyFor).toBe(db().select().from(users).where(eq(users.id, userId(LEAD))).get()!.name);
    expect(row?.personal).toBe(true);

    const done = await callAction(tasksRoute.action, "/aufgaben", {
      caller: await signIn(CDO),
      form: { intent: "complete", tasks: row!.tasks.map((t) => `${t.id}:${t.version}`).join(",") },
    });
    expect(done.status).toBe(200);
    expect(db().select().from(workflowTasks).where(eq(workflowTasks.id, row!.tasks[0].id)).get()!.status).toBe("done");
    expect(reminderOf(await tasksOf(LEAD), title)).toBeUndefined();
    expect(deadlineOf(id)?.assigneeUserId).toBe(userId(LEAD));
  });

  it("go to the role when the named lead's login is deactivated (nobody would see them)", async () => {
    const title = "Tablet-Ausleihe Stadtbibliothek";
    const leadUser = userId(LEAD);
    db().update(users).set({ active: false }).where(eq(users.id, leadUser)).run();
    try {
      const id = startImplementation(title, employeeOf(LEAD));
      expect(deadlineOf(id)).toMatchObject({ assigneeUserId: null, assigneeRole: "cdo" });
      const planTask = db()
        .select()
        .from(workflowTasks)
        .where(and(eq(workflowTasks.subjectId, id), eq(workflowTasks.subjectType, "project"), eq(workflowTasks.title, `Umsetzung vorbereiten: ${title}`)))
        .get();
      expect(planTask).toMatchObject({ assigneeUserId: null, assigneeRole: "cdo" });
    } finally {
      db().update(users).set({ active: true }).where(eq(users.id, leadUser)).run();
    }
  });
});

describe("validation of subject roles on deadlines", () => {
  it("refuses a deadline naming a subject role the subject does not have, in German", () => {
    const def = structuredClone(BUILT_IN_DEFINITIONS.find((d) => d.key === "project")!);
    def.states.find((s) => s.name === "inProgress")!.deadlines[0].assignee = { subjectRole: "mayor" };
    const result = validateDefinition(def, registryLookup);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([
      "Die Frist „Geplantes Projektende“ im Status „inProgress“ nennt die unbekannte Rolle am Gegenstand „mayor“ (bekannt: projectLead).",
    ]);
  });
});
