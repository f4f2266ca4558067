import { and, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { auditLog, workflowDeadlines, workflowHistory, workflowInstances, workflowNotifications, workflowTasks } from "../../db/schema";
import { getDb, transaction } from "~/utils/db.server";
import { ConflictError, ValidationError } from "~/utils/errors";
import {
  TransitionRefusedError,
  WorkflowNotFoundError,
  availableTransitions,
  fireTransition,
  getWorkflow,
  listDeadlines,
  migrateInstances,
  previewMigration,
  refreshWorkflow,
  registerEffect,
  scanDeadlines,
  scheduleDeadline,
  startWorkflow,
} from "~/workflow/index.server";
import { listMyTasks } from "~/workflow/tasks.server";
import { TEST_DEFINITION, TEST_SUBJECT, callerFor, deployTestDefinition, municipalityId, putItem } from "../support/workflow-fixtures";

const cdo = () => callerFor("cdo@musterstadt.example");
const finance = () => callerFor("kaemmerei@musterstadt.example");
const staff = () => callerFor("mitarbeiter@musterstadt.example");
const kleinCdo = () => callerFor("cdo@kleinhausen.example", "Kleinhausen");

let nextId = 1000;
function newItem(data: Record<string, unknown> = { amountCents: 5_000_000 }): number {
  const id = nextId++;
  putItem(municipalityId("Musterstadt"), id, data);
  return id;
}

function start(subjectId: number) {
  return transaction((tx) => startWorkflow(tx, cdo(), { definitionKey: "testProcess", subjectType: TEST_SUBJECT, subjectId }));
}

function fire(caller: ReturnType<typeof cdo>, instanceId: number, transition: string, expectedVersion: number, comment?: string) {
  return transaction((tx) => fireTransition(tx, caller, { instanceId, transition, expectedVersion, comment }));
}

function historyOf(instanceId: number) {
  return getDb().select().from(workflowHistory).where(eq(workflowHistory.instanceId, instanceId)).orderBy(workflowHistory.id).all();
}

function refusal(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof TransitionRefusedError) return e.reasons;
    throw e;
  }
  throw new Error("expected a refusal");
}

beforeAll(() => {
  deployTestDefinition(cdo());
});

describe("starting and firing", () => {
  it("starts on the Kommune's latest version with a start entry in the history and the audit log", () => {
    const id = newItem();
    const instance = start(id);
    expect(instance).toMatchObject({ state: "draft", version: 1, definitionKey: "testProcess", definitionVersion: 1 });
    expect(historyOf(instance.id)).toMatchObject([{ kind: "start", toState: "draft", instanceVersion: 1 }]);
    const audit = getDb().select().from(auditLog).orderBy(desc(auditLog.id)).limit(1).get()!;
    expect(audit).toMatchObject({ entity: "workflowInstance", entityId: String(instance.id), action: "start" });
  });

  it("fires a transition atomically with history, audit, tasks and deadlines", () => {
    const id = newItem({ amountCents: 5_000_000, dueDate: "2030-06-30" });
    const instance = start(id);
    const after = fire(cdo(), instance.id, "submit", 1, "Bitte prüfen");
    expect(after).toMatchObject({ state: "review", version: 2 });
    expect(historyOf(instance.id)[1]).toMatchObject({
      kind: "transition",
      transition: "submit",
      fromState: "draft",
      toState: "review",
      comment: "Bitte prüfen",
      actorUserId: cdo().actor.userId,
    });
    const audit = getDb().select().from(auditLog).orderBy(desc(auditLog.id)).limit(1).get()!;
    expect(audit.action).toBe("transition");
    expect(JSON.parse(audit.changes)).toMatchObject({ changes: { state: { from: "draft", to: "review" } } });
    const tasks = listMyTasks(getDb(), finance()).filter((t) => t.subjectId === id);
    expect(tasks).toMatchObject([{ title: `Betrag prüfen: Testvorgang ${id}`, assigneeRole: "finance" }]);
    expect(listDeadlines(getDb(), cdo(), { subjectType: TEST_SUBJECT, subjectId: id })).toMatchObject([
      { key: "state:review:decision", dueDate: "2030-06-30", remindDate: "2030-06-25", status: "open", assigneeRole: "cdo" },
    ]);
  });

  it("offers only the caller's transitions, with guard results, and the server checks again", () => {
    const id = newItem();
    const instance = start(id);
    fire(cdo(), instance.id, "submit", 1);
    const forCdo = availableTransitions(getDb(), cdo(), instance.id);
    expect(forCdo.map((t) => t.name)).toEqual(["approve", "reject", "rework"]);
    expect(forCdo[0]).toMatchObject({ allowed: false, reasons: [expect.stringMatching(/^Vier-Augen-Prinzip/)] });
    expect(availableTransitions(getDb(), finance(), instance.id).find((t) => t.name === "approve")?.allowed).toBe(true);
    expect(availableTransitions(getDb(), staff(), instance.id)).toEqual([]);

    expect(refusal(() => fire(cdo(), instance.id, "approve", 2))[0]).toMatch(/^Vier-Augen-Prinzip/);
    expect(refusal(() => fire(staff(), instance.id, "rework", 2))).toEqual([
      "Ihre Rolle „Mitarbeiter/in“ darf den Schritt „Zurück in den Entwurf“ nicht ausführen.",
    ]);
    expect(refusal(() => fire(finance(), instance.id, "submit", 2))).toEqual(["Der Schritt „Zur Prüfung geben“ ist im Status „Prüfung“ nicht möglich."]);
    expect(refusal(() => fire(finance(), instance.id, "reject", 2, "  "))).toEqual([
      "Bitte begründen Sie den Schritt „Ablehnen“ im Kommentarfeld.",
    ]);
    expect(refusal(() => fire(finance(), instance.id, "teleport", 2))).toEqual(["Den Schritt „teleport“ gibt es im Ablauf „Testablauf“ nicht."]);
    // Nothing changed by the refusals.
    expect(historyOf(instance.id)).toHaveLength(2);
    expect(getWorkflow(getDb(), cdo(), TEST_SUBJECT, id)?.version).toBe(2);

    const approved = fire(finance(), instance.id, "approve", 2);
    expect(approved.state).toBe("approved");
    // Leaving the state closed its tasks; the effect notified the project leads.
    const open = getDb()
      .select()
      .from(workflowTasks)
      .where(and(eq(workflowTasks.instanceId, instance.id), eq(workflowTasks.status, "open")))
      .all();
    expect(open).toEqual([]);
    const leadId = callerFor("projektleitung@musterstadt.example").actor.userId!;
    const notes = getDb().select().from(workflowNotifications).where(eq(workflowNotifications.userId, leadId)).all();
    expect(notes.some((n) => n.message === `Freigegeben: Testvorgang ${id}`)).toBe(true);
  });

  it("refuses an amount above the guard's limit with a German reason", () => {
    const id = newItem({ amountCents: 25_000_000 });
    const instance = start(id);
    fire(cdo(), instance.id, "submit", 1);
    const reasons = refusal(() => fire(finance(), instance.id, "approve", 2)).map((r) => r.replace(/\u00a0/g, " "));
    expect(reasons).toEqual(["Der Betrag (250.000,00 €) übersteigt die Grenze von 100.000,00 €."]);
  });

  it("answers a stale version with a German conflict message and changes nothing", () => {
    const id = newItem();
    const instance = start(id);
    fire(cdo(), instance.id, "submit", 1);
    let error: unknown;
    try {
      fire(finance(), instance.id, "rework", 1);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toMatch(/von jemand anderem weitergeführt \(aktueller Status: „Prüfung“\)/);
    expect(historyOf(instance.id)).toHaveLength(2);
  });

  it("rolls everything back when an effect fails", () => {
    registerEffect("failingEffect", {
      params: z.object({}),
      run: () => {
        throw new Error("effect failed");
      },
    });
    const caller = callerFor("admin@fahrplan.example");
    const def = structuredClone(TEST_DEFINITION);
    def.transitions[0] = { ...def.transitions[0], effects: [{ name: "failingEffect", params: {} }] } as never;
    const { version } = deployTestDefinition(caller, def);
    const id = newItem();
    const instance = start(id);
    expect(instance.definitionVersion).toBe(version);
    const auditCount = getDb().select().from(auditLog).all().length;
    expect(() => fire(cdo(), instance.id, "submit", 1)).toThrow("effect failed");
    expect(getWorkflow(getDb(), cdo(), TEST_SUBJECT, id)).toMatchObject({ state: "draft", version: 1 });
    expect(historyOf(instance.id)).toHaveLength(1);
    expect(getDb().select().from(auditLog).all().length).toBe(auditCount);
    expect(getDb().select().from(workflowTasks).where(eq(workflowTasks.instanceId, instance.id)).all()).toEqual([]);
    // Put the Kommune back on a sound version for the other tests.
    deployTestDefinition(caller);
  });
});

describe("tenant isolation", () => {
  it("never shows or changes another Kommune's instance", () => {
    const id = newItem();
    const instance = start(id);
    expect(getWorkflow(getDb(), kleinCdo(), TEST_SUBJECT, id)).toBeUndefined();
    expect(() => availableTransitions(getDb(), kleinCdo(), instance.id)).toThrow(WorkflowNotFoundError);
    expect(() => fire(kleinCdo(), instance.id, "submit", 1)).toThrow(WorkflowNotFoundError);
    expect(getWorkflow(getDb(), cdo(), TEST_SUBJECT, id)?.state).toBe("draft");
  });
});

describe("deadlines and the scheduler", () => {
  it("reminds once, then marks overdue once, and reschedules when the date changes", () => {
    const id = newItem({ amountCents: 1, dueDate: "2031-03-20" });
    const instance = start(id);
    fire(cdo(), instance.id, "submit", 1);
    const deadline = () => listDeadlines(getDb(), cdo(), { subjectType: TEST_SUBJECT, subjectId: id })[0];
    const tasksOf = (kind: "reminder" | "overdue") =>
      getDb().select().from(workflowTasks).where(and(eq(workflowTasks.deadlineId, deadline().id), eq(workflowTasks.kind, kind))).all();

    scanDeadlines(getDb(), "2031-03-10");
    expect(deadline().status).toBe("open");
    scanDeadlines(getDb(), "2031-03-16");
    scanDeadlines(getDb(), "2031-03-17");
    expect(deadline().status).toBe("due");
    expect(tasksOf("reminder")).toMatchObject([{ status: "open", title: `Frist bald fällig: Entscheidungsfrist: Testvorgang ${id}`, dueDate: "2031-03-20" }]);

    scanDeadlines(getDb(), "2031-03-21");
    scanDeadlines(getDb(), "2031-03-22");
    expect(deadline().status).toBe("overdue");
    expect(tasksOf("overdue")).toMatchObject([{ status: "open", assigneeRole: "cdo" }]);
    expect(tasksOf("reminder")).toMatchObject([{ status: "done" }]);

    putItem(municipalityId("Musterstadt"), id, { amountCents: 1, dueDate: "2031-05-31" });
    transaction((tx) => refreshWorkflow(tx, cdo(), instance.id));
    expect(deadline()).toMatchObject({ status: "open", dueDate: "2031-05-31" });
    expect(tasksOf("overdue")).toMatchObject([{ status: "done" }]);
  });

  it("catches up after downtime: a deadline that passed while down yields exactly one overdue task", () => {
    const tenant = cdo();
    transaction((tx) =>
      scheduleDeadline(tx, tenant, { subjectType: "report", subjectId: 77, key: "interim", label: "Zwischennachweis", dueDate: "2032-01-31", assigneeRole: "finance" }),
    );
    const first = scanDeadlines(getDb(), "2032-03-01");
    expect(first.overdue).toBeGreaterThanOrEqual(1);
    scanDeadlines(getDb(), "2032-03-01");
    scanDeadlines(getDb(), "2032-03-02");
    const rows = getDb().select().from(workflowTasks).where(and(eq(workflowTasks.subjectType, "report"), eq(workflowTasks.subjectId, 77))).all();
    expect(rows).toMatchObject([{ kind: "overdue", title: "Frist überschritten: Zwischennachweis", status: "open", assigneeRole: "finance" }]);
    expect(listMyTasks(getDb(), finance()).some((t) => t.id === rows[0].id)).toBe(true);
    expect(listMyTasks(getDb(), kleinCdo()).some((t) => t.id === rows[0].id)).toBe(false);
  });

  it("ends a state's deadlines when the instance leaves the state", () => {
    const id = newItem({ amountCents: 1, dueDate: "2033-01-10" });
    const instance = start(id);
    fire(cdo(), instance.id, "submit", 1);
    fire(finance(), instance.id, "rework", 2);
    const rows = getDb().select().from(workflowDeadlines).where(eq(workflowDeadlines.instanceId, instance.id)).all();
    expect(rows).toMatchObject([{ status: "done" }]);
  });
});

describe("versions and migration", () => {
  it("keeps instances on their version and migrates only with a complete state mapping", () => {
    const admin = callerFor("admin@fahrplan.example");
    const oldId = newItem();
    const old = start(oldId);
    fire(cdo(), old.id, "submit", 1);
    const oldVersion = old.definitionVersion;

    const v2 = structuredClone(TEST_DEFINITION);
    v2.states[1] = { ...v2.states[1], name: "check", label: "Kontrolle" };
    v2.transitions = v2.transitions.map((t) => ({ ...t, from: t.from.map((f) => (f === "review" ? "check" : f)), to: t.to === "review" ? "check" : t.to }));
    const { version } = deployTestDefinition(admin, v2);
    expect(getWorkflow(getDb(), cdo(), TEST_SUBJECT, oldId)?.definitionVersion).toBe(oldVersion);
    expect(start(newItem()).definitionVersion).toBe(version);

    let error: unknown;
    try {
      const input = { definitionKey: "testProcess", fromVersion: oldVersion, toVersion: version, mapping: { draft: "draft" } };
      transaction((tx) => migrateInstances(tx, admin, { ...input, fingerprint: previewMigration(getDb(), admin, input).fingerprint }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors.mapping[0]).toMatch(/^Für den Status „Prüfung“ \(\d+ laufende Vorgänge\) ist keine Zuordnung angegeben\.$/);
    expect(getWorkflow(getDb(), cdo(), TEST_SUBJECT, oldId)?.definitionVersion).toBe(oldVersion);

    const input = { definitionKey: "testProcess", fromVersion: oldVersion, toVersion: version, mapping: { draft: "draft", review: "check" } };
    const result = transaction((tx) => migrateInstances(tx, admin, { ...input, fingerprint: previewMigration(getDb(), admin, input).fingerprint }));
    expect(result.migrated).toBeGreaterThanOrEqual(1);
    const view = getWorkflow(getDb(), cdo(), TEST_SUBJECT, oldId)!;
    expect(view).toMatchObject({ definitionVersion: version, state: "check", stateLabel: "Kontrolle", version: 3 });
    expect(view.history.at(-1)).toMatchObject({ kind: "migration", fromState: "review", toState: "check" });
    // The migrated instance carries on under the new version's rules.
    expect(fire(finance(), old.id, "rework", 3).state).toBe("draft");
    const rows = getDb().select().from(workflowInstances).where(eq(workflowInstances.id, old.id)).all();
    expect(rows[0].definitionVersion).toBe(version);
  });
});
