// HTTP server: serves the Remix build and static assets, and passes the client address to actions.
// In production it runs one worker process per core (node:cluster, WEB_CONCURRENCY to override):
// the primary migrates and seeds once, the first worker runs the background jobs, and SQLite in WAL
// mode lets all workers read and write the same file.
import cluster from "node:cluster";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady } from "@remix-run/node";
import compression from "compression";
import express from "express";

const BUILD_PATH = path.resolve("build/index.js");
const isDev = process.env.NODE_ENV === "development";
const workerCount = isDev ? 1 : Number(process.env.WEB_CONCURRENCY ?? os.availableParallelism());

async function loadBuild() {
  const url = pathToFileURL(BUILD_PATH).href;
  return import(isDev ? `${url}?t=${Date.now()}` : url);
}

async function serve({ runJobs }) {
  const build = await loadBuild();
  await build.entry.module.bootstrap({ migrate: cluster.isPrimary, runJobs });

  const app = express();
  app.disable("x-powered-by");
  if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY);
  // Level 1 compresses HTML nearly as well as the default 6 at a fraction of the CPU.
  app.use(compression({ level: 1 }));
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h" }));
  app.all(
    "*",
    createRequestHandler({
      build: isDev ? loadBuild : build,
      mode: isDev ? "development" : "production",
      getLoadContext: (req) => ({ clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown" }),
    }),
  );

  const port = Number(process.env.PORT ?? 3000);
  const server = app.listen(port, () => {
    if (cluster.isPrimary || cluster.worker?.id === 1) console.log(`Fahrplan läuft auf http://localhost:${port}`);
    if (isDev) broadcastDevReady(build);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  // A worker whose primary is gone stops too.
  process.on("disconnect", stop);
}

if (workerCount <= 1) {
  await serve({ runJobs: true });
} else if (cluster.isPrimary) {
  const build = await loadBuild();
  await build.entry.module.bootstrap({ migrate: true, runJobs: false });
  let stopping = false;
  const fork = (runJobs) => cluster.fork({ FAHRPLAN_RUN_JOBS: runJobs ? "true" : "false" });
  const jobWorkers = new Set();
  for (let i = 0; i < workerCount; i++) {
    const worker = fork(i === 0);
    if (i === 0) jobWorkers.add(worker.id);
  }
  cluster.on("exit", (worker, code) => {
    if (stopping) return;
    console.error(`[server] worker ${worker.process.pid} exited (${code}); starting a new one`);
    const runJobs = jobWorkers.delete(worker.id);
    const replacement = fork(runJobs);
    if (runJobs) jobWorkers.add(replacement.id);
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
  await serve({ runJobs: process.env.FAHRPLAN_RUN_JOBS === "true" });
}
