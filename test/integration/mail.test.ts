import { and, eq, sql } from "drizzle-orm";
import ICAL from "ical.js";
import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { externalTrainings, mailOutbox, memberships, passwordResetTokens, trainingCourses, trainingRegistrations, trainingSessions, userSessions, users } from "../../db/schema";
import { sendDigests } from "~/utils/mail/digest.server";
import { deliverDueMails, smtpTransport } from "~/utils/mail/sender.server";
import { getDb, transaction } from "~/utils/db.server";
import { csrfToken } from "~/utils/csrf.server";
import { todayIso } from "~/utils/format";
import { checkResetToken, hashResetToken, requestPasswordReset, resetPassword } from "~/areas/auth/password-reset.server";
import { createTask, scanDeadlines, scheduleDeadline } from "~/workflow/index.server";
import * as sessionRoute from "~/routes/_app.schulungen.termine.$sessionId._index";
import * as editSessionRoute from "~/routes/_app.schulungen.termine.$sessionId.bearbeiten";
import * as externalRoute from "~/routes/_app.schulungen.extern";
import * as forgotRoute from "~/routes/passwort-vergessen";
import * as newPasswordRoute from "~/routes/passwort-neu.$token";
import * as accountRoute from "~/routes/_app.konto";
import { municipalityId, userId } from "../support/foundation";
import { callAction, callLoader, signIn } from "../support/requests";
import { type SmtpSink, startSmtpSink } from "../support/smtp";
import { MAIL_STATES } from "../../db/schema/mail";
import { metricsRegistry } from "~/utils/metrics.server";

// E-mail through a real SMTP server process (issue 16, "E-Mail" and "Kalendereinladungen").

const PUBLIC = "https://fahrplan.musterstadt.example";
const db = () => getDb();
let sink: SmtpSink;
let seen = 0;

async function flush() {
  await deliverDueMails(db(), { transport: smtpTransport(sink.url), from: "Fahrplan Musterstadt <fahrplan@musterstadt.example>" });
}
/** Delivers what is due and returns the mails that arrived since the last call. */
async function newMails(expected: number): Promise<ParsedMail[]> {
  await flush();
  const all = await sink.waitForMails(seen + expected);
  const fresh = all.slice(seen);
  seen = all.length;
  return fresh;
}
const to = (m: ParsedMail) => (Array.isArray(m.to) ? m.to[0] : m.to)!.value[0]!.address;
function calendarOf(m: ParsedMail) {
  const part = m.attachments.find((a) => a.contentType.startsWith("text/calendar"));
  if (!part) return undefined;
  const comp = new ICAL.Component(ICAL.parse(part.content.toString("utf8")));
  const event = comp.getFirstSubcomponent("vevent")!;
  return {
    method: comp.getFirstPropertyValue("method"),
    uid: event.getFirstPropertyValue("uid") as string,
    sequence: Number(event.getFirstPropertyValue("sequence")),
    attendee: String(event.getFirstPropertyValue("attendee")),
    contentType: `${part.contentType}; method=${(part.headers.get("content-type") as { params?: { method?: string } }).params?.method ?? ""}`,
  };
}
function sessionOf(title: string, date?: string) {
  const rows = db()
    .select({ id: trainingSessions.id, date: trainingSessions.sessionDate })
    .from(trainingSessions)
    .innerJoin(trainingCourses, eq(trainingCourses.id, trainingSessions.courseId))
    .where(and(eq(trainingCourses.title, title), eq(trainingSessions.municipalityId, municipalityId("Musterstadt"))))
    .all();
  return (date ? rows.find((r) => r.date === date) : rows[rows.length - 1])!.id;
}

beforeAll(async () => {
  process.env.PUBLIC_URL = PUBLIC;
  // Mails of the demo seed are not part of these tests.
  db().update(mailOutbox).set({ state: "sent" }).where(sql`state IN ('pending', 'held')`).run();
  sink = await startSmtpSink();
  process.env.SMTP_URL = sink.url;
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  delete process.env.PUBLIC_URL;
  await sink.stop();
});

describe("training mails with calendar invitations", () => {
  it("waitlist, cancellation (METHOD:CANCEL) and move-up (METHOD:REQUEST) reach each person with German text and absolute links", async () => {
    const sessionId = sessionOf("E-Akte kompakt", todayIso());
    const mia = await signIn("mitarbeiter@musterstadt.example");
    await callAction(sessionRoute.action, "/", { caller: mia, params: { sessionId: String(sessionId) }, form: { intent: "register" } });
    const [waitlisted] = await newMails(1);
    expect(to(waitlisted!)).toBe("mitarbeiter@musterstadt.example");
    expect(waitlisted!.subject).toMatch(/^Warteliste: E-Akte kompakt/);
    expect(waitlisted!.text).toMatch(/Warteliste auf Platz 1/);
    expect(waitlisted!.text).toContain(`${PUBLIC}/schulungen/termine/${sessionId}`);
    expect(waitlisted!.html).toContain(`href="${PUBLIC}/schulungen/termine/${sessionId}"`);
    expect(calendarOf(waitlisted!)).toBeUndefined();

    const cdo = await signIn("cdo@musterstadt.example");
    const seat = db().select().from(trainingRegistrations).where(and(eq(trainingRegistrations.sessionId, sessionId), eq(trainingRegistrations.status, "registered"))).all()[0]!;
    await callAction(sessionRoute.action, "/", { caller: cdo, params: { sessionId: String(sessionId) }, form: { intent: "cancel", registrationId: String(seat.id) } });
    const [cancelled, movedUp] = await newMails(2);
    expect(cancelled!.subject).toMatch(/^Anmeldung storniert/);
    expect(cancelled!.text).toMatch(/storniert \(durch /);
    expect(calendarOf(cancelled!)?.method).toBe("CANCEL");
    expect(to(movedUp!)).toBe("mitarbeiter@musterstadt.example");
    expect(movedUp!.subject).toMatch(/^Nachgerückt/);
    const request = calendarOf(movedUp!)!;
    expect(request.method).toBe("REQUEST");
    expect(request.contentType).toMatch(/method=REQUEST/i);
    expect(request.uid).toBe(`schulungstermin-${municipalityId("Musterstadt")}-${sessionId}@fahrplan.musterstadt.example`);
    expect(request.attendee.toLowerCase()).toBe("mailto:mitarbeiter@musterstadt.example");

    // Mia's seat cancelled: same UID, higher SEQUENCE.
    const miaEmployee = db().select().from(memberships).where(eq(memberships.userId, userId("mitarbeiter@musterstadt.example"))).get()!.employeeId!;
    const own = db().select().from(trainingRegistrations).where(and(eq(trainingRegistrations.sessionId, sessionId), eq(trainingRegistrations.employeeId, miaEmployee))).get()!;
    await callAction(sessionRoute.action, "/", { caller: mia, params: { sessionId: String(sessionId) }, form: { intent: "cancel", registrationId: String(own.id) } });
    const [miaCancel] = await newMails(1);
    expect(to(miaCancel!)).toBe("mitarbeiter@musterstadt.example");
    const invite = calendarOf(miaCancel!)!;
    expect(invite).toMatchObject({ method: "CANCEL", uid: request.uid });
    expect(invite.sequence).toBeGreaterThan(request.sequence);
    expect(miaCancel!.text).not.toMatch(/durch/);
  });

  it("confirms a registration with METHOD:REQUEST and sends the changed invitation when the time changes", async () => {
    const sessionId = sessionOf("OZG-Prozesse gestalten");
    const peter = await signIn("projektleitung@musterstadt.example");
    await callAction(sessionRoute.action, "/", { caller: peter, params: { sessionId: String(sessionId) }, form: { intent: "register" } });
    const [confirmed] = await newMails(1);
    expect(to(confirmed!)).toBe("projektleitung@musterstadt.example");
    expect(confirmed!.subject).toMatch(/^Anmeldung bestätigt: OZG-Prozesse gestalten am \d\d\.\d\d\.\d{4}/);
    expect(confirmed!.text).toMatch(/Sie sind für die Schulung „OZG-Prozesse gestalten“ angemeldet/);
    const first = calendarOf(confirmed!)!;
    expect(first).toMatchObject({ method: "REQUEST", sequence: 0 });

    const cdo = await signIn("cdo@musterstadt.example");
    const page = await (await callLoader(editSessionRoute.loader, "/", { caller: cdo, params: { sessionId: String(sessionId) } })).json();
    const res = await callAction(editSessionRoute.action, "/", { caller: cdo, params: { sessionId: String(sessionId) }, form: { ...page.defaults, startTime: "08:30" } });
    expect(res.status).toBe(302);
    const changed = (await newMails(1))[0]!;
    // Everyone with a seat gets it; Peter's carries the next SEQUENCE of the same UID.
    const peters = [changed, ...(await sink.mails()).slice(seen)].find((m) => to(m) === "projektleitung@musterstadt.example") ?? changed;
    expect(peters.subject).toMatch(/^Termin geändert/);
    expect(peters.text).toMatch(/08:30/);
    expect(calendarOf(peters)).toMatchObject({ method: "REQUEST", uid: first.uid, sequence: 1 });
    seen = (await sink.mails()).length;
  });

  it("tells the reporter of an external training the supervisor's decision", async () => {
    const pending = db().select().from(externalTrainings).where(and(eq(externalTrainings.municipalityId, municipalityId("Musterstadt")), eq(externalTrainings.status, "pending"))).get()!;
    const peter = await signIn("projektleitung@musterstadt.example");
    const res = await callAction(externalRoute.action, "/", { caller: peter, form: { intent: "decide", id: String(pending.id), version: String(pending.version), decision: "reject", reason: "Kein Bezug zur Tätigkeit" } });
    expect(res.status).toBe(200);
    const [mail] = await newMails(1);
    expect(mail!.subject).toBe(`Externe Fortbildung abgelehnt: ${pending.title}`);
    expect(mail!.text).toMatch(/Begründung: Kein Bezug zur Tätigkeit/);
    expect(mail!.text).toContain(`${PUBLIC}/schulungen/extern`);
  });
});

describe("task and deadline mails", () => {
  it("mail the assignee only: a task for a role without a person sends nothing", async () => {
    const musterstadt = { municipalityId: municipalityId("Musterstadt") };
    const peter = userId("projektleitung@musterstadt.example");
    transaction((tx) => {
      createTask(tx, musterstadt, { title: "Förderbescheid ablegen", assigneeUserId: peter, dueDate: "2026-12-20", link: "/foerderung" });
      createTask(tx, musterstadt, { title: "Aufgabe für die Rolle", assigneeRole: "cdo" });
    });
    const [mail] = await newMails(1);
    expect(to(mail!)).toBe("projektleitung@musterstadt.example");
    expect(mail!.subject).toBe("Neue Aufgabe: Förderbescheid ablegen");
    expect(mail!.text).toMatch(/Fällig am: 20\.12\.2026/);
    expect(mail!.text).toContain(`${PUBLIC}/foerderung`);
    expect(db().select().from(mailOutbox).where(eq(mailOutbox.subject, "Neue Aufgabe: Aufgabe für die Rolle")).all()).toHaveLength(0);
  });

  it("sends the deadline reminder of the scan to the responsible person, once", async () => {
    const musterstadt = { municipalityId: municipalityId("Musterstadt") };
    const peter = userId("projektleitung@musterstadt.example");
    const due = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    transaction((tx) => scheduleDeadline(tx, musterstadt, { subjectType: "project", subjectId: 999_001, key: "mailtest", label: "Mittelabruf stellen", dueDate: due, remindDaysBefore: 7, assigneeUserId: peter }));
    scanDeadlines(db());
    scanDeadlines(db());
    const [mail] = await newMails(1);
    expect(to(mail!)).toBe("projektleitung@musterstadt.example");
    expect(mail!.subject).toBe("Frist bald fällig: Mittelabruf stellen");
    expect(mail!.text).toMatch(/Frist, für die Sie verantwortlich sind, wird bald fällig/);
    await flush();
    expect((await sink.mails()).length).toBe(seen);
  });
});

describe("outbox in the metrics", () => {
  it("counts the outbox by state, as the table holds them", async () => {
    const text = await metricsRegistry.getSingleMetricAsString("fahrplan_mail_outbox_messages");
    const rows = db().select({ state: mailOutbox.state, n: sql<number>`count(*)` }).from(mailOutbox).groupBy(mailOutbox.state).all();
    for (const state of MAIL_STATES) {
      const expected = rows.find((r) => r.state === state)?.n ?? 0;
      expect(text, state).toContain(`fahrplan_mail_outbox_messages{state="${state}"} ${expected}`);
    }
  });
});

describe("preferences", () => {
  it("off sends nothing, digest collects into one mail the next morning; the password reset comes regardless", async () => {
    const musterstadt = { municipalityId: municipalityId("Musterstadt") };
    const klaus = await signIn("kaemmerei@musterstadt.example");
    const klausId = userId("kaemmerei@musterstadt.example");
    expect((await callAction(accountRoute.action, "/konto", { caller: klaus, form: { intent: "mail", mode: "off" } })).status).toBe(302);
    transaction((tx) => createTask(tx, musterstadt, { title: "Abgeschaltet", assigneeUserId: klausId }));
    await flush();
    expect(db().select().from(mailOutbox).where(eq(mailOutbox.subject, "Neue Aufgabe: Abgeschaltet")).all()).toHaveLength(0);
    await requestPasswordReset("kaemmerei@musterstadt.example", "10.0.0.1");
    const [reset] = await newMails(1);
    expect(reset!.subject).toBe("Fahrplan: Passwort zurücksetzen");

    expect((await callAction(accountRoute.action, "/konto", { caller: klaus, form: { intent: "mail", mode: "digest" } })).status).toBe(302);
    expect((await callAction(accountRoute.action, "/konto", { caller: klaus, form: { intent: "mail", mode: "bogus" } })).status).toBe(400);
    transaction((tx) => {
      createTask(tx, musterstadt, { title: "Erste gesammelte", assigneeUserId: klausId, link: "/aufgaben" });
      createTask(tx, musterstadt, { title: "Zweite gesammelte", assigneeUserId: klausId });
    });
    await flush();
    expect(db().select().from(mailOutbox).where(and(eq(mailOutbox.recipientUserId, klausId), eq(mailOutbox.state, "held"))).all()).toHaveLength(2);
    expect(sendDigests(db(), new Date())).toBe(0); // not before the next 07:00
    expect(sendDigests(db(), new Date(Date.now() + 86_400_000))).toBe(1);
    const [digest] = await newMails(1);
    expect(to(digest!)).toBe("kaemmerei@musterstadt.example");
    expect(digest!.subject).toMatch(/Tageszusammenfassung \(2 Nachrichten\)/);
    expect(digest!.text).toMatch(/Neue Aufgabe: Erste gesammelte[\s\S]*Neue Aufgabe: Zweite gesammelte/);
    expect(sendDigests(db(), new Date(Date.now() + 86_400_000))).toBe(0);
    await callAction(accountRoute.action, "/konto", { caller: klaus, form: { intent: "mail", mode: "immediate" } });
  });
});

describe("Passwort vergessen", () => {
  const anonymous = async () => {
    const { token, setCookie } = await csrfToken(new Request("http://localhost"));
    return { userId: 0, cookie: setCookie!.split(";")[0]!, csrf: token };
  };
  const form = async (email: string, ip: string) =>
    callAction(forgotRoute.action, "/passwort-vergessen", { caller: await anonymous(), form: { email }, context: { clientAddress: ip } });

  it("answers alike for known and unknown addresses, mails a single-use link and ends all sessions", async () => {
    const t0 = Date.now();
    const known = await form("projektleitung@musterstadt.example", "10.1.0.1");
    const tKnown = Date.now() - t0;
    const t1 = Date.now();
    const unknown = await form("niemand@musterstadt.example", "10.1.0.2");
    const tUnknown = Date.now() - t1;
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(await known.json()).toEqual(await unknown.json());
    expect(Math.abs(tKnown - tUnknown)).toBeLessThan(250);

    const [mail] = await newMails(1);
    expect(to(mail!)).toBe("projektleitung@musterstadt.example");
    expect(mail!.text).toMatch(/60 Minuten gültig/);
    const link = /https:\/\/fahrplan\.musterstadt\.example\/passwort-neu\/([A-Za-z0-9_-]+)/.exec(mail!.text!)!;
    const token = link[1]!;
    // Only the hash is stored, and the sent body is gone from the outbox.
    const peter = userId("projektleitung@musterstadt.example");
    const stored = db().select().from(passwordResetTokens).where(eq(passwordResetTokens.userId, peter)).all();
    expect(stored.map((s) => s.tokenHash)).toContain(hashResetToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(db().select().from(mailOutbox).where(sql`text_body LIKE ${`%${token}%`}`).all()).toHaveLength(0);

    await signIn("projektleitung@musterstadt.example");
    expect(db().select().from(userSessions).where(eq(userSessions.userId, peter)).all().length).toBeGreaterThan(0);
    const page = await (await callLoader(newPasswordRoute.loader, "/", { params: { token } })).json();
    expect(page.valid).toBe(true);
    const short = await callAction(newPasswordRoute.action, "/", { caller: await anonymous(), params: { token }, form: { newPassword: "kurz", repeatPassword: "kurz" }, context: { clientAddress: "10.1.0.1" } });
    expect(short.status).toBe(400);
    const ok = await callAction(newPasswordRoute.action, "/", { caller: await anonymous(), params: { token }, form: { newPassword: "ein ganz neues Passwort", repeatPassword: "ein ganz neues Passwort" }, context: { clientAddress: "10.1.0.1" } });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe("/login?hinweis=passwort-neu");
    expect(db().select().from(userSessions).where(eq(userSessions.userId, peter)).all()).toHaveLength(0);
    const { attemptLogin } = await import("~/areas/auth/login.server");
    expect((await attemptLogin("projektleitung@musterstadt.example", "ein ganz neues Passwort", "10.1.0.1")).ok).toBe(true);

    // Reuse refused.
    const again = await callAction(newPasswordRoute.action, "/", { caller: await anonymous(), params: { token }, form: { newPassword: "noch ein anderes Passwort", repeatPassword: "noch ein anderes Passwort" }, context: { clientAddress: "10.1.0.1" } });
    expect(again.status).toBe(400);
    expect(JSON.stringify(await again.json())).toMatch(/nicht mehr gültig/);
    expect((await (await callLoader(newPasswordRoute.loader, "/", { params: { token } })).json()).valid).toBe(false);
    const audit = db().all<{ action: string }>(sql`SELECT action FROM audit_log WHERE entity = 'user' AND entity_id = ${String(peter)} ORDER BY id`).map((a) => a.action);
    expect(audit).toEqual(expect.arrayContaining(["request_password_reset", "reset_password"]));
  });

  it("refuses a link older than 60 minutes", async () => {
    await requestPasswordReset("cdo@musterstadt.example", "10.2.0.1", Date.now() - 61 * 60_000);
    const [mail] = await newMails(1);
    const token = /passwort-neu\/([A-Za-z0-9_-]+)/.exec(mail!.text!)![1]!;
    expect(checkResetToken(token)).toBeUndefined();
    await expect(resetPassword(token, "ein ganz neues Passwort", "10.2.0.1")).rejects.toThrow();
    expect(db().select().from(users).where(eq(users.email, "cdo@musterstadt.example")).get()!.version).toBeGreaterThan(0);
  });

  it("limits requests per address and per client", async () => {
    for (let i = 0; i < 3; i++) expect((await form("viel@musterstadt.example", `10.3.0.${i}`)).status).toBe(200);
    const limited = await form("viel@musterstadt.example", "10.3.0.9");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("Retry-After")).toMatch(/^\d+$/);
    for (let i = 0; i < 10; i++) await form(`person${i}@beispiel.example`, "10.4.0.1");
    expect((await form("noch-jemand@beispiel.example", "10.4.0.1")).status).toBe(429);
    const bad = await form("keine-adresse", "10.5.0.1");
    expect(bad.status).toBe(400);
  });
});
