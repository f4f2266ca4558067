import { z } from "zod";

/**
 * The one place that reads the process environment. Every variable is listed here with its rule
 * and default, and documented in docs/operations.md (a unit test keeps the two in step). A
 * malformed value stops the start with one message naming every bad variable (`checkEnvironment`),
 * instead of a wrong default or a crash deep inside a request.
 *
 * The parsed result is cached per set of raw values: tests switch DATABASE_PATH and friends at run
 * time, and reading ~20 properties to build the cache key is far cheaper than parsing again.
 */

const bool = (fallback: boolean) =>
  z
    .enum(["true", "false"], { error: `erwartet „true“ oder „false“ / expected "true" or "false"` })
    .optional()
    .transform((v) => (v === undefined ? fallback : v === "true"));

const int = <F extends number | undefined = undefined>(min: number, max: number, fallback?: F) =>
  z
    .string()
    .optional()
    .transform((v, ctx): number | F => {
      if (v === undefined || v === "") return fallback as F;
      const n = Number(v);
      if (!/^-?\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: "custom", message: `erwartet eine ganze Zahl von ${min} bis ${max} / expected an integer from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });

const text = <F extends string | undefined = undefined>(fallback?: F) =>
  z
    .string()
    .optional()
    .transform((v): string | F => (v === undefined || v === "" ? (fallback as F) : v));

const httpUrl = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === "") return undefined;
    try {
      const url = new URL(v);
      if (url.protocol === "http:" || url.protocol === "https:") return url.origin + url.pathname.replace(/\/+$/, "");
    } catch {
      // reported below
    }
    ctx.addIssue({ code: "custom", message: "erwartet eine http(s)-Adresse, z. B. https://fahrplan.musterstadt.de / expected an http(s) URL" });
    return z.NEVER;
  });

const secret = (minLength: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === "") return undefined;
      if (v.length < minLength) {
        ctx.addIssue({ code: "custom", message: `zu kurz: mindestens ${minLength} Zeichen / too short: at least ${minLength} characters` });
        return z.NEVER;
      }
      return v;
    });

const smtpUrl = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === "") return undefined;
    try {
      const url = new URL(v);
      if (url.protocol === "smtp:" || url.protocol === "smtps:") return v;
    } catch {
      // reported below
    }
    ctx.addIssue({ code: "custom", message: "erwartet smtp://… oder smtps://…, z. B. smtp://benutzer:passwort@mail.musterstadt.de:587 / expected an smtp(s) URL" });
    return z.NEVER;
  });

const mailFrom = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === "") return "Fahrplan <fahrplan@localhost>";
    // "Name <address>" or a bare address; no line breaks (header injection).
    if (/^[^\r\n<>]*<[^\s<>@]+@[^\s<>@]+>$|^[^\s<>@]+@[^\s<>@]+$/.test(v.trim())) return v.trim();
    ctx.addIssue({ code: "custom", message: "erwartet eine Absenderadresse, z. B. „Fahrplan Musterstadt <fahrplan@musterstadt.de>“ / expected a sender address" });
    return z.NEVER;
  });

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

export const ENV_SCHEMA = z.object({
  NODE_ENV: z
    .enum(["development", "production", "test"], { error: `erwartet „development“, „production“ oder „test“ / expected development, production or test` })
    .optional(),
  PORT: int(1, 65535, 3000),
  WEB_CONCURRENCY: int(1, 64),
  TRUST_PROXY: text(),
  PUBLIC_URL: httpUrl,
  DATABASE_PATH: text("./data/fahrplan.db"),
  MIGRATIONS_PATH: text("./db/migrations"),
  TEMPLATES_PATH: text("./templates"),
  REPORT_WORKER_PATH: text("./app/reports/render-worker.mjs"),
  SESSION_SECRET: secret(8),
  SESSION_IDLE_MINUTES: int(1, 24 * 60, 30),
  SEED_DEMO: bool(true),
  DISABLE_JOBS: bool(false),
  FUNDING_BASE_RATE_BP: int(-10_000, 10_000, 127),
  LOG_LEVEL: z
    .enum(LOG_LEVELS, { error: `erwartet eines von / expected one of: ${LOG_LEVELS.join(", ")}` })
    .optional()
    .transform((v) => v ?? "info"),
  METRICS_TOKEN: secret(16),
  BACKUP_DIR: text("./backups"),
  BACKUP_KEEP: int(1, 1000, 7),
  BACKUP_INTERVAL_HOURS: int(0, 24 * 31, 0),
  SMTP_URL: smtpUrl,
  MAIL_FROM: mailFrom,
  FAHRPLAN_TENANT_GUARD: z
    .enum(["0", "1"], { error: "erwartet 0 oder 1 / expected 0 or 1" })
    .optional()
    .transform((v) => v === "1"),
  FAHRPLAN_JOBS: z
    .enum(["schedule", "catch-up-later", "none"], { error: "interner Wert des Servers / internal value of the server" })
    .optional()
    .transform((v) => v ?? "none"),
});

export type Env = z.output<typeof ENV_SCHEMA>;
export const ENV_NAMES = Object.keys(ENV_SCHEMA.shape) as (keyof Env)[];

export class EnvError extends Error {
  constructor(readonly problems: { name: string; message: string }[]) {
    super(
      [
        "Fahrplan startet nicht: ungültige Konfiguration in den Umgebungsvariablen.",
        "Fahrplan does not start: invalid configuration in the environment.",
        ...problems.map((p) => `  - ${p.name}: ${p.message}`),
        "Siehe / see docs/operations.md",
      ].join("\n"),
    );
    this.name = "EnvError";
  }
}

/** Parses the given raw variables; throws EnvError listing every bad one (values are not echoed: they may be secrets). */
export function parseEnv(raw: Record<string, string | undefined>): Env {
  const picked = Object.fromEntries(ENV_NAMES.map((name) => [name, raw[name]]));
  const result = ENV_SCHEMA.safeParse(picked);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => ({ name: String(issue.path[0] ?? "?"), message: issue.message }));
  throw new EnvError(problems);
}

let cache: { key: string; env: Env } | undefined;

/** The validated configuration of this process. */
export function env(): Env {
  const key = ENV_NAMES.map((name) => process.env[name] ?? "\u0000").join("\u0001");
  if (cache?.key === key) return cache.env;
  const parsed = parseEnv(process.env);
  cache = { key, env: parsed };
  return parsed;
}

/** For server.js and the command-line tools: validate once at start, print the problems and stop. */
export function checkEnvironment(): Env {
  try {
    return env();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}

