import crypto from "node:crypto";
import { createCookie } from "@remix-run/node";
import { eq, lt, sql } from "drizzle-orm";
import { userSessions } from "../../db/schema";
import { getDb, preparedQuery } from "./db.server";
import { sessionSecret } from "./secrets.server";
import { env } from "./env.server";
import { noteRequestUser } from "./request-context.server";

/** Sessions end after this much inactivity (SESSION_IDLE_MINUTES, default 30). */
export function idleTimeoutMs(): number {
  return env().SESSION_IDLE_MINUTES * 60_000;
}

/** lastSeenAt is refreshed at most this often, to keep reads from writing on every request. */
const TOUCH_INTERVAL_MS = 60_000;

export function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === "https:";
}

function sessionCookie(request: Request) {
  return createCookie("fahrplan_session", {
    httpOnly: true,
    sameSite: "lax",
    secure: isHttps(request),
    path: "/",
    secrets: [sessionSecret()],
  });
}

export interface SessionRow {
  id: string;
  userId: number;
  municipalityId: number | null;
}

export async function readSession(request: Request): Promise<SessionRow | null> {
  const id = await sessionCookie(request).parse(request.headers.get("Cookie"));
  if (typeof id !== "string") return null;
  const row = preparedQuery("session.read", (db) =>
    db.select().from(userSessions).where(eq(userSessions.id, sql.placeholder("id"))).prepare(),
  ).get({ id });
  if (!row) return null;
  const db = getDb();
  const now = Date.now();
  if (now - row.lastSeenAt > idleTimeoutMs()) {
    db.delete(userSessions).where(eq(userSessions.id, id)).run();
    return null;
  }
  if (now - row.lastSeenAt > TOUCH_INTERVAL_MS) {
    db.update(userSessions).set({ lastSeenAt: now }).where(eq(userSessions.id, id)).run();
  }
  noteRequestUser(row.userId);
  return { id: row.id, userId: row.userId, municipalityId: row.municipalityId };
}

/** Creates a session and returns the Set-Cookie header value. */
export async function startSession(
  request: Request,
  userId: number,
  municipalityId: number | null,
): Promise<string> {
  return (await createSession(request, userId, municipalityId)).cookie;
}

/** Creates a session and returns its id (for records that belong to it) and the Set-Cookie value. */
export async function createSession(request: Request, userId: number, municipalityId: number | null): Promise<{ id: string; cookie: string }> {
  const id = crypto.randomBytes(32).toString("base64url");
  const db = getDb();
  db.delete(userSessions).where(lt(userSessions.lastSeenAt, Date.now() - idleTimeoutMs())).run();
  db.insert(userSessions).values({ id, userId, municipalityId, lastSeenAt: Date.now() }).run();
  return { id, cookie: await sessionCookie(request).serialize(id) };
}

export function setSessionMunicipality(sessionId: string, municipalityId: number): void {
  getDb().update(userSessions).set({ municipalityId }).where(eq(userSessions.id, sessionId)).run();
}

export async function endSession(request: Request, sessionId: string | null): Promise<string> {
  if (sessionId) getDb().delete(userSessions).where(eq(userSessions.id, sessionId)).run();
  return sessionCookie(request).serialize("", { maxAge: 0 });
}
