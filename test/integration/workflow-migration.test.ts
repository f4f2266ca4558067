import { and, desc, eq, gt } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, workflowDeadlines, workflowInstances, workflowTasks } from "../../db/schema";
import { getDb, transaction } from "~/utils/db.server";
import { ConflictError, ValidationError } from "~/utils/errors";
import {
  type MigrationInput,
  STALE_PREVIEW_MESSAGE,
  fireTransition,
  getWorkflow,
  migrateInstances,
  previewMigration,
  startWorkflow,
} from "~/workflow/index.server";
import { TEST_DEFINITION, TEST_SUBJECT, callerFor, deployTestDefinition, municipalityId, putItem } from "../support/workflow-fixtures";

const cdo = () => callerFor("cdo@musterstadt.example");
const admin = () => callerFor("admin@fahrplan.example");
const finance = () => callerFor("kaemmerei@musterstadt.example");
const kleinCdo = () => callerFor("cdo@kleinhausen.example", "Kleinhausen");
const db = () => getDb();
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** Version 2: "review" becomes "check", keeps its task and deadline and gains one of each. */
function version2() {
  const v2 = structuredClone(TEST_DEFINITION) as typeof TEST_DEFINITION & { states: { tasks?: unknown[]; deadlines?: unknown[] }[] };
  v2.states[1] = {
    name: "check",
    label: "Kontrolle",
    kind: "active",
    tasks: [
      { title: "Betrag prüfen", assigneeRole: "finance", dueInDays: 3 },
      { title: "Unterlagen sichten", assigneeRole: "cdo", dueInDays: 5 },
    ],
    deadlines: [
      { key: "decision", label: "Entscheidungsfrist", from: { field: "dueDate" }, remindDaysBefore: 5, assigneeRole: "cdo" },
      { key: "escalation", label: "Eskalation", from: { enteredState: true }, addDays: 10, remindDaysBefore: 2, assigneeRole: "cdo" },
    ],
  } as never;
  v2.transitions = v2.transitions.map((t) => ({ ...t, from: t.from.map((f) => (f === "review" ? "check" : f)), to: t.to === "review" ? "check" : t.to }));
  return v2;
}

/** Version 3: "check" without tasks and deadlines. */
function version3() {
  const v3 = version2();
  v3.states[1] = { ...v3.states[1], tasks: [], deadlines: [] } as never;
  return v3;
}

const ids = { review: 0, draft: 0, approved: 0 };
const M = () => municipalityId("Musterstadt");

function start(subjectId: number, data: Record<string, unknown>) {
  putItem(M(), subjectId, data);
  return transaction((tx) => startWorkflow(tx, cdo(), { definitionKey: "testProcess", subjectType: TEST_SUBJECT, subjectId }));
}

function fire(caller: ReturnType<typeof cdo>, instanceId: number, transition: string) {
  const version = db().select().from(workflowInstances).where(eq(workflowInstances.id, instanceId)).get()!.version;
  return transaction((tx) => fireTransition(tx, caller, { instanceId, transition, expectedVersion: version }));
}

function instance(id: number) {
  return db().select().from(workflowInstances).where(eq(workflowInstances.id, id)).get()!;
}

function openTasks(instanceId: number) {
  return db()
    .select()
    .from(workflowTasks)
    .where(and(eq(workflowTasks.instanceId, instanceId), eq(workflowTasks.status, "open")))
    .orderBy(workflowTasks.id)
    .all();
}

function deadlines(instanceId: number) {
  return db().select().from(workflowDeadlines).where(eq(workflowDeadlines.instanceId, instanceId)).orderBy(workflowDeadlines.id).all();
}

function lastAuditId(): number {
  return db().select({ id: auditLog.id }).from(auditLog).orderBy(desc(auditLog.id)).limit(1).get()?.id ?? 0;
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error("expected an error");
}

const input = (mapping: Record<string, string>, fromVersion = 1, toVersion = 2): MigrationInput => ({ definitionKey: "testProcess", fromVersion, toVersion, mapping });
const confirm = (caller: ReturnType<typeof cdo>, i: MigrationInput, fingerprint: string) => transaction((tx) => migrateInstances(tx, caller, { ...i, fingerprint }));

beforeAll(() => {
  deployTestDefinition(cdo());
  ids.review = start(7001, { amountCents: 1_000, dueDate: inDays(40) }).id;
  fire(cdo(), ids.review, "submit");
  ids.draft = start(7002, { amountCents: 1_000 }).id;
  ids.approved = start(7003, { amountCents: 1_000 }).id;
  fire(cdo(), ids.approved, "submit");
  fire(finance(), ids.approved, "approve");
  deployTestDefinition(cdo(), version2());
});

describe("migration preview", () => {
  it("names every running instance with its old and new state and what happens to its tasks and deadlines, changing nothing", () => {
    const before = { audit: lastAuditId(), version: instance(ids.review).version, tasks: openTasks(ids.review) };
    const preview = previewMigration(db(), cdo(), input({ draft: "draft", review: "check" }));
    expect(preview.problems).toEqual([]);
    expect(preview.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(preview.moves).toEqual([
      { fromState: "review", fromLabel: "Prüfung", toState: "check", toLabel: "Kontrolle", count: 1 },
      { fromState: "draft", fromLabel: "Entwurf", toState: "draft", toLabel: "Entwurf", count: 1 },
    ]);
    // The finished instance stays where it is.
    expect(preview.items.map((i) => i.instanceId)).toEqual([ids.review, ids.draft]);
    const review = preview.items[0];
    expect(review).toMatchObject({ subjectTitle: "Testvorgang 7001", subjectUrl: "/test/7001", fromLabel: "Prüfung", toLabel: "Kontrolle" });
    expect(review.tasks).toEqual({
      close: [],
      keep: [{ title: "Betrag prüfen: Testvorgang 7001", assignee: "alle mit der Rolle „Kämmerei“" }],
      open: [{ title: "Unterlagen sichten: Testvorgang 7001", assignee: "alle mit der Rolle „CDO / Digitalverantwortliche“" }],
    });
    expect(review.deadlines).toEqual({
      end: [],
      keep: [{ label: "Entscheidungsfrist: Testvorgang 7001", dueDate: inDays(40), previousDueDate: null }],
      start: [{ label: "Eskalation: Testvorgang 7001", dueDate: inDays(10), previousDueDate: null }],
    });
    expect(preview.items[1].tasks).toEqual({ close: [], keep: [], open: [] });

    expect(lastAuditId()).toBe(before.audit);
    expect(instance(ids.review).version).toBe(before.version);
    expect(openTasks(ids.review)).toEqual(before.tasks);
  });

  it("lists unmapped states as problems and refuses to migrate them, in German", () => {
    const preview = previewMigration(db(), cdo(), input({ draft: "draft" }));
    expect(preview.problems).toEqual(["Für den Status „Prüfung“ (1 laufende Vorgänge) ist keine Zuordnung angegeben."]);
    expect(preview.items.find((i) => i.instanceId === ids.review)).toMatchObject({ toState: null, toLabel: null });
    const error = thrown(() => confirm(cdo(), input({ draft: "draft" }), preview.fingerprint));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors.mapping).toEqual(preview.problems);

    const wrong = previewMigration(db(), cdo(), input({ draft: "draft", review: "nirgendwo" }));
    expect(wrong.problems).toEqual(["Der Zielstatus „nirgendwo“ für „Prüfung“ existiert in Version 2 nicht."]);
    expect(instance(ids.review).definitionVersion).toBe(1);
  });

  it("is only for roles that may migrate, and only within the caller's Kommune", () => {
    for (const fn of [() => previewMigration(db(), finance(), input({})), () => confirm(finance(), input({}), "0".repeat(64))]) {
      const e = thrown(fn);
      expect(e).toBeInstanceOf(Response);
      expect((e as Response).status).toBe(403);
    }
    const foreign = thrown(() => previewMigration(db(), kleinCdo(), input({ draft: "draft", review: "check" })));
    expect(foreign).toBeInstanceOf(ValidationError);
    expect((foreign as ValidationError).fieldErrors.fromVersion).toEqual(["Die Version 1 gibt es nicht."]);
  });
});

describe("confirming a migration", () => {
  const mapping = { draft: "draft", review: "check" };

  it("refuses a stale fingerprint when an instance moved on since the preview, migrating nothing", () => {
    const preview = previewMigration(db(), cdo(), input(mapping));
    const audit = lastAuditId();
    fire(cdo(), ids.draft, "submit");
    try {
      const error = thrown(() => confirm(cdo(), input(mapping), preview.fingerprint));
      expect(error).toBeInstanceOf(ConflictError);
      expect((error as Error).message).toBe(STALE_PREVIEW_MESSAGE);
      expect((error as Error).message).toMatch(/^Die Vorschau ist nicht mehr aktuell/);
      expect([instance(ids.review).definitionVersion, instance(ids.draft).definitionVersion]).toEqual([1, 1]);
      // Only the transition was audited, no migration.
      expect(db().select().from(auditLog).where(and(gt(auditLog.id, audit), eq(auditLog.action, "migrate"))).all()).toEqual([]);
    } finally {
      fire(finance(), ids.draft, "rework");
    }
  });

  it("refuses a fingerprint of another mapping", () => {
    const preview = previewMigration(db(), cdo(), input({ draft: "check", review: "check" }));
    const error = thrown(() => confirm(cdo(), input(mapping), preview.fingerprint));
    expect(error).toBeInstanceOf(ConflictError);
    expect(instance(ids.review).definitionVersion).toBe(1);
  });

  it("refuses a fingerprint taken before a newer version of the definition was deployed", () => {
    const preview = previewMigration(db(), cdo(), input(mapping));
    deployTestDefinition(cdo(), version3());
    const error = thrown(() => confirm(cdo(), input(mapping), preview.fingerprint));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toBe(STALE_PREVIEW_MESSAGE);
    expect(instance(ids.review).definitionVersion).toBe(1);
  });

  it("does exactly what the fresh preview showed, with history and audit entries", () => {
    const keptTask = openTasks(ids.review).find((t) => t.title === "Betrag prüfen: Testvorgang 7001")!;
    const keptDeadline = deadlines(ids.review).find((d) => d.key === "state:review:decision")!;
    expect(keptTask).toBeDefined();
    expect(keptDeadline).toBeDefined();
    const preview = previewMigration(db(), cdo(), input(mapping));
    const audit = lastAuditId();
    expect(confirm(cdo(), input(mapping), preview.fingerprint)).toEqual({ migrated: 2 });

    expect(instance(ids.review)).toMatchObject({ definitionVersion: 2, state: "check" });
    expect(instance(ids.draft)).toMatchObject({ definitionVersion: 2, state: "draft" });
    expect(instance(ids.approved)).toMatchObject({ definitionVersion: 1, state: "approved" });
    const view = getWorkflow(db(), cdo(), TEST_SUBJECT, 7001)!;
    expect(view.history.at(-1)).toMatchObject({ kind: "migration", fromState: "review", toState: "check", transitionLabel: "Migration von Version 1 auf 2" });

    // The task both versions have stays the same row; the new one is created once.
    expect(openTasks(ids.review).map((t) => [t.id === keptTask.id, t.title, t.assigneeRole])).toEqual([
      [true, "Betrag prüfen: Testvorgang 7001", "finance"],
      [false, "Unterlagen sichten: Testvorgang 7001", "cdo"],
    ]);
    const rows = deadlines(ids.review);
    expect(rows.find((d) => d.id === keptDeadline.id)).toMatchObject({ key: "state:check:decision", status: "open", dueDate: inDays(40) });
    expect(rows.find((d) => d.key === "state:check:escalation")).toMatchObject({ status: "open", dueDate: inDays(10) });

    const entries = db().select().from(auditLog).where(gt(auditLog.id, audit)).orderBy(auditLog.id).all();
    expect(entries.map((e) => [e.entity, e.entityId, e.action])).toEqual([
      ["workflowInstance", String(ids.review), "migrate"],
      ["workflowInstance", String(ids.draft), "migrate"],
      ["workflowDefinition", "testProcess", "migrate"],
    ]);
    const first = JSON.parse(entries[0].changes!);
    expect(first).toMatchObject({
      changes: { definitionVersion: { from: 1, to: 2 }, state: { from: "review", to: "check" } },
      details: { tasksClosed: 0, tasksKept: 1, tasksOpened: 1, deadlinesEnded: 0, deadlinesKept: 1, deadlinesStarted: 1 },
      parent: { entity: TEST_SUBJECT, id: 7001 },
    });
    expect(JSON.parse(entries[2].changes!).details).toMatchObject({ instances: [ids.review, ids.draft], fingerprint: preview.fingerprint });

    // Nothing left to migrate on version 1.
    expect(previewMigration(db(), cdo(), input(mapping)).items).toEqual([]);
  });

  it("closes the tasks and ends the deadlines the new state no longer has", () => {
    const i = input({ draft: "draft", check: "check" }, 2, 3);
    const preview = previewMigration(db(), admin(), i);
    const item = preview.items.find((x) => x.instanceId === ids.review)!;
    expect(item.tasks.close.map((t) => t.title)).toEqual(["Betrag prüfen: Testvorgang 7001", "Unterlagen sichten: Testvorgang 7001"]);
    expect(item.tasks.open).toEqual([]);
    expect(item.deadlines.end.map((d) => d.label)).toEqual(["Entscheidungsfrist: Testvorgang 7001", "Eskalation: Testvorgang 7001"]);
    confirm(admin(), i, preview.fingerprint);
    expect(openTasks(ids.review)).toEqual([]);
    const closed = db().select().from(workflowTasks).where(and(eq(workflowTasks.instanceId, ids.review), eq(workflowTasks.title, "Betrag prüfen: Testvorgang 7001"))).get()!;
    expect(closed).toMatchObject({ status: "done", completedBy: admin().actor.userId });
    expect(deadlines(ids.review).filter((d) => d.key.startsWith("state:check:")).map((d) => d.status)).toEqual(["done", "done"]);
    expect(instance(ids.review)).toMatchObject({ definitionVersion: 3, state: "check" });
  });
});
