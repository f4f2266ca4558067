/**
 * The Roll-in-Service pages at Land scale (demo seed + `seed:scale`: a provider for 211 Kommunen
 * with a 10-step programme rolled into all of them), one server worker, signed in as the
 * provider's coordinator. Measured in the same run: the project list (`/projekte`) of the
 * current Kommune as the reference, the cockpit (211 rows) and the matrix (first page of 50
 * Kommunen × 10 steps). Prints median times and server CPU per request and
 * `rollin.cockpit_ratio` / `rollin.matrix_ratio` = page / project list (target ≤ 2).
 * Run `npm run build` first.
 */
import { ROLLIN_SCALE_EMAIL } from "../db/seed/rollin-scale";
import { percentile, processCpuMs, signIn, startScaleServer } from "./support/scale-server";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const WARMUP = 5;

const server = await startScaleServer({ WEB_CONCURRENCY: "1" }, (ms) => console.log(`rollin.scale_seed_ms: ${ms} ms`));
try {
  const pid = server.child.pid!;
  const cookie = await signIn(server.base, ROLLIN_SCALE_EMAIL).catch((error) => {
    throw new Error(`${error.message}\n${server.log()}`);
  });
  const headers = { Cookie: cookie };
  const get = async (path: string) => {
    const t0 = performance.now();
    const res = await fetch(server.base + path, { headers });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}\n${server.log().slice(-2000)}`);
    return { ms: performance.now() - t0, size: body.length, body };
  };
  const templates = JSON.parse((await get("/roll-in/vorlagen?_data=routes%2F_app.roll-in.vorlagen._index")).body) as { templates: { id: number; rollouts: number }[] };
  const template = templates.templates.find((t) => t.rollouts >= 200);
  if (!template) throw new Error("no programme rolled into 200+ Kommunen in the scale data");
  const pages = { projekte: "/projekte", cockpit: "/roll-in", matrix: `/roll-in/vorlagen/${template.id}/matrix` };
  const measure = async (path: string) => {
    for (let i = 0; i < WARMUP; i++) await get(path);
    const times: number[] = [];
    let size = 0;
    const cpu0 = processCpuMs(pid);
    for (let i = 0; i < ROUNDS; i++) {
      const r = await get(path);
      times.push(r.ms);
      size = r.size;
    }
    const cpuMs = (processCpuMs(pid) - cpu0) / ROUNDS;
    return { medianMs: percentile(times.sort((a, b) => a - b), 0.5), cpuMs, kb: size / 1024 };
  };
  // Interleaved: the reference before and after the Roll-in pages, its mean is used.
  const before = await measure(pages.projekte);
  const cockpit = await measure(pages.cockpit);
  const matrix = await measure(pages.matrix);
  const after = await measure(pages.projekte);
  const reference = (before.medianMs + after.medianMs) / 2;
  const referenceCpu = (before.cpuMs + after.cpuMs) / 2;
  console.log(`rollin.projekte_median_ms: ${reference.toFixed(1)} ms (before ${before.medianMs.toFixed(1)}, after ${after.medianMs.toFixed(1)})`);
  console.log(`rollin.projekte_cpu_ms: ${referenceCpu.toFixed(1)} ms`);
  for (const [name, m] of [["cockpit", cockpit], ["matrix", matrix]] as const) {
    console.log(`rollin.${name}_median_ms: ${m.medianMs.toFixed(1)} ms`);
    console.log(`rollin.${name}_cpu_ms: ${m.cpuMs.toFixed(1)} ms`);
    console.log(`rollin.${name}_kb: ${m.kb.toFixed(1)} KB`);
    console.log(`rollin.${name}_ratio: ${(m.medianMs / reference).toFixed(2)} ratio`);
    console.log(`rollin.${name}_cpu_ratio: ${(m.cpuMs / Math.max(0.1, referenceCpu)).toFixed(2)} ratio`);
  }
} finally {
  await server.stop();
}
