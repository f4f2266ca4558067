import { runScheduledBackup } from "./backup.server";
import type { BackgroundJob } from "./jobs.server";
import { logger } from "./logger.server";

/**
 * Scheduled backups in the job worker: every 15 minutes it checks whether one is due
 * (`BACKUP_INTERVAL_HOURS`, off by default; see `runScheduledBackup`).
 */
export const BACKUP_JOB: BackgroundJob = {
  name: "backup.scheduled",
  intervalMs: 15 * 60_000,
  run: async () => {
    const result = await runScheduledBackup();
    if (result) logger.info({ directory: result.directory, entries: result.manifest.entries.length, removed: result.removed.length }, "scheduled backup written");
  },
};
