/**
 * Project list at Land scale on a temporary SQLite file: 400 Kommunen × 50 projects (20,000), each
 * with 3 milestones, 1 risk, 1 involved unit and a workflow instance. Measures the data layer of one
 * Kommune's list page (the query the route runs) for several filter combinations, and the CSV export:
 * - projects.list_median_ms / projects.list_p95_ms: page 1 over all filter combinations
 * - projects.export_median_ms: CSV export of one Kommune's 50 projects
 * The data is inserted directly with prepared statements (a read benchmark; the engine's own
 * benchmark measures transitions).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fahrplan-projects-bench-"));
process.env.DATABASE_PATH = path.join(dir, "bench.db");
process.env.DISABLE_JOBS = "true";

const { closeDb, getDb, getSqlite, runMigrations } = await import("../app/utils/db.server");
const { listProjects } = await import("../app/areas/projects/list.server");
const { exportProjectsCsv } = await import("../app/areas/projects/csv.server");
const { parseProjectListQuery } = await import("../app/areas/projects/projects");
const { todayIso } = await import("../app/utils/format");

const KOMMUNEN = 400;
const PROJECTS = 50;
const STATES = ["idea", "assessment", "planned", "inProgress", "inProgress", "completed", "onHold", "cancelled"];
const ITERATIONS = 100;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

try {
  runMigrations(getDb());
  const sqlite = getSqlite();
  const started = Date.now();
  const ins = {
    m: sqlite.prepare("insert into municipalities (name, slug, kind) values (?, ?, 'gemeinde')"),
    u: sqlite.prepare("insert into units (municipality_id, kind, name) values (?, ?, ?)"),
    e: sqlite.prepare("insert into employees (municipality_id, unit_id, first_name, last_name, email) values (?, ?, ?, ?, ?)"),
    f: sqlite.prepare("insert into fields_of_action (municipality_id, focus_area, name, sort_order) values (?, ?, ?, ?)"),
    p: sqlite.prepare(
      "insert into projects (municipality_id, title, description, field_of_action_id, lead_unit_id, project_lead_employee_id, start_date, end_date, budget_planned_cents, budget_spent_cents) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    pu: sqlite.prepare("insert into project_units (municipality_id, project_id, unit_id) values (?, ?, ?)"),
    ms: sqlite.prepare("insert into milestones (municipality_id, project_id, title, due_date, done_at) values (?, ?, ?, ?, ?)"),
    r: sqlite.prepare("insert into risks (municipality_id, project_id, category, title, likelihood, impact) values (?, ?, 'staffShortage', 'Personalmangel', ?, ?)"),
    wi: sqlite.prepare("insert into workflow_instances (municipality_id, definition_key, definition_version, subject_type, subject_id, state) values (?, 'project', 1, 'project', ?, ?)"),
  };
  let lastMunicipality = 0;
  let lastUnit = 0;
  sqlite.transaction(() => {
    for (let k = 1; k <= KOMMUNEN; k++) {
      const m = Number(ins.m.run(`Benchgemeinde ${k}`, `bench-${k}`).lastInsertRowid);
      const units = ["Hauptamt", "Bauamt", "Kämmerei", "Bürgeramt", "Stadtwerke"].map((name, i) => Number(ins.u.run(m, i === 4 ? "company" : "department", name).lastInsertRowid));
      const employees = units.map((u, i) => Number(ins.e.run(m, u, "Vorname", `Name${i}`, `p${i}@bench-${k}.example`).lastInsertRowid));
      const fields = ["Verwaltung", "Bildung", "Mobilität", "Energie", "Personal", "Infrastruktur"].map((name, i) =>
        Number(ins.f.run(m, i < 4 ? "topics" : i === 4 ? "organisation" : "technology", name, i).lastInsertRowid),
      );
      for (let p = 0; p < PROJECTS; p++) {
        const year = 2025 + (p % 4);
        const id = Number(
          ins.p.run(m, `Projekt ${p} Digitalisierung ${k}`, "Beschreibung", fields[p % 6], units[p % 5], employees[p % 5], `${year}-01-15`, `${year + 1}-06-30`, 100_000 * (p + 1), 40_000 * p).lastInsertRowid,
        );
        ins.pu.run(m, id, units[(p + 1) % 5]);
        for (let i = 0; i < 3; i++) ins.ms.run(m, id, `Meilenstein ${i}`, `${year}-0${3 + i * 3}-01`, i === 0 ? `${year}-03-01` : null);
        ins.r.run(m, id, 1 + (p % 5), 1 + ((p * 3) % 5));
        ins.wi.run(m, id, STATES[p % STATES.length]);
      }
      lastMunicipality = m;
      lastUnit = units[1];
    }
  })();
  sqlite.pragma("optimize");
  console.log(`projects.seed_ms: ${Date.now() - started} ms`);

  const db = getDb();
  const tenant = { municipalityId: lastMunicipality };
  const today = todayIso();
  const queries = ["", "status=inProgress", "overdue=1", `unit=${lastUnit}`, "q=Digital&sort=budget&dir=desc", "sort=status&page=2", "classification=laggard"];
  // Warm-up (JIT, SQLite page cache) so the figures show steady-state requests.
  for (let i = 0; i < 20; i++) for (const q of queries) listProjects(db, tenant, parseProjectListQuery(new URLSearchParams(q)), today);
  const times: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    for (const q of queries) {
      const t0 = performance.now();
      const result = listProjects(db, tenant, parseProjectListQuery(new URLSearchParams(q)), today);
      times.push(performance.now() - t0);
      if (q === "" && result.total !== PROJECTS) throw new Error(`expected ${PROJECTS} projects, got ${result.total}`);
    }
  }
  if (process.env.BENCH_VERBOSE) {
    queries.forEach((q, i) => {
      const own = times.filter((_, j) => j % queries.length === i).sort((a, b) => a - b);
      console.log(`  ${q || "(alle)"}: median ${percentile(own, 0.5).toFixed(2)} ms`);
    });
  }
  times.sort((a, b) => a - b);
  console.log(`projects.list_median_ms: ${percentile(times, 0.5).toFixed(2)} ms`);
  console.log(`projects.list_p95_ms: ${percentile(times, 0.95).toFixed(2)} ms`);
  const exportTimes: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const t0 = performance.now();
    exportProjectsCsv(db, tenant, parseProjectListQuery(new URLSearchParams()), today);
    exportTimes.push(performance.now() - t0);
  }
  exportTimes.sort((a, b) => a - b);
  console.log(`projects.export_median_ms: ${percentile(exportTimes, 0.5).toFixed(2)} ms`);
} finally {
  closeDb();
  fs.rmSync(dir, { recursive: true, force: true });
}
