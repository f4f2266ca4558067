import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dataDirectory } from "./db.server";
import { env } from "./env.server";

let cached: string | undefined;

/** Cookie signing secret: SESSION_SECRET, or a random one kept in the data directory. */
export function sessionSecret(): string {
  const configured = env().SESSION_SECRET;
  if (configured) return configured;
  if (cached) return cached;
  const file = path.join(dataDirectory(), ".session-secret");
  try {
    cached = fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    cached = crypto.randomBytes(32).toString("hex");
    fs.writeFileSync(file, cached, { mode: 0o600 });
  }
  return cached;
}
