/**
 * Plain text and simple HTML for every mail. The HTML is what Outlook's Word engine renders
 * reliably: one layout table, inline styles only, no CSS files, no images, no scripts; every
 * value is escaped. Pure, so unit-tested.
 */

export interface MailAction {
  label: string;
  /** Absolute http(s) URL. */
  url: string;
}

export interface MailContent {
  subject: string;
  /** First line, e.g. "Guten Tag Erika Muster,". */
  greeting: string;
  paragraphs: string[];
  /** Label/value lines shown as a small table (date, place …). */
  facts?: [string, string][];
  action?: MailAction;
  /** Why the person gets this mail and where to change it. */
  footer: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** A subject is one header line: line breaks would inject headers. */
export function safeSubject(subject: string): string {
  return subject.replace(/[\r\n\t]+/g, " ").trim().slice(0, 200);
}

const FONT = "font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1e293b";

export function renderMail(content: MailContent): RenderedMail {
  const subject = safeSubject(content.subject);
  const text = [
    content.greeting,
    "",
    ...content.paragraphs.flatMap((p) => [p, ""]),
    ...(content.facts?.length ? [...content.facts.map(([k, v]) => `${k}: ${v}`), ""] : []),
    ...(content.action ? [`${content.action.label}: ${content.action.url}`, ""] : []),
    "-- ",
    content.footer,
  ].join("\n");

  const facts = content.facts?.length
    ? `<table role="presentation" cellpadding="4" cellspacing="0" border="0" style="${FONT};margin:0 0 16px 0">${content.facts
        .map(([k, v]) => `<tr><td style="font-weight:bold;padding-right:16px;vertical-align:top">${escapeHtml(k)}</td><td>${escapeHtml(v)}</td></tr>`)
        .join("")}</table>`
    : "";
  const action = content.action
    ? `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 16px 0"><tr><td style="background-color:#1d4ed8;padding:10px 18px"><a href="${escapeHtml(content.action.url)}" style="font-family:Arial,Helvetica,sans-serif;font-size:15px;color:#ffffff;text-decoration:none;font-weight:bold">${escapeHtml(content.action.label)}</a></td></tr></table><p style="${FONT};font-size:13px;margin:0 0 16px 0">Falls die Schaltfläche nicht funktioniert: <a href="${escapeHtml(content.action.url)}" style="color:#1d4ed8">${escapeHtml(content.action.url)}</a></p>`
    : "";
  const html = `<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:0;background-color:#f1f5f9">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f1f5f9"><tr><td align="center" style="padding:24px 8px">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="background-color:#ffffff;border:1px solid #cbd5e1">
<tr><td style="background-color:#1e3a8a;padding:12px 24px;font-family:Arial,Helvetica,sans-serif;font-size:18px;font-weight:bold;color:#ffffff">Fahrplan</td></tr>
<tr><td style="padding:24px">
<p style="${FONT};margin:0 0 16px 0">${escapeHtml(content.greeting)}</p>
${content.paragraphs.map((p) => `<p style="${FONT};margin:0 0 16px 0">${escapeHtml(p).replace(/\n/g, "<br>")}</p>`).join("\n")}
${facts}${action}
</td></tr>
<tr><td style="padding:12px 24px;border-top:1px solid #cbd5e1;font-family:Arial,Helvetica,sans-serif;font-size:12px;color:#475569">${escapeHtml(content.footer)}</td></tr>
</table></td></tr></table>
</body></html>`;
  return { subject, text, html };
}

/** Delay before attempt `attempts + 1`: 30 s, 1 min, 2 min … doubling, at most 6 hours. */
export function backoffMs(attempts: number, baseMs = 30_000): number {
  const n = Math.max(1, attempts);
  return Math.min(baseMs * 2 ** (n - 1), 6 * 60 * 60 * 1000);
}

/** After this many failed attempts a mail is given up (state "failed"); an admin can retry. */
export const MAX_ATTEMPTS = 10;
