import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/** A TCP port that is free right now on 127.0.0.1, for a server under test or benchmark. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/** Waits until the started server answers `GET /healthz`; fails with its log when it exits or never answers. */
export async function waitForHealth(baseUrl: string, child: ChildProcess, log: () => string = () => "", timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early (${child.exitCode}):\n${log()}`);
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not become healthy:\n${log()}`);
}

export interface RunningServer {
  baseUrl: string;
  child: ChildProcess;
  databasePath: string;
  log: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts the built app (`npm run build` ran before) as `npm start` would, against a fresh database
 * in its own temporary directory, with extra environment (e.g. WEB_CONCURRENCY, TRUST_PROXY).
 */
export async function startBuiltServer(env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<RunningServer> {
  if (!fs.existsSync("build/index.js")) throw new Error("build/index.js missing: run `npm run build` first");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fahrplan-server-"));
  const databasePath = path.join(dir, "fahrplan.db");
  const port = await freePort();
  let output = "";
  const child = spawn(process.execPath, [...nodeArgs, "server.js"], {
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), DATABASE_PATH: databasePath, SESSION_SECRET: "test-secret", DISABLE_JOBS: "true", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  // Generous: the machine may be busy, and the primary migrates and seeds before the workers start.
  await waitForHealth(baseUrl, child, () => output, 150_000);
  return {
    baseUrl,
    child,
    databasePath,
    log: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Resident memory of the server's worker processes in bytes (Linux /proc), keyed by pid. */
export function workerRss(pid: number): Map<number, number> {
  const children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  const result = new Map<number, number>();
  for (const child of children.length ? children : [pid]) {
    const status = fs.readFileSync(`/proc/${child}/status`, "utf8");
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    result.set(child, kb * 1024);
  }
  return result;
}
