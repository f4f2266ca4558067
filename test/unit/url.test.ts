import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { ExternalLink } from "~/components/external-link";
import { safeLinkUrl, safeRedirectPath } from "~/utils/url";

describe("safeLinkUrl", () => {
  it("accepts http(s) addresses and normalises them", () => {
    expect(safeLinkUrl("https://www.example.de/richtlinie")).toBe("https://www.example.de/richtlinie");
    expect(safeLinkUrl("  HTTP://Example.DE ")).toBe("http://example.de/");
  });

  it("refuses script, data and other schemes in every spelling a browser would still run", () => {
    for (const value of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "java\nscript:alert(1)", "\u0001javascript:alert(1)", "data:text/html,x", "vbscript:x", "file:///etc/passwd", "ftp://example.de/", "//example.de/x", "/relativ", "https://", "mailto:a@example.de"]) {
      expect(safeLinkUrl(value), JSON.stringify(value)).toBeNull();
    }
  });

  it("accepts mailto only where the field allows it", () => {
    expect(safeLinkUrl("mailto:foerderung@example.de", { mailto: true })).toBe("mailto:foerderung@example.de");
    expect(safeLinkUrl("mailto:keine-adresse", { mailto: true })).toBeNull();
  });
});

describe("safeRedirectPath", () => {
  it("keeps local paths with their query", () => {
    expect(safeRedirectPath("/projekte/4?tab=risiken")).toBe("/projekte/4?tab=risiken");
    expect(safeRedirectPath("/")).toBe("/");
  });

  it("falls back for anything a browser would take to another host", () => {
    for (const value of ["//evil.example/", "/\\evil.example/", "/\\/evil.example", "/\t/evil.example", "/\n/evil.example", "/.//evil.example/", "/..//evil.example", "https://evil.example/", "evil.example", "javascript:alert(1)", "", undefined, null, 42]) {
      expect(safeRedirectPath(value, "/start"), JSON.stringify(value)).toBe("/start");
    }
  });

  it("leaves encoded backslashes encoded, so the browser stays on the site", () => {
    const path = safeRedirectPath("/%5C127.0.0.2:8081/phish");
    expect(new URL(path, "http://localhost:3000").host).toBe("localhost:3000");
  });
});

describe("ExternalLink", () => {
  it("renders a web address as a link that opens without opener or referrer", () => {
    const html = renderToStaticMarkup(createElement(ExternalLink, { href: "https://www.example.de/" }));
    expect(html).toContain('href="https://www.example.de/"');
    expect(html).toContain('rel="noopener noreferrer"');
  });

  it("renders a stored script link as text without any href", () => {
    const html = renderToStaticMarkup(createElement(ExternalLink, { href: "javascript:alert(1)" }));
    expect(html).not.toContain("href");
    expect(html).toContain("javascript:alert(1)");
  });
});
