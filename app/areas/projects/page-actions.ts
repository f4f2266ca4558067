import type { SubmissionResult } from "@conform-to/react";

/** The intents the project page's action answers. */
export const PROJECT_PAGE_INTENTS = [
  "addMilestone",
  "milestoneDone",
  "milestoneReopen",
  "removeMilestone",
  "rescheduleMilestone",
  "addDependency",
  "removeDependency",
  "addRisk",
  "updateRisk",
  "removeRisk",
  "closeRisk",
  "reopenRisk",
  "archive",
  "restore",
] as const;
export type ProjectPageIntent = (typeof PROJECT_PAGE_INTENTS)[number];

/** What the project page's action answers: the intent, Conform's reply for a form, a message for a button, the schedule warnings after a save. */
export type ProjectActionData = { intent: ProjectPageIntent; result: SubmissionResult<string[]> | undefined; message: string | undefined; warnings?: string[] };
