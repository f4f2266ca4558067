import fs from "node:fs";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { MAIL_STATES } from "../../db/schema/mail";
import { databasePath, getSqlite } from "./db.server";
import { withoutTenantGuard } from "./tenant-guard.server";

/**
 * The one Prometheus registry of a process (served at /metrics, see observability.server.ts).
 * Under node:cluster every worker has its own; the primary aggregates them on request.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: "fahrplan_" });

export const httpRequestDuration = new Histogram({
  name: "fahrplan_http_request_duration_seconds",
  help: "Dauer der HTTP-Anfragen nach Methode, Routenmuster und Status / HTTP request duration by method, route pattern and status",
  labelNames: ["method", "route", "status"] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

export const jobRuns = new Counter({
  name: "fahrplan_job_runs_total",
  help: "Läufe der Hintergrundaufgaben nach Ergebnis / background job runs by outcome",
  labelNames: ["job", "outcome"] as const,
  registers: [metricsRegistry],
});

export const jobDuration = new Histogram({
  name: "fahrplan_job_duration_seconds",
  help: "Dauer der Hintergrundaufgaben / background job duration",
  labelNames: ["job"] as const,
  buckets: [0.01, 0.1, 0.5, 1, 5, 30, 120],
  registers: [metricsRegistry],
});

function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

new Gauge({
  name: "fahrplan_database_size_bytes",
  help: "Größe der SQLite-Datenbank samt Write-Ahead-Log / SQLite database size including its WAL",
  labelNames: ["file"] as const,
  registers: [metricsRegistry],
  // The same file for every worker: the cluster aggregate takes one value, not the sum.
  aggregator: "max",
  collect() {
    const file = databasePath();
    this.set({ file: "db" }, fileSize(file));
    this.set({ file: "wal" }, fileSize(`${file}-wal`));
  },
});

new Gauge({
  name: "fahrplan_mail_outbox_messages",
  help: "E-Mails im Postausgang nach Zustand / mails in the outbox by state",
  labelNames: ["state"] as const,
  registers: [metricsRegistry],
  // One outbox for every worker: the cluster aggregate takes one value, not the sum.
  aggregator: "max",
  collect() {
    const rows = withoutTenantGuard("cross-tenant-admin", () => getSqlite().prepare("SELECT state, count(*) AS n FROM mail_outbox GROUP BY state")).all() as { state: string; n: number }[];
    const counts = new Map(rows.map((r) => [r.state, r.n]));
    for (const state of MAIL_STATES) this.set({ state }, counts.get(state) ?? 0);
  },
});
