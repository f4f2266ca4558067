import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startBuiltServer, workerRss } from "../support/server-process";

/**
 * The attacks of issue 10 (points 3, 4, 7, 8) against the built server with two workers, as an
 * attacker on loopback would send them. The server has its own database, because the throttle
 * test locks accounts and addresses.
 */
let server: RunningServer;

beforeAll(async () => {
  // TRUST_PROXY=loopback lets the tests choose the client address with X-Forwarded-For.
  server = await startBuiltServer({ WEB_CONCURRENCY: "2", TRUST_PROXY: "loopback" });
}, 180_000);

afterAll(async () => {
  await server?.stop();
});

const PASSWORD = "Fahrplan-Demo-2026";

function cookiePairs(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(";")[0]);
}

/** A CSRF token and its cookie, as the login page hands them out. */
async function csrfPair(): Promise<{ csrf: string; cookie: string }> {
  const res = await fetch(`${server.baseUrl}/login?_data=root`);
  const { csrf } = (await res.json()) as { csrf: string };
  return { csrf, cookie: cookiePairs(res).join("; ") };
}

async function postLogin(email: string, password: string, address: string, extraHeaders: Record<string, string> = {}) {
  const { csrf, cookie } = await csrfPair();
  const res = await fetch(`${server.baseUrl}/login`, {
    method: "POST",
    body: new URLSearchParams({ email, password, csrf }),
    headers: { Cookie: cookie, "X-Forwarded-For": address, ...extraHeaders },
    redirect: "manual",
  });
  return Object.assign(res, { csrf, cookie });
}

async function signIn(email: string): Promise<{ cookie: string; csrf: string }> {
  const res = await postLogin(email, PASSWORD, "127.0.0.1");
  expect(res.status).toBe(302);
  return { cookie: [res.cookie, ...cookiePairs(res)].join("; "), csrf: res.csrf };
}

function throttleFailures(key: string): number | undefined {
  const db = new Database(server.databasePath, { readonly: true });
  try {
    return (db.prepare("SELECT failures FROM login_throttles WHERE key = ?").get(key) as { failures: number } | undefined)?.failures;
  } finally {
    db.close();
  }
}

describe("login throttle under parallel attempts", () => {
  it("30 parallel guesses with the right one at position 21: none signs in, the counter shows 5", async () => {
    const email = "projektleitung@musterstadt.example";
    const pairs = await Promise.all(Array.from({ length: 30 }, () => csrfPair()));
    const statuses = await Promise.all(
      pairs.map(async ({ csrf, cookie }, i) => {
        const res = await fetch(`${server.baseUrl}/login`, {
          method: "POST",
          body: new URLSearchParams({ email, password: i === 20 ? PASSWORD : `falsch-${i}`, csrf }),
          headers: { Cookie: cookie, "X-Forwarded-For": `10.7.0.${i}` },
          redirect: "manual",
        });
        return res.status;
      }),
    );
    expect(statuses).toHaveLength(30);
    expect(statuses.filter((s) => s === 302)).toEqual([]);
    expect(statuses.filter((s) => s === 401)).toHaveLength(30);
    expect(throttleFailures(`email:${email}`)).toBe(5);
  });
});

/**
 * Sends a body of `totalBytes` in chunks without Content-Length (chunked), and resolves with the
 * status as soon as the server answers, and how many bytes had been sent by then.
 */
function streamChunked(pathname: string, totalBytes: number, contentType = "application/x-www-form-urlencoded"): Promise<{ status: number; sentBytes: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(pathname, server.baseUrl);
    const req = http.request(url, { method: "POST", headers: { "Content-Type": contentType, "Transfer-Encoding": "chunked" } });
    const chunk = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    let answered = false;
    req.on("response", (res) => {
      answered = true;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, sentBytes: sent, body });
        req.destroy();
      });
    });
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    const pump = () => {
      while (!answered && sent < totalBytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

/** Sends only the headers of a request that declares a huge body. */
function declareHuge(pathname: string, contentLength: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(pathname, server.baseUrl), {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(contentLength) },
    });
    req.on("response", (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, body });
        req.destroy();
      });
    });
    req.on("error", reject);
    req.flushHeaders();
  });
}

describe("request body limits", () => {
  it("answers a declared 500 MB body with 413 at once, in German", async () => {
    const t0 = Date.now();
    const res = await declareHuge("/login", 500 * 1024 * 1024);
    expect(res.status).toBe(413);
    expect(res.body).toContain("Die Anfrage ist zu groß (höchstens 1 MB).");
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it("stops a chunked 300 MB body at the limit: 413 quickly, the workers' memory does not grow", async () => {
    const before = workerRss(server.child.pid!);
    const t0 = Date.now();
    const res = await streamChunked("/login", 300 * 1024 * 1024);
    expect(res.status).toBe(413);
    expect(res.body).toContain("Anfrage zu groß");
    expect(Date.now() - t0).toBeLessThan(10_000);
    // The server stopped reading after about 1 MB; socket buffers let the client push a little more.
    expect(res.sentBytes).toBeLessThan(50 * 1024 * 1024);
    const after = workerRss(server.child.pid!);
    const growth = Math.max(...[...after].map(([pid, rss]) => rss - (before.get(pid) ?? rss)));
    expect(growth).toBeLessThan(64 * 1024 * 1024);
  });

  it("upload routes have their own cap: a 1.5 MB logo gets 413 with the logo's message", async () => {
    const admin = await signIn("admin@fahrplan.example");
    const form = new FormData();
    form.set("csrf", admin.csrf);
    form.set("logo", new File([new Uint8Array(1536 * 1024)], "wappen.png", { type: "image/png" }));
    const res = await fetch(`${server.baseUrl}/berichte`, { method: "POST", body: form, headers: { Cookie: admin.cookie } });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain("Das Logo darf höchstens 1 MB groß sein.");
  });

  it("a file just over its cap (within the form allowance) gets the German message at the field", async () => {
    const admin = await signIn("admin@fahrplan.example");
    const form = new FormData();
    form.set("csrf", admin.csrf);
    form.set("logo", new File([new Uint8Array(1024 * 1024 + 10_000)], "wappen.png", { type: "image/png" }));
    const res = await fetch(`${server.baseUrl}/berichte?index&_data=routes%2F_app.berichte._index`, { method: "POST", body: form, headers: { Cookie: admin.cookie } });
    expect(res.status).toBe(400);
    expect((await res.json()).fieldErrors.logo).toEqual(["Das Logo darf höchstens 1 MB groß sein."]);
  });

  it("an upload under its cap works, also with = and ; in the file name", async () => {
    const admin = await signIn("admin@fahrplan.example");
    const csv = "Titel;Status\n";
    const form = new FormData();
    form.set("csrf", admin.csrf);
    form.set("file", new File([csv], "projekte=2026;neu.csv", { type: "text/csv" }));
    const res = await fetch(`${server.baseUrl}/projekte/import?_data=routes%2F_app.projekte.import`, { method: "POST", body: form, headers: { Cookie: admin.cookie } });
    // The file arrived and was parsed: the answer is about its content, not about the upload.
    expect(res.status).not.toBe(500);
    const body = await res.json();
    expect(body.errors.join(" ")).not.toMatch(/Bitte wählen Sie eine CSV-Datei aus|größer als/);
  });
});

/** Every route file with an action, as its URL (parameters filled with 1), from the routes folder. */
function actionRoutes(): string[] {
  const dir = path.resolve("app/routes");
  const list = fs
    .readdirSync(dir)
    .filter((f) => /\.tsx?$/.test(f) && /export (async )?function action\b/.test(fs.readFileSync(path.join(dir, f), "utf8")))
    .map((f) => {
      const segments = f.replace(/\.tsx?$/, "").match(/(\[[^\]]*\]|[^.[\]]+)+/g) ?? [];
      const parts = segments
        .filter((s) => !s.startsWith("_"))
        .map((s) => (s === "$" ? "x" : s.startsWith("$") ? "1" : s.replace(/\[([^\]]*)\]/g, "$1").replace(/_$/, "")));
      return `/${parts.join("/")}`;
    });
  return list;
}

describe("malformed requests to every action route", () => {
  const routes = actionRoutes();

  it("finds the action routes", () => {
    expect(routes.length).toBeGreaterThan(20);
    expect(routes).toContain("/login");
    expect(routes).toContain("/foerderung/antraege/1");
  });

  it("never answers 500: JSON, text, foreign Origin, multipart without boundary or with broken parts", async () => {
    const admin = await signIn("admin@fahrplan.example");
    const boundary = "----fahrplan-test";
    const cases: { name: string; headers: Record<string, string>; body: string; expected?: number }[] = [
      { name: "json", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ csrf: admin.csrf, intent: "x" }), expected: 415 },
      { name: "text", headers: { "Content-Type": "text/plain" }, body: "csrf=x", expected: 415 },
      { name: "no type", headers: { "Content-Type": "" }, body: "a=b", expected: 415 },
      { name: "foreign origin", headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://angreifer.example" }, body: `csrf=${admin.csrf}`, expected: 403 },
      { name: "null origin", headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "null" }, body: `csrf=${admin.csrf}`, expected: 403 },
      { name: "no boundary", headers: { "Content-Type": "multipart/form-data" }, body: "--x\r\n\r\n", expected: 400 },
      // Whether these reach the parser depends on the route: one that looks up record 1 first
      // answers 404; either way never 500.
      {
        name: "broken parts",
        headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
        body: `--${boundary}\r\nContent-Type: text/plain\r\n\r\nohne Content-Disposition\r\n--${boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${admin.csrf}`,
      },
      { name: "garbage multipart", headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` }, body: "\u0000\u0001 kein multipart" },
    ];
    const failures: string[] = [];
    const statuses = new Set<number>();
    let checked = 0;
    for (const route of routes) {
      for (const c of cases) {
        const res = await fetch(server.baseUrl + route, {
          method: "POST",
          body: c.body,
          headers: { Cookie: admin.cookie, ...c.headers },
          redirect: "manual",
        });
        await res.arrayBuffer();
        checked++;
        statuses.add(res.status);
        if (res.status >= 500 || (c.expected && res.status !== c.expected)) failures.push(`${route} ${c.name}: ${res.status}`);
      }
    }
    expect(checked).toBe(routes.length * cases.length);
    expect(failures).toEqual([]);
    // The broken bodies did reach the form parsers of routes that have no record to look up.
    expect(statuses).toContain(400);
  }, 180_000);

  it("the foreign-Origin answer is German; same origin and absent Origin with a valid token still work", async () => {
    const foreign = await postLogin("cdo@musterstadt.example", PASSWORD, "10.8.0.1", { Origin: "https://angreifer.example" });
    expect(foreign.status).toBe(403);
    expect(await foreign.text()).toContain("von einer fremden Website");
    const same = await postLogin("cdo@musterstadt.example", PASSWORD, "10.8.0.2", { Origin: server.baseUrl });
    expect(same.status).toBe(302);
    const absent = await postLogin("cdo@musterstadt.example", PASSWORD, "10.8.0.3");
    expect(absent.status).toBe(302);
  });

  it("behind a trusted proxy, the forwarded host and protocol are the origin", async () => {
    const res = await postLogin("cdo@musterstadt.example", PASSWORD, "10.8.0.4", {
      Origin: "https://fahrplan.kommune.example",
      "X-Forwarded-Host": "fahrplan.kommune.example",
      "X-Forwarded-Proto": "https",
    });
    expect(res.status).toBe(302);
  });
});
