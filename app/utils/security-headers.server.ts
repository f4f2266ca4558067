import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { BASE_SECURITY_HEADERS } from "./security-headers";

/** A fresh script nonce per HTML response: 16 random bytes, base64. */
export function createNonce(): string {
  return randomBytes(16).toString("base64");
}

/**
 * Express middleware, first in server.js: sets the headers every response carries, including
 * static files, the request guard's 413/415 answers and Express's own error pages.
 */
export function securityHeaders(_req: IncomingMessage, res: ServerResponse, next: () => void): void {
  for (const [name, value] of Object.entries(BASE_SECURITY_HEADERS)) res.setHeader(name, value);
  next();
}
