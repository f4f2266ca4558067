import type { IncomingMessage, ServerResponse } from "node:http";
import { Transform } from "node:stream";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { type BodyLimit, bodyLimitFor } from "./request-limits";

/**
 * What the HTTP server checks before Remix sees a request that carries data: a foreign Origin is
 * refused (403), only form encodings are accepted (415; a multipart type needs its boundary, 400),
 * and the body is limited (413) both by its declared Content-Length and by counting the bytes as
 * they arrive, so a chunked body cannot grow past the limit either. The answers are German pages,
 * or JSON with a `message` for Remix's own data requests, which the error boundary shows.
 */

/** The parts of Express's request this module reads; plain node requests in tests have them too. */
export interface GuardedRequest extends IncomingMessage {
  /** Protocol as Express resolves it (honours `trust proxy`). */
  protocol?: string;
  app?: { get(setting: string): unknown };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);

const MESSAGES = {
  badHost: "Die Anfrage ist ungültig: Es fehlt die Angabe, an welche Adresse sie gerichtet ist.",
  foreignOrigin: "Diese Anfrage kam von einer fremden Website und wurde deshalb abgewiesen. Bitte nutzen Sie die Formulare von Fahrplan selbst.",
  unsupportedType: "Dieses Datenformat nimmt Fahrplan nicht an. Bitte senden Sie das Formular aus der Anwendung heraus.",
  malformedMultipart: "Das Formular konnte nicht gelesen werden. Bitte laden Sie die Seite neu und senden Sie es erneut.",
};

const TITLES: Record<number, string> = {
  400: "Ungültige Anfrage",
  403: "Anfrage abgewiesen",
  413: "Anfrage zu groß",
  415: "Format nicht unterstützt",
};

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The origin this server is reached under, as the browser sees it (proxy headers only when trusted). */
export function expectedOrigin(req: GuardedRequest): string | null {
  const trust = req.app?.get("trust proxy fn") as ((address: string | undefined, hop: number) => boolean) | undefined;
  const trusted = trust?.(req.socket.remoteAddress, 0) ?? false;
  const forwardedHost = trusted ? firstHeader(req.headers["x-forwarded-host"])?.split(",")[0]?.trim() : undefined;
  const host = forwardedHost || req.headers.host;
  if (!host) return null;
  const protocol = req.protocol ?? "http";
  try {
    return new URL(`${protocol}://${host}`).origin;
  } catch {
    return null;
  }
}

/** Why a request with a body must not reach the application, or null when it may. */
export function refusal(req: GuardedRequest): { status: number; message: string } | null {
  const ownOrigin = expectedOrigin(req);
  // Without a usable Host there is no URL to route; every HTTP/1.1 client sends one.
  if (ownOrigin === null) return { status: 400, message: MESSAGES.badHost };
  if (SAFE_METHODS.has(req.method ?? "GET")) return null;
  const origin = firstHeader(req.headers.origin);
  // Browsers send Origin with every cross-origin POST (and "null" from sandboxed or file pages);
  // a request without Origin comes from a non-browser client and still needs a valid CSRF token.
  if (origin !== undefined && origin !== ownOrigin) return { status: 403, message: MESSAGES.foreignOrigin };
  if (firstHeader(req.headers["sec-fetch-site"]) === "cross-site") return { status: 403, message: MESSAGES.foreignOrigin };

  const declared = req.headers["content-length"];
  const hasBody = req.headers["transfer-encoding"] !== undefined || (declared !== undefined && declared !== "0");
  if (!hasBody) return null;
  const contentType = firstHeader(req.headers["content-type"]) ?? "";
  const type = contentType.split(";")[0].trim().toLowerCase();
  if (!FORM_TYPES.has(type)) return { status: 415, message: MESSAGES.unsupportedType };
  if (type === "multipart/form-data" && !/;\s*boundary=("?)[^";\s]{1,70}\1\s*(;|$)/i.test(contentType)) {
    return { status: 400, message: MESSAGES.malformedMultipart };
  }
  const limit = bodyLimitFor(pathOf(req));
  if (declared !== undefined && !(Number(declared) <= limit.maxBytes)) return { status: 413, message: limit.message };
  return null;
}

function pathOf(req: IncomingMessage): string {
  try {
    return new URL(req.url ?? "/", "http://x").pathname;
  } catch {
    return "/";
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * How long the rest of a refused body is read and thrown away before the connection is cut. Closing
 * at once would reset the connection while the client still sends, and a browser would show
 * "connection reset" instead of the answer; discarding keeps memory flat, the time bounds the work.
 */
const LINGER_MS = 2000;

function discardRest(req: IncomingMessage): void {
  req.resume();
  const timer = setTimeout(() => req.socket.destroy(), LINGER_MS);
  timer.unref();
  req.once("end", () => clearTimeout(timer));
}

/** Answers at once, without keeping anything of the body (see `discardRest`). */
export function sendRefusal(req: IncomingMessage, res: ServerResponse, status: number, message: string): void {
  if (res.headersSent) return;
  discardRest(req);
  const wantsData = /[?&]_data=/.test(req.url ?? "");
  const title = TITLES[status] ?? "Anfrage abgewiesen";
  res.statusCode = status;
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Cache-Control", "no-store");
  if (wantsData) {
    // Remix's client treats an X-Remix-Catch answer as a thrown response for the error boundary.
    res.setHeader("X-Remix-Catch", "yes");
    res.setHeader("Content-Type", "application/json; charset=utf-8");
    res.end(JSON.stringify({ message }));
    return;
  }
  res.setHeader("Content-Type", "text/html; charset=utf-8");
  // A page of its own, without scripts: the app's stylesheet and layout are not needed to say no.
  res.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
  res.end(
    `<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
      `<title>${escapeHtml(title)} – Fahrplan</title>` +
      `<style>body{font-family:system-ui,sans-serif;color:#0f172a;margin:0}header{background:#123a5e;color:#fff;padding:1rem 1.5rem;font-weight:600;font-size:1.25rem}` +
      `main{max-width:40rem;margin:3rem auto;padding:0 1rem}h1{font-size:1.5rem}a{color:#184d7d}</style></head>` +
      `<body><header>Fahrplan</header><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>` +
      `<p>Gehen Sie im Browser einen Schritt zurück, um es erneut zu versuchen, oder <a href="/">öffnen Sie die Übersicht</a>.</p></main></body></html>`,
  );
}

/** Express/connect middleware: refuses what `refusal` finds before any body is read. */
export function guardRequest(req: GuardedRequest, res: ServerResponse, next: () => void): void {
  const refused = refusal(req);
  if (refused) {
    sendRefusal(req, res, refused.status, refused.message);
    return;
  }
  next();
}

/**
 * The request body as a web stream that stops at the route's limit: past it, the stream errors
 * (the action's form parsing fails), the rest is discarded, and the client gets 413 at once; the
 * handler must not send a second answer (`res.headersSent`).
 */
export function limitedBody(req: IncomingMessage, res: ServerResponse, limit: BodyLimit = bodyLimitFor(pathOf(req))): ReadableStream<Uint8Array> {
  let received = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      received += chunk.length;
      if (received <= limit.maxBytes) return callback(null, chunk);
      req.unpipe(counter);
      sendRefusal(req, res, 413, limit.message);
      callback(new BodyTooLargeError(limit.maxBytes));
    },
  });
  req.pipe(counter);
  return createReadableStreamFromReadable(counter);
}

export class BodyTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`request body exceeds ${maxBytes} bytes`);
    this.name = "BodyTooLargeError";
  }
}
