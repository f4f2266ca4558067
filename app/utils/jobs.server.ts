import { env } from "./env.server";
import { logger } from "./logger.server";
import { jobDuration, jobRuns } from "./metrics.server";

/**
 * Background jobs that run inside the server process (deadline scans, retention). Areas register
 * theirs with registerJob from their register function (see app/areas/registrations.server.ts);
 * each job must be safe to run again after a restart.
 */
export interface BackgroundJob {
  name: string;
  intervalMs: number;
  run: () => void | Promise<void>;
}

export const BACKGROUND_JOBS: BackgroundJob[] = [];

/** Adds a job; registering a name again replaces the earlier entry, so registering twice is harmless. */
export function registerJob(job: BackgroundJob): void {
  const index = BACKGROUND_JOBS.findIndex((j) => j.name === job.name);
  if (index >= 0) BACKGROUND_JOBS[index] = job;
  else BACKGROUND_JOBS.push(job);
}

const timers: NodeJS.Timeout[] = [];

async function runSafely(job: BackgroundJob) {
  const stop = jobDuration.startTimer({ job: job.name });
  try {
    await job.run();
    jobRuns.inc({ job: job.name, outcome: "success" });
  } catch (error) {
    jobRuns.inc({ job: job.name, outcome: "failure" });
    logger.error({ err: error, job: job.name }, "background job failed");
  } finally {
    stop();
  }
}

/** Runs every job once now: the catch-up after downtime, before the server takes requests. */
export async function runBackgroundJobsOnce(): Promise<void> {
  if (env().DISABLE_JOBS) return;
  for (const job of BACKGROUND_JOBS) await runSafely(job);
}

/** Runs every job on its interval (and, with `runNow`, once right away). */
export async function startBackgroundJobs(options: { runNow?: boolean } = {}): Promise<void> {
  if (env().DISABLE_JOBS) return;
  if (options.runNow ?? true) await runBackgroundJobsOnce();
  for (const job of BACKGROUND_JOBS) {
    const timer = setInterval(() => void runSafely(job), job.intervalMs);
    timer.unref();
    timers.push(timer);
  }
}

export function stopBackgroundJobs(): void {
  for (const t of timers.splice(0)) clearInterval(t);
}
