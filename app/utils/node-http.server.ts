import type { IncomingMessage, ServerResponse } from "node:http";
import { writeReadableStreamToWritable } from "@remix-run/node";
import { type GuardedRequest, limitedBody } from "./request-guard.server";

/**
 * The bridge between node's HTTP server (Express) and Remix's Fetch API, used by server.js
 * instead of @remix-run/express's adapter: that one hands Remix the raw socket as the body,
 * this one the size-limited stream from `limitedBody`. The URL follows Express's `trust proxy`
 * for protocol and host.
 */
export interface ExpressLikeRequest extends GuardedRequest {
  originalUrl?: string;
}

/** The abort reason once the answer is complete, so that nothing mistakes it for a client that went away. */
const RESPONSE_COMPLETE = "response complete";

export function toFetchRequest(req: ExpressLikeRequest, res: ServerResponse): Request {
  const trust = req.app?.get("trust proxy fn") as ((address: string | undefined, hop: number) => boolean) | undefined;
  const forwarded = trust?.(req.socket.remoteAddress, 0) ? String(req.headers["x-forwarded-host"] ?? "").split(",")[0].trim() : "";
  const url = new URL(req.originalUrl ?? req.url ?? "/", `${req.protocol ?? "http"}://${forwarded || req.headers.host}`);
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
  const controller = new AbortController();
  // Aborts loaders and actions when the client has gone before the answer was complete, and
  // releases the request's signal chain once it was: every Request derived from this one (Remix
  // copies it per loader, undici per `new Request(request, …)`) follows its parent's signal with an
  // `abort` listener that undici otherwise removes only from a FinalizationRegistry callback after
  // a full GC has collected the copy, so under load thousands of listeners, signals and registry
  // entries waited for the next major GC. Aborting a finished request removes them at once.
  res.on("close", () => {
    controller.abort(res.writableFinished ? RESPONSE_COMPLETE : undefined);
  });
  const method = req.method ?? "GET";
  const withBody = method !== "GET" && method !== "HEAD";
  return new Request(url.href, {
    method,
    headers,
    signal: controller.signal,
    ...(withBody ? { body: limitedBody(req, res), duplex: "half" } : {}),
  } as RequestInit);
}

export async function sendFetchResponse(req: IncomingMessage, res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  if (response.statusText) res.statusMessage = response.statusText;
  // Set, not appended: server.js has already set the headers every response carries.
  for (const [key, value] of response.headers) {
    if (key !== "set-cookie") res.setHeader(key, value);
  }
  // Everything the app answers is behind the login or personal unless the route says otherwise.
  if (!response.headers.has("Cache-Control")) res.setHeader("Cache-Control", "no-store");
  for (const cookie of response.headers.getSetCookie()) res.appendHeader("Set-Cookie", cookie);
  if (response.body && req.method !== "HEAD") await writeReadableStreamToWritable(response.body, res);
  else res.end();
}
