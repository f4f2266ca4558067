/**
 * Every page of the main navigation and its first sub-pages at Land scale (demo seed + `seed:scale`,
 * 400 Kommunen), one server worker (WEB_CONCURRENCY=1), signed in as one scale Kommune's CDO. The
 * ceiling is the same server's bare Remix page, `/login` for a signed-out client, measured in the
 * same run (before and after the pages; the mean is used).
 * Per page, after a warm-up, CLIENTS concurrent clients request it for BENCH_SECONDS (default 3):
 * - pages.<name>_rps: requests per second of server CPU time (1000 / CPU ms per request of the
 *   worker); on a machine shared with other load this is the capacity of one otherwise idle worker
 * - pages.<name>_ratio: that against the ceiling's, the figure that must stay ≥ 0.5
 * - pages.<name>_wall_rps / pages.<name>_wall_ratio: the same from wall-clock time (noisy under
 *   foreign load: other processes take the cores the worker would use)
 * - pages.min_ratio: the slowest page's ratio
 * BENCH_PAGES=projekte,fahrplan measures a subset; BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR"
 * profiles the worker. Run `npm run build` first.
 */
import { percentile, processCpuMs, signIn, startScaleServer } from "./support/scale-server";

const CLIENTS = 4;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const WARMUP = 30;
const KOMMUNE = "scale-042";

/** name → path; the main navigation (app/components/navigation.ts) and the first sub-pages. */
const PAGES: Record<string, string> = {
  uebersicht: "/",
  agenda: "/agenda",
  agenda_handlungsfelder: "/agenda/handlungsfelder",
  projekte: "/projekte",
  projekte_portfolio: "/projekte/portfolio",
  projekte_risiken: "/projekte/risiken",
  fahrplan: "/fahrplan",
  teams: "/teams",
  teams_zusammenarbeit: "/teams/zusammenarbeit",
  schulungen: "/schulungen",
  schulungen_formate: "/schulungen/formate",
  schulungen_pflichtschulungen: "/schulungen/pflichtschulungen",
  schulungen_extern: "/schulungen/extern",
  foerderung: "/foerderung",
  foerderung_kalender: "/foerderung/kalender",
  foerderung_programme: "/foerderung/programme",
  foerderung_finder: "/foerderung/finder",
  berichte: "/berichte",
  aufgaben: "/aufgaben",
  // The CDO has no admin.users / org.edit, so Benutzer and Organisation are not its pages.
  verwaltung: "/verwaltung",
  verwaltung_ablaeufe: "/verwaltung/ablaeufe",
  verwaltung_protokoll: "/verwaltung/protokoll",
  beschaeftigte: "/beschaeftigte",
};

const selected = (process.env.BENCH_PAGES ?? "").split(",").filter(Boolean);
const unknown = selected.filter((name) => !(name in PAGES));
if (unknown.length) {
  console.error(`Unbekannte Seiten / unknown pages: ${unknown.join(", ")}. Available: ${Object.keys(PAGES).join(", ")}`);
  process.exit(2);
}

interface Measurement {
  rps: number;
  wallRps: number;
  medianMs: number;
  kb: number;
}

const server = await startScaleServer({ WEB_CONCURRENCY: "1" }, (ms) => console.log(`pages.scale_seed_ms: ${ms} ms`));
try {
  const pid = server.child.pid!;
  const cookie = await signIn(server.base, `cdo@${KOMMUNE}.example`).catch((error) => {
    throw new Error(`${error.message}\n${server.log()}`);
  });

  const get = async (path: string, headers: Record<string, string>) => {
    const t0 = performance.now();
    const res = await fetch(server.base + path, { headers });
    const html = await res.text();
    if (res.status !== 200 || !html.includes("</html>")) throw new Error(`${path} answered ${res.status}\n${server.log().slice(-2000)}`);
    return { ms: performance.now() - t0, size: html.length };
  };

  const measure = async (path: string, headers: Record<string, string>): Promise<Measurement> => {
    for (let i = 0; i < WARMUP; i++) await get(path, headers);
    const { size } = await get(path, headers);
    const times: number[] = [];
    const cpuBefore = processCpuMs(pid);
    const t0 = performance.now();
    const until = t0 + SECONDS * 1000;
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (performance.now() < until) times.push((await get(path, headers)).ms);
      }),
    );
    const wallS = (performance.now() - t0) / 1000;
    const cpuS = Math.max(0.01, (processCpuMs(pid) - cpuBefore) / 1000);
    return { rps: times.length / cpuS, wallRps: times.length / wallS, medianMs: percentile(times.sort((a, b) => a - b), 0.5), kb: size / 1024 };
  };

  const ceilingBefore = await measure("/login", {});
  const results: [string, Measurement][] = [];
  for (const [name, path] of Object.entries(PAGES)) {
    if (selected.length && !selected.includes(name)) continue;
    results.push([name, await measure(path, { Cookie: cookie })]);
  }
  const ceilingAfter = await measure("/login", {});
  const ceiling = (ceilingBefore.rps + ceilingAfter.rps) / 2;
  const wallCeiling = (ceilingBefore.wallRps + ceilingAfter.wallRps) / 2;
  console.log(`pages.login_rps: ${ceiling.toFixed(0)} req/s (before ${ceilingBefore.rps.toFixed(0)}, after ${ceilingAfter.rps.toFixed(0)})`);
  console.log(`pages.login_wall_rps: ${wallCeiling.toFixed(0)} req/s`);
  for (const [name, m] of results) {
    console.log(`pages.${name}_rps: ${m.rps.toFixed(0)} req/s`);
    console.log(`pages.${name}_ratio: ${(m.rps / ceiling).toFixed(2)} ratio`);
    console.log(`pages.${name}_wall_rps: ${m.wallRps.toFixed(0)} req/s`);
    console.log(`pages.${name}_wall_ratio: ${(m.wallRps / wallCeiling).toFixed(2)} ratio`);
    console.log(`pages.${name}_median_ms: ${m.medianMs.toFixed(1)} ms`);
    console.log(`pages.${name}_kb: ${m.kb.toFixed(1)} KB`);
  }
  if (results.length) {
    const [slowest, m] = results.reduce((a, b) => (b[1].rps < a[1].rps ? b : a));
    console.log(`pages.min_ratio: ${(m.rps / ceiling).toFixed(2)} ratio (${slowest})`);
  }
} finally {
  await server.stop();
}
