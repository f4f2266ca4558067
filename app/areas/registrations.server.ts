import { registerJob } from "../utils/jobs.server";
import { BACKUP_JOB } from "../utils/backup-job.server";
import { MAIL_DIGEST_JOB } from "../utils/mail/digest.server";
import { MAIL_SENDER_JOB } from "../utils/mail/sender.server";
import { registerReports } from "../reports/workflow.server";
import { registerWorkflowEngine } from "../workflow/index.server";
import { registerAssessment } from "./assessment/workflow.server";
import { registerFunding } from "./funding/workflow.server";
import { registerProjects } from "./projects/workflow.server";
import { registerTrainings } from "./trainings/workflow.server";

/**
 * Wiring: every workflow subject, guard, effect and task source of the areas, and every background
 * job, registered in one place. No module registers anything when it is imported: the server
 * (app/entry.server.tsx), the seeds, the CLIs, the benchmarks and the test setup call this once at
 * start. Idempotent: a second call registers the same things again, replacing them by name. A new
 * area adds its register function here.
 */
export function registerAll(): void {
  registerWorkflowEngine();
  registerReports();
  registerAssessment();
  registerProjects();
  registerFunding();
  registerTrainings();
  registerJob(MAIL_SENDER_JOB);
  registerJob(BACKUP_JOB);
  registerJob(MAIL_DIGEST_JOB);
}
