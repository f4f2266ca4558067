import { describe, expect, it } from "vitest";
import { digestCutoff } from "~/utils/mail/digest";
import { MAX_ATTEMPTS, backoffMs, escapeHtml, renderMail, safeSubject } from "~/utils/mail/render";

describe("renderMail", () => {
  const mail = renderMail({
    subject: "Neue Aufgabe:\r\nBcc: alle@example.org <b>",
    greeting: "Guten Tag Erika Muster,",
    paragraphs: ["Ihnen wurde eine Aufgabe „<script>“ zugewiesen."],
    facts: [["Fällig am", "20.12.2026"]],
    action: { label: "Öffnen", url: "https://fahrplan.musterstadt.de/aufgaben?a=1&b=2" },
    footer: "Fahrplan",
  });

  it("writes plain text with the absolute link and the facts", () => {
    expect(mail.text).toContain("Guten Tag Erika Muster,");
    expect(mail.text).toContain("Fällig am: 20.12.2026");
    expect(mail.text).toContain("Öffnen: https://fahrplan.musterstadt.de/aufgaben?a=1&b=2");
  });

  it("writes Outlook-safe HTML: tables and inline styles, no style sheets or scripts, everything escaped", () => {
    expect(mail.html).toMatch(/<table role="presentation"/);
    expect(mail.html).not.toMatch(/<style|<link|<script/);
    expect(mail.html).toContain("„&lt;script&gt;“");
    expect(mail.html).toContain('href="https://fahrplan.musterstadt.de/aufgaben?a=1&amp;b=2"');
    expect(mail.html).toMatch(/<html lang="de">/);
  });

  it("keeps the subject on one line (no header injection)", () => {
    expect(mail.subject).toBe("Neue Aufgabe: Bcc: alle@example.org <b>");
    expect(safeSubject("a\nb")).toBe("a b");
    expect(escapeHtml(`"'&`)).toBe("&quot;&#39;&amp;");
  });
});

describe("backoff", () => {
  it("doubles from 30 seconds and stops at 6 hours", () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoffMs(MAX_ATTEMPTS + 20)).toBe(6 * 60 * 60 * 1000);
    expect(backoffMs(0)).toBe(30_000);
  });
});

describe("digestCutoff", () => {
  it("is this morning's 07:00 Berlin after 7, yesterday's before, in winter and summer time", () => {
    expect(digestCutoff(new Date("2026-12-03T09:00:00Z")).toISOString()).toBe("2026-12-03T06:00:00.000Z");
    expect(digestCutoff(new Date("2026-12-03T05:59:00Z")).toISOString()).toBe("2026-12-02T06:00:00.000Z");
    expect(digestCutoff(new Date("2026-07-01T05:30:00Z")).toISOString()).toBe("2026-07-01T05:00:00.000Z");
    // The night of the switch to summer time (29.03.2026).
    expect(digestCutoff(new Date("2026-03-29T06:00:00Z")).toISOString()).toBe("2026-03-29T05:00:00.000Z");
  });
});

describe("SMTP_URL and MAIL_FROM", () => {
  it("accept smtp(s) URLs and sender addresses, refuse the rest with the variable named", async () => {
    const { EnvError, parseEnv } = await import("~/utils/env.server");
    expect(parseEnv({ SMTP_URL: "smtps://u:p@mail.musterstadt.de:465", MAIL_FROM: "Fahrplan Musterstadt <fahrplan@musterstadt.de>" })).toMatchObject({
      SMTP_URL: "smtps://u:p@mail.musterstadt.de:465",
      MAIL_FROM: "Fahrplan Musterstadt <fahrplan@musterstadt.de>",
    });
    expect(parseEnv({}).MAIL_FROM).toBe("Fahrplan <fahrplan@localhost>");
    const error = (() => {
      try {
        parseEnv({ SMTP_URL: "http://mail.example", MAIL_FROM: "a@b\r\nBcc: x@y" });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(EnvError);
    expect((error as InstanceType<typeof EnvError>).problems.map((p) => p.name).sort()).toEqual(["MAIL_FROM", "SMTP_URL"]);
  });
});
