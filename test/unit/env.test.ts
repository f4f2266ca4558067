import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { ENV_NAMES, EnvError, parseEnv } from "../../app/utils/env.server";

describe("the environment module", () => {
  it("gives the documented defaults for an empty environment", () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_PATH).toBe("./data/fahrplan.db");
    expect(env.SESSION_IDLE_MINUTES).toBe(30);
    expect(env.SEED_DEMO).toBe(true);
    expect(env.DISABLE_JOBS).toBe(false);
    expect(env.LOG_LEVEL).toBe("info");
    expect(env.BACKUP_KEEP).toBe(7);
    expect(env.WEB_CONCURRENCY).toBeUndefined();
    expect(env.METRICS_TOKEN).toBeUndefined();
    expect(env.FAHRPLAN_JOBS).toBe("none");
  });

  it("parses valid values into their types", () => {
    const env = parseEnv({ PORT: "8080", SEED_DEMO: "false", DISABLE_JOBS: "true", WEB_CONCURRENCY: "2", PUBLIC_URL: "https://fahrplan.musterstadt.de/", LOG_LEVEL: "debug", FUNDING_BASE_RATE_BP: "-88" });
    expect(env).toMatchObject({ PORT: 8080, SEED_DEMO: false, DISABLE_JOBS: true, WEB_CONCURRENCY: 2, PUBLIC_URL: "https://fahrplan.musterstadt.de", LOG_LEVEL: "debug", FUNDING_BASE_RATE_BP: -88 });
  });

  it("lists every malformed variable at once, in German and English, without echoing the values", () => {
    let error: unknown;
    try {
      parseEnv({ PORT: "80a", SEED_DEMO: "yes", LOG_LEVEL: "verbose", PUBLIC_URL: "javascript:alert(1)", METRICS_TOKEN: "kurz-geheim", SESSION_IDLE_MINUTES: "0", NODE_ENV: "prod" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvError);
    const { problems, message } = error as EnvError;
    expect(problems.map((p) => p.name).sort()).toEqual(["LOG_LEVEL", "METRICS_TOKEN", "NODE_ENV", "PORT", "PUBLIC_URL", "SEED_DEMO", "SESSION_IDLE_MINUTES"]);
    expect(message).toContain("Fahrplan startet nicht");
    expect(message).toContain("Fahrplan does not start");
    expect(message).toMatch(/PORT: erwartet eine ganze Zahl von 1 bis 65535 \/ expected an integer/);
    expect(message).toMatch(/METRICS_TOKEN: zu kurz: mindestens 16 Zeichen/);
    expect(message).not.toContain("kurz-geheim");
  });

  it("is the only module of the app that reads process.env", () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = `${dir}/${entry.name}`;
        if (entry.isDirectory()) walk(file);
        else if (/\.(ts|tsx|mjs|js)$/.test(entry.name) && file !== "app/utils/env.server.ts" && fs.readFileSync(file, "utf8").includes("process.env")) offenders.push(file);
      }
    };
    walk("app");
    walk("db");
    expect(offenders).toEqual([]);
    expect(fs.readFileSync("server.js", "utf8")).not.toContain("process.env");
  });

  it("documents every variable in docs/operations.md", () => {
    const doc = fs.readFileSync("docs/operations.md", "utf8");
    const undocumented = ENV_NAMES.filter((name) => name !== "FAHRPLAN_JOBS" && !doc.includes(`| \`${name}\``));
    expect(undocumented).toEqual([]);
  });
});
