import { type ChildProcess, spawn } from "node:child_process";
import { eq, inArray, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mailOutbox } from "../../db/schema";
import * as outboxRoute from "~/routes/_app.verwaltung.postausgang";
import { databasePath, getDb, transaction } from "~/utils/db.server";
import { enqueueMail } from "~/utils/mail/outbox.server";
import { MAIL_SENDER_JOB, deliverDueMails, smtpTransport } from "~/utils/mail/sender.server";
import { municipalityId } from "../support/foundation";
import { callAction, callLoader, signIn } from "../support/requests";
import { type SmtpSink, startSmtpSink } from "../support/smtp";

// The outbox sender: waiting without SMTP, retry with backoff, and no loss or duplicate across kill -9.

const db = () => getDb();
const sinks: SmtpSink[] = [];
const children: ChildProcess[] = [];

function queue(n: number, label: string): number[] {
  return transaction((tx) =>
    Array.from({ length: n }, (_, i) =>
      enqueueMail(tx, {
        municipalityId: municipalityId("Musterstadt"),
        kind: "taskAssigned",
        to: { userId: null, email: `person${i}@musterstadt.example`, name: `Person ${i}` },
        content: { subject: `${label} ${i}`, greeting: "Guten Tag,", paragraphs: ["Inhalt ".repeat(2000)], footer: "Fahrplan" },
      })!,
    ),
  );
}

beforeEach(() => {
  // Only the mails of each test are due.
  db().update(mailOutbox).set({ state: "sent" }).where(sql`state IN ('pending', 'held', 'sending')`).run();
});
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  for (const s of sinks.splice(0)) await s.stop();
  delete process.env.SMTP_URL;
});

describe("outbox sender", () => {
  it("keeps mails waiting without SMTP_URL; admins see them with state and attempts", async () => {
    const [id] = queue(1, "Wartet");
    await MAIL_SENDER_JOB.run();
    expect(db().select().from(mailOutbox).where(eq(mailOutbox.id, id!)).get()!.state).toBe("pending");
    const admin = await signIn("admin@fahrplan.example", "Musterstadt");
    const page = await (await callLoader(outboxRoute.loader, "/verwaltung/postausgang", { caller: admin })).json();
    expect(page.smtpConfigured).toBe(false);
    expect(page.rows.find((r: { id: number }) => r.id === id)).toMatchObject({ state: "pending", attempts: 0, subject: "Wartet 0" });
    expect(JSON.stringify(page)).not.toContain("Inhalt Inhalt");
    const staff = await signIn("mitarbeiter@musterstadt.example");
    expect((await callLoader(outboxRoute.loader, "/verwaltung/postausgang", { caller: staff })).status).toBe(403);
    db().update(mailOutbox).set({ state: "sent" }).where(eq(mailOutbox.id, id!)).run();
  });

  it("retries after an SMTP failure with backoff, records the error, and the admin can retry a failed mail", async () => {
    const sink = await startSmtpSink({ failFirst: 1 });
    sinks.push(sink);
    const [id] = queue(1, "Wiederholung");
    const options = { transport: smtpTransport(sink.url), from: "fahrplan@musterstadt.example", backoffBaseMs: 30_000 };
    const first = await deliverDueMails(db(), { ...options, now: () => Date.now() });
    expect(first).toMatchObject({ sent: 0, retried: 1 });
    const row = db().select().from(mailOutbox).where(eq(mailOutbox.id, id!)).get()!;
    expect(row).toMatchObject({ state: "pending", attempts: 1 });
    expect(row.lastError).toMatch(/451/);
    expect(row.nextAttemptAt).toBeGreaterThan(Date.now() + 25_000);
    // Not due before the backoff has passed; then delivered once.
    expect(await deliverDueMails(db(), { ...options, now: () => Date.now() })).toMatchObject({ sent: 0, retried: 0 });
    expect(await deliverDueMails(db(), { ...options, now: () => Date.now() + 31_000 })).toMatchObject({ sent: 1 });
    const mails = await sink.waitForMails(1);
    expect(mails[0]!.messageId).toBe(row.messageId);
    expect(db().select().from(mailOutbox).where(eq(mailOutbox.id, id!)).get()).toMatchObject({ state: "sent", textBody: "", htmlBody: "" });

    // A failed mail goes back to the queue through "Erneut senden" (audited), a sent one does not.
    db().update(mailOutbox).set({ state: "failed", lastError: "550 Postfach unbekannt" }).where(eq(mailOutbox.id, id!)).run();
    const admin = await signIn("admin@fahrplan.example", "Musterstadt");
    const retry = await callAction(outboxRoute.action, "/verwaltung/postausgang", { caller: admin, form: { id: String(id) } });
    expect(retry.status).toBe(302);
    expect(db().select().from(mailOutbox).where(eq(mailOutbox.id, id!)).get()).toMatchObject({ state: "pending", attempts: 0 });
    db().update(mailOutbox).set({ state: "sent" }).where(eq(mailOutbox.id, id!)).run();
    expect((await callAction(outboxRoute.action, "/verwaltung/postausgang", { caller: admin, form: { id: String(id) } })).status).toBe(400);
    expect((await callAction(outboxRoute.action, "/verwaltung/postausgang", { caller: admin, form: { id: "abc" } })).status).toBe(400);
  });

  it("loses none and sends none twice when the sending process is killed with SIGKILL mid-delivery", async () => {
    const sink = await startSmtpSink({ stallMessage: 3 });
    sinks.push(sink);
    const ids = queue(6, "Absturz");
    const start = () => {
      const child = spawn(process.execPath, ["--import", "tsx", "test/support/mail-sender-process.ts"], {
        env: { ...process.env, DATABASE_PATH: databasePath(), SMTP_URL: sink.url, DISABLE_JOBS: "false" },
        stdio: ["ignore", "ignore", "inherit"],
      });
      children.push(child);
      return child;
    };
    const first = start();
    await sink.stalled;
    const exited = new Promise((r) => first.once("exit", r));
    first.kill("SIGKILL");
    await exited;
    const states = db().select({ id: mailOutbox.id, state: mailOutbox.state }).from(mailOutbox).where(inArray(mailOutbox.id, ids)).all();
    expect(states.filter((s) => s.state === "sent")).toHaveLength(2);
    expect(states.filter((s) => s.state === "sending")).toHaveLength(1);
    expect((await sink.mails()).length).toBe(2);

    const restartedAt = Date.now();
    start();
    const mails = await sink.waitForMails(6, 10_000);
    expect(Date.now() - restartedAt).toBeLessThan(10_000);
    // Give a duplicate the chance to show up before counting.
    await new Promise((r) => setTimeout(r, 500));
    const all = await sink.mails();
    expect(all).toHaveLength(6);
    const expected = db().select({ messageId: mailOutbox.messageId }).from(mailOutbox).where(inArray(mailOutbox.id, ids)).all().map((r) => r.messageId);
    expect(all.map((m) => m.messageId).sort()).toEqual(expected.sort());
    expect(new Set(all.map((m) => m.subject)).size).toBe(6);
    expect(mails).toHaveLength(6);
    expect(db().select().from(mailOutbox).where(inArray(mailOutbox.id, ids)).all().every((r) => r.state === "sent")).toBe(true);
  });
});
