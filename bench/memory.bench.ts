/**
 * Worker memory under mixed GET load: the built server (`node server.js`, two workers) on the demo
 * database, 8 clients signed in as the Musterstadt CDO requesting a mix of pages (documents and
 * Remix data requests, with query variations as browsing produces them). After warm-up rounds,
 * ten further load rounds follow; after each, the workers' resident memory is read from /proc.
 * - memory.rss_start_mb: workers' RSS (sum) after start, before any request
 * - memory.rss_warm_mb: after warm-up, the baseline
 * - memory.rss_round_max_mb / memory.rss_final_mb: highest after any round / after the last round
 * - memory.rss_growth_pct: final against warm, the figure that must stay within 10 %
 * - memory.rss_idle_mb: after 5 s without load
 * - memory.requests: requests sent in the measured rounds
 * Run `npm run build` first. BENCH_ROUND_SECONDS changes the length of a round (default 8).
 */
import fs from "node:fs";
import path from "node:path";
import { startBuiltServer, workerRss } from "../test/support/server-process";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const CLIENTS = 8;
const ROUND_MS = Number(process.env.BENCH_ROUND_SECONDS ?? 8) * 1000;
const WARMUP_ROUNDS = 3;
const ROUNDS = 10;
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

function totalMb(pid: number): number {
  return [...workerRss(pid).values()].reduce((a, b) => a + b, 0) / (1024 * 1024);
}

if (!fs.existsSync(path.join(ROOT, "build/index.js"))) {
  console.error("build/index.js fehlt: bitte zuerst `npm run build` / run `npm run build` first");
  process.exit(1);
}
const server = await startBuiltServer({ WEB_CONCURRENCY: "2" });
try {
  const pid = server.child.pid!;
  console.log(`memory.rss_start_mb: ${totalMb(pid).toFixed(1)} MB`);
  const cookie = await signIn(server.baseUrl, "cdo@musterstadt.example");
  let requests = 0;
  let serial = 0;
  const round = async () => {
    const until = Date.now() + ROUND_MS;
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (Date.now() < until) {
          const page = PAGES[serial++ % PAGES.length];
          // A changing query parameter, as searches and filters produce: caches keyed by URL must stay bounded.
          const url = `${server.baseUrl}${page}${page.includes("?") ? "&" : "?"}r=${serial % 500}`;
          const res = await fetch(url, { headers: { Cookie: cookie } });
          await res.arrayBuffer();
          if (res.status >= 500) throw new Error(`${page} answered ${res.status}\n${server.log()}`);
          requests++;
        }
      }),
    );
  };
  for (let i = 0; i < WARMUP_ROUNDS; i++) await round();
  const warm = totalMb(pid);
  console.log(`memory.rss_warm_mb: ${warm.toFixed(1)} MB`);
  requests = 0;
  const perRound: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    await round();
    perRound.push(totalMb(pid));
  }
  const final = perRound[perRound.length - 1];
  console.log(`memory.rss_rounds_mb: ${perRound.map((mb) => mb.toFixed(0)).join(" ")} MB`);
  console.log(`memory.rss_round_max_mb: ${Math.max(...perRound).toFixed(1)} MB`);
  console.log(`memory.rss_final_mb: ${final.toFixed(1)} MB`);
  console.log(`memory.rss_growth_pct: ${((100 * (final - warm)) / warm).toFixed(1)} %`);
  console.log(`memory.requests: ${requests} requests`);
  await new Promise((r) => setTimeout(r, 5000));
  console.log(`memory.rss_idle_mb: ${totalMb(pid).toFixed(1)} MB`);
} finally {
  await server.stop();
}
