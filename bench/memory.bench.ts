/**
 * Worker memory under mixed GET load: the built server (`node server.js`, two workers) on the demo
 * database, 8 clients signed in as the Musterstadt CDO requesting a mix of pages (documents and
 * Remix data requests, with query variations as browsing produces them). After warm-up rounds,
 * ten further load rounds follow; after each, the workers' resident memory is read from /proc.
 * A round is a fixed number of requests, not a fixed time, so that a run on a busy machine does the
 * same work as one on an idle machine (only slower).
 * - memory.rss_start_mb: workers' RSS (sum) after start, before any request
 * - memory.rss_warmup_rounds_mb: after each warm-up round; warm-up lasts until RSS settles (< 3 % per round)
 * - memory.rss_warm_mb: after warm-up, the baseline
 * - memory.rss_rounds_mb / memory.rss_round_max_mb: after each measured round / the highest
 * - memory.rss_final_mb: median of the last three rounds (one sample is at the mercy of GC timing)
 * - memory.rss_growth_pct: final against warm, the figure that must stay within 10 %
 * - memory.rss_idle_mb: after 5 s without load
 * - memory.requests / memory.requests_per_s: requests sent in the measured rounds
 * With BENCH_HEAP_SNAPSHOTS=1 each worker writes a heap snapshot after warm-up and after the last
 * round (SIGUSR2), and the benchmark prints the live V8 heap (memory.heap_warm_mb,
 * memory.heap_final_mb) next to RSS and what grew between the two snapshots. Snapshots cost memory
 * themselves, so RSS figures of such a run read high. Environment such as MALLOC_ARENA_MAX passes to
 * the server. Run `npm run build` first. BENCH_ROUND_REQUESTS changes a round (default 600).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { heapGrowth, summarizeHeapSnapshot, type HeapSummary } from "./heap-snapshot";
import { startBuiltServer, workerRss } from "../test/support/server-process";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const CLIENTS = 8;
const ROUND_REQUESTS = Number(process.env.BENCH_ROUND_REQUESTS ?? 600);
const WARMUP_ROUNDS = 4;
const ROUNDS = 10;
const SNAPSHOTS = process.env.BENCH_HEAP_SNAPSHOTS === "1";
const PAGES = [
  "/",
  "/agenda",
  "/projekte",
  "/projekte?status=alle",
  "/projekte/portfolio",
  "/projekte/risiken",
  "/fahrplan",
  "/teams",
  "/schulungen",
  "/foerderung",
  "/foerderung/kalender",
  "/berichte",
  "/aufgaben",
  "/verwaltung/protokoll",
  "/?_data=routes%2F_app._index",
  "/projekte?_data=routes%2F_app.projekte._index",
];

function cookies(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(";")[0]);
}

async function signIn(base: string, email: string): Promise<string> {
  const first = await fetch(`${base}/login?_data=root`);
  const { csrf } = (await first.json()) as { csrf: string };
  const jar = cookies(first);
  const res = await fetch(`${base}/login`, {
    method: "POST",
    body: new URLSearchParams({ email, password: "Fahrplan-Demo-2026", csrf }),
    headers: { Cookie: jar.join("; ") },
    redirect: "manual",
  });
  if (res.status !== 302) throw new Error(`login failed with ${res.status}`);
  return [...jar, ...cookies(res)].join("; ");
}

const mb = (bytes: number) => bytes / (1024 * 1024);

function totalMb(pid: number): number {
  return mb([...workerRss(pid).values()].reduce((a, b) => a + b, 0));
}

/**
 * Where a worker's resident memory lives (Linux smaps): "[heap]" is the main malloc arena (brk),
 * anonymous mappings hold V8's heap pages, the other threads' malloc arenas and large malloc blocks,
 * file mappings are the node binary and native modules.
 */
function rssBreakdown(worker: number): { brk: number; anon: number; file: number } {
  const result = { brk: 0, anon: 0, file: 0 };
  let kind: keyof typeof result = "anon";
  for (const line of fs.readFileSync(`/proc/${worker}/smaps`, "utf8").split("\n")) {
    const header = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \d+\s*(.*)$/.exec(line);
    if (header) {
      const name = header[1].trim();
      kind = name === "[heap]" ? "brk" : name === "" || name.startsWith("[") ? "anon" : "file";
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) result[kind] += Number(rss[1]) * 1024;
  }
  return result;
}

function breakdownText(pid: number): string {
  return [...workerRss(pid).keys()]
    .map((w) => {
      const b = rssBreakdown(w);
      return `${w}: brk ${mb(b.brk).toFixed(0)}, anon ${mb(b.anon).toFixed(0)}, file ${mb(b.file).toFixed(0)}`;
    })
    .join("; ");
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Signals every worker to write a heap snapshot and waits until each file is complete. */
async function snapshotWorkers(pid: number, dir: string): Promise<Map<number, HeapSummary>> {
  const workers = [...workerRss(pid).keys()];
  const before = new Set(fs.readdirSync(dir));
  for (const worker of workers) process.kill(worker, "SIGUSR2");
  const files = new Map<number, string>();
  const deadline = Date.now() + 120_000;
  while (files.size < workers.length) {
    if (Date.now() > deadline) throw new Error("heap snapshots were not written within 120 s");
    await new Promise((r) => setTimeout(r, 1000));
    for (const name of fs.readdirSync(dir)) {
      if (before.has(name) || !name.endsWith(".heapsnapshot")) continue;
      const worker = workers.find((w) => name.includes(`.${w}.`));
      // A snapshot is written synchronously by its worker and ends with the strings array.
      if (worker && !files.has(worker) && fs.readFileSync(path.join(dir, name), "utf8").trimEnd().endsWith("]}")) {
        files.set(worker, path.join(dir, name));
      }
    }
  }
  const result = new Map<number, HeapSummary>();
  for (const [worker, file] of files) {
    result.set(worker, summarizeHeapSnapshot(file));
    fs.rmSync(file);
  }
  return result;
}

if (!fs.existsSync(path.join(ROOT, "build/index.js"))) {
  console.error("build/index.js fehlt: bitte zuerst `npm run build` / run `npm run build` first");
  process.exit(1);
}
const snapshotDir = SNAPSHOTS ? fs.mkdtempSync(path.join(os.tmpdir(), "fahrplan-heap-")) : "";
const server = await startBuiltServer(
  { WEB_CONCURRENCY: "2" },
  SNAPSHOTS ? ["--heapsnapshot-signal=SIGUSR2", `--diagnostic-dir=${snapshotDir}`, "--trace-gc"] : [],
);
try {
  const pid = server.child.pid!;
  console.log(`memory.rss_start_mb: ${totalMb(pid).toFixed(1)} MB`);
  const cookie = await signIn(server.baseUrl, "cdo@musterstadt.example");
  let serial = 0;
  const round = async () => {
    let sent = 0;
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (sent < ROUND_REQUESTS) {
          sent++;
          const page = PAGES[serial++ % PAGES.length];
          // A changing query parameter, as searches and filters produce: caches keyed by URL must stay bounded.
          const url = `${server.baseUrl}${page}${page.includes("?") ? "&" : "?"}r=${serial % 500}`;
          const res = await fetch(url, { headers: { Cookie: cookie } });
          await res.arrayBuffer();
          if (res.status >= 500) throw new Error(`${page} answered ${res.status}\n${server.log()}`);
        }
      }),
    );
  };
  // Warm-up until the workers' RSS settles (caches filled, V8 and malloc at their working size):
  // at least WARMUP_ROUNDS rounds, then until a round moves RSS by less than 3 %, at most 12 rounds.
  const warmup: number[] = [];
  while (warmup.length < 12) {
    await round();
    warmup.push(totalMb(pid));
    const n = warmup.length;
    if (n >= WARMUP_ROUNDS && Math.abs(warmup[n - 1] - warmup[n - 2]) / warmup[n - 2] < 0.03) break;
  }
  console.log(`memory.rss_warmup_rounds_mb: ${warmup.map((v) => v.toFixed(0)).join(" ")} MB`);
  const warm = totalMb(pid);
  console.log(`memory.rss_warm_mb: ${warm.toFixed(1)} MB`);
  console.log(`memory.rss_warm_breakdown_mb: ${breakdownText(pid)} MB`);
  const heapWarm = SNAPSHOTS ? await snapshotWorkers(pid, snapshotDir) : undefined;
  const started = Date.now();
  const perRound: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    await round();
    perRound.push(totalMb(pid));
  }
  const seconds = (Date.now() - started) / 1000;
  const final = median(perRound.slice(-3));
  console.log(`memory.rss_rounds_mb: ${perRound.map((v) => v.toFixed(0)).join(" ")} MB`);
  console.log(`memory.rss_round_max_mb: ${Math.max(...perRound).toFixed(1)} MB`);
  console.log(`memory.rss_final_mb: ${final.toFixed(1)} MB`);
  console.log(`memory.rss_final_breakdown_mb: ${breakdownText(pid)} MB`);
  console.log(`memory.rss_growth_pct: ${((100 * (final - warm)) / warm).toFixed(1)} %`);
  console.log(`memory.requests: ${ROUNDS * ROUND_REQUESTS} requests`);
  console.log(`memory.requests_per_s: ${((ROUNDS * ROUND_REQUESTS) / seconds).toFixed(1)} 1/s`);
  if (heapWarm) {
    const rssFinal = totalMb(pid);
    // --trace-gc lines: "[pid:…] … Mark-Compact 52.1 (60.3) -> 50.2 (61.0) MB": live (committed) heap.
    for (const worker of workerRss(pid).keys()) {
      const last = server
        .log()
        .split("\n")
        .filter((l) => l.startsWith(`[${worker}:`) && l.includes("->"))
        .at(-1);
      const m = last && /->\s+([\d.]+) \(([\d.]+)\) MB/.exec(last);
      if (m) console.log(`memory.v8_heap_worker_${worker}_mb: ${m[1]} MB live, ${m[2]} MB committed (last GC before the final snapshot)`);
    }
    const heapFinal = await snapshotWorkers(pid, snapshotDir);
    const sum = (m: Map<number, HeapSummary>) => mb([...m.values()].reduce((a, s) => a + s.totalBytes, 0));
    console.log(`memory.heap_warm_mb: ${sum(heapWarm).toFixed(1)} MB (RSS ${warm.toFixed(1)} MB)`);
    console.log(`memory.heap_final_mb: ${sum(heapFinal).toFixed(1)} MB (RSS ${rssFinal.toFixed(1)} MB)`);
    for (const [worker, after] of heapFinal) {
      const before = heapWarm.get(worker);
      if (!before) continue;
      const grew = heapGrowth(before, after)
        .map((g) => `${g.kind} ${g.countDelta >= 0 ? "+" : ""}${g.countDelta} (${(g.bytesDelta / 1024).toFixed(0)} KB)`)
        .join(", ");
      console.log(`memory.heap_growth_worker_${worker}: ${grew}`);
    }
  }
  await new Promise((r) => setTimeout(r, 5000));
  console.log(`memory.rss_idle_mb: ${totalMb(pid).toFixed(1)} MB`);
} finally {
  await server.stop();
  if (snapshotDir) fs.rmSync(snapshotDir, { recursive: true, force: true });
}
