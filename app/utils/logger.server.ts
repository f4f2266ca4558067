import pino from "pino";
import { env } from "./env.server";
import { currentRequestContext } from "./request-context.server";

/**
 * Structured JSON logs on stdout, one object per line (for journald, Loki or any collector).
 * Every line inside a request carries `requestId` and, once known, `userId`; personal data beyond
 * the user id is not logged. Passwords, tokens, secrets and cookies are replaced wherever they
 * appear in a logged object, at the top level or up to three levels deep.
 */
const SENSITIVE_KEYS = ["password", "newPassword", "currentPassword", "token", "accessToken", "secret", "csrf", "cookie", "authorization"];

export const REDACTED_PATHS = [
  ...SENSITIVE_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`]),
  'headers["set-cookie"]',
  '*.headers["set-cookie"]',
];

/** The configured level; a broken environment is reported by checkEnvironment, not at import. */
function level(): string {
  try {
    return env().LOG_LEVEL;
  } catch {
    return "info";
  }
}

export function createLogger(destination?: pino.DestinationStream): pino.Logger {
  return pino(
    {
      level: level(),
      base: { pid: process.pid, service: "fahrplan" },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: "[entfernt]" },
      mixin() {
        const context = currentRequestContext();
        return context ? { requestId: context.requestId, ...(context.userId ? { userId: context.userId } : {}) } : {};
      },
    },
    destination,
  );
}

export const logger = createLogger();
