import { desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { accessibilityFeedback, auditLog, municipalities, rateLimits } from "../../db/schema";
import { FEEDBACK_LIMIT, listAccessibilityFeedback, submitAccessibilityFeedback } from "~/areas/accessibility/feedback.server";
import { action, loader } from "~/routes/barrierefreiheit";
import { loader as listLoader } from "~/routes/_app.verwaltung.barrierefreiheit";
import { csrfToken } from "~/utils/csrf.server";
import { getDb } from "~/utils/db.server";
import { type Caller, callAction, callLoader, jsonBody, signIn } from "../support/requests";

// Erklärung zur Barrierefreiheit: feedback without login, validated, stored, audited, rate-limited (issue 16).

async function anonymous(): Promise<Caller> {
  const { token, setCookie } = await csrfToken(new Request("http://localhost"));
  return { userId: 0, cookie: setCookie!.split(";")[0], csrf: token };
}

function municipalityId(slug: string): number {
  return getDb().select({ id: municipalities.id }).from(municipalities).where(eq(municipalities.slug, slug)).get()!.id;
}

const address = (n: number) => ({ clientAddress: `198.51.100.${n}` });

describe("the public feedback form", () => {
  it("shows the statement without login and lists every Kommune to address", async () => {
    const response = await callLoader(loader, "/barrierefreiheit");
    expect(response.status).toBe(200);
    const data = await jsonBody(response);
    expect(data.signedIn).toBe(false);
    expect(data.recipients.map((r: { name: string }) => r.name)).toContain("Musterstadt");
  });

  it("stores a valid report for the chosen Kommune and audits it without the person's contact data", async () => {
    const id = municipalityId("musterstadt");
    const response = await callAction(action, "/barrierefreiheit", {
      caller: await anonymous(),
      context: address(1),
      form: { municipalityId: String(id), page: "Förderung › Belege", message: "Die Tabelle der Belege hat keine Spaltenüberschriften für meinen Screenreader.", contactName: "Jana Beispiel", contactEmail: "jana@example.org" },
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/barrierefreiheit?gesendet=1#rueckmeldung");
    const row = getDb().select().from(accessibilityFeedback).orderBy(desc(accessibilityFeedback.id)).get()!;
    expect(row).toMatchObject({ municipalityId: id, page: "Förderung › Belege", contactName: "Jana Beispiel", contactEmail: "jana@example.org" });
    const audit = getDb().select().from(auditLog).orderBy(desc(auditLog.id)).get()!;
    expect(audit).toMatchObject({ entity: "accessibilityFeedback", entityId: String(row.id), action: "create", municipalityId: id, userId: null, actorLabel: "Öffentliches Formular" });
    expect(audit.changes).not.toContain("jana@example.org");
    expect(audit.changes).not.toContain("Jana Beispiel");
  });

  it("answers invalid input with German errors at the fields and stores nothing", async () => {
    const before = getDb().select().from(accessibilityFeedback).all().length;
    const response = await callAction(action, "/barrierefreiheit", {
      caller: await anonymous(),
      context: address(2),
      form: { municipalityId: "", message: "kurz", contactEmail: "keine-adresse" },
    });
    expect(response.status).toBe(400);
    const body = await jsonBody(response);
    expect(body.error.municipalityId[0]).toMatch(/Bitte wählen Sie die Kommune/);
    expect(body.error.message[0]).toMatch(/mindestens 10 Zeichen/);
    expect(body.error.contactEmail[0]).toMatch(/gültige E-Mail-Adresse/);
    const unknown = await callAction(action, "/barrierefreiheit", {
      caller: await anonymous(),
      context: address(2),
      form: { municipalityId: "999999", message: "Eine ausreichend lange Beschreibung der Barriere." },
    });
    expect(unknown.status).toBe(400);
    expect((await jsonBody(unknown)).error.municipalityId[0]).toMatch(/gibt es nicht/);
    const tooLong = await callAction(action, "/barrierefreiheit", {
      caller: await anonymous(),
      context: address(2),
      form: { municipalityId: String(municipalityId("musterstadt")), message: "x".repeat(5001) },
    });
    expect(tooLong.status).toBe(400);
    expect(getDb().select().from(accessibilityFeedback).all().length).toBe(before);
  });

  it("refuses a submission without CSRF token", async () => {
    const response = await callAction(action, "/barrierefreiheit", {
      context: address(3),
      form: { municipalityId: String(municipalityId("musterstadt")), message: "Eine ausreichend lange Beschreibung der Barriere." },
    });
    expect(response.status).toBe(403);
  });

  it("limits reports per client address and says when to try again", async () => {
    const form = { municipalityId: String(municipalityId("kleinhausen")), message: "Der Kontrast der grauen Hinweistexte ist mir zu schwach." };
    for (let i = 0; i < FEEDBACK_LIMIT.max; i++) {
      expect((await callAction(action, "/barrierefreiheit", { caller: await anonymous(), context: address(4), form })).status).toBe(302);
    }
    const stored = getDb().select().from(accessibilityFeedback).all().length;
    const refused = await callAction(action, "/barrierefreiheit", { caller: await anonymous(), context: address(4), form });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await jsonBody(refused)).error[""][0]).toMatch(/in \d+ Minuten erneut/);
    expect(getDb().select().from(accessibilityFeedback).all().length).toBe(stored);
    // Another address is not affected.
    expect((await callAction(action, "/barrierefreiheit", { caller: await anonymous(), context: address(5), form })).status).toBe(302);
    expect(getDb().select().from(rateLimits).where(eq(rateLimits.key, "accessibilityFeedback:198.51.100.4")).get()?.hits).toBe(FEEDBACK_LIMIT.max + 1);
  });
});

describe("reading the feedback", () => {
  it("shows a Kommune's admins and CDO only their own Kommune's reports", async () => {
    const kleinhausen = municipalityId("kleinhausen");
    submitAccessibilityFeedback({ municipalityId: kleinhausen, message: "Nur für Kleinhausen bestimmt, bitte nicht anderswo zeigen." }, "203.0.113.50");
    const cdo = await signIn("cdo@musterstadt.example");
    const response = await callLoader(listLoader, "/verwaltung/barrierefreiheit", { caller: cdo });
    expect(response.status).toBe(200);
    const { feedback } = await jsonBody(response);
    expect(feedback.length).toBeGreaterThan(0);
    expect(feedback.map((f: { message: string }) => f.message).join(" ")).not.toContain("Nur für Kleinhausen");
    const other = await callLoader(listLoader, "/verwaltung/barrierefreiheit", { caller: await signIn("cdo@kleinhausen.example") });
    expect((await jsonBody(other)).feedback.map((f: { message: string }) => f.message)).toContain("Nur für Kleinhausen bestimmt, bitte nicht anderswo zeigen.");
  });

  it("is refused for roles without feedback.view", async () => {
    const id = municipalityId("musterstadt");
    for (const role of ["projectLead", "finance", "staff", "viewer", "rollInManager", null] as const) {
      let error: unknown;
      try {
        listAccessibilityFeedback({ municipalityId: id, actor: { userId: null, label: "Test" }, role });
      } catch (e) {
        error = e;
      }
      expect((error as Response).status, String(role)).toBe(403);
    }
    const page = await callLoader(listLoader, "/verwaltung/barrierefreiheit", { caller: await signIn("mitarbeiter@musterstadt.example") });
    expect(page.status).toBe(403);
  });
});
