// HTTP server: serves the Remix build, static assets and passes the client address to actions.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady } from "@remix-run/node";
import compression from "compression";
import express from "express";

const BUILD_PATH = path.resolve("build/index.js");
const isDev = process.env.NODE_ENV === "development";

async function loadBuild() {
  const url = pathToFileURL(BUILD_PATH).href;
  return import(isDev ? `${url}?t=${Date.now()}` : url);
}

const build = await loadBuild();
await build.entry.module.bootstrap();

const app = express();
app.disable("x-powered-by");
if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY);
app.use(compression());
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
  console.log(`Fahrplan läuft auf http://localhost:${port}`);
  if (isDev) broadcastDevReady(build);
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
