import "./utils/zod-config";
import { Writable } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";

import { registerAll } from "./areas/registrations.server";
import { NonceProvider } from "./utils/nonce";
import { contentSecurityPolicy } from "./utils/security-headers";
import { logger } from "./utils/logger.server";
import { createNonce } from "./utils/security-headers.server";

export { bootstrap, startBackgroundJobs } from "./utils/bootstrap.server";
// For server.js: checks and body limits before Remix reads a request.
export { guardRequest } from "./utils/request-guard.server";
export { sendFetchResponse, toFetchRequest } from "./utils/node-http.server";
export { securityHeaders } from "./utils/security-headers.server";
// For server.js: configuration check, logs, request ids and metrics.
export { checkEnvironment } from "./utils/env.server";
export { logger } from "./utils/logger.server";
export { metricsEndpoint, observeRequests, serveClusterMetrics } from "./utils/observability.server";

// The server's composition root registers every area's workflow subjects, guards, effects and
// background jobs, once per loaded build: bootstrap and the jobs need them, and the dev server
// loads a fresh build (with empty registries) after each change.
registerAll();

const ABORT_DELAY = 5_000;

/**
 * Renders the whole document, then sends it in one piece. The app streams nothing (no `defer`), so
 * streaming the shell would only split the page into many small writes, each compressed and
 * written to the socket separately; one buffer is measurably cheaper per request (see
 * `npm run bench -- dashboard`).
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  _loadContext: AppLoadContext,
) {
  const nonce = createNonce();
  return new Promise<Response>((resolve, reject) => {
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    });
    let shellRendered = false;
    let timer: NodeJS.Timeout | undefined;
    sink.on("finish", () => {
      clearTimeout(timer);
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      // nosniff, Referrer-Policy, X-Frame-Options and Cache-Control come from server.js for every response.
      responseHeaders.set("Content-Security-Policy", contentSecurityPolicy(nonce));
      resolve(new Response(Buffer.concat(chunks), { headers: responseHeaders, status: responseStatusCode }));
    });
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          shellRendered = true;
        },
        onAllReady() {
          // after a shell error the promise is already rejected (Remix renders the error page)
          if (shellRendered) pipe(sink);
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // shell errors reach Remix' handleError through the rejection; log only the others
          if (shellRendered) logger.error({ err: error }, "render error");
        },
      },
    );
    timer = setTimeout(abort, ABORT_DELAY);
  });
}

/** Logs server errors with the request path; users only ever see the German error page. */
export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  logger.error({ err: error, method: request.method }, "request failed");
}
