/**
 * What the patch of @remix-run/router (patches/, a cache of compiled route patterns in
 * `compilePath`) gains on its own: route matching over the app's real route tree (from the build)
 * with the patched router against the same router file with the patch reversed, in one process.
 * - router_patch.patched_us / unpatched_us: microseconds per `matchRoutes` call (a request makes
 *   two or three: Remix's server runtime, its static handler, and the route label for metrics)
 * - router_patch.saving_us: unpatched − patched per call
 * - router_patch.speedup: unpatched / patched
 * Run `npm run build` first. The decision record docs/decisions/0001-router-patch.md uses the figures.
 */
import { createRequire } from "node:module";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { applyPatch, parsePatch, reversePatch } from "diff";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const require = createRequire(import.meta.url);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const CALLS = 20_000;

/** Pathnames as the pages bench and a signed-out client request them. */
const PATHS = [
  "/", "/login", "/agenda", "/agenda/handlungsfelder", "/projekte", "/projekte/123", "/projekte/123/bearbeiten",
  "/projekte/portfolio", "/fahrplan", "/teams", "/schulungen", "/schulungen/termine/45", "/foerderung",
  "/foerderung/antraege/7/belege", "/berichte", "/aufgaben", "/verwaltung/protokoll", "/beschaeftigte",
];

type Router = typeof import("@remix-run/router");
type Routes = Parameters<Router["matchRoutes"]>[0];

function routerFile(): string {
  return require.resolve("@remix-run/router/dist/router.cjs.js");
}

/** The router as npm ships it: the patch file applied in reverse to the installed (patched) file. */
function unpatchedRouter(): Router {
  const patchFile = fs.readdirSync(path.join(ROOT, "patches")).find((f) => f.startsWith("@remix-run+router+"));
  if (!patchFile) throw new Error("no @remix-run/router patch in patches/");
  const [filePatch] = parsePatch(fs.readFileSync(path.join(ROOT, "patches", patchFile), "utf8"));
  const original = applyPatch(fs.readFileSync(routerFile(), "utf8"), reversePatch(filePatch));
  if (original === false) throw new Error("the patch does not reverse cleanly on the installed router");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fahrplan-router-"));
  const file = path.join(dir, "router.cjs.js");
  fs.writeFileSync(file, original);
  return require(file) as Router;
}

async function routeTree(): Promise<Routes> {
  const buildFile = path.join(ROOT, "build/index.js");
  if (!fs.existsSync(buildFile)) throw new Error("build/index.js fehlt: bitte zuerst `npm run build` / run `npm run build` first");
  const build = (await import(buildFile)) as { routes: Record<string, { id: string; parentId?: string; path?: string; index?: boolean; caseSensitive?: boolean }> };
  const all = Object.values(build.routes);
  const tree = (parentId: string | undefined): Routes =>
    all
      .filter((r) => r.parentId === parentId)
      .map((r) => (r.index ? { id: r.id, path: r.path, index: true as const } : { id: r.id, path: r.path, caseSensitive: r.caseSensitive, children: tree(r.id) }));
  return tree(undefined);
}

function microsPerCall(router: Router, routes: Routes): number {
  let matched = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < CALLS; i++) matched += router.matchRoutes(routes, PATHS[i % PATHS.length])?.length ?? 0;
  const elapsed = Number(process.hrtime.bigint() - start) / 1000;
  if (matched === 0) throw new Error("no route matched: the route tree is wrong");
  return elapsed / CALLS;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const routes = await routeTree();
const patched = require(routerFile()) as Router;
const unpatched = unpatchedRouter();
// Both must agree: the patch may only change speed.
for (const p of PATHS) {
  const ids = (r: Router) => (r.matchRoutes(routes, p) ?? []).map((m) => m.route.id).join(">");
  if (ids(patched) !== ids(unpatched)) throw new Error(`patched and unpatched router disagree on ${p}`);
}
const patchedTimes: number[] = [];
const unpatchedTimes: number[] = [];
microsPerCall(patched, routes);
microsPerCall(unpatched, routes);
// Alternating rounds, so foreign load on the machine hits both alike.
for (let round = 0; round < ROUNDS; round++) {
  patchedTimes.push(microsPerCall(patched, routes));
  unpatchedTimes.push(microsPerCall(unpatched, routes));
}
const p = median(patchedTimes);
const u = median(unpatchedTimes);
console.log(`router_patch.routes: ${Object.keys(routes).length} top-level`);
console.log(`router_patch.patched_us: ${p.toFixed(1)} µs`);
console.log(`router_patch.unpatched_us: ${u.toFixed(1)} µs`);
console.log(`router_patch.saving_us: ${(u - p).toFixed(1)} µs`);
console.log(`router_patch.speedup: ${(u / p).toFixed(2)} ratio`);
