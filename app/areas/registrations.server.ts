// Wiring: every area registers its workflow subjects, guards and effects (and background jobs)
// when its `workflow.server.ts` module is imported. Importing this file loads them all, so the
// server, seeds, CLIs and benchmarks see the same registrations. Each area adds one import line.
export {};
