import cluster from "node:cluster";
import crypto from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ServerBuild } from "@remix-run/node";
import { AggregatorRegistry } from "prom-client";
import { env } from "./env.server";
import { logger } from "./logger.server";
import { httpRequestDuration, metricsRegistry } from "./metrics.server";
import { runWithRequestContext } from "./request-context.server";
import { createRoutePatternMatcher } from "./route-pattern.server";

/**
 * Request ids, the access log and the request metrics, as the first middleware of server.js; and
 * the /metrics endpoint. An incoming X-Request-Id (from a proxy) is kept when it is a plain token,
 * else a new one is made; either way the response carries it back.
 */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

interface ExpressishRequest extends IncomingMessage {
  ip?: string;
  originalUrl?: string;
}

type Next = (error?: unknown) => void;

export function requestIdOf(req: IncomingMessage): string {
  const incoming = req.headers["x-request-id"];
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return value && REQUEST_ID.test(value) ? value : crypto.randomUUID();
}

function pathnameOf(req: ExpressishRequest): string {
  const raw = req.originalUrl ?? req.url ?? "/";
  const end = raw.search(/[?#]/);
  return end === -1 ? raw : raw.slice(0, end);
}

/** Express middleware factory: one access-log line and one histogram observation per request. */
export function observeRequests(build: ServerBuild) {
  const routeOf = createRoutePatternMatcher(build.routes);
  return (req: ExpressishRequest, res: ServerResponse, next: Next) => {
    const started = process.hrtime.bigint();
    const context = { requestId: requestIdOf(req) } as { requestId: string; userId?: number };
    res.setHeader("X-Request-Id", context.requestId);
    res.once("close", () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeOf(pathnameOf(req));
      const status = res.writableFinished ? res.statusCode : 499;
      httpRequestDuration.observe({ method: req.method ?? "GET", route, status: String(status) }, seconds);
      // The route pattern, not the URL: paths carry calendar tokens and certificate codes.
      runWithRequestContext(context, () =>
        logger.info(
          { msg: "request", method: req.method, route, status, durationMs: Math.round(seconds * 10_000) / 10, bytes: Number(res.getHeader("content-length") ?? 0) || undefined },
        ),
      );
    });
    runWithRequestContext(context, () => next());
  };
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/**
 * Who may read /metrics: a bearer token equal to METRICS_TOKEN, or a direct connection from this
 * machine. A request a proxy forwarded (X-Forwarded-For/Forwarded) never counts as local, even
 * when the proxy itself connects over loopback.
 */
export function mayReadMetrics(req: IncomingMessage): boolean {
  const token = env().METRICS_TOKEN;
  const header = req.headers.authorization ?? "";
  if (token && header.startsWith("Bearer ")) {
    const given = Buffer.from(header.slice("Bearer ".length).trim());
    const expected = Buffer.from(token);
    if (given.length === expected.length && crypto.timingSafeEqual(given, expected)) return true;
  }
  const forwarded = req.headers["x-forwarded-for"] !== undefined || req.headers.forwarded !== undefined;
  return !forwarded && LOOPBACK.test(req.socket.remoteAddress ?? "");
}

const CLUSTER_REQUEST = "fahrplan:metrics-request";
const CLUSTER_RESPONSE = "fahrplan:metrics-response";

/** In a cluster worker: answer the primary's collection requests with this worker's registry. */
if (cluster.isWorker) {
  AggregatorRegistry.setRegistries([metricsRegistry]);
  new AggregatorRegistry();
}

let nextRequest = 0;
const waiting = new Map<number, (text: string | null) => void>();

function clusterMetrics(): Promise<string | null> {
  const id = nextRequest++;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      waiting.delete(id);
      resolve(null);
    }, 6000);
    waiting.set(id, (text) => {
      clearTimeout(timer);
      waiting.delete(id);
      resolve(text);
    });
    process.send?.({ type: CLUSTER_REQUEST, id });
  });
}

if (cluster.isWorker) {
  process.on("message", (message: { type?: string; id?: number; text?: string | null }) => {
    if (message?.type === CLUSTER_RESPONSE && typeof message.id === "number") waiting.get(message.id)?.(message.text ?? null);
  });
}

/** In the cluster primary (server.js): collect every worker's metrics when one asks. */
export function serveClusterMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on("message", (worker, message: { type?: string; id?: number }) => {
    if (message?.type !== CLUSTER_REQUEST) return;
    aggregator.clusterMetrics().then(
      (text) => worker.send({ type: CLUSTER_RESPONSE, id: message.id, text }),
      (error: unknown) => {
        logger.error({ err: error }, "collecting cluster metrics failed");
        worker.send({ type: CLUSTER_RESPONSE, id: message.id, text: null });
      },
    );
  });
}

/** Express handler for GET /metrics. */
export async function metricsEndpoint(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!mayReadMetrics(req)) {
    res.statusCode = env().METRICS_TOKEN ? 401 : 403;
    if (env().METRICS_TOKEN) res.setHeader("WWW-Authenticate", 'Bearer realm="metrics"');
    res.setHeader("Content-Type", "text/plain; charset=utf-8");
    res.setHeader("Cache-Control", "no-store");
    res.end("Die Messwerte sind nur von diesem Rechner aus oder mit gültigem Token abrufbar.\n");
    return;
  }
  const text = cluster.isWorker ? await clusterMetrics() : await metricsRegistry.metrics();
  res.setHeader("Cache-Control", "no-store");
  if (text === null) {
    res.statusCode = 503;
    res.setHeader("Content-Type", "text/plain; charset=utf-8");
    res.end("Die Messwerte der Server-Prozesse konnten nicht eingesammelt werden.\n");
    return;
  }
  res.setHeader("Content-Type", metricsRegistry.contentType);
  res.end(text);
}
