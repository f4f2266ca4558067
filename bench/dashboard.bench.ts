/**
 * Übersicht (CDO dashboard) and project list over HTTP at Land scale: the built server (`node
 * server.js`) on a database with 400 Kommunen and about 20,000 projects (demo seed + `seed:scale`),
 * signed in as one Kommune's CDO, 8 concurrent clients alternating between `/` and `/projekte`.
 * - dashboard.median_ms / dashboard.p95_ms: all requests
 * - dashboard.page_median_ms / projects.page_median_ms: per page
 * - dashboard.page_kb / projects.page_kb: HTML size as sent (before compression)
 * - dashboard.server_cpu_ms: CPU time of the server process per request during the run, and
 *   dashboard.cpu_estimate_median_ms = 8 × that: with 8 clients always waiting on one Node process,
 *   a request waits for the other 7 (Little's law) – the latency to expect on an otherwise idle machine
 * - dashboard.client_cpu_ms: CPU time of this load generator per request (fetch, decompression); it
 *   shares the machine's cores with the server, so the measured median lies above the estimate
 * - dashboard.first_visit_ms: one client, empty browser cache: the Übersicht plus its chart images
 *   (fetched in parallel, as a browser does); later visits take the charts from the browser cache
 * The scale database is built once and cached under the OS temp directory, keyed by a hash of the
 * migrations and seed code, so later runs start within seconds. Run `npm run build` first.
 * BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server's processes.
 */
import { execFileSync, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, waitForHealth } from "../test/support/server-process";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const CLIENTS = 8;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 400);
// Steady state: the first requests of a fresh process run unoptimised code (V8 JIT) and fill caches.
const WARMUP = 200;
const KOMMUNE = "scale-042";
const PAGES = ["/", "/projekte"];

function cacheKey(): string {
  const hash = crypto.createHash("sha256");
  const files = [
    ...fs.readdirSync(path.join(ROOT, "db/migrations")).filter((f) => f.endsWith(".sql")).sort().map((f) => `db/migrations/${f}`),
    ...fs.readdirSync(path.join(ROOT, "db/seed")).filter((f) => f.endsWith(".ts")).sort().map((f) => `db/seed/${f}`),
  ];
  for (const f of files) hash.update(f).update(fs.readFileSync(path.join(ROOT, f)));
  return hash.digest("hex").slice(0, 16);
}

function scaleDatabase(): string {
  const cached = path.join(os.tmpdir(), `fahrplan-bench-dashboard-${cacheKey()}.db`);
  if (fs.existsSync(cached)) return cached;
  const building = `${cached}.${process.pid}.tmp`;
  const t0 = Date.now();
  execFileSync(process.execPath, ["--import", "tsx", "db/cli/seed-scale.ts", "--municipalities", "400"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_PATH: building, DISABLE_JOBS: "true" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  fs.renameSync(building, cached);
  for (const suffix of ["-wal", "-shm"]) fs.rmSync(`${building}${suffix}`, { force: true });
  console.log(`dashboard.scale_seed_ms: ${Date.now() - t0} ms`);
  return cached;
}

function cookies(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(";")[0]);
}

async function signIn(base: string, email: string): Promise<string> {
  const first = await fetch(`${base}/login?_data=root`);
  const { csrf } = (await first.json()) as { csrf: string };
  const jar = cookies(first);
  const body = new URLSearchParams({ email, password: "Fahrplan-Demo-2026", csrf, redirectTo: "/" });
  const res = await fetch(`${base}/login`, {
    method: "POST",
    body,
    headers: { Cookie: jar.join("; "), "Content-Type": "application/x-www-form-urlencoded" },
    redirect: "manual",
  });
  if (res.status !== 302) throw new Error(`login failed with ${res.status}`);
  return [...jar, ...cookies(res)].join("; ");
}

/** User plus system CPU time of a process in milliseconds (Linux /proc, clock ticks of 10 ms). */
function processCpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The server's worker processes (server.js runs one per core under node:cluster). */
function workerPids(pid: number): number[] {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** CPU time of the server: the primary plus its workers. */
function serverCpuMs(pid: number): number {
  return [pid, ...workerPids(pid)].reduce((sum, p) => sum + processCpuMs(p), 0);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

if (!fs.existsSync(path.join(ROOT, "build/index.js"))) {
  console.error("build/index.js fehlt: bitte zuerst `npm run build` / run `npm run build` first");
  process.exit(1);
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fahrplan-dashboard-bench-"));
const file = path.join(dir, "bench.db");
fs.copyFileSync(scaleDatabase(), file);
const port = await freePort();
let output = "";
// BENCH_NODE_ARGS passes flags to the server and its workers, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
const nodeArgs = (process.env.BENCH_NODE_ARGS ?? "").split(/\s+/).filter(Boolean);
const child = spawn(process.execPath, [...nodeArgs, "server.js"], {
  cwd: ROOT,
  env: { ...process.env, NODE_ENV: "production", PORT: String(port), DATABASE_PATH: file, SESSION_SECRET: "bench-secret" },
  stdio: ["ignore", "pipe", "pipe"],
});
child.stdout?.on("data", (d) => (output += d));
child.stderr?.on("data", (d) => (output += d));
const base = `http://127.0.0.1:${port}`;
try {
  await waitForHealth(base, child, () => output);
  const cookie = await signIn(base, `cdo@${KOMMUNE}.example`).catch((error) => {
    throw new Error(`${error.message}\n${output}`);
  });
  const get = async (page: string) => {
    const t0 = performance.now();
    const res = await fetch(base + page, { headers: { Cookie: cookie } });
    const html = await res.text();
    const ms = performance.now() - t0;
    if (res.status !== 200 || !html.includes("</html>")) throw new Error(`${page} answered ${res.status}`);
    return ms;
  };
  // Warm up with all clients: each keeps its own connection, and node:cluster hands connections to
  // the workers in turn, so one sequential client would warm only one worker.
  let warmed = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (warmed < WARMUP) await get(PAGES[warmed++ % PAGES.length]);
    }),
  );
  const sizes = await Promise.all(PAGES.map(async (page) => (await (await fetch(base + page, { headers: { Cookie: cookie } })).text()).length));
  const cpuBefore = serverCpuMs(child.pid!);
  const perWorkerBefore = workerPids(child.pid!).map(processCpuMs);
  const clientBefore = process.cpuUsage();
  const times: Record<string, number[]> = Object.fromEntries(PAGES.map((p) => [p, []]));
  let next = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < REQUESTS) {
        const page = PAGES[next++ % PAGES.length];
        times[page].push(await get(page));
      }
    }),
  );
  const cpuMs = serverCpuMs(child.pid!) - cpuBefore;
  const client = process.cpuUsage(clientBefore);
  const split = workerPids(child.pid!).map((pid, i) => processCpuMs(pid) - (perWorkerBefore[i] ?? 0));
  console.log(`dashboard.worker_cpu_split: ${split.map((ms) => Math.round((100 * ms) / Math.max(1, cpuMs))).join("/")} %`);
  const all = Object.values(times).flat().sort((a, b) => a - b);
  const median = (list: number[]) => percentile([...list].sort((a, b) => a - b), 0.5).toFixed(1);
  console.log(`dashboard.median_ms: ${percentile(all, 0.5).toFixed(1)} ms`);
  console.log(`dashboard.p95_ms: ${percentile(all, 0.95).toFixed(1)} ms`);
  console.log(`dashboard.page_median_ms: ${median(times["/"])} ms`);
  console.log(`projects.page_median_ms: ${median(times["/projekte"])} ms`);
  console.log(`dashboard.requests: ${all.length} requests`);
  console.log(`dashboard.page_kb: ${(sizes[0] / 1024).toFixed(1)} KB`);
  console.log(`projects.page_kb: ${(sizes[1] / 1024).toFixed(1)} KB`);
  const cpuPerRequest = cpuMs / all.length;
  console.log(`dashboard.server_cpu_ms: ${cpuPerRequest.toFixed(2)} ms`);
  // All clients queue on the server's worker processes (at most one per core).
  const workers = Math.max(1, Math.min(workerPids(child.pid!).length, os.availableParallelism()));
  console.log(`dashboard.client_cpu_ms: ${((client.user + client.system) / 1000 / all.length).toFixed(2)} ms`);
  console.log(`dashboard.server_workers: ${workers} processes`);
  console.log(`dashboard.cpu_estimate_median_ms: ${((cpuPerRequest * CLIENTS) / workers).toFixed(1)} ms`);
  console.log(`dashboard.load_average: ${os.loadavg()[0].toFixed(1)} load`);

  // First visit with an empty browser cache: the page, then its chart images in parallel.
  const firstVisits: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    const html = await (await fetch(`${base}/`, { headers: { Cookie: cookie } })).text();
    const images = [...html.matchAll(/<img src="(\/diagramme\/[^"]+)"/g)].map((m) => m[1]);
    if (images.length === 0) throw new Error("Übersicht ohne Diagramme");
    await Promise.all(
      images.map(async (src) => {
        const res = await fetch(base + src, { headers: { Cookie: cookie } });
        if (res.status !== 200 || !(await res.text()).startsWith("<svg")) throw new Error(`${src} answered ${res.status}`);
      }),
    );
    firstVisits.push(performance.now() - t0);
  }
  console.log(`dashboard.first_visit_ms: ${median(firstVisits)} ms`);
} finally {
  child.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, nodeArgs.length > 0 ? 3000 : 300));
  fs.rmSync(dir, { recursive: true, force: true });
}
