/**
 * Background jobs that run inside the server process (deadline scans, retention). Areas register
 * theirs in BACKGROUND_JOBS; each job must be safe to run again after a restart.
 */
export interface BackgroundJob {
  name: string;
  intervalMs: number;
  run: () => void | Promise<void>;
}

export const BACKGROUND_JOBS: BackgroundJob[] = [];

const timers: NodeJS.Timeout[] = [];

async function runSafely(job: BackgroundJob) {
  try {
    await job.run();
  } catch (error) {
    console.error(`[job ${job.name}] failed`, error);
  }
}

/** Runs every job once now: the catch-up after downtime, before the server takes requests. */
export async function runBackgroundJobsOnce(): Promise<void> {
  if (process.env.DISABLE_JOBS === "true") return;
  for (const job of BACKGROUND_JOBS) await runSafely(job);
}

/** Runs every job on its interval (and, with `runNow`, once right away). */
export async function startBackgroundJobs(options: { runNow?: boolean } = {}): Promise<void> {
  if (process.env.DISABLE_JOBS === "true") return;
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
