import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { type GuardedRequest, refusal } from "~/utils/request-guard.server";
import { DEFAULT_BODY_LIMIT_BYTES, FORM_OVERHEAD_BYTES, UPLOADS, bodyLimitFor } from "~/utils/request-limits";

function request(headers: Record<string, string>, options: { method?: string; url?: string; trusted?: boolean; protocol?: string } = {}): GuardedRequest {
  return {
    method: options.method ?? "POST",
    url: options.url ?? "/login",
    headers: { host: "fahrplan.example:3000", ...headers },
    socket: { remoteAddress: "127.0.0.1" },
    protocol: options.protocol ?? "http",
    app: { get: (setting: string) => (setting === "trust proxy fn" ? () => options.trusted ?? false : undefined) },
  } as unknown as GuardedRequest & IncomingMessage;
}

const FORM = { "content-type": "application/x-www-form-urlencoded", "content-length": "10" };

describe("body limits", () => {
  it("gives upload routes their file cap plus the form allowance, everything else the default", () => {
    expect(bodyLimitFor("/berichte").maxBytes).toBe(1024 * 1024 + FORM_OVERHEAD_BYTES);
    expect(bodyLimitFor("/foerderung/antraege/17").maxBytes).toBe(20 * 1024 * 1024 + FORM_OVERHEAD_BYTES);
    expect(bodyLimitFor("/foerderung/antraege/17/belege").maxBytes).toBe(DEFAULT_BODY_LIMIT_BYTES);
    expect(bodyLimitFor("/login")).toEqual({ maxBytes: 1024 * 1024, message: "Die Anfrage ist zu groß (höchstens 1 MB)." });
    expect(bodyLimitFor("/berichte").message).toBe(UPLOADS.logo.tooLarge);
  });
});

describe("request refusal", () => {
  it("lets form posts from the own origin and without origin through", () => {
    expect(refusal(request(FORM))).toBeNull();
    expect(refusal(request({ ...FORM, origin: "http://fahrplan.example:3000" }))).toBeNull();
    expect(refusal(request({ origin: "http://angreifer.example" }, { method: "GET" }))).toBeNull();
  });

  it("refuses foreign and null origins and cross-site fetches with 403", () => {
    const variants: Record<string, string>[] = [{ origin: "http://angreifer.example" }, { origin: "null" }, { origin: "https://fahrplan.example:3000" }, { "sec-fetch-site": "cross-site" }];
    for (const headers of variants) {
      expect(refusal(request({ ...FORM, ...headers }))?.status).toBe(403);
    }
  });

  it("uses forwarded host and protocol only from a trusted proxy", () => {
    const forwarded = { ...FORM, origin: "https://fahrplan.kommune.example", "x-forwarded-host": "fahrplan.kommune.example" };
    expect(refusal(request(forwarded, { trusted: true, protocol: "https" }))).toBeNull();
    expect(refusal(request(forwarded, { trusted: false, protocol: "http" }))?.status).toBe(403);
  });

  it("refuses non-form bodies with 415 and multipart without boundary with 400", () => {
    expect(refusal(request({ "content-type": "application/json", "content-length": "2" }))?.status).toBe(415);
    expect(refusal(request({ "content-type": "text/plain", "transfer-encoding": "chunked" }))?.status).toBe(415);
    expect(refusal(request({ "content-length": "5" }))?.status).toBe(415);
    expect(refusal(request({ "content-type": "multipart/form-data", "content-length": "5" }))?.status).toBe(400);
    expect(refusal(request({ "content-type": "multipart/form-data; boundary=abc", "content-length": "5" }))).toBeNull();
    // no body at all: the action decides (readForm answers 400)
    expect(refusal(request({}))).toBeNull();
  });

  it("refuses a declared length over the route's limit with 413", () => {
    expect(refusal(request({ ...FORM, "content-length": String(1024 * 1024 + 1) }))).toEqual({ status: 413, message: "Die Anfrage ist zu groß (höchstens 1 MB)." });
    expect(refusal(request({ ...FORM, "content-length": "abc" }))?.status).toBe(413);
    const logo = { "content-type": "multipart/form-data; boundary=x", "content-length": String(1024 * 1024 + 1000) };
    expect(refusal(request(logo, { url: "/berichte" }))).toBeNull();
  });
});
