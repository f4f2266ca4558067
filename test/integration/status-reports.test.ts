import { and, eq, isNotNull, notInArray } from "drizzle-orm";
import { addMonthsIso } from "~/utils/calendar";
import { afterAll, describe, expect, it } from "vitest";
import { auditLog, employees, memberships, projects, workflowTasks } from "../../db/schema";
import type { Role } from "../../db/schema/org";
import { latestStatusReport, remindDueStatusReports, setStatusRhythm, statusRhythm, submitStatusReport } from "~/areas/projects/status-reports.server";
import { loadStatusReportData } from "~/reports/data/agenda.server";
import type { AppContext } from "~/utils/context.server";
import { getDb } from "~/utils/db.server";
import { ValidationError } from "~/utils/errors";
import { can } from "~/utils/permissions";
import { municipalityId } from "../support/foundation";
import * as previewRoute from "~/routes/_app.berichte.vorschau";
import { stopRenderWorker } from "~/reports/worker.server";
import { pdfTools } from "../support/pdf-tools";
import { callLoader, signIn } from "../support/requests";

const M = () => municipalityId("Musterstadt");
const project = (title: string) => getDb().select().from(projects).where(and(eq(projects.municipalityId, M()), eq(projects.title, title))).get()!;

function callerFor(userId: number, role: Role, employeeId: number | null): AppContext {
  return {
    sessionId: "t",
    user: { id: userId, email: `u${userId}@example`, name: "Test", isPlatformAdmin: false },
    actor: { userId, label: "Petra Projektleitung" },
    municipalityId: M(),
    municipality: { id: M(), name: "Musterstadt", kind: "stadt" },
    role,
    employeeId,
    municipalities: [],
    can: (p) => can(role, p),
  };
}

const openStatusTasks = (projectId: number) =>
  getDb().select().from(workflowTasks).where(and(eq(workflowTasks.municipalityId, M()), eq(workflowTasks.subjectType, "project"), eq(workflowTasks.subjectId, projectId), eq(workflowTasks.status, "open"))).all().filter((t) => t.title.startsWith("Statusbericht fällig"));

describe("project status reports on a rhythm", () => {
  it("gives the project lead (the person) a task when a report is due, once; the lead's report completes it and is audited", () => {
    const db = getDb();
    const p = project("Digitaler Bauantrag");
    const leadMembership = db.select().from(memberships).where(and(eq(memberships.municipalityId, M()), eq(memberships.employeeId, p.projectLeadEmployeeId!))).get()!;
    expect(statusRhythm(db, { municipalityId: M() })).toBe(1);
    const today = addMonthsIso(p.createdAt.slice(0, 10), 2);
    expect(remindDueStatusReports(db, { municipalityId: M() }, today)).toBeGreaterThan(0);
    const tasks = openStatusTasks(p.id);
    expect(tasks.length).toBe(1);
    expect(tasks[0]!.assigneeUserId).toBe(leadMembership.userId);
    expect(tasks[0]!.assigneeRole).toBeNull();
    expect(remindDueStatusReports(db, { municipalityId: M() }, today)).toBe(0);

    const lead = callerFor(leadMembership.userId, "projectLead", p.projectLeadEmployeeId);
    const id = submitStatusReport(lead, p.id, { light: "yellow", progress: "Schnittstelle zum Fachverfahren getestet.", nextSteps: "Pilot im Bauamt", needs: "Freigabe der Haushaltsmittel" }, today);
    expect(openStatusTasks(p.id).length).toBe(0);
    const latest = latestStatusReport(db, { municipalityId: M() }, p.id)!;
    expect(latest).toMatchObject({ id, light: "yellow", reportedOn: today, authorUserId: leadMembership.userId, authorName: "Petra Projektleitung" });
    const audit = db.select().from(auditLog).where(and(eq(auditLog.entity, "statusReport"), eq(auditLog.entityId, String(id)))).get()!;
    expect(audit.action).toBe("create");
    // Reported today: nothing due for this project until one rhythm later.
    remindDueStatusReports(db, { municipalityId: M() }, today);
    expect(openStatusTasks(p.id).length).toBe(0);
    remindDueStatusReports(db, { municipalityId: M() }, addMonthsIso(today, 1));
    expect(openStatusTasks(p.id).length).toBe(1);

    // The Statusbericht for the council carries the latest report.
    const data = loadStatusReportData(db, { municipalityId: M() }, { generatedAt: `${today}T10:00:00Z`, generatedBy: "Test", today });
    expect(data.projectStatus.find((r) => r.title === p.title)).toMatchObject({ light: "Gelb: gefährdet", progress: "Schnittstelle zum Fachverfahren getestet.", needs: "Freigabe der Haushaltsmittel" });
  });

  it("gives the task to the CDO role when the project has no lead with a login, and to the lead's person once one has", () => {
    const db = getDb();
    const t = { municipalityId: M() };
    const p = project("Wohngeld online");
    const originalLead = p.projectLeadEmployeeId;
    const today = addMonthsIso(p.createdAt.slice(0, 10), 2);
    db.update(workflowTasks).set({ status: "done" }).where(and(eq(workflowTasks.subjectType, "project"), eq(workflowTasks.subjectId, p.id))).run();
    try {
      // No lead at all: the CDO role (not a person, not every project lead) gets the task.
      db.update(projects).set({ projectLeadEmployeeId: null }).where(eq(projects.id, p.id)).run();
      remindDueStatusReports(db, t, today);
      let tasks = openStatusTasks(p.id);
      expect(tasks.length).toBe(1);
      expect(tasks[0]).toMatchObject({ assigneeRole: "cdo", assigneeUserId: null, title: "Statusbericht fällig: Wohngeld online" });
      // Still once per project.
      expect(remindDueStatusReports(db, t, today)).toBe(0);
      db.update(workflowTasks).set({ status: "done" }).where(eq(workflowTasks.id, tasks[0]!.id)).run();

      // A lead who is an employee without a login: the CDO role as well.
      const withoutLogin = db.select().from(employees).where(and(eq(employees.municipalityId, M()), notInArray(employees.id, db.select({ id: memberships.employeeId }).from(memberships).where(isNotNull(memberships.employeeId))))).get()!;
      db.update(projects).set({ projectLeadEmployeeId: withoutLogin.id }).where(eq(projects.id, p.id)).run();
      remindDueStatusReports(db, t, today);
      tasks = openStatusTasks(p.id);
      expect(tasks.length).toBe(1);
      expect(tasks[0]).toMatchObject({ assigneeRole: "cdo", assigneeUserId: null });
      db.update(workflowTasks).set({ status: "done" }).where(eq(workflowTasks.id, tasks[0]!.id)).run();

      // A lead with a login: the person, not the role.
      const withLogin = project("Digitaler Bauantrag").projectLeadEmployeeId!;
      db.update(projects).set({ projectLeadEmployeeId: withLogin }).where(eq(projects.id, p.id)).run();
      const leadUser = db.select().from(memberships).where(and(eq(memberships.municipalityId, M()), eq(memberships.employeeId, withLogin))).get()!;
      remindDueStatusReports(db, t, today);
      tasks = openStatusTasks(p.id);
      expect(tasks.length).toBe(1);
      expect(tasks[0]).toMatchObject({ assigneeRole: null, assigneeUserId: leadUser.userId });
    } finally {
      db.update(projects).set({ projectLeadEmployeeId: originalLead }).where(eq(projects.id, p.id)).run();
      db.update(workflowTasks).set({ status: "done" }).where(and(eq(workflowTasks.subjectType, "project"), eq(workflowTasks.subjectId, p.id))).run();
    }
  });

  it("refuses a project lead's report on a foreign project and a rhythm out of range; the CDO sets the rhythm", () => {
    const db = getDb();
    const own = project("Digitaler Bauantrag");
    const foreign = project("Wohngeld online");
    const lead = callerFor(1, "projectLead", own.projectLeadEmployeeId);
    let status = 0;
    try {
      submitStatusReport(lead, foreign.id, { light: "green", progress: "x", nextSteps: "", needs: "" });
    } catch (e) {
      status = (e as Response).status;
    }
    expect(status).toBe(403);
    expect(latestStatusReport(db, { municipalityId: M() }, foreign.id)).toBeNull();
    const cdo = callerFor(1, "cdo", null);
    expect(() => setStatusRhythm(cdo, 13)).toThrow(ValidationError);
    setStatusRhythm(cdo, 3);
    expect(statusRhythm(db, { municipalityId: M() })).toBe(3);
    setStatusRhythm(cdo, 1);
  });
});

describe("the Statusbericht PDF", () => {
  afterAll(() => stopRenderWorker());
  it("lists the latest status report of each project", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const res = await callLoader(previewRoute.loader, "/berichte/vorschau?typ=statusbericht", { caller: cdo });
    expect(res.status).toBe(200);
    const pdf = pdfTools(Buffer.from(await res.arrayBuffer()));
    try {
      const text = pdf.text(false).replace(/\s+/g, " ");
      expect(text).toContain("7. Letzte Statusberichte der Projekte");
      expect(text).toMatch(/Digitaler Bauantrag – Gelb: gefährdet \(\d\d\.\d\d\.\d{4}, Petra Projektleitung\)/);
      expect(text).toContain("Freigabe der Haushaltsmittel");
    } finally {
      pdf.cleanup();
    }
  });
});
