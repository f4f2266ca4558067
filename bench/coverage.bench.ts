/**
 * Training coverage at Land scale on a temporary SQLite file: demo data, `seed:scale` with 400
 * Kommunen (the trainings step writes ~200,000 attendance records), plus one large Kommune with
 * 5,000 employees and ~60,000 attendance records.
 * - coverage.seed_trainings_ms: the trainings step of the scale seed
 * - coverage.attendance_records: registrations written by that step
 * - coverage.median_ms / coverage.p95_ms: the /schulungen page loader (coverage per unit, chart,
 *   sessions) for the 5,000-employee Kommune, signed in as its CDO, in steady state (the chart SVG
 *   is kept per figures, so after the warm-up only the coverage query and the lists run)
 * - coverage.first_load_ms: the first page load, chart rendered
 * - coverage.query_median_ms: the coverage query alone for that Kommune
 * - coverage.all_municipalities_ms: coverage of every Kommune in one query (median)
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fahrplan-coverage-bench-"));
process.env.DATABASE_PATH = path.join(dir, "bench.db");
process.env.DISABLE_JOBS = "true";
process.env.SESSION_SECRET = "bench-secret";

(await import("../app/areas/registrations.server")).registerAll();
const { closeDb, getDb, getSqlite, runMigrations } = await import("../app/utils/db.server");
const { hashPassword } = await import("../app/areas/auth/password.server");
const { seedDemo } = await import("../db/seed/demo");
const { DEMO_PASSWORD } = await import("../db/seed/organisation");
const { seedScale } = await import("../db/seed/scale");
const { rng } = await import("../db/seed/names");
const { seedTrainingsScale, MAX_CAPACITY } = await import("../db/seed/trainings-scale");
const { unitCoverage, coverageOfAllMunicipalities } = await import("../app/areas/trainings/coverage.server");
const { startSession } = await import("../app/utils/session.server");
const overview = await import("../app/routes/_app.schulungen._index");

const ITERATIONS = 30;
const LARGE_EMPLOYEES = 5_000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))];
}

/** A Stadt with 5,000 employees in 40 units and a CDO login. */
function createLargeMunicipality(passwordHash: string) {
  const sqlite = getSqlite();
  const random = rng(5000);
  return sqlite.transaction(() => {
    const id = Number(sqlite.prepare("INSERT INTO municipalities (name, slug, kind, population) VALUES ('Großstadt (Bench)', 'grossstadt-bench', 'stadt', 310000)").run().lastInsertRowid);
    const unitIds: number[] = [];
    for (let u = 0; u < 40; u++) unitIds.push(Number(sqlite.prepare("INSERT INTO units (municipality_id, kind, name) VALUES (?, 'department', ?)").run(id, `Fachbereich ${u + 1}`).lastInsertRowid));
    const insertEmployee = sqlite.prepare("INSERT INTO employees (municipality_id, unit_id, personnel_number, first_name, last_name, is_supervisor) VALUES (?, ?, ?, ?, ?, ?)");
    const employeeIds: number[] = [];
    for (let e = 0; e < LARGE_EMPLOYEES; e++) {
      employeeIds.push(Number(insertEmployee.run(id, unitIds[Math.floor(random() * unitIds.length)], String(100000 + e), "Vorname", `Nachname ${e}`, e < 40 ? 1 : 0).lastInsertRowid));
    }
    const userId = Number(sqlite.prepare("INSERT INTO users (email, name, password_hash) VALUES ('cdo@grossstadt-bench.example', 'CDO Großstadt', ?)").run(passwordHash).lastInsertRowid);
    sqlite.prepare("INSERT INTO memberships (user_id, municipality_id, role, employee_id) VALUES (?, ?, 'cdo', ?)").run(userId, id, employeeIds[0]);
    return { id, name: "Großstadt (Bench)", slug: "grossstadt-bench", kind: "stadt" as const, population: 310000, unitIds, employeeIds, userIds: [userId], roleUserIds: { admin: userId, cdo: userId, finance: userId, projectLead: userId }, userId };
  })();
}

try {
  const db = getDb();
  runMigrations(db);
  await seedDemo(db);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  let trainingsMs = 0;
  const ctx = seedScale(db, {
    municipalities: 400,
    passwordHash,
    onPhase: (name, ms) => {
      if (name === "trainings") trainingsMs = ms;
    },
  });
  const records = (getSqlite().prepare("SELECT COUNT(*) AS n FROM training_registrations").get() as { n: number }).n;
  console.log(`coverage.seed_trainings_ms: ${trainingsMs} ms`);
  console.log(`coverage.attendance_records: ${records} count`);

  const large = createLargeMunicipality(passwordHash);
  // ~12 training places per person over three years, in sessions of at most MAX_CAPACITY seats.
  const sessions = Math.ceil((LARGE_EMPLOYEES * 12) / MAX_CAPACITY);
  db.transaction((tx) => void seedTrainingsScale(tx as never, { ...ctx, random: rng(7) }, [large], sessions), { behavior: "immediate" });
  getSqlite().pragma("optimize");

  const tenant = { municipalityId: large.id };
  const queryTimes: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const t0 = performance.now();
    unitCoverage(tenant);
    queryTimes.push(performance.now() - t0);
  }

  const cookie = (await startSession(new Request("http://localhost/"), large.userId, large.id)).split(";")[0];
  const pageTimes: number[] = [];
  for (let i = 0; i < ITERATIONS + 3; i++) {
    const t0 = performance.now();
    const res = (await overview.loader({ request: new Request("http://localhost/schulungen", { headers: { Cookie: cookie } }), params: {}, context: {} })) as Response;
    if (res.status !== 200) throw new Error(`loader answered ${res.status}`);
    await res.text();
    if (i === 0) console.log(`coverage.first_load_ms: ${(performance.now() - t0).toFixed(2)} ms`);
    if (i >= 3) pageTimes.push(performance.now() - t0);
  }
  const check = unitCoverage(tenant);
  console.log(`coverage.large_municipality_employees: ${check.total.employees} count`);
  console.log(`coverage.large_municipality_coverage_bp: ${check.total.coverageBp} bp`);
  console.log(`coverage.median_ms: ${median(pageTimes).toFixed(2)} ms`);
  console.log(`coverage.p95_ms: ${p95(pageTimes).toFixed(2)} ms`);
  console.log(`coverage.query_median_ms: ${median(queryTimes).toFixed(2)} ms`);

  const allTimes: number[] = [];
  let count = 0;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    count = coverageOfAllMunicipalities().length;
    allTimes.push(performance.now() - t0);
  }
  console.log(`coverage.all_municipalities_count: ${count} count`);
  console.log(`coverage.all_municipalities_ms: ${median(allTimes).toFixed(2)} ms`);
} finally {
  closeDb();
  fs.rmSync(dir, { recursive: true, force: true });
}
