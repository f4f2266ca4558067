import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startBuiltServer } from "../support/server-process";

// Operations against the built server: configuration check at start, JSON logs with request ids,
// Prometheus metrics by route pattern and who may read them (issue 16, operations).

const TOKEN = "metrics-token-0123456789";
let server: RunningServer;

function logLines(): Record<string, unknown>[] {
  return server
    .log()
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

async function waitForLog(predicate: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
  for (let i = 0; i < 40; i++) {
    const found = logLines().find(predicate);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no such log line in:\n${server.log()}`);
}

beforeAll(async () => {
  server = await startBuiltServer({ WEB_CONCURRENCY: "2", METRICS_TOKEN: TOKEN });
});

afterAll(async () => {
  await server?.stop();
});

describe("configuration", () => {
  it("a malformed value stops the start with a message naming each bad variable", async () => {
    const child = spawn(process.execPath, ["server.js"], {
      env: { ...process.env, NODE_ENV: "production", PORT: "hoch", LOG_LEVEL: "laut", DATABASE_PATH: "/nonexistent/never-created.db" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(78);
    expect(stderr).toContain("Fahrplan startet nicht: ungültige Konfiguration");
    expect(stderr).toMatch(/- PORT: erwartet eine ganze Zahl/);
    expect(stderr).toMatch(/- LOG_LEVEL: erwartet eines von/);
  });
});

describe("logs and request ids", () => {
  it("returns a generated X-Request-Id and logs one JSON access line under it, with the route pattern", async () => {
    const response = await fetch(`${server.baseUrl}/bescheinigung/GEHEIMCODE123`);
    const id = response.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const line = await waitForLog((l) => l.msg === "request" && l.requestId === id);
    expect(line).toMatchObject({ level: "info", method: "GET", route: "/bescheinigung/:code", status: 404, service: "fahrplan" });
    expect(server.log()).not.toContain("GEHEIMCODE123");
  });

  it("keeps the proxy's request id, and names the signed-in user by id only", async () => {
    const login = await fetch(`${server.baseUrl}/login`);
    const cookies = login.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const csrf = /name="csrf" value="([^"]+)"/.exec(await login.text())?.[1] ?? "";
    const body = new URLSearchParams({ csrf, email: "cdo@musterstadt.example", password: "Fahrplan-Demo-2026" });
    const signedIn = await fetch(`${server.baseUrl}/login`, { method: "POST", body, headers: { cookie: cookies, "x-request-id": "proxy-4711" }, redirect: "manual" });
    expect(signedIn.status).toBe(302);
    expect(signedIn.headers.get("x-request-id")).toBe("proxy-4711");
    const session = signedIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const page = await fetch(`${server.baseUrl}/projekte`, { headers: { cookie: `${cookies}; ${session}`, "x-request-id": "proxy-4712" } });
    expect(page.status).toBe(200);
    const line = await waitForLog((l) => l.msg === "request" && l.requestId === "proxy-4712");
    expect(line).toMatchObject({ route: "/projekte", status: 200 });
    expect(typeof line.userId).toBe("number");
    expect(server.log()).not.toContain("Fahrplan-Demo-2026");
    expect(server.log()).not.toContain("cdo@musterstadt.example");
  });
});

async function signInCookies(baseUrl: string, email: string): Promise<string> {
  const login = await fetch(`${baseUrl}/login`);
  const csrfCookie = login.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const csrf = /name="csrf" value="([^"]+)"/.exec(await login.text())?.[1] ?? "";
  const body = new URLSearchParams({ csrf, email, password: "Fahrplan-Demo-2026" });
  const signedIn = await fetch(`${baseUrl}/login`, { method: "POST", body, headers: { cookie: csrfCookie }, redirect: "manual" });
  expect(signedIn.status).toBe(302);
  return [csrfCookie, ...signedIn.headers.getSetCookie().map((c) => c.split(";")[0])].join("; ");
}

describe("backup of the running server", () => {
  it("is taken while requests go on, restores, and a server started on the copy shows the acknowledged write", async () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "fahrplan-ops-backup-"));
    let copy: RunningServer | undefined;
    try {
      const form = await fetch(`${server.baseUrl}/barrierefreiheit`);
      const cookie = form.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
      const csrf = /name="csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? "";
      const message = "Vor der Sicherung gemeldet: Der Kalender-Export fehlt in Leichter Sprache.";
      const body = new URLSearchParams({ csrf, municipalityId: "1", message });
      const sent = await fetch(`${server.baseUrl}/barrierefreiheit`, { method: "POST", body, headers: { cookie }, redirect: "manual" });
      expect(sent.status).toBe(302);

      // Sign-ins write sessions and audit entries while the backup runs.
      let load = true;
      const traffic = (async () => {
        let n = 0;
        while (load && n < 200) {
          await signInCookies(server.baseUrl, "cdo@musterstadt.example");
          n++;
        }
        return n;
      })();
      const backup = await new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(process.execPath, ["--import", "tsx", "app/utils/backup.cli.ts", "--out", path.join(work, "sicherung")], {
          env: { ...process.env, DATABASE_PATH: server.databasePath },
          stdio: ["ignore", "pipe", "pipe"],
        });
        let out = "";
        child.stdout.on("data", (d) => (out += d));
        child.stderr.on("data", (d) => (out += d));
        child.once("exit", (code) => resolve({ code, out }));
      });
      load = false;
      expect(await traffic).toBeGreaterThan(0);
      expect(backup.out).toContain("Sicherung erstellt");
      expect(backup.code).toBe(0);

      const restoredPath = path.join(work, "wiederhergestellt", "fahrplan.db");
      const restore = spawnSync(process.execPath, ["--import", "tsx", "app/utils/restore.cli.ts", "--from", path.join(work, "sicherung")], {
        env: { ...process.env, DATABASE_PATH: restoredPath },
        encoding: "utf8",
      });
      expect(restore.stdout + restore.stderr).toContain("Änderungsprotokoll intakt");
      expect(restore.status).toBe(0);

      copy = await startBuiltServer({ DATABASE_PATH: restoredPath, WEB_CONCURRENCY: "1" });
      const session = await signInCookies(copy.baseUrl, "cdo@musterstadt.example");
      const list = await fetch(`${copy.baseUrl}/verwaltung/barrierefreiheit`, { headers: { cookie: session } });
      expect(list.status).toBe(200);
      expect(await list.text()).toContain(message);
    } finally {
      await copy?.stop();
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});

describe("/metrics", () => {
  it("serves the cluster's request histogram by route pattern and the default metrics to loopback", async () => {
    for (let i = 0; i < 6; i++) await fetch(`${server.baseUrl}/bescheinigung/CODE${i}`);
    const response = await fetch(`${server.baseUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    const count = /fahrplan_http_request_duration_seconds_count\{method="GET",route="\/bescheinigung\/:code",status="404"\} (\d+)/.exec(text);
    // Six requests spread over two workers, summed by the primary.
    expect(Number(count?.[1])).toBeGreaterThanOrEqual(6);
    expect(text).not.toMatch(/CODE\d/);
    expect(text).toContain("fahrplan_process_resident_memory_bytes");
    expect(text).toMatch(/fahrplan_database_size_bytes\{file="db"\} [1-9]/);
    expect(text).toMatch(/fahrplan_mail_outbox_messages\{state="pending"\} \d+/);
  });

  it("refuses a forwarded request without token, and lets the bearer token in", async () => {
    const forwarded = await fetch(`${server.baseUrl}/metrics`, { headers: { "x-forwarded-for": "203.0.113.7" } });
    expect(forwarded.status).toBe(401);
    expect(forwarded.headers.get("www-authenticate")).toContain("Bearer");
    const wrong = await fetch(`${server.baseUrl}/metrics`, { headers: { "x-forwarded-for": "203.0.113.7", authorization: "Bearer falsch-falsch-falsch-falsch" } });
    expect(wrong.status).toBe(401);
    const right = await fetch(`${server.baseUrl}/metrics`, { headers: { "x-forwarded-for": "203.0.113.7", authorization: `Bearer ${TOKEN}` } });
    expect(right.status).toBe(200);
    expect(await right.text()).toContain("fahrplan_http_request_duration_seconds_bucket");
  });
});
