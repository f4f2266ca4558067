/**
 * The security headers in one place (issue 10, point 2; docs/security.md, "Header").
 * Pure: the server module adds the nonce and the Express middleware.
 */

/** Sent with every response: files, data, assets, error pages and the guard's refusals too. */
export const BASE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "same-origin",
};

/**
 * The policy of every HTML page. Scripts run only with this request's nonce; what they load
 * ('strict-dynamic') may load further modules (Remix imports route modules on navigation).
 * 'self' is only a fallback for browsers without 'strict-dynamic' and is ignored by all others.
 *
 * Styles: stylesheets only from our own origin, no `<style>` elements; style *attributes* are
 * allowed ('unsafe-inline' in style-src-attr only). React renders computed widths, colours and
 * indents as style attributes, and the chart SVGs carry presentation styles. An attribute cannot
 * carry selectors, so it cannot read the page (no CSS exfiltration); the worst an injected one does
 * is change the look of its own element, and text rendering escapes attributes anyway.
 */
export function contentSecurityPolicy(nonce: string): string {
  if (!/^[A-Za-z0-9+/]{16,}={0,2}$/.test(nonce)) throw new Error("CSP nonce must be base64 of at least 12 random bytes");
  return [
    "default-src 'self'",
    `script-src 'nonce-${nonce}' 'strict-dynamic' 'self'`,
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join("; ");
}
