/**
 * CSV import of projects on a temporary, demo-seeded SQLite file (Musterstadt, as its CDO):
 * - projects_import.create_1000_ms: 1,000 new rows (each project starts its workflow)
 * - projects_import.update_1000_ms: re-import of the export of those 1,000 projects (version-checked updates)
 * - projects_import.create_ms_per_row: the create figure per row
 * - *_cpu_ms: the same runs in CPU time of the process (wall time suffers when other processes load the machine)
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fahrplan-import-bench-"));
process.env.DATABASE_PATH = path.join(dir, "bench.db");
process.env.DISABLE_JOBS = "true";

const { eq } = await import("drizzle-orm");
const { closeDb, getDb, runMigrations } = await import("../app/utils/db.server");
const { seedDemo } = await import("../db/seed/demo");
const { importProjectsCsv, exportProjectsCsv } = await import("../app/areas/projects/csv.server");
const { projectsToCsv } = await import("../app/areas/projects/csv");
const { parseProjectListQuery } = await import("../app/areas/projects/projects");
const { todayIso } = await import("../app/utils/format");
const { fieldsOfAction, units, users, projects } = await import("../db/schema");

const ROWS = 1000;

/** CPU time of this process since `start`: steadier than wall time on a shared, busy machine. */
function cpuMs(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

try {
  const db = getDb();
  runMigrations(db);
  const org = await seedDemo(db);
  const municipalityId = org.musterstadt.id;
  const cdo = db.select({ id: users.id, name: users.name }).from(users).where(eq(users.email, "cdo@musterstadt.example")).get()!;
  const editor = { municipalityId, actor: { userId: cdo.id, label: cdo.name }, role: "cdo" as const };
  const field = db.select({ name: fieldsOfAction.name }).from(fieldsOfAction).where(eq(fieldsOfAction.municipalityId, municipalityId)).get()!.name;
  const unitNames = db.select({ name: units.name }).from(units).where(eq(units.municipalityId, municipalityId)).all().map((u) => u.name);
  const rows = Array.from({ length: ROWS }, (_, i) => ({
    id: 0,
    version: 0,
    title: `Importprojekt ${i + 1}`,
    description: "Aus der Benchmark-Datei",
    fieldOfAction: field,
    leadUnit: unitNames[i % unitNames.length],
    involvedUnits: [unitNames[(i + 1) % unitNames.length]],
    projectLeadEmail: null,
    startDate: "2027-01-01",
    endDate: "2027-12-31",
    budgetPlannedCents: 1_000_000 + i,
    budgetSpentCents: 0,
    ozgRelevant: i % 2 === 0,
    efaReuse: false,
    goals: [],
    status: "",
  }));
  // A template without IDs: blank the ID and Version cells of the generated file.
  const createCsv = projectsToCsv(rows)
    .split("\r\n")
    .map((line, i) => (i === 0 || !line ? line : line.replace(/^0;0;/, ";;").replace(/^0;/, ";")))
    .join("\r\n");
  let t0 = performance.now();
  let c0 = process.cpuUsage();
  const created = importProjectsCsv(editor, createCsv, "bench.csv");
  const createMs = performance.now() - t0;
  const createCpuMs = cpuMs(c0);
  if (!created.ok || created.created !== ROWS) throw new Error(`create import failed: ${JSON.stringify(created).slice(0, 500)}`);

  const { csv } = exportProjectsCsv(db, editor, parseProjectListQuery(new URLSearchParams("q=Importprojekt")), todayIso());
  t0 = performance.now();
  c0 = process.cpuUsage();
  const updated = importProjectsCsv(editor, csv.replaceAll("Aus der Benchmark-Datei", "Geändert"), "bench-export.csv");
  const updateMs = performance.now() - t0;
  const updateCpuMs = cpuMs(c0);
  if (!updated.ok || updated.updated !== ROWS) throw new Error(`update import failed: ${JSON.stringify(updated).slice(0, 500)}`);
  const changed = db.select({ id: projects.id }).from(projects).where(eq(projects.description, "Geändert")).all().length;
  if (changed !== ROWS) throw new Error(`expected ${ROWS} updated projects, found ${changed}`);

  const { verifyAuditLog } = await import("../app/utils/audit-verify.cli");
  const chain = verifyAuditLog();
  if (chain.problems.length) throw new Error(`audit chain broken: ${JSON.stringify(chain.problems.slice(0, 3))}`);

  console.log(`projects_import.create_1000_ms: ${createMs.toFixed(0)} ms`);
  console.log(`projects_import.create_ms_per_row: ${(createMs / ROWS).toFixed(2)} ms`);
  console.log(`projects_import.create_1000_cpu_ms: ${createCpuMs.toFixed(0)} ms`);
  console.log(`projects_import.update_1000_ms: ${updateMs.toFixed(0)} ms`);
  console.log(`projects_import.update_1000_cpu_ms: ${updateCpuMs.toFixed(0)} ms`);
} finally {
  closeDb();
  fs.rmSync(dir, { recursive: true, force: true });
}
