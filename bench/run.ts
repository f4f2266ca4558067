/**
 * Runs the benchmarks: `npm run bench` runs every bench/*.bench.ts, `npm run bench -- NAME` one.
 * Each benchmark is a standalone script that prints lines `NAME.METRIC: VALUE UNIT`.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const dir = path.dirname(new URL(import.meta.url).pathname);
const available = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .map((f) => f.replace(/\.bench\.ts$/, ""))
  .sort();
const requested = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const unknown = requested.filter((r) => !available.includes(r));
if (unknown.length) {
  console.error(`Unknown benchmark(s): ${unknown.join(", ")}. Available: ${available.join(", ")}`);
  process.exit(2);
}
let failed = false;
for (const name of requested.length ? requested : available) {
  const result = spawnSync(process.execPath, ["--import", "tsx", path.join(dir, `${name}.bench.ts`)], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) {
    console.error(`benchmark ${name} failed (exit ${result.status})`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
