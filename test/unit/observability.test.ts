import type { IncomingMessage } from "node:http";
import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../app/utils/logger.server";
import { mayReadMetrics, requestIdOf } from "../../app/utils/observability.server";
import { runWithRequestContext } from "../../app/utils/request-context.server";
import { createRoutePatternMatcher } from "../../app/utils/route-pattern.server";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createLogger(stream), lines };
}

function request(headers: Record<string, string>, remoteAddress: string): IncomingMessage {
  return { headers, socket: { remoteAddress } } as unknown as IncomingMessage;
}

afterEach(() => {
  delete process.env.METRICS_TOKEN;
});

describe("structured logs", () => {
  it("write JSON with the request id and user id of the current request", async () => {
    const { logger, lines } = capture();
    runWithRequestContext({ requestId: "req-1", userId: 42 }, () => logger.info({ route: "/projekte" }, "request"));
    logger.info("outside");
    await new Promise((r) => setImmediate(r));
    expect(lines[0]).toMatchObject({ level: "info", msg: "request", requestId: "req-1", userId: 42, route: "/projekte", service: "fahrplan" });
    expect(typeof lines[0].time).toBe("string");
    expect(lines[1].requestId).toBeUndefined();
  });

  it("replace passwords, tokens, secrets and cookies wherever they sit", async () => {
    const { logger, lines } = capture();
    logger.info({
      password: "Geheim-123",
      form: { newPassword: "Neu-456", csrf: "abc" },
      req: { headers: { cookie: "fahrplan_session=xyz", authorization: "Bearer tok" } },
      res: { headers: { "set-cookie": "fahrplan_session=xyz" } },
      api: { client: { token: "t0k3n" } },
    });
    await new Promise((r) => setImmediate(r));
    const text = JSON.stringify(lines[0]);
    for (const secret of ["Geheim-123", "Neu-456", "abc", "xyz", "Bearer tok", "t0k3n"]) expect(text).not.toContain(secret);
    expect(text).toContain("[entfernt]");
  });
});

describe("request ids", () => {
  it("keep a plain incoming X-Request-Id and replace a missing or odd one", () => {
    expect(requestIdOf(request({ "x-request-id": "abc-123" }, "127.0.0.1"))).toBe("abc-123");
    expect(requestIdOf(request({}, "127.0.0.1"))).toMatch(/^[0-9a-f-]{36}$/);
    const injected = requestIdOf(request({ "x-request-id": 'a"\n{"level":"fatal"}' }, "127.0.0.1"));
    expect(injected).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdOf(request({ "x-request-id": "x".repeat(300) }, "127.0.0.1"))).toHaveLength(36);
  });
});

describe("who may read /metrics", () => {
  it("a direct loopback connection may, a forwarded or remote one may not", () => {
    expect(mayReadMetrics(request({}, "127.0.0.1"))).toBe(true);
    expect(mayReadMetrics(request({}, "::1"))).toBe(true);
    expect(mayReadMetrics(request({}, "::ffff:127.0.0.1"))).toBe(true);
    expect(mayReadMetrics(request({}, "10.1.2.3"))).toBe(false);
    expect(mayReadMetrics(request({ "x-forwarded-for": "203.0.113.9" }, "127.0.0.1"))).toBe(false);
    expect(mayReadMetrics(request({ forwarded: "for=203.0.113.9" }, "127.0.0.1"))).toBe(false);
  });

  it("a remote client may with the right bearer token only", () => {
    process.env.METRICS_TOKEN = "0123456789abcdef-metrics";
    expect(mayReadMetrics(request({ authorization: "Bearer 0123456789abcdef-metrics" }, "10.1.2.3"))).toBe(true);
    expect(mayReadMetrics(request({ authorization: "Bearer 0123456789abcdef-metricx" }, "10.1.2.3"))).toBe(false);
    expect(mayReadMetrics(request({ authorization: "Basic 0123456789abcdef-metrics" }, "10.1.2.3"))).toBe(false);
    expect(mayReadMetrics(request({}, "10.1.2.3"))).toBe(false);
  });
});

describe("route patterns for labels and the access log", () => {
  const routes = {
    root: { id: "root", path: "" },
    "routes/_app": { id: "routes/_app", parentId: "root" },
    "routes/_app._index": { id: "routes/_app._index", parentId: "routes/_app", index: true },
    "routes/_app.projekte.$projectId._index": { id: "routes/_app.projekte.$projectId._index", parentId: "routes/_app", path: "projekte/:projectId", index: true },
    "routes/kalender.$token.schulungen[.ics]": { id: "routes/kalender.$token.schulungen[.ics]", parentId: "root", path: "kalender/:token/schulungen.ics" },
    "routes/$": { id: "routes/$", parentId: "root", path: "*" },
  } as unknown as Parameters<typeof createRoutePatternMatcher>[0];
  const routeOf = createRoutePatternMatcher(routes);

  it("name the pattern, never ids or tokens from the URL", () => {
    expect(routeOf("/")).toBe("/");
    expect(routeOf("/projekte/17")).toBe("/projekte/:projectId");
    expect(routeOf("/kalender/geheimes-token/schulungen.ics")).toBe("/kalender/:token/schulungen.ics");
    expect(routeOf("/gibt-es-nicht/123")).toBe("/*");
    expect(routeOf("/build/_assets/tailwind-ABC.css")).toBe("/build/*");
  });
});
