/**
 * Workflow engine benchmark on a temporary SQLite file (single process, WAL as in production):
 * - workflow.transitions_per_s: transitions fired one per transaction, each with guard check,
 *   history entry, hash-chained audit entry, state tasks and state deadlines.
 * - workflow.deadline_scan_ms: the scheduler's scan over 100,000 open deadlines (1 % of them due
 *   or overdue, so the scan also creates 1,000 reminder/overdue tasks).
 * - workflow.deadline_rescan_ms: the next scan over the same deadlines, with nothing new to do.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fahrplan-wf-bench-"));
process.env.DATABASE_PATH = path.join(dir, "bench.db");
process.env.DISABLE_JOBS = "true";

const { closeDb, getDb, runMigrations, transaction } = await import("../app/utils/db.server");
(await import("../app/areas/registrations.server")).registerAll();
const { municipalities, users, memberships } = await import("../db/schema");
const { fireTransition, registerSubject, scanDeadlines, startWorkflow } = await import("../app/workflow/index.server");
const { deployDefinition } = await import("../app/workflow/definitions.server");
const { todayIso } = await import("../app/utils/format");
const { shiftDay } = await import("../app/utils/calendar");

const INSTANCES = 100;
const TRANSITIONS = 6_000;
const DEADLINES = 100_000;

try {
  runMigrations(getDb());
  const db = getDb();
  const m = db.insert(municipalities).values({ name: "Benchstadt", slug: "benchstadt", kind: "stadt" }).returning().get();
  const u = db.insert(users).values({ email: "bench@example.org", name: "Bench", passwordHash: "x" }).returning().get();
  db.insert(memberships).values({ userId: u.id, municipalityId: m.id, role: "cdo" }).run();
  const caller = { municipalityId: m.id, actor: { userId: u.id, label: u.email }, role: "cdo" as const };

  const dueDate = shiftDay(todayIso(), { days: 400 });
  registerSubject("benchItem", {
    label: "Benchmark-Vorgang",
    load: (_db, _tenant, id) => ({ title: `Vorgang ${id}`, url: `/bench/${id}`, data: { title: "x", dueDate } }),
  });
  const definition = {
    key: "benchProcess",
    name: "Benchmark-Ablauf",
    subjectType: "benchItem",
    states: [
      { name: "draft", label: "Entwurf", kind: "initial" },
      {
        name: "review",
        label: "Prüfung",
        kind: "active",
        tasks: [{ title: "Prüfen", assigneeRole: "finance", dueInDays: 5 }],
        deadlines: [{ key: "decision", label: "Entscheidung", from: { field: "dueDate" }, remindDaysBefore: 7, assigneeRole: "cdo" }],
      },
      { name: "done", label: "Erledigt", kind: "final" },
    ],
    transitions: [
      { name: "submit", label: "Einreichen", from: ["draft"], to: "review", roles: ["cdo"], guards: [{ name: "fieldsPresent", params: { fields: ["title"] } }] },
      { name: "rework", label: "Überarbeiten", from: ["review"], to: "draft", roles: ["cdo"] },
      { name: "finish", label: "Abschließen", from: ["review"], to: "done", roles: ["cdo"] },
    ],
  };
  transaction((tx) => deployDefinition(tx, caller, JSON.stringify(definition)));
  const instances = Array.from({ length: INSTANCES }, (_, i) =>
    transaction((tx) => startWorkflow(tx, caller, { definitionKey: "benchProcess", subjectType: "benchItem", subjectId: i + 1 })),
  ).map((inst) => ({ id: inst.id, version: inst.version, state: inst.state }));

  // Warm-up, then measure: alternate submit/rework round-robin over the instances.
  const fireNext = (k: number) => {
    const inst = instances[k % INSTANCES];
    const transition = inst.state === "draft" ? "submit" : "rework";
    const next = transaction((tx) => fireTransition(tx, caller, { instanceId: inst.id, transition, expectedVersion: inst.version }));
    inst.version = next.version;
    inst.state = next.state;
  };
  for (let k = 0; k < 200; k++) fireNext(k);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  for (let k = 0; k < TRANSITIONS; k++) fireNext(k);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  console.log(`workflow.transitions_per_s: ${Math.round(TRANSITIONS / seconds)} 1/s`);
  // CPU time of this process only: tells the engine's cost apart from a busy machine.
  console.log(`workflow.transitions_per_cpu_s: ${Math.round(TRANSITIONS / ((cpu.user + cpu.system) / 1e6))} 1/s`);

  // 100,000 open deadlines spread over three years; 500 already past, 500 inside their reminder window.
  const today = todayIso();
  transaction((tx) =>
    tx.run(sql`
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${DEADLINES})
      INSERT INTO workflow_deadlines (municipality_id, subject_type, subject_id, key, label, due_date, remind_date, assignee_role, status)
      SELECT ${m.id}, 'benchDeadline', i, 'renewal', 'Auffrischung ' || i,
             CASE WHEN i <= 500 THEN date(${today}, '-3 days')
                  WHEN i <= 1000 THEN date(${today}, '+3 days')
                  ELSE date(${today}, '+' || (30 + i % 1000) || ' days') END,
             CASE WHEN i <= 500 THEN date(${today}, '-10 days')
                  WHEN i <= 1000 THEN date(${today}, '-4 days')
                  ELSE date(${today}, '+' || (16 + i % 1000) || ' days') END,
             'finance', 'open'
      FROM n`),
  );
  getDb().run(sql`ANALYZE`);
  const s0 = performance.now();
  const first = scanDeadlines(getDb(), today);
  const scanMs = performance.now() - s0;
  const s1 = performance.now();
  const second = scanDeadlines(getDb(), today);
  const rescanMs = performance.now() - s1;
  if (first.reminded < 500 || first.overdue < 500 || second.reminded + second.overdue !== 0) {
    throw new Error(`unexpected scan results ${JSON.stringify({ first, second })}`);
  }
  console.log(`workflow.deadline_scan_ms: ${scanMs.toFixed(1)} ms`);
  console.log(`workflow.deadline_rescan_ms: ${rescanMs.toFixed(1)} ms`);
} finally {
  closeDb();
  fs.rmSync(dir, { recursive: true, force: true });
}
