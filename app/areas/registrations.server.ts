// Wiring: every area registers its workflow subjects, guards and effects (and background jobs)
// when its `workflow.server.ts` module is imported. Importing this file loads them all, so the
// server, seeds, CLIs and benchmarks see the same registrations. Each area adds one import line.
import "./assessment/workflow.server";
import "./projects/workflow.server";
import "./funding/workflow.server";
import "./trainings/workflow.server";
import "../reports/workflow.server";
import "../workflow/index.server";
export {};
