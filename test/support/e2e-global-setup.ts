import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { freePort, waitForHealth } from "./server-process";

/**
 * Starts the built app (`npm run build` ran before) on a free port against a fresh database,
 * so the browser tests exercise exactly what `npm start` serves.
 */
export default async function setup(project: TestProject) {
  if (!fs.existsSync("build/index.js")) throw new Error("build/index.js missing: run `npm run build` first");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fahrplan-e2e-"));
  const port = await freePort();
  let output = "";
  const child = spawn(process.execPath, ["server.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_PATH: path.join(dir, "fahrplan.db"),
      SESSION_SECRET: "e2e-secret",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHealth(baseUrl, child, () => output);
  project.provide("baseUrl", baseUrl);
  project.provide("e2eDatabasePath", path.join(dir, "fahrplan.db"));
  return async () => {
    child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 300));
    fs.rmSync(dir, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    e2eDatabasePath: string;
  }
}
