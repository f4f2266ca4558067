/**
 * The Roll-in-Service pages at Land scale (demo seed + `seed:scale`: a provider for 211 Kommunen
 * with a 10-step programme rolled into all of them), one server worker, signed in as the
 * provider's coordinator. Measured in the same run: the project list (`/projekte`) of the
 * current Kommune as the reference, the cockpit (211 Kommunen, 50 per page) and the matrix (first page of 25
 * Kommunen × 10 steps). Prints median times and server CPU per request and
 * `rollin.cockpit_ratio` / `rollin.matrix_ratio` = page / project list (target ≤ 2).
 * Run `npm run build` first.
 */
import { ROLLIN_SCALE_EMAIL } from "../db/seed/rollin-scale";
import { percentile, processCpuMs, signIn, startScaleServer } from "./support/scale-server";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
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
  // Interleaved request by request, so that load from elsewhere on the machine falls on all
  // three pages alike; server CPU is summed per page over all rounds.
  const names = Object.keys(pages) as (keyof typeof pages)[];
  for (let i = 0; i < WARMUP; i++) for (const name of names) await get(pages[name]);
  const samples = Object.fromEntries(names.map((n) => [n, { times: [] as number[], cpu: 0, size: 0 }])) as Record<keyof typeof pages, { times: number[]; cpu: number; size: number }>;
  for (let i = 0; i < ROUNDS; i++) {
    for (const name of names) {
      const cpu0 = processCpuMs(pid);
      const r = await get(pages[name]);
      samples[name].cpu += processCpuMs(pid) - cpu0;
      samples[name].times.push(r.ms);
      samples[name].size = r.size;
    }
  }
  const result = (name: keyof typeof pages) => ({
    medianMs: percentile(samples[name].times.sort((a, b) => a - b), 0.5),
    cpuMs: samples[name].cpu / ROUNDS,
    kb: samples[name].size / 1024,
  });
  const reference = result("projekte").medianMs;
  const referenceCpu = result("projekte").cpuMs;
  const cockpit = result("cockpit");
  const matrix = result("matrix");
  console.log(`rollin.projekte_median_ms: ${reference.toFixed(1)} ms`);
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
