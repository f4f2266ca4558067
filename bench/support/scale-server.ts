/**
 * Shared by the HTTP benchmarks at Land scale: the demo seed plus `seed:scale` (400 Kommunen) in a
 * database cached under the OS temp directory (keyed by a hash of the migrations and seed code, so a
 * later run starts within seconds), the built server started on a copy of it, sign-in, and the
 * CPU time of the server's processes from /proc.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, waitForHealth } from "../../test/support/server-process";

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");

function cacheKey(): string {
  const hash = crypto.createHash("sha256");
  const files = [
    ...fs.readdirSync(path.join(ROOT, "db/migrations")).filter((f) => f.endsWith(".sql")).sort().map((f) => `db/migrations/${f}`),
    ...fs.readdirSync(path.join(ROOT, "db/seed")).filter((f) => f.endsWith(".ts")).sort().map((f) => `db/seed/${f}`),
  ];
  for (const f of files) hash.update(f).update(fs.readFileSync(path.join(ROOT, f)));
  return hash.digest("hex").slice(0, 16);
}

/** The cached scale database, built first when missing; `onBuilt` receives the seeding time. */
export function scaleDatabase(onBuilt: (ms: number) => void = () => {}): string {
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
  onBuilt(Date.now() - t0);
  return cached;
}

export interface BenchServer {
  base: string;
  child: ChildProcess;
  log: () => string;
  stop: () => Promise<void>;
}

/**
 * The built server (`node server.js`) on a copy of the scale database, with extra environment (e.g.
 * WEB_CONCURRENCY) and node flags (BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles it).
 */
export async function startScaleServer(env: Record<string, string>, onBuilt?: (ms: number) => void): Promise<BenchServer> {
  if (!fs.existsSync(path.join(ROOT, "build/index.js"))) {
    throw new Error("build/index.js fehlt: bitte zuerst `npm run build` / run `npm run build` first");
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fahrplan-bench-"));
  const file = path.join(dir, "bench.db");
  fs.copyFileSync(scaleDatabase(onBuilt), file);
  const port = await freePort();
  let output = "";
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? "").split(/\s+/).filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, "server.js"], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), DATABASE_PATH: file, SESSION_SECRET: "bench-secret", DISABLE_JOBS: "true", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const base = `http://127.0.0.1:${port}`;
  await waitForHealth(base, child, () => output);
  return {
    base,
    child,
    log: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        // A profiled process writes its profile on exit.
        await Promise.race([exited, new Promise((r) => setTimeout(r, nodeArgs.length > 0 ? 10_000 : 3000))]);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function cookies(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(";")[0]);
}

/** Signs in with the demo password and returns the Cookie header of the session. */
export async function signIn(base: string, email: string): Promise<string> {
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
export function processCpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}
