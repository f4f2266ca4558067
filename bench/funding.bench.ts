/**
 * Funding at Land scale, over HTTP: a temporary database with the demo data plus the scale seed
 * (100 Scale-Kommunen, ~8,000 funding applications, 400,000 expenditures), served by server.js
 * from the current build. One application has 2,000 receipts; its Belegliste (first page, sorted
 * by amount) and its Soll-Ist-Vergleich are requested as full HTML pages by a signed-in CDO:
 * - funding.receipts_median_ms
 * - funding.comparison_median_ms
 * Needs a build (`flock /tmp/fahrplan-build.lock npx remix build`).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fahrplan-funding-bench-"));
const dbFile = path.join(dir, "bench.db");
process.env.DATABASE_PATH = dbFile;
process.env.DISABLE_JOBS = "true";
process.env.SESSION_SECRET ??= "funding-bench-secret";
const PORT = Number(process.env.BENCH_PORT ?? 3231);
const ITERATIONS = 40;

if (!fs.existsSync(path.resolve("build/index.js"))) {
  console.error("funding bench: build/index.js fehlt – bitte zuerst `npx remix build` ausführen.");
  process.exit(1);
}

(await import("../app/areas/registrations.server")).registerAll();
const { closeDb, getDb, getSqlite, runMigrations } = await import("../app/utils/db.server");
const { seedDemo } = await import("../db/seed/demo");
const { seedScale } = await import("../db/seed/scale");
const { hashPassword } = await import("../app/areas/auth/password.server");
const { DEMO_PASSWORD } = await import("../db/seed/organisation");
const { startSession } = await import("../app/utils/session.server");

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 150; i++) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not start at ${url}`);
}

async function measure(url: string, cookie: string, expect: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < ITERATIONS + 5; i++) {
    const t0 = performance.now();
    const res = await fetch(url, { headers: { Cookie: cookie } });
    const body = await res.text();
    const ms = performance.now() - t0;
    if (res.status !== 200 || !body.includes(expect)) throw new Error(`unexpected response ${res.status} for ${url}`);
    if (i >= 5) times.push(ms);
  }
  return median(times);
}

let server: ReturnType<typeof spawn> | undefined;
try {
  const started = Date.now();
  const db = getDb();
  runMigrations(db);
  await seedDemo(db);
  seedScale(db, { municipalities: 100, passwordHash: await hashPassword(DEMO_PASSWORD) });
  const sqlite = getSqlite();
  const counts = sqlite
    .prepare("select (select count(*) from funding_applications) as applications, (select count(*) from expenditures) as expenditures")
    .get() as { applications: number; expenditures: number };
  const target = sqlite
    .prepare("select application_id as id, municipality_id as m from expenditures group by application_id having count(*) = 2000 limit 1")
    .get() as { id: number; m: number };
  const cdo = sqlite.prepare("select user_id as id from memberships where municipality_id = ? and role = 'cdo' limit 1").get(target.m) as { id: number };
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  console.log(`funding.seed_ms: ${Date.now() - started} ms`);
  console.log(`funding.applications: ${counts.applications} count`);
  console.log(`funding.expenditures: ${counts.expenditures} count`);
  const base = `http://127.0.0.1:${PORT}`;
  const sessionCookie = (await startSession(new Request(base), cdo.id, target.m)).split(";")[0];
  closeDb();

  server = spawn(process.execPath, ["server.js"], {
    env: { ...process.env, PORT: String(PORT), NODE_ENV: "production", DATABASE_PATH: dbFile, DISABLE_JOBS: "true" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  await waitForServer(`${base}/healthz`);
  const receipts = await measure(`${base}/foerderung/antraege/${target.id}/belege?sortierung=amountCents&richtung=absteigend`, sessionCookie, "Belegliste:");
  const comparison = await measure(`${base}/foerderung/antraege/${target.id}/soll-ist`, sessionCookie, "Soll-Ist-Vergleich");
  console.log(`funding.receipts_median_ms: ${receipts.toFixed(1)} ms`);
  console.log(`funding.comparison_median_ms: ${comparison.toFixed(1)} ms`);
} finally {
  server?.kill("SIGTERM");
  closeDb();
  fs.rmSync(dir, { recursive: true, force: true });
}
