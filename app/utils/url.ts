/**
 * Checks for addresses that come from users: links they store and places the app redirects to.
 * Both are parsed with the WHATWG URL parser, the same one browsers use, so a check cannot be
 * fooled by spellings the browser reads differently (`/\host`, tabs inside `java\tscript:`, …).
 */

/** Schemes a stored link may have. `javascript:`, `data:`, `vbscript:` … run code when clicked. */
const WEB_PROTOCOLS = new Set(["http:", "https:"]);

export interface LinkOptions {
  /** Also accept `mailto:` addresses (e.g. a contact link). */
  mailto?: boolean;
}

/** The normalised link if it is a web address (optionally `mailto:`), otherwise null. */
export function safeLinkUrl(value: string | null | undefined, options: LinkOptions = {}): string | null {
  if (!value) return null;
  // Control characters are removed by the parser before the scheme is read; refuse them outright.
  if (/[\u0000-\u001f\u007f]/.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  if (WEB_PROTOCOLS.has(url.protocol)) return url.hostname ? url.href : null;
  if (options.mailto && url.protocol === "mailto:") return url.pathname.includes("@") ? url.href : null;
  return null;
}

const LOCAL_ORIGIN = "http://fahrplan.invalid";

/**
 * A redirect target from input (`redirectTo`, `returnTo`, a form field) as a path on this site, or
 * the fallback. Resolved against a dummy origin: whatever leaves that origin (`//host`, `/\host`,
 * `https:…`) or contains control characters is refused, and so is a result that a browser would
 * read as protocol-relative again (`/.//host` normalises to `//host`).
 */
export function safeRedirectPath(candidate: unknown, fallback = "/"): string {
  if (typeof candidate !== "string" || !candidate.startsWith("/")) return fallback;
  if (/[\u0000-\u001f\u007f\\]/.test(candidate) || candidate.startsWith("//")) return fallback;
  let url: URL;
  try {
    url = new URL(candidate, LOCAL_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== LOCAL_ORIGIN) return fallback;
  const path = url.pathname + url.search + url.hash;
  if (path.startsWith("//") || path.startsWith("/\\")) return fallback;
  return path;
}
