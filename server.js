// HTTP server: serves the Remix build and static assets, and passes the client address to actions.
// In production it runs one worker process per core (node:cluster, WEB_CONCURRENCY to override):
// the primary migrates, seeds and runs the background jobs' catch-up once before it starts the
// workers; the first worker then runs the jobs on their intervals, and SQLite in WAL mode lets all
// workers read and write the same file. Every worker listens at once: node:cluster hands each new
// connection to a listening worker, so a worker busy before listening would leave all keep-alive
// connections to the others.
import cluster from "node:cluster";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { broadcastDevReady, createRequestHandler } from "@remix-run/node";
import compression from "compression";
import express from "express";

const BUILD_PATH = path.resolve("build/index.js");
const BUILD_URL = pathToFileURL(BUILD_PATH).href;
// The environment is read and checked only in app/utils/env.server.ts: a bad value stops here.
const firstBuild = await import(BUILD_URL);
const config = firstBuild.entry.module.checkEnvironment();
const { logger } = firstBuild.entry.module;
const isDev = config.NODE_ENV === "development";
const workerCount = isDev ? 1 : (config.WEB_CONCURRENCY ?? os.availableParallelism());

async function loadBuild() {
  return isDev ? import(`${BUILD_URL}?t=${Date.now()}`) : firstBuild;
}

/**
 * jobs: "catch-up-and-schedule" (single process: run every job once before listening, then on its
 * interval), "schedule" (the cluster's job worker, after the primary's catch-up), "catch-up-later"
 * (a replacement job worker: run once after listening, then on the interval), or "none".
 */
async function serve({ jobs }) {
  const build = await loadBuild();
  await build.entry.module.bootstrap({ migrate: cluster.isPrimary, runJobs: jobs === "catch-up-and-schedule" });

  const app = express();
  app.disable("x-powered-by");
  if (config.TRUST_PROXY) app.set("trust proxy", config.TRUST_PROXY);
  // Request id (X-Request-Id), access log line and request metrics for every response.
  app.use(build.entry.module.observeRequests(build));
  // nosniff, X-Frame-Options and Referrer-Policy on every response, assets and refusals included.
  app.use(build.entry.module.securityHeaders);
  // Level 1 compresses HTML nearly as well as the default 6 at a fraction of the CPU.
  // Prometheus metrics: loopback or METRICS_TOKEN only (app/utils/observability.server.ts).
  app.get("/metrics", (req, res, next) => build.entry.module.metricsEndpoint(req, res).catch(next));
  app.use(compression({ level: 1 }));
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h" }));
  // Checks and body limits before Remix reads a request (app/utils/request-guard.server.ts).
  const { guardRequest, toFetchRequest, sendFetchResponse } = build.entry.module;
  app.use(guardRequest);
  const handleRequest = createRequestHandler(isDev ? loadBuild : build, isDev ? "development" : "production");
  app.all("*", async (req, res, next) => {
    try {
      const response = await handleRequest(toFetchRequest(req, res), {
        clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown",
      });
      // The body limit has answered 413 itself when the body outgrew it.
      if (!res.headersSent) await sendFetchResponse(req, res, response);
    } catch (error) {
      next(error);
    }
  });

  const port = config.PORT;
  const server = app.listen(port, () => {
    if (cluster.isPrimary || cluster.worker?.id === 1) logger.info({ port }, `Fahrplan läuft auf http://localhost:${port}`);
    if (isDev) broadcastDevReady(build);
    if (jobs !== "none") void build.entry.module.startBackgroundJobs({ runNow: jobs === "catch-up-later" });
  });
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  // A worker whose primary is gone stops too.
  process.on("disconnect", stop);
}

if (workerCount <= 1) {
  await serve({ jobs: "catch-up-and-schedule" });
} else if (cluster.isPrimary) {
  await firstBuild.entry.module.bootstrap({ migrate: true, runJobs: true });
  firstBuild.entry.module.serveClusterMetrics();
  let stopping = false;
  const fork = (jobs) => cluster.fork({ FAHRPLAN_JOBS: jobs });
  const jobWorkers = new Set();
  for (let i = 0; i < workerCount; i++) {
    const worker = fork(i === 0 ? "schedule" : "none");
    if (i === 0) jobWorkers.add(worker.id);
  }
  cluster.on("exit", (worker, code) => {
    if (stopping) return;
    logger.error({ workerPid: worker.process.pid, code }, "worker exited; starting a new one");
    const runsJobs = jobWorkers.delete(worker.id);
    const replacement = fork(runsJobs ? "catch-up-later" : "none");
    if (runsJobs) jobWorkers.add(replacement.id);
  });
  const stopAll = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    setTimeout(() => process.exit(0), 2000).unref();
    cluster.on("exit", () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  };
  process.on("SIGINT", stopAll);
  process.on("SIGTERM", stopAll);
} else {
  await serve({ jobs: config.FAHRPLAN_JOBS });
}
