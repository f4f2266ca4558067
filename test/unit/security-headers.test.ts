import { describe, expect, it } from "vitest";
import { BASE_SECURITY_HEADERS, contentSecurityPolicy } from "~/utils/security-headers";
import { createNonce } from "~/utils/security-headers.server";

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(";").map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

describe("contentSecurityPolicy", () => {
  const nonce = createNonce();
  const policy = directives(contentSecurityPolicy(nonce));

  it("lets only scripts with this request's nonce run, and what they load", () => {
    expect(policy.get("script-src")).toEqual([`'nonce-${nonce}'`, "'strict-dynamic'", "'self'"]);
  });

  it("forbids eval, inline scripts and inline event handlers", () => {
    const all = [...policy.values()].flat();
    expect(all).not.toContain("'unsafe-eval'");
    expect(policy.get("script-src")).not.toContain("'unsafe-inline'");
    expect(policy.has("script-src-attr")).toBe(false);
  });

  it("allows style attributes but no <style> elements or foreign stylesheets", () => {
    expect(policy.get("style-src")).toEqual(["'self'"]);
    expect(policy.get("style-src-attr")).toEqual(["'unsafe-inline'"]);
  });

  it("closes plugins, <base>, framing and foreign form targets", () => {
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'none'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("form-action")).toEqual(["'self'"]);
    expect(policy.get("default-src")).toEqual(["'self'"]);
  });

  it("refuses a nonce that could break out of the header or is too short", () => {
    expect(() => contentSecurityPolicy("abc")).toThrow(/nonce/);
    expect(() => contentSecurityPolicy("AAAAAAAAAAAAAAAAAAAAAA=='; script-src *")).toThrow(/nonce/);
    expect(() => contentSecurityPolicy("")).toThrow(/nonce/);
  });
});

describe("createNonce", () => {
  it("is fresh each time: 16 random bytes in base64", () => {
    const nonces = new Set(Array.from({ length: 100 }, () => createNonce()));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});

describe("BASE_SECURITY_HEADERS", () => {
  it("forbids sniffing and framing and keeps the referrer on our own origin", () => {
    expect(BASE_SECURITY_HEADERS).toEqual({
      "X-Content-Type-Options": "nosniff",
      "X-Frame-Options": "DENY",
      "Referrer-Policy": "same-origin",
    });
  });
});
