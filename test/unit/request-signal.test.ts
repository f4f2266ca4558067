import http from "node:http";
import type { AddressInfo } from "node:net";
import { getEventListeners } from "node:events";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendFetchResponse, toFetchRequest } from "~/utils/node-http.server";

/**
 * Worker memory (#10, point 11): every Request that Remix derives from the one `toFetchRequest`
 * builds (`stripIndexParam`, `stripDataParam` per loader, the GET copy after an action) follows
 * its parent's signal with an `abort` listener that undici removes only from a
 * FinalizationRegistry callback, after a full GC has collected the copy. Until then the listener,
 * its signal and the registry entry stay alive, so under load they piled up by the thousands
 * between major GCs. The bridge now aborts its controller once the response is complete, which
 * removes every follower at once. The measure here is deterministic: live `abort` listeners after
 * the responses are complete, without any GC, must not grow with the number of requests.
 */

const tracked = new Set<WeakRef<AbortSignal>>();
/** On only while requests are driven, so that the test runner's own signals do not count. */
let tracking = false;
const originalAdd = EventTarget.prototype.addEventListener;

function liveAbortListeners(): number {
  let count = 0;
  for (const ref of tracked) {
    const signal = ref.deref();
    if (signal) count += getEventListeners(signal, "abort").length;
  }
  return count;
}

const routes: ServerBuild["routes"] = {
  root: { id: "root", path: "", module: { loader: () => ({ layout: true }), default: () => null } },
  "routes/seite": {
    id: "routes/seite",
    parentId: "root",
    path: "seite",
    module: { loader: ({ request }: { request: Request }) => ({ url: new URL(request.url).pathname }), action: () => ({ saved: true }), default: () => null },
  },
} as unknown as ServerBuild["routes"];

const build = {
  mode: "production",
  entry: { module: { default: () => new Response("<!DOCTYPE html><p>Seite</p>", { headers: { "Content-Type": "text/html" } }) } },
  routes,
  assets: {
    entry: { imports: [], module: "/build/entry.js" },
    routes: {
      root: { id: "root", module: "/build/root.js", hasLoader: true, hasAction: false, hasCatchBoundary: false, hasErrorBoundary: false },
      "routes/seite": { id: "routes/seite", parentId: "root", path: "seite", module: "/build/seite.js", hasLoader: true, hasAction: true, hasCatchBoundary: false, hasErrorBoundary: false },
    },
    url: "/build/manifest.js",
    version: "test",
  },
  publicPath: "/build/",
  assetsBuildDirectory: "public/build",
  future: {},
  isSpaMode: false,
} as unknown as ServerBuild;

let server: http.Server;
let base: string;
let completed = 0;

beforeAll(async () => {
  // Instrumentation only: remember (weakly) every signal that gets an abort listener.
  const seen = new WeakSet<EventTarget>();
  EventTarget.prototype.addEventListener = function (this: EventTarget, type: string, ...rest: unknown[]) {
    if (tracking && type === "abort" && this instanceof AbortSignal && !seen.has(this)) {
      seen.add(this);
      tracked.add(new WeakRef(this));
    }
    return (originalAdd as (...args: unknown[]) => void).call(this, type, ...rest);
  } as typeof EventTarget.prototype.addEventListener;
  const handle = createRequestHandler(build, "production");
  // The same bridge as server.js: toFetchRequest → Remix → sendFetchResponse.
  server = http.createServer((req, res) => {
    const request = toFetchRequest(req, res);
    res.on("close", () => completed++);
    handle(request, {})
      .then((response) => sendFetchResponse(req, res, response))
      .catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  EventTarget.prototype.addEventListener = originalAdd;
  await new Promise((resolve) => server.close(resolve));
});

/** node:http client on purpose: fetch() in this process would add its own abort listeners. */
function send(path: string, method = "GET"): Promise<number> {
  return new Promise((resolve, reject) => {
    const body = method === "POST" ? "wert=1" : undefined;
    const req = http.request(`${base}${path}`, { method, headers: body ? { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(body.length) } : {} }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end(body);
  });
}

async function drive(count: number): Promise<void> {
  const target = completed + count;
  tracking = true;
  const paths = ["/seite", "/seite?_data=routes%2Fseite", "/seite?_data=root", "/seite?index&q=1"];
  for (let i = 0; i < count; i += 4) {
    const statuses = await Promise.all(
      paths.map((p, j) => (i + j) % 10 === 9 ? send("/seite?_data=routes%2Fseite", "POST") : send(p)),
    );
    for (const status of statuses) expect(status).toBeLessThan(500);
  }
  // The server's "close" comes just after the client has read the last byte.
  while (completed < target) await new Promise((r) => setTimeout(r, 5));
  tracking = false;
}

describe("request signals of completed requests", () => {
  it("leaves no abort listener behind, however many requests went through the bridge", async () => {
    await drive(100);
    const after100 = liveAbortListeners();
    await drive(300);
    const after400 = liveAbortListeners();
    // Sanity check of the instrumentation: Remix's copies did register listeners on these signals.
    expect(tracked.size).toBeGreaterThan(400);
    expect(after100).toBe(0);
    expect(after400).toBe(0);
  }, 20_000);

  it("still aborts a request whose client leaves before the answer", async () => {
    let aborted: Promise<boolean> | undefined;
    const probe = http.createServer((req, res) => {
      const request = toFetchRequest(req, res);
      aborted = new Promise((resolve) => request.signal.addEventListener("abort", () => resolve(true)));
      setTimeout(() => res.end("zu spät"), 2000).unref();
    });
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const client = http.get(`http://127.0.0.1:${(probe.address() as AddressInfo).port}/`);
    client.on("error", () => undefined);
    await new Promise((r) => setTimeout(r, 100));
    client.destroy();
    expect(await aborted).toBe(true);
    probe.closeAllConnections();
    await new Promise((resolve) => probe.close(resolve));
  });
});
