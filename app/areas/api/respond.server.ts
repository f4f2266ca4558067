import { clientAddress } from "../../utils/load-context";
import { ApiError, type ApiCaller, authenticateApiRequest } from "./tokens.server";

const JSON_HEADERS = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" };

function errorResponse(error: ApiError): Response {
  const headers: Record<string, string> = { ...JSON_HEADERS };
  if (error.status === 401) headers["WWW-Authenticate"] = 'Bearer realm="fahrplan"';
  if (error.retryAfterSeconds) headers["Retry-After"] = String(error.retryAfterSeconds);
  return new Response(JSON.stringify({ error: { code: error.code, message: error.message } }), { status: error.status, headers });
}

/**
 * Runs one API use case for a request: the token decides who calls, errors become the documented
 * JSON error shape (never an HTML page), and nothing is cached.
 */
export function apiResponse(request: Request, context: unknown, use: (caller: ApiCaller, url: URL) => unknown): Response {
  try {
    const caller = authenticateApiRequest(request, clientAddress(context));
    return new Response(JSON.stringify(use(caller, new URL(request.url))), { status: 200, headers: JSON_HEADERS });
  } catch (error) {
    if (error instanceof ApiError) return errorResponse(error);
    throw error;
  }
}

export function apiJson(body: unknown): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { ...JSON_HEADERS, "Cache-Control": "public, max-age=300" } });
}

/** A read API: anything but GET/HEAD is answered 405 with the error shape. */
export function apiMethodNotAllowed(): Response {
  return new Response(JSON.stringify({ error: { code: "method_not_allowed", message: "Die API ist nur lesend (GET)." } }), {
    status: 405,
    headers: { ...JSON_HEADERS, Allow: "GET" },
  });
}
